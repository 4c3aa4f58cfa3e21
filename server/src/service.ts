/**
 * The CMMC language service: text in, findings out. It knows nothing about LSP or the file
 * system; the editor's world comes in through a Workspace (open buffers or disk) and Settings.
 * The server, the CLI and the tests all build one with createCmmcService().
 */
import { localToday, parseDay } from './documents/dates';
import { withoutImplied } from './documents/implied';
import type { Finding } from './documents/findings';
import type { PoamDoc, SspDoc } from './documents/model';
import { reparseCmmcDocument, type ParsedDocument } from './documents/parse';
import type { Span } from './documents/tree';
import { RULES } from './rules';
import type { Linked, PoamContext, RuleInfo, SspContext, SspLink } from './rules/rule';
import { scoreSsp, type SspScore } from './domain/scoring';
import { cite } from './regulation/citations';

export interface Workspace {
  /** The text of a document: the open buffer if any, else the file; undefined when unreadable. */
  read(uri: string): string | undefined;
  /** Every document the checks may look at, for finding the POA&Ms that link an SSP. */
  uris(): Iterable<string>;
  /** A version that changes whenever the text changes (open buffers); omit to compare texts. */
  version?(uri: string): number | undefined;
}

export interface Settings {
  /** `YYYY-MM-DD`; empty or absent means the machine's date. */
  readonly today?: string;
  /** Days before the closeout date that `poam-closeout-due-soon` starts (default 30). */
  readonly closeoutWarningDays?: number;
}

export interface Analysis {
  readonly parsed: ParsedDocument;
  readonly findings: readonly Finding[];
  /** SSP: its score; POA&M: the linked SSP's score, if any. */
  readonly score?: SspScore;
  /** POA&M only: the state of the `ssp:` link. */
  readonly ssp?: SspLink;
  /** SSP only: the POA&Ms that link it. */
  readonly poams?: readonly Linked<PoamDoc>[];
  /** Today's day number used for this analysis. */
  readonly today: number;
}

export interface CmmcService {
  /** Parse (cached per text) a document; undefined when it is not an SSP or POA&M. */
  parse(uri: string): ParsedDocument | undefined;
  /** Parse and check a document with every rule. */
  analyze(uri: string): Analysis | undefined;
  /** The findings of a document (empty for files that are not ours). */
  validate(uri: string): readonly Finding[];
  /** Today's day number under the current settings. */
  today(): number;
  /** Settings in force. */
  settings(): Settings;
  /** Drop cached parses (all, or one document). */
  forget(uri?: string): void;
}

export interface ServiceOptions {
  readonly workspace: Workspace;
  readonly settings?: () => Settings;
  /** Where a failing rule is reported (it never takes the others down). */
  readonly log?: (message: string) => void;
}

/** Normalise a file URI so links and document URIs compare equal. */
export function normalizeUri(uri: string): string {
  try {
    const u = new URL(uri);
    return u.protocol === 'file:' ? u.href.replace(/%3A/gi, ':') : uri;
  } catch {
    return uri;
  }
}

export function createCmmcService(options: ServiceOptions): CmmcService {
  const { workspace } = options;
  const settings: () => Settings = options.settings ?? (() => ({}));
  const log = options.log ?? (() => undefined);
  const cache = new Map<string, { key: number | string; parsed: ParsedDocument | undefined }>();

  function today(): number {
    const t = settings().today;
    const day = t ? parseDay(t) : undefined;
    return day ?? localToday();
  }

  function parse(uri: string): ParsedDocument | undefined {
    const version = workspace.version?.(uri);
    const hit = cache.get(uri);
    if (hit && version !== undefined && hit.key === version) return hit.parsed;
    const text = workspace.read(uri);
    if (text === undefined) {
      cache.delete(uri);
      return undefined;
    }
    if (hit && hit.key === text) return hit.parsed;
    let parsed: ParsedDocument | undefined;
    try {
      // The previous parse of this document is reused where only one entry changed.
      parsed = reparseCmmcDocument(hit?.parsed, uri, text);
    } catch (e) {
      log(`cmmc: parsing ${uri} failed: ${(e as Error).stack ?? e}`);
      parsed = undefined;
    }
    cache.set(uri, { key: version ?? text, parsed });
    return parsed;
  }

  function linkedSsp(uri: string, doc: PoamDoc): SspLink {
    if (!doc.ssp) return { state: 'none' };
    let target: string;
    try {
      target = normalizeUri(new URL(doc.ssp.value, uri).href);
    } catch {
      return { state: 'missing', reason: `The SSP link "${doc.ssp.value}" is not a valid path` };
    }
    if (target === normalizeUri(uri)) return { state: 'missing', reason: 'The SSP link points at this POA&M itself' };
    const parsed = parse(target);
    if (!parsed) {
      return workspace.read(target) === undefined
        ? { state: 'missing', reason: `The linked SSP "${doc.ssp.value}" cannot be read` }
        : { state: 'missing', reason: `"${doc.ssp.value}" is not an SSP document (name it *.ssp.yaml or give it \`kind: ssp\`)` };
    }
    const broken = parsed.kind === 'ssp' && !parsed.model ? parsed.findings.find((f) => f.code === 'syntax') : undefined;
    if (broken) {
      const line = parsed.text.slice(0, broken.span.start).split('\n').length;
      return { state: 'missing', reason: `The linked SSP "${doc.ssp.value}" has syntax errors (first at line ${line})`, advice: 'Fix the SSP first.' };
    }
    if (parsed.kind !== 'ssp' || !parsed.model || parsed.model.kind !== 'ssp') {
      return { state: 'missing', reason: parsed.kind !== 'ssp' ? `"${doc.ssp.value}" is a POA&M, not an SSP` : `The linked SSP "${doc.ssp.value}" does not parse` };
    }
    return { state: 'ok', uri: target, doc: parsed.model, score: scoreSsp(parsed.model) };
  }

  function linkingPoams(uri: string): Linked<PoamDoc>[] {
    const self = normalizeUri(uri);
    const out: Linked<PoamDoc>[] = [];
    for (const other of workspace.uris()) {
      if (normalizeUri(other) === self) continue;
      // A document whose text never says "ssp" cannot link an SSP: skip parsing it (a large
      // workspace would otherwise be parsed whole, and kept, the first time an SSP is checked).
      if (!cache.has(other) && !(workspace.read(other) ?? '').includes('ssp')) continue;
      const p = parse(other);
      if (!p?.model || p.model.kind !== 'poam' || !p.model.ssp) continue;
      try {
        if (normalizeUri(new URL(p.model.ssp.value, other).href) === self) out.push({ uri: other, doc: p.model });
      } catch {
        /* an invalid link is reported on the POA&M */
      }
    }
    return out;
  }

  /**
   * The last analysis of each document, reused while nothing it depends on changed: its parse,
   * the parses of the documents it links (or that link it), today and the warning window.
   */
  const analyses = new Map<string, { deps: unknown[]; analysis: Analysis }>();

  function sameDeps(a: unknown[], b: unknown[]): boolean {
    return a.length === b.length && a.every((x, i) => x === b[i]);
  }

  function analyze(uri: string): Analysis | undefined {
    const parsed = parse(uri);
    if (!parsed) {
      analyses.delete(uri);
      return undefined;
    }
    const deps: unknown[] = [parsed, today(), settings().closeoutWarningDays];
    if (parsed.model?.kind === 'poam') {
      const link = linkedSsp(uri, parsed.model);
      deps.push(link.state === 'ok' ? link.doc : link.state);
    } else if (parsed.model?.kind === 'ssp') {
      for (const p of linkingPoams(uri)) deps.push(p.doc);
    }
    const hit = analyses.get(uri);
    if (hit && sameDeps(hit.deps, deps)) return hit.analysis;
    const analysis = analyzeNow(uri, parsed);
    analyses.set(uri, { deps, analysis });
    return analysis;
  }

  function analyzeNow(uri: string, parsed: ParsedDocument): Analysis {
    const day = today();
    const findings: Finding[] = [...parsed.findings];
    const model = parsed.model;
    if (!model) return { parsed, findings, today: day };
    const warningDays = Math.max(0, Math.floor(settings().closeoutWarningDays ?? 30));
    const report = (rule: RuleInfo, span: Span, message: string, extra?: { paragraph?: string; data?: Record<string, unknown> }) => {
      const paragraph = extra?.paragraph ?? rule.paragraphs[0];
      findings.push({
        code: rule.code,
        severity: rule.severity,
        message: paragraph ? `${message} (${cite(paragraph).label})` : message,
        span,
        paragraph,
        data: extra?.data,
      });
    };
    const run = (rule: RuleInfo, check: () => void) => {
      try {
        check();
      } catch (e) {
        log(`cmmc: rule ${rule.code} failed on ${uri}: ${(e as Error).stack ?? e}`);
      }
    };
    if (model.kind === 'ssp') {
      const score = scoreSsp(model);
      const poams = linkingPoams(uri);
      const ctx: SspContext = { uri, today: day, warningDays, report, doc: model as SspDoc, level: model.level?.value, score, poams };
      for (const rule of RULES) {
        if (rule.appliesTo === 'ssp' || rule.appliesTo === 'any') run(rule, () => rule.check(ctx));
      }
      return { parsed, findings: sortFindings(withoutImplied(findings, model)), score, poams, today: day };
    }
    const ssp = linkedSsp(uri, model);
    const ctx: PoamContext = { uri, today: day, warningDays, report, doc: model, level: model.level?.value, ssp };
    for (const rule of RULES) {
      if (rule.appliesTo === 'poam' || rule.appliesTo === 'any') run(rule, () => rule.check(ctx));
    }
    return { parsed, findings: sortFindings(withoutImplied(findings, model)), score: ssp.state === 'ok' ? ssp.score : undefined, ssp, today: day };
  }

  return {
    parse,
    analyze,
    validate: (uri) => analyze(uri)?.findings ?? [],
    today,
    settings,
    forget(uri) {
      if (uri) {
        cache.delete(uri);
        analyses.delete(uri);
      } else {
        cache.clear();
        analyses.clear();
      }
    },
  };
}

function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.code.localeCompare(b.code));
}
