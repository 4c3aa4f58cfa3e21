/**
 * The policy pass: the one place where rule levels (`.cmmc.yaml` `rules`, the editor's
 * `cmmc.rules`) and inline suppressions are applied to a document's findings. The analyzer runs
 * it on every analysis, so diagnostics, the CLI's text, JSON and SARIF all see the same result.
 * - a level changes a finding's severity, `off` drops it; an error that cites 32 CFR 170.21(a)
 *   keeps its level whatever is asked (config.ts reports the attempt);
 * - a valid suppression (known code, justification given) moves the findings of its code on the
 *   next line into `suppressed`; one that is invalid or matches nothing is itself a finding;
 *   regulatory errors cannot be suppressed (the regulation allows no exception);
 * - each finding gets its `subject`: the practice or POA&M item it is about (for fingerprints).
 */
import type { RuleLevel } from '../config/config';
import { isRegulatoryError } from '../config/config';
import { closest } from '../config/closest';
import type { Finding } from '../documents/findings';
import type { CmmcDoc } from '../documents/model';
import { scanSuppressions } from '../documents/suppressions';
import type { Syntax } from '../documents/model';
import { RULES, ruleFor } from '../rules';
import { configRegulatory, suppressionInvalid, suppressionUnused } from '../rules/team';

/** What the policy pass leaves: the findings in force and the suppressed ones. */
export interface PolicyResult {
  readonly findings: Finding[];
  readonly suppressed: Finding[];
}

/** The level a code ends up with: `wanted` unless that would lower a regulatory error. */
export function effectiveLevel(code: string, wanted: RuleLevel | undefined): RuleLevel | undefined {
  if (!wanted) return undefined;
  const rule = ruleFor(code);
  if (rule && isRegulatoryError(rule) && wanted !== 'error') return undefined;
  return wanted;
}

/** Apply levels and suppressions to the findings of one document. */
export function applyPolicy(
  text: string,
  syntax: Syntax,
  model: CmmcDoc | undefined,
  findings: readonly Finding[],
  levels: ReadonlyMap<string, RuleLevel>,
): PolicyResult {
  // Most documents have no suppression: then no line table is built and no line is scanned.
  const scanned = text.includes('cmmc-disable-next-line') ? scanSuppressions(text, syntax) : [];
  const lineStarts = [0];
  if (scanned.length) for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const own: Finding[] = [];
  const byLine = new Map<number, Map<string, { justification: string; used: boolean; span: Finding['span']; code: string }>>();
  const entries: { justification: string; used: boolean; span: Finding['span']; code: string }[] = [];
  for (const s of scanned) {
    if (s.codes.length === 0) {
      own.push(finding(suppressionInvalid.code, s.span, 'cmmc-disable-next-line names no code: write `cmmc-disable-next-line <code> -- <justification>`'));
      continue;
    }
    if (!s.justification) {
      own.push(
        finding(
          suppressionInvalid.code,
          s.span,
          `suppression of ${s.codes.join(', ')} has no justification: add \` -- <why this is accepted>\` so an assessor can read it`,
        ),
      );
      continue;
    }
    for (const code of s.codes) {
      const rule = ruleFor(code);
      if (!rule) {
        const hint = closest(
          code,
          RULES.map((r) => r.code),
        );
        own.push(finding(suppressionInvalid.code, s.span, `suppression names an unknown code "${code}"${hint ? `: did you mean "${hint}"?` : ''}`));
        continue;
      }
      if (isRegulatoryError(rule)) {
        own.push(
          finding(suppressionInvalid.code, s.span, `"${code}" cannot be suppressed: it enforces 32 CFR ${rule.paragraphs[0]}, which allows no exception`),
        );
        continue;
      }
      const entry = { justification: s.justification, used: false, span: s.span, code };
      entries.push(entry);
      const line = byLine.get(s.targetLine) ?? new Map();
      line.set(code, entry);
      byLine.set(s.targetLine, line);
    }
  }
  const active: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const f of findings) {
    const level = effectiveLevel(f.code, levels.get(f.code));
    if (level === 'off') continue;
    const adjusted: Finding = { ...f, severity: level ?? f.severity, subject: f.subject ?? subjectOf(model, f.span.start) };
    const s = byLine.size ? byLine.get(lineOf(f.span.start))?.get(f.code) : undefined;
    if (s && f.code !== configRegulatory.code) {
      s.used = true;
      suppressed.push({ ...adjusted, suppressed: { justification: s.justification } });
    } else {
      active.push(adjusted);
    }
  }
  for (const e of entries) {
    // A code turned off has no findings to match: its suppressions are not "unused" noise.
    if (!e.used && effectiveLevel(e.code, levels.get(e.code)) !== 'off') {
      own.push(finding(suppressionUnused.code, e.span, `suppression of ${e.code} matches no finding on the next line: remove it`));
    }
  }
  for (const f of own) {
    const level = effectiveLevel(f.code, levels.get(f.code));
    if (level !== 'off') active.push({ ...f, severity: level ?? f.severity });
  }
  active.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.code.localeCompare(b.code));
  return { findings: active, suppressed };
}

function finding(code: string, span: Finding['span'], message: string): Finding {
  return { code, severity: ruleFor(code)?.severity ?? 'error', message, span };
}

/** The practice (SSP) or item (POA&M: its id, else its practice) whose entry holds `offset`. */
export function subjectOf(model: CmmcDoc | undefined, offset: number): string | undefined {
  if (!model) return undefined;
  if (model.kind === 'ssp') {
    return model.practices.find((p) => p.span.start <= offset && offset < p.span.end)?.id.value;
  }
  const item = model.items.find((i) => i.span.start <= offset && offset < i.span.end);
  return item ? (item.id?.value ?? item.practice?.value ?? `#${item.index + 1}`) : undefined;
}
