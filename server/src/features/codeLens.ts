/**
 * CodeLens and the status-bar text: the score on an SSP ("Score 97 of 110 · conditional
 * eligible") and the closeout countdown on a POA&M ("Closeout 2025-09-11 · 42 days left ·
 * 3 open items", or "closed out 2025-08-20: Final Level 2" once a valid closeout is recorded).
 * Both read the analysis the diagnostics came from.
 */
import type { CodeLens } from 'vscode-languageserver';
import { requirementsForSsp } from '../catalog/requirements';
import { formatDay } from '../documents/dates';
import type { PoamDoc } from '../documents/model';
import { closeoutDay, isOpen } from '../domain/clock';
import { isSkeleton } from '../domain/skeleton';
import { closedOutOn } from '../domain/closeout';
import type { SspScore } from '../domain/scoring';
import { verdictOf, verdictText } from '../domain/verdict';
import type { Analysis } from '../analysis/analyzer';
import { daysLeft } from './hover';
import { rangeOf, textDocumentOf } from './text';

/** What the status bar shows for a document. */
export interface Status {
  readonly text: string;
  readonly tooltip: string;
}

/** "Score 97 of 110 · conditional eligible" (Level 1: "15 of 15 met"). */
export function scoreText(s: SspScore): string {
  if (s.level === 1) return `${s.score} of ${s.max} met${s.open ? ' · Level 1 needs all' : ''}`;
  return `Score ${s.score} of ${s.max} · ${verdictText(verdictOf(s))}`;
}

/** "Closeout 2025-09-11 · 42 days left · 3 open items", or "closed out 2025-08-20: Final Level 2". */
export function closeoutText(doc: PoamDoc, today: number): string {
  const closed = closedOutText(doc, today);
  if (closed) return closed;
  const open = doc.items.filter(isOpen).length;
  const items = `${open} open item${open === 1 ? '' : 's'}`;
  const closeout = closeoutDay(doc);
  if (closeout === undefined) return `No conditional_status_date · ${items}`;
  const left = closeout - today;
  const when = left === 0 ? 'due today' : left < 0 ? `passed ${daysLeft(left)}` : daysLeft(left);
  return `Closeout ${formatDay(closeout)} · ${when} · ${items}`;
}

/** "closed out 2025-08-20: Final Level 2" after a valid, passed closeout (SPEC 2.1), else undefined. */
export function closedOutText(doc: PoamDoc, today: number): string | undefined {
  const on = closedOutOn(doc, today);
  return on && doc.level ? `closed out ${on}: Final Level ${doc.level.value}` : undefined;
}

/** The CodeLens of a document: on the SSP's `practices`, on the POA&M's conditional date (or `items`). */
export function codeLenses(analysis: Analysis | undefined): CodeLens[] {
  const model = analysis?.parsed.model;
  if (!analysis || !model) return [];
  const doc = textDocumentOf(analysis.parsed);
  // An empty command renders as plain text in VS Code; nothing runs when it is clicked.
  const lens = (at: { start: number; end: number }, title: string): CodeLens => ({ range: rangeOf(doc, at), command: { title, command: '' } });
  // The SSP's score opens the readiness report (client command `cmmc.showReport`, focused on this SSP).
  const report = (l: CodeLens): CodeLens => ({ ...l, command: { title: l.command!.title, command: 'cmmc.showReport', arguments: [analysis.parsed.uri] } });
  if (model.kind === 'ssp') {
    // An unfilled skeleton (domain/skeleton.ts) has no score to show yet.
    const n = analysis.score && requirementsForSsp(analysis.score.level).length;
    if (n && isSkeleton(model)) return [lens(model.anchor, `Skeleton · 0 of ${n} practices assessed`)];
    return analysis.score ? [report(lens(model.anchor, scoreText(analysis.score)))] : [];
  }
  const out = [lens(model.conditionalDate?.span ?? model.itemsAnchor, closeoutText(model, analysis.today))];
  if (analysis.score) out.push(lens(model.ssp?.span ?? model.itemsAnchor, `Linked SSP: ${scoreText(analysis.score)}`));
  return out;
}

/** The status-bar text for a document (undefined for documents that are not ours). */
export function statusFor(analysis: Analysis | undefined): Status | undefined {
  const model = analysis?.parsed.model;
  if (!analysis) return undefined;
  const errors = analysis.findings.filter((f) => f.severity === 'error').length;
  const warnings = analysis.findings.filter((f) => f.severity === 'warning').length;
  const counts = `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  if (!model) return { text: `CMMC ${analysis.parsed.kind === 'ssp' ? 'SSP' : 'POA&M'}: not checked`, tooltip: `The document could not be read: ${counts}.` };
  if (model.kind === 'ssp') {
    const s = analysis.score;
    if (!s) return { text: 'CMMC SSP: no level', tooltip: `Set \`level\` (1, 2 or 3) to score this SSP. ${counts}.` };
    if (isSkeleton(model)) {
      const n = requirementsForSsp(s.level).length;
      const tooltip = `Level ${s.level} SSP skeleton: set each practice's status and describe it to get a score. ${counts}.`;
      return { text: `CMMC skeleton: 0/${n} assessed`, tooltip };
    }
    const verdict = s.level === 1 ? `${s.score}/${s.max} met` : `${s.score}/${s.max} · ${verdictText(verdictOf(s))}`;
    return {
      text: `CMMC ${verdict}`,
      tooltip: `Level ${s.level} SSP: ${scoreText(s)} (${s.open} ${s.level === 2 ? 'point' : 'requirement'}${s.open === 1 ? '' : 's'} open). ${counts}.`,
    };
  }
  const closed = closedOutText(model, analysis.today);
  if (closed) return { text: `CMMC ${closed}`, tooltip: `${closed}. ${counts}.` };
  const closeout = closeoutDay(model);
  const left = closeout === undefined ? undefined : closeout - analysis.today;
  const text =
    left === undefined
      ? 'CMMC POA&M: no conditional date'
      : left === 0
        ? 'CMMC closeout today'
        : left < 0
          ? `CMMC closeout passed ${daysLeft(left)}`
          : `CMMC closeout in ${left} day${left === 1 ? '' : 's'}`;
  return { text, tooltip: `${closeoutText(model, analysis.today)}. ${counts}.` };
}
