/**
 * The benchmark's tables: per document and figure, the median over rounds with min-max, ours
 * against the peer for its syntax (yaml-language-server or vscode-markdown-languageserver), the
 * ratio and issue 16's target; the CLI's time and peak memory against its parse floor.
 */
import type { BenchDoc } from './generate';
import { median } from './lsp';
import { peerOf } from './peers';

export interface Round {
  /** Spawn -> initialize answer. */
  startup: number;
  /** didOpen -> first diagnostics. */
  open: number;
  /** didOpen -> the last publish of the first version (the cross-file phase; workspace scenario). */
  full?: number;
  edits: number[];
  /** An edit of a linking POA&M -> the SSP's next publish (workspace scenario). */
  crossEdits?: number[];
  hovers: number[];
  rss: number;
  openDiagnostics: number;
  publishes: number;
  versions: number;
  emptyHovers: number;
  logErrors: string[];
}

export interface DocResult {
  doc: BenchDoc;
  floor: number;
  rounds: Record<string, Round[]>;
  errors: string[];
}

export type Figure = 'startup' | 'open' | 'full' | 'edit' | 'crossEdit' | 'hover' | 'rss';
export const FIGURES: Figure[] = ['startup', 'open', 'full', 'edit', 'crossEdit', 'hover', 'rss'];
const LABEL: Record<Figure, string> = {
  startup: 'start-up -> initialize answer',
  open: 'open -> diagnostics',
  full: 'open -> cross-file diagnostics',
  edit: 'edit -> diagnostics',
  crossEdit: 'POA&M edit -> SSP diagnostics',
  hover: 'hover',
  rss: 'peak RSS',
};

/** Each round's value of a figure (edits and hovers: the median of the round). */
export function samples(rounds: Round[] | undefined, f: Figure): number[] {
  return (rounds ?? [])
    .map((r) => {
      if (f === 'edit' || f === 'hover' || f === 'crossEdit') return median((f === 'edit' ? r.edits : f === 'hover' ? r.hovers : r.crossEdits) ?? []);
      return f === 'full' ? (r.full ?? NaN) : r[f];
    })
    .filter(Number.isFinite);
}
export const figure = (rounds: Round[] | undefined, f: Figure) => median(samples(rounds, f));

export const fmt = (x: number, f: Figure | 'ratio' | 'ms') => {
  if (!Number.isFinite(x)) return '–';
  if (f === 'ratio') return `${x < 0.1 ? x.toPrecision(1) : x.toFixed(2)}x`;
  if (f === 'rss') return `${x.toFixed(0)} MB`;
  if (f === 'hover') return `${x < 10 ? x.toFixed(1) : x.toFixed(0)} ms`;
  return `${x.toFixed(0)} ms`;
};
function cell(rounds: Round[] | undefined, f: Figure): string {
  const xs = samples(rounds, f);
  if (!xs.length) return 'n/a';
  const m = fmt(median(xs), f);
  return xs.length > 1 ? `${m} (${fmt(Math.min(...xs), f).replace(/ \w+$/, '')}–${fmt(Math.max(...xs), f)})` : m;
}

/** Issue 16's targets (and issue 5's hover), as ok/MISS. */
function target(doc: BenchDoc, f: Figure, ours: number, theirs: number): string {
  if (!Number.isFinite(ours)) return '';
  const ratio = (limit: number) => (!Number.isFinite(theirs) ? '' : ours / theirs <= limit ? `ok (<= ${limit}x)` : `MISS (<= ${limit}x)`);
  if (doc.workspace) {
    if (f === 'open') return ratio(0.5);
    if (f === 'rss') return ratio(1);
    if (f === 'crossEdit') return ours < 100 ? 'ok (< 100 ms)' : 'MISS (< 100 ms)';
    return '';
  }
  if (doc.size === '1k' && (f === 'open' || f === 'edit')) return ratio(0.5);
  if (doc.syntax === 'yaml' && (doc.size === '10k' || doc.size === '50k')) {
    if (f === 'open') return ratio(0.35);
    if (f === 'edit') return ratio(0.15);
    if (f === 'hover' && doc.size === '10k') return ours < 10 ? 'ok (< 10 ms)' : 'MISS (< 10 ms)';
  }
  if (doc.syntax === 'markdown' && doc.size === '50k' && f === 'edit') return ratio(0.2);
  return '';
}

const describe = (doc: BenchDoc) =>
  `${doc.workspace ? 'workspace: ' : ''}${doc.kind === 'poam' ? 'POA&M' : 'SSP'} (${doc.syntax === 'yaml' ? 'YAML' : 'markdown'}) ${doc.name}`;

/** The table: one row per document and figure. */
export function printTable(results: DocResult[], withBefore: boolean): void {
  console.log(`\n| document | lines | figure | ours | peer | ours/peer |${withBefore ? ' ours before |' : ''} floor: parse alone | target |`);
  console.log(`|---|---:|---|---:|---:|---:|${withBefore ? '---:|' : ''}---:|---|`);
  for (const res of results) {
    const peer = peerOf(res.doc.syntax);
    let first = true;
    for (const f of FIGURES) {
      if (!samples(res.rounds.ours, f).length && !samples(res.rounds[peer], f).length) continue;
      const ours = figure(res.rounds.ours, f);
      const theirs = figure(res.rounds[peer], f);
      const cells = [
        first ? describe(res.doc) : '',
        first ? res.doc.lines.toLocaleString('en-US') : '',
        LABEL[f],
        cell(res.rounds.ours, f),
        cell(res.rounds[peer], f),
        Number.isFinite(ours / theirs) ? fmt(ours / theirs, 'ratio') : '',
        ...(withBefore ? [cell(res.rounds.before, f)] : []),
        first ? `${fmt(res.floor, 'ms')}${res.doc.syntax === 'markdown' ? ' (markdown-it)' : ''}` : '',
        target(res.doc, f, ours, theirs),
      ];
      first = false;
      console.log(`| ${cells.join(' | ')} |`);
    }
  }
  console.log('\npeer: yaml-language-server for YAML, vscode-markdown-languageserver for markdown; median of the rounds (min–max).');
}

export function printNotes(results: DocResult[]): void {
  const notes: string[] = [];
  for (const res of results) {
    for (const [name, rounds] of Object.entries(res.rounds)) {
      if (!rounds.length) continue;
      const r0 = rounds[0];
      const parts = [`${r0.openDiagnostics} diagnostics on open`, `${r0.publishes} publishes for ${r0.versions} versions`];
      const empty = rounds.reduce((a, r) => a + r.emptyHovers, 0);
      if (empty) parts.push(`${empty} empty hovers`);
      const errs = new Set(rounds.flatMap((r) => r.logErrors));
      if (errs.size) parts.push(`logged errors: ${[...errs].slice(0, 2).join(' / ')}`);
      parts.push(`slowest edit ${Math.max(...rounds.flatMap((r) => r.edits)).toFixed(0)} ms`);
      notes.push(`- ${res.doc.name} ${name}: ${parts.join('; ')}`);
    }
    for (const e of res.errors) notes.push(`- ${res.doc.name}: FAILED ${e}`);
  }
  console.log(`\nPer server and document (round 1 unless said):\n${notes.join('\n')}`);
}

export interface CliResult {
  lines: number;
  documents: number;
  /** Per round: ours (time, peak RSS) and the floor (parse alone, one document at a time). */
  ours: { ms: number; rss: number }[];
  floor: { ms: number; rss: number }[];
  before?: { ms: number; rss: number }[];
}

export function printCli(r: CliResult): void {
  const m = (xs: { ms: number; rss: number }[] | undefined, k: 'ms' | 'rss') => median((xs ?? []).map((x) => x[k]));
  const range = (xs: { ms: number; rss: number }[], k: 'ms' | 'rss') =>
    `${fmt(m(xs, k), k === 'ms' ? 'ms' : 'rss')} (${xs
      .map((x) => x[k].toFixed(0))
      .sort((a, b) => +a - +b)
      .join(', ')})`;
  const rssRatio = m(r.ours, 'rss') / m(r.floor, 'rss');
  const what = `CLI: ${r.documents.toLocaleString('en-US')} documents, ${r.lines.toLocaleString('en-US')} lines`;
  console.log(`\n| ${what} | ours | floor: read + parse each, keep nothing | ours/floor |${r.before ? ' ours before |' : ''} target |`);
  console.log(`|---|---:|---:|---:|${r.before ? '---:|' : ''}---|`);
  const before = (k: 'ms' | 'rss') => (r.before ? ` ${range(r.before, k)} |` : '');
  console.log(`| time | ${range(r.ours, 'ms')} | ${range(r.floor, 'ms')} | ${fmt(m(r.ours, 'ms') / m(r.floor, 'ms'), 'ratio')} |${before('ms')} |`);
  const verdict = `${rssRatio <= 1.5 ? 'ok' : 'MISS'} (<= 1.5x)`;
  console.log(`| peak RSS | ${range(r.ours, 'rss')} | ${range(r.floor, 'rss')} | ${fmt(rssRatio, 'ratio')} |${before('rss')} ${verdict} |`);
}
