/**
 * Incremental re-parsing of YAML documents. A 50,000-line POA&M takes about half a second to
 * parse, so an edit must not re-parse the whole file: when the change lies inside one entry of
 * the top-level `items` list (POA&M) or `practices` mapping (SSP), only that entry's lines are
 * parsed again and spliced into a copy of the previous tree; every later span is shifted.
 *
 * The result must equal a full parse (test/unit/incremental.test.ts compares them on random
 * edits), so anything unusual falls back to a full parse: previous syntax findings, anchors or
 * aliases, an edit that crosses an entry boundary, a re-parsed slice that is not exactly one
 * entry at the same indentation, or any parse error in it.
 */
import type { Finding } from './findings';
import type { LMapEntry, LNode, Span } from './tree';
import { parseYaml } from './yaml';

/** The region of a text change: [start, oldEnd) in the old text became [start, newEnd) in the new. */
export interface Change {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

/** The smallest region that differs between two texts (common prefix and suffix trimmed). */
export function diffRegion(oldText: string, newText: string): Change | undefined {
  if (oldText === newText) return undefined;
  const min = Math.min(oldText.length, newText.length);
  let start = 0;
  while (start < min && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  let oldEnd = oldText.length;
  let newEnd = newText.length;
  while (oldEnd > start && newEnd > start && oldText.charCodeAt(oldEnd - 1) === newText.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  return { start, oldEnd, newEnd };
}

/** A top-level collection whose entries can be re-parsed one by one. */
interface Container {
  readonly key: 'items' | 'practices';
  readonly node: LNode;
}

function container(root: LNode): Container | undefined {
  if (root.kind !== 'map') return undefined;
  for (const e of root.entries) {
    if (e.key === 'items' && e.value.kind === 'seq') return { key: 'items', node: e.value };
    if (e.key === 'practices' && e.value.kind === 'map') return { key: 'practices', node: e.value };
  }
  return undefined;
}

/**
 * Offsets where each entry's first line starts (its `-` or key), in order; empty when two
 * entries share a line (a one-line JSON document). Each search stops at the previous entry, so
 * the whole pass reads the text once: a line is never scanned again per entry.
 */
function entryStarts(c: Container, text: string): number[] {
  const offsets = c.node.kind === 'seq' ? c.node.items.map((n) => n.span.start) : c.node.kind === 'map' ? c.node.entries.map((e) => e.keySpan.start) : [];
  const starts: number[] = [];
  let floor = 0;
  for (const offset of offsets) {
    if (offset < floor) return [];
    const nl = offset > floor ? text.lastIndexOf('\n', offset - 1) : -1;
    // Entries must start on their own line, in order.
    if (starts.length > 0 && nl < floor) return [];
    starts.push(nl + 1);
    floor = offset + 1;
  }
  return starts;
}

/** Column of the first non-space character of the line starting at `start`. */
function indentAt(text: string, start: number): number {
  let i = start;
  while (text.charCodeAt(i) === 32) i++;
  return i - start;
}

/**
 * Every non-blank, non-comment line after the first is indented deeper than `indent`, so the
 * slice cannot have left its entry. (A guard over lines of one small slice, not a YAML parser.)
 */
function staysInside(slice: string, indent: number): boolean {
  let pos = slice.indexOf('\n') + 1;
  while (pos > 0 && pos < slice.length) {
    const next = slice.indexOf('\n', pos);
    const end = next < 0 ? slice.length : next;
    let i = pos;
    while (i < end && slice.charCodeAt(i) === 32) i++;
    const c = slice.charCodeAt(i);
    if (i < end && c !== 35 /* # */ && c !== 13 && i - pos <= indent) return false;
    if (c === 9 /* tab */) return false;
    pos = next < 0 ? slice.length : next + 1;
  }
  return true;
}

const moved = (s: Span, from: number, delta: number): Span => ({
  start: s.start >= from ? s.start + delta : s.start,
  end: s.end >= from ? s.end + delta : s.end,
});

/**
 * A copy of `node` with every span at or after `from` shifted by `delta` (spans that contain
 * `from` grow); subtrees that end before `from` are shared, never copied or changed.
 */
export function shifted(node: LNode, from: number, delta: number): LNode {
  if (node.span.end < from) return node;
  const span = moved(node.span, from, delta);
  if (node.kind === 'map') return { kind: 'map', span, entries: node.entries.map((e) => shiftedEntry(e, from, delta)) };
  if (node.kind === 'seq') return { kind: 'seq', span, items: node.items.map((n) => shifted(n, from, delta)) };
  return { kind: 'scalar', span, value: node.value };
}

function shiftedEntry(e: LMapEntry, from: number, delta: number): LMapEntry {
  if (e.value.span.end < from && e.keySpan.start < from) return e;
  const keySpan = e.keySpan.start >= from ? { start: e.keySpan.start + delta, end: e.keySpan.end + delta } : e.keySpan;
  return { key: e.key, keySpan, value: shifted(e.value, from, delta) };
}

/** Does the slice end in a comment line? (The parser attaches those to the next node, not this one.) */
function endsInComment(slice: string): boolean {
  let end = slice.length;
  while (end > 0) {
    const start = slice.lastIndexOf('\n', end - 1) + 1;
    const line = slice.slice(start, end).trim();
    if (line) return line.startsWith('#');
    end = start - 1;
  }
  return false;
}

function hasAliasRisk(text: string): boolean {
  // Anchors and aliases tie distant nodes together; such documents are always parsed whole.
  return text.includes('&') || text.includes('*');
}

export interface Reparsed {
  readonly root: LNode;
  readonly findings: Finding[];
}

/**
 * Try to re-parse only the entry the change touched. `root` is the previous tree (which had no
 * syntax findings); it is never changed: the result is a new tree that shares the untouched
 * entries before the change. Undefined means "parse the whole text".
 */
export function reparseEntry(root: LNode, oldText: string, newText: string, change: Change): Reparsed | undefined {
  const c = container(root);
  if (!c) return undefined;
  const starts = entryStarts(c, oldText);
  if (starts.length === 0) return undefined;
  const containerEnd = c.node.span.end;
  // The entry whose lines hold the whole change.
  let i = starts.length - 1;
  while (i >= 0 && starts[i] > change.start) i--;
  if (i < 0) return undefined;
  const from = starts[i];
  const oldTo = i + 1 < starts.length ? starts[i + 1] : containerEnd;
  // The change must end strictly inside this entry (touching the next entry's first character
  // or the container's end could merge lines), and the next entry must still begin a line.
  if (change.oldEnd >= oldTo) return undefined;
  const delta = change.newEnd - change.oldEnd;
  const newTo = oldTo + delta;
  if (i + 1 < starts.length && newText.charCodeAt(newTo - 1) !== 10) return undefined;
  const slice = newText.slice(from, newTo);
  const oldSlice = oldText.slice(from, oldTo);
  if (hasAliasRisk(slice) || hasAliasRisk(oldSlice) || endsInComment(slice) || endsInComment(oldSlice)) return undefined;
  const indent = indentAt(oldText, from);
  if (indentAt(newText, from) !== indent || !staysInside(slice, indent)) return undefined;

  const part = parseYaml(slice, from);
  if (part.stop || part.findings.length > 0 || !part.root) return undefined;
  let replacement: LNode | LMapEntry;
  if (c.key === 'items') {
    if (part.root.kind !== 'seq' || part.root.items.length !== 1) return undefined;
    replacement = part.root.items[0];
  } else {
    if (part.root.kind !== 'map' || part.root.entries.length !== 1) return undefined;
    replacement = part.root.entries[0];
    // A key equal to a sibling's would be a duplicate-key error in a full parse.
    const key = replacement.key;
    if (c.node.kind === 'map' && c.node.entries.some((e, j) => j !== i && e.key === key)) return undefined;
  }
  // An entry's span ends after its last content line in a full parse and in the slice alike,
  // and the container and root end with their last entry: shifting keeps every span exact.
  // The container ends at or after oldTo, so the shifted root holds fresh copies of it and of
  // its entry list, which alone receive the replacement.
  const next = shifted(root, oldTo, delta);
  const fresh = container(next)!;
  if (fresh.node.kind === 'seq') fresh.node.items[i] = replacement as LNode;
  else if (fresh.node.kind === 'map') fresh.node.entries[i] = replacement as LMapEntry;
  return { root: next, findings: [] };
}

export type { Span };
