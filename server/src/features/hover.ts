/**
 * Hover (SPEC 3): on a practice id, what the requirement is, what it is worth and whether it may
 * go on a POA&M (and why, with the paragraph); on `deadline` / `conditional_status_date`, the
 * closeout date and the days left; on a finding, the rule in plain words with its citation.
 * Several apply at once (an excluded id with its finding): the sections are stacked.
 */
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import { requirement, type Level, type Requirement } from '../catalog/requirements';
import { formatDay, parseDay } from '../documents/dates';
import type { Finding } from '../documents/findings';
import type { Located } from '../documents/model';
import type { Span } from '../documents/tree';
import { cite, type Citation } from '../regulation/citations';
import { ruleFor } from '../rules';
import { closeoutDay, CLOSEOUT_DAYS } from '../domain/clock';
import { deferral } from '../domain/deferral';
import { deduction, scoredMet } from '../domain/scoring';
import type { Analysis } from '../analysis/analyzer';
import { practiceIdAt, type IdAt } from './locate';
import { rangeOf, textDocumentOf, touches } from './text';

/** `[32 CFR 170.21(b)](https://www.ecfr.gov/...)`. */
export function citationLink(c: Citation): string {
  return `[${c.label}](${c.url})`;
}

/**
 * Document text inside hover markdown: markdown's punctuation backslash-escaped and line breaks
 * folded, so a crafted value shows as the characters it is, never as a link, an
 * image, HTML or a heading.
 */
export function plain(text: string): string {
  // Folded onto the label's line, the text never starts a line, so `-`, `+`, `=` stay as they are.
  return text.replace(/\s+/g, ' ').replace(/[\\`*_{}[\]()<>#!|~&:.@$%^]/g, (c) => `\\${c}`);
}

/** "42 days left", "1 day left", "today", "3 days ago". */
export function daysLeft(days: number): string {
  if (days === 0) return 'today';
  if (days > 0) return `${days} day${days === 1 ? '' : 's'} left`;
  return `${-days} day${days === -1 ? '' : 's'} ago`;
}

/** The hover at `position`, or null when there is nothing to say. */
export function hover(analysis: Analysis | undefined, position: Position): Hover | null {
  if (!analysis) return null;
  const parsed = analysis.parsed;
  const doc = textDocumentOf(parsed);
  const offset = doc.offsetAt(position);
  const sections: string[] = [];
  let range: Span | undefined;

  const id = practiceIdAt(parsed, offset);
  const req = id && requirement(id.id);
  if (id && req) {
    sections.push(practiceSection(req, id, analysis));
    range = id.span;
  }

  const date = dateSection(analysis, offset);
  if (date) {
    sections.push(date.text);
    range ??= date.span;
  }

  const seen = new Set<string>();
  for (const f of analysis.findings) {
    if (!touches(f.span, offset) || seen.has(f.code)) continue;
    const text = findingSection(f);
    if (!text) continue;
    seen.add(f.code);
    sections.push(text);
    range ??= f.span;
  }

  if (sections.length === 0) return null;
  return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') }, range: range && rangeOf(doc, range) };
}

// ---- practice ids -----------------------------------------------------------------------------

function practiceSection(req: Requirement, at: IdAt, analysis: Analysis): string {
  const model = analysis.parsed.model;
  const docLevel = model?.level?.value;
  const lines = [
    `**${req.id}** · ${req.title}`,
    `${req.family} · Level ${req.level} · ${req.level === 3 ? 'NIST SP 800-172' : 'NIST SP 800-171'} ${req.nist}`,
    `**Points:** ${pointsText(req)}`,
  ];
  if (at.practice) {
    const p = at.practice;
    if (p.status) {
      const met = scoredMet(p, analysis.score?.planCredit ?? true);
      const lost = met || req.level === 1 ? 0 : deduction(req, p);
      const plan = p.operationalPlan && met ? ' (covered by an operational plan of action: scored met)' : '';
      lines.push(`**In this SSP:** ${plain(p.status.value)}${plan}${!met && req.level !== 1 ? ` — deducts ${lost} point${lost === 1 ? '' : 's'}` : ''}`);
    }
  }
  const encryption = at.item?.encryption?.value ?? at.practice?.encryption?.value;
  lines.push(`**POA&M:** ${eligibilityText(req, docLevel, encryption)}`);
  return lines.join('  \n');
}

function pointsText(req: Requirement): string {
  if (req.level === 1) return `none — Level 1 is all or nothing, every requirement must be met (${citationLink(cite('170.24(c)(1)'))})`;
  if (req.level === 3) return `1 of the 24 Level 3 points (${citationLink(cite('170.24(c)(3)'))})`;
  const basis = req.pointsParagraph ? ` (${citationLink(cite(req.pointsParagraph))})` : '';
  if (req.points === 0) return `0 — no point value, but it must still be met${basis}`;
  if (req.partial) {
    const paragraph = req.partial.field === 'mfa' ? '170.24(c)(2)(i)(B)(4)(i)' : '170.24(c)(2)(i)(B)(4)(ii)';
    return `${req.points}, or ${req.partial.points} with \`${req.partial.field}: ${req.partial.value}\` (partial credit, ${citationLink(cite(paragraph))})`;
  }
  return `${req.points}${basis}`;
}

function eligibilityText(req: Requirement, docLevel: Level | undefined, encryption?: string): string {
  const level = docLevel ?? req.level;
  const d = deferral(req, level, encryption);
  if (d.deferrable) {
    const why =
      req.poam === 'conditional'
        ? 'encryption is employed but not FIPS-validated'
        : level === 3
          ? 'a Level 3 requirement, subject to the 20-of-24 score threshold'
          : 'a 1-point requirement, subject to the 88-of-110 score threshold';
    return `may be deferred (${why}) — ${citationLink(cite(req.poamParagraph))}`;
  }
  const c = cite(d.paragraph);
  switch (d.reason) {
    case 'level1':
      return `not permitted — Level 1 allows no POA&M (${citationLink(c)})`;
    case 'wrong-level':
      return `not on a Level ${level} POA&M — it is a Level ${req.level} requirement${level === 3 ? ' and Final Level 2 is a prerequisite for Level 3' : ''} (${citationLink(c)})`;
    case 'excluded':
      return `**never deferrable** — the rule names it; it must be met at assessment (${citationLink(c)})`;
    case 'points':
      return req.poam === 'conditional'
        ? `only with \`encryption: not-fips-validated\` (encryption employed but not FIPS-validated); otherwise worth ${req.points} points and it must be met (${citationLink(c)})`
        : `not deferrable — worth ${req.points} points; only 1-point requirements may be deferred (${citationLink(c)})`;
  }
}

// ---- dates --------------------------------------------------------------------------------------

function on(located: Located<string> | undefined, offset: number): boolean {
  return !!located && (touches(located.span, offset) || (!!located.keySpan && touches(located.keySpan, offset)));
}

function dateSection(analysis: Analysis, offset: number): { text: string; span: Span } | undefined {
  const model = analysis.parsed.model;
  if (model?.kind !== 'poam') return undefined;
  const today = analysis.today;
  const closeout = closeoutDay(model);
  const clause = citationLink(cite('170.21(b)'));
  const closeoutLine =
    closeout === undefined
      ? undefined
      : `**Closeout date:** ${formatDay(closeout)} (conditional_status_date + ${CLOSEOUT_DAYS} days) — ${daysLeft(closeout - today)}`;
  if (on(model.conditionalDate, offset)) {
    const c = model.conditionalDate!;
    if (closeout === undefined) {
      return { text: `\`conditional_status_date\` ${plain(c.value)} is not a valid date, so there is no closeout date yet.`, span: c.span };
    }
    return { text: `${closeoutLine}  \nEvery item must be closed out by then, or Conditional status expires (${clause}).`, span: c.span };
  }
  for (const item of model.items) {
    if (!on(item.deadline, offset)) continue;
    const d = item.deadline!;
    const day = parseDay(d.value);
    if (day === undefined) return undefined;
    const lines = [`**Deadline:** ${plain(d.value)} — ${daysLeft(day - today)}`];
    if (closeoutLine) {
      const margin = closeout! - day;
      lines.push(closeoutLine);
      lines.push(
        margin >= 0
          ? `The deadline is ${margin} day${margin === 1 ? '' : 's'} before the closeout date (${clause}).`
          : `The deadline is ${-margin} day${margin === -1 ? '' : 's'} **after** the closeout date: move it to ${formatDay(closeout!)} or earlier (${clause}).`,
      );
    } else {
      lines.push(`No \`conditional_status_date\` yet: the closeout date is 180 days after it (${clause}).`);
    }
    return { text: lines.join('  \n'), span: d.span };
  }
  return undefined;
}

// ---- findings -----------------------------------------------------------------------------------

function findingSection(f: Finding): string | undefined {
  const rule = ruleFor(f.code);
  if (!rule) return undefined;
  const paragraph = f.paragraph ?? rule.paragraphs[0];
  const parts = [`**${rule.code}** · ${rule.title}`, rule.explain];
  if (paragraph) {
    const c = cite(paragraph);
    parts.push(`${citationLink(c)}: ${c.summary}`);
  }
  return parts.join('\n\n');
}
