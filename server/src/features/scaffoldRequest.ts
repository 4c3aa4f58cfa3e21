/**
 * The `cmmc/scaffold` request: the "CMMC: New SSP" and "CMMC: New POA&M" commands of the client
 * ask the server for the same scaffolds as `cmmc-check init`, so the client stays thin.
 *   { kind: 'ssp', level, syntax }                          -> { text }
 *   { kind: 'poam', ssp: <uri>, target?: <uri>, conditionalDate? } -> { text, uri, items, blocked }
 * A POA&M's `ssp:` link is the SSP's path relative to `target` (default: `<name>.poam.<ext>` next
 * to the SSP); its syntax follows the target's name, else the SSP's.
 */
import { formatDay, parseDay } from '../documents/dates';
import { syntaxOf } from '../documents/syntax';
import type { ParsedDocument } from '../documents/parse';
import { isSkeleton } from '../domain/skeleton';
import { poamScaffold } from '../scaffold/poam';
import { sspScaffold } from '../scaffold/ssp';
import type { ScaffoldParams, ScaffoldResult } from '../protocol';

/** The path of `to` relative to the folder of `from` (both file URIs), with forward slashes. */
export function relativeLink(from: string, to: string): string {
  const a = new URL(from).pathname.split('/').slice(0, -1);
  const b = new URL(to).pathname.split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return decodeURIComponent([...a.slice(i).map(() => '..'), ...b.slice(i)].join('/'));
}

/** Answer a scaffold request; `parse` reads the SSP (open buffer or disk). */
export function scaffoldRequest(params: ScaffoldParams, parse: (uri: string) => ParsedDocument | undefined, today: number): ScaffoldResult {
  if (params.kind === 'ssp') {
    if (params.level !== 1 && params.level !== 2 && params.level !== 3) return { error: 'The level must be 1, 2 or 3.' };
    return { text: sspScaffold({ level: params.level, syntax: params.syntax === 'markdown' ? 'markdown' : 'yaml', date: formatDay(today) }) };
  }
  if (params.kind !== 'poam' || typeof params.ssp !== 'string') return { error: 'Unknown scaffold request.' };
  if (params.conditionalDate && parseDay(params.conditionalDate) === undefined)
    return { error: 'The Conditional status date must be a real date written YYYY-MM-DD.' };
  const parsed = parse(params.ssp);
  const ssp = parsed?.model?.kind === 'ssp' ? parsed.model : undefined;
  if (!ssp) return { error: 'This document is not an SSP: open an SSP (a *.ssp.yaml or *.ssp.md file, or one with kind: ssp) first.' };
  if (!ssp.level) return { error: 'The SSP has no valid level (1, 2 or 3).' };
  if (ssp.level.value === 1) return { error: 'Level 1 permits no POA&M: every Level 1 requirement must be met (32 CFR 170.21(a)(1)).' };
  if (isSkeleton(ssp)) return { error: "The SSP is still an unfilled skeleton (no practice assessed): set the practices' statuses first." };
  let target = params.target;
  if (!target) {
    const name = params.ssp.slice(params.ssp.lastIndexOf('/') + 1).replace(/(\.ssp)?\.(ya?ml|md|markdown)$/i, '');
    target = `${params.ssp.slice(0, params.ssp.lastIndexOf('/') + 1)}${name}.poam.${ssp.syntax === 'markdown' ? 'md' : 'yaml'}`;
  }
  const syntax = syntaxOf(decodeURIComponent(target)) ?? ssp.syntax;
  const link =
    target.startsWith('file:') && params.ssp.startsWith('file:')
      ? relativeLink(target, params.ssp)
      : decodeURIComponent(params.ssp.slice(params.ssp.lastIndexOf('/') + 1));
  const { text, gaps } = poamScaffold({ ssp, link, syntax, conditionalDate: params.conditionalDate || undefined, today });
  return { text, uri: target, items: gaps.deferrable.length, blocked: gaps.blocked.map((b) => b.requirement.id) };
}
