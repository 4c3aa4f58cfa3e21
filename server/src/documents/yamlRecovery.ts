/**
 * One fault, one finding for YAML syntax errors (SPEC 2.1): the `yaml` parser reports every
 * later line that an early mistake throws off (one tab used as indentation gave 47 errors). We
 * keep the first error of the first broken line, blank that line (and the block it opens) out
 * of the text, parse again and repeat: an error that survives is a fault of its own, one that
 * goes away was a consequence. At most 20 findings; the 20th says how many more there are
 * (counted the same way, up to 10 more: beyond that it says "at least"). The re-parses share
 * a budget (PARSE_BUDGET), so a huge broken document costs a few parses, not forty.
 * Blanking keeps every offset, so positions stay exact.
 */
import { parseDocument, type YAMLError } from 'yaml';
import type { Finding } from './findings';
import { span } from './tree';

/** The most `syntax` findings one document gets. */
export const MAX_SYNTAX_FINDINGS = 20;

interface Line {
  readonly start: number;
  readonly end: number;
}

function linesOf(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    out.push({ start, end: end > start && text[end - 1] === '\r' ? end - 1 : end });
    if (nl < 0) return out;
    start = nl + 1;
  }
}

function lineAt(lines: readonly Line[], offset: number): number {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const leading = (s: string) => /^[ \t]*/.exec(s)![0];

/**
 * The columns of spaces a tab-indented line means: a sibling of the line above, or its first
 * child when the line above opens a block (`key:`), as the next tab-free line shows when it can.
 */
function tabIndent(text: string, lines: readonly Line[], n: number): number {
  const content = (i: number) => text.slice(lines[i].start, lines[i].end);
  let prev = n - 1;
  while (prev >= 0 && content(prev).trim() === '') prev--;
  if (prev < 0) return 0;
  const above = content(prev);
  const aboveIndent = leading(above).length;
  if (!/:\s*(#.*)?$/.test(above) && !/^\s*-\s*$/.test(above)) return aboveIndent;
  for (let i = n + 1; i < lines.length; i++) {
    const l = content(i);
    if (l.trim() === '') continue;
    const ind = leading(l);
    if (!ind.includes('\t') && ind.length > aboveIndent) return ind.length;
    break;
  }
  return aboveIndent + 2;
}

function message(e: YAMLError): string {
  const first = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  if (e.code === 'DUPLICATE_KEY') return `${first}: remove or rename the duplicate key (YAML keeps only one of them).`;
  if (e.code === 'TAB_AS_INDENT') return `${first}: indent with spaces (the quick fix replaces the tab).`;
  return `${first}.`.replace(/\.\.$/, '.');
}

/**
 * The syntax findings of a YAML text whose first parse reported `errors`: one per independent
 * fault, consequences dropped, at most MAX_SYNTAX_FINDINGS. `base` is added to every offset.
 */
export function syntaxFindings(text: string, errors: readonly YAMLError[], base = 0): Finding[] {
  const lines = linesOf(text);
  const chars = text.split('');
  const faults: { error: YAMLError; line: number; quoted?: number }[] = [];
  let current = [...errors];
  let exact = true;
  /** Lines blanked so far: an error on one of them is an echo of a fault already reported. */
  const blanked = new Set<number>();
  while (current.length > 0) {
    if (faults.length >= MAX_SYNTAX_FINDINGS + ROUNDS_AFTER_CAP || (faults.length > 0 && (faults.length + 1) * text.length > PARSE_BUDGET)) {
      exact = false;
      break;
    }
    const lineOf = (e: YAMLError) => lineAt(lines, Math.min(e.pos[0], text.length));
    // The first error on a line that still has text (one already blanked is an echo of its fault).
    const live = current.filter((e) => !blanked.has(lineOf(e)));
    if (live.length === 0) break;
    const earliest = live.reduce((a, b) => (b.pos[0] < a.pos[0] ? b : a));
    const n = lineOf(earliest);
    // On one line, a structural error says more than the duplicate key it also makes.
    const first = current.find((e) => e.code !== 'DUPLICATE_KEY' && lineOf(e) === n) ?? earliest;
    const quoted = openQuoteAround(text, lines, n);
    const closesLater = quoted !== undefined && lines.slice(n + 1, n + 50).some((l) => text.slice(l.start, l.end).includes(quoted.quote));
    // A broken quoted value: the finding sits on its first line that is less indented than its key.
    const shallow = quoted && (quoted.line < n || closesLater) ? shallowLine(text, lines, quoted.line) : undefined;
    faults.push({ error: first, line: shallow ?? n, quoted: shallow });
    if (!blank(text, chars, lines, quoted?.line ?? n, blanked, quoted?.quote)) {
      exact = current.length === 1;
      break;
    }
    current = parseDocument(chars.join(''), { uniqueKeys: true, prettyErrors: false, keepSourceTokens: false, stringKeys: false }).errors;
  }
  const shown = faults.slice(0, MAX_SYNTAX_FINDINGS);
  const more = faults.length - shown.length + (faults.length === MAX_SYNTAX_FINDINGS && !exact ? 1 : 0);
  return shown.map(({ error, line, quoted }, i) => {
    const last = i === MAX_SYNTAX_FINDINGS - 1 && more > 0;
    const what = quoted !== undefined ? QUOTED_CONTINUATION : message(error);
    const counted = exact ? (more === 1 ? 'is 1 more syntax error' : `are ${more} more syntax errors`) : `are at least ${more} more syntax errors`;
    const tail = last ? ` There ${counted} after this one (only the first ${MAX_SYNTAX_FINDINGS} are shown).` : '';
    const unchecked =
      i === shown.length - 1 && !exact && shown.length < MAX_SYNTAX_FINDINGS ? ' The text after it may hold more syntax errors: fix this one first.' : '';
    if (quoted !== undefined && lines[quoted].end > lines[quoted].start)
      return { code: 'syntax', severity: 'error', message: what + tail + unchecked, span: span(base + lines[quoted].start, base + lines[quoted].end) };
    return finding(error, base, what + tail + unchecked, text, lines, line);
  });
}

const QUOTED_CONTINUATION =
  'A quoted value continues on a line that is less indented than its key: ' +
  'indent the continuation lines under the key, or write the value as a block scalar (`|`).';

/** How many more faults are counted (each costs a parse) after the shown ones, to say how many more there are. */
const ROUNDS_AFTER_CAP = 10;

/**
 * Characters the re-parses may read in all (each round parses the whole text): a keystroke in a
 * broken 2 MB document costs at most two parses. When it runs out the last finding says there
 * are more errors after it, without a count.
 */
const PARSE_BUDGET = 4_000_000;

/** Blank line `n` and the block it opens (its deeper lines) in `chars`; false when nothing changed. */
/** The quote a line leaves open (`key: "text` broken onto the next lines), if any. */
function openQuote(line: string): string | undefined {
  const m = /:\s+(["'])/.exec(line);
  if (!m) return undefined;
  const rest = line.slice(m.index + m[0].length);
  const q = m[1];
  const closes = q === '"' ? rest.replace(/\\./g, '').includes('"') : rest.replace(/''/g, '').includes("'");
  return closes ? undefined : q;
}

/**
 * The quoted value line `n` belongs to when a value's quotes were opened on it or on a line
 * above (`key: "text` broken onto lines at a lower indentation) and not closed before it.
 */
function openQuoteAround(text: string, lines: readonly Line[], n: number): { line: number; quote: string } | undefined {
  const at = (i: number) => text.slice(lines[i].start, lines[i].end);
  for (let m = n; m >= 0 && m >= n - 50; m--) {
    const quote = openQuote(at(m));
    if (quote) {
      for (let i = m + 1; i < n; i++) if (at(i).includes(quote)) return undefined;
      return { line: m, quote };
    }
  }
  return undefined;
}

/** The first non-blank line after `m` that is not indented deeper than line `m`. */
function shallowLine(text: string, lines: readonly Line[], m: number): number | undefined {
  const indent = leading(text.slice(lines[m].start, lines[m].end)).length;
  for (let i = m + 1; i < lines.length && i <= m + 50; i++) {
    const l = text.slice(lines[i].start, lines[i].end);
    if (l.trim() !== '' && leading(l).length <= indent) return i;
  }
  return undefined;
}

function blank(text: string, chars: string[], lines: readonly Line[], n: number, blanked: Set<number>, quote?: string): boolean {
  const own = leading(text.slice(lines[n].start, lines[n].end));
  let threshold = own.length;
  if (own.includes('\t')) {
    // A tab-indented line's depth is unknown: its block is what is deeper than the line above.
    let p = n - 1;
    while (p >= 0 && text.slice(lines[p].start, lines[p].end).trim() === '') p--;
    threshold = p >= 0 ? leading(text.slice(lines[p].start, lines[p].end)).length : 0;
  }
  let last = n;
  for (let i = n + 1; i < lines.length; i++) {
    const l = text.slice(lines[i].start, lines[i].end);
    if (quote) {
      // A quoted value broken onto lines at a lower indentation: its text runs to the closing quote.
      last = i;
      if (l.includes(quote)) break;
      continue;
    }
    if (l.trim() === '') continue;
    if (leading(l).length <= threshold) break;
    last = i;
  }
  let changed = false;
  for (let i = n; i <= last; i++) blanked.add(i);
  for (let i = lines[n].start; i < lines[last].end; i++) {
    if (chars[i] !== '\n' && chars[i] !== '\r' && chars[i] !== ' ') {
      chars[i] = ' ';
      changed = true;
    }
  }
  return changed;
}

function finding(e: YAMLError, base: number, text: string, source: string, lines: readonly Line[], n: number): Finding {
  const [start, end] = e.pos;
  const f: Finding = { code: 'syntax', severity: 'error', message: text, span: span(base + start, base + Math.max(end, start + 1)) };
  if (e.code !== 'TAB_AS_INDENT') return f;
  const ind = leading(source.slice(lines[n].start, lines[n].end));
  if (!ind.includes('\t')) return f;
  return { ...f, span: span(base + lines[n].start, base + lines[n].start + ind.length), data: { indent: tabIndent(source, lines, n) } };
}
