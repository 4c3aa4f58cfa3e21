/**
 * Text edits that add or set one field of a document, keeping its style: YAML block maps get a
 * new line at the map's own indentation (flow maps get `, key: value`), an existing key has its
 * value replaced instead of being written twice, the file's line endings and date quoting are
 * kept; markdown sections get a `Key: value` line after their field lines, front matter a line
 * before its closing `---`. Where to write comes from the located tree; the text is looked at
 * only for columns and line ends.
 */
import { entry, type LMap, type LMapEntry, type Span } from '../tree';
import { FIELD_LINE, isFence } from './markdownLines';
import { columnOf, eolOf, lastContentOffset, lineEnd, lineStart, lineText, nextLineStart, startsLine } from './lines';

/** An edit in offsets; features turn it into an LSP TextEdit at the edge. */
export interface OffsetEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export interface Placement {
  /** Write the new entry just before this key's line (when the key starts its line). */
  readonly before?: string;
  /** Else write it after the first of these keys that exists. */
  readonly after?: readonly string[];
}

/** A date as the document writes dates: quoted the way its other dates are, or plain. */
export function dateText(text: string, dates: readonly { span: Span }[], day: string): string {
  for (const d of dates) {
    const q = text[d.span.start];
    if (q === '"' || q === "'") return `${q}${day}${q}`;
  }
  return day;
}

/** The entry whose value ends last among the scalar entries (the last "field line"). */
function lastScalarEntry(map: LMap): LMapEntry | undefined {
  let best: LMapEntry | undefined;
  // An empty value (`milestones:` waiting for its list) is no field line to follow.
  for (const e of map.entries) if (e.value.kind === 'scalar' && e.value.value !== null && (!best || e.value.span.end >= best.value.span.end)) best = e;
  return best;
}

/** The entry a new one goes after: a preferred key, else the last scalar field, else the last entry. */
function anchorEntry(map: LMap, place: Placement): LMapEntry | undefined {
  for (const key of place.after ?? []) {
    const e = entry(map, key);
    if (e) return e;
  }
  return lastScalarEntry(map) ?? map.entries[map.entries.length - 1];
}

/** Insert whole lines right after the line on which `offset` lies. */
function insertLinesAfter(text: string, offset: number, lines: readonly string[]): OffsetEdit {
  const eol = eolOf(text);
  const next = nextLineStart(text, offset);
  if (next === text.length && (text.length === 0 || text[text.length - 1] !== '\n')) {
    return { start: text.length, end: text.length, newText: eol + lines.join(eol) };
  }
  return { start: next, end: next, newText: lines.join(eol) + eol };
}

/** Put a value after the colon of an existing key whose value is empty. */
function fillEmptyValue(text: string, e: LMapEntry, value: string): OffsetEdit {
  const colon = text.indexOf(':', e.keySpan.end);
  const at = colon < 0 ? e.keySpan.end : colon + 1;
  return { start: at, end: at, newText: ` ${value}` };
}

/**
 * Set `key` in a YAML map to `value` (the scalar as written; for a flow map, the flow text).
 * `block` gives the value as lines for a block map, indented relative to the key (used for
 * `milestones`). An existing key keeps its place: its value is replaced (or filled when empty).
 */
export function setYamlField(text: string, map: LMap, key: string, value: string, place: Placement = {}, block?: readonly string[]): OffsetEdit {
  const eol = eolOf(text);
  const existing = entry(map, key);
  if (existing) {
    const v = existing.value;
    const empty =
      v.span.end <= v.span.start ||
      (v.kind === 'scalar' && v.value === null) ||
      (v.kind !== 'scalar' && (v.kind === 'seq' ? v.items.length === 0 : v.entries.length === 0));
    if (!block) return empty && v.span.end <= v.span.start ? fillEmptyValue(text, existing, value) : { start: v.span.start, end: v.span.end, newText: value };
    if (!empty) return { start: v.span.start, end: v.span.end, newText: value };
    // `milestones:` or `milestones: []`: the block replaces the empty value.
    const colon = text.indexOf(':', existing.keySpan.end);
    const from = colon < 0 ? existing.keySpan.end : colon + 1;
    const indent = ' '.repeat(columnOf(text, existing.keySpan.start));
    return { start: from, end: Math.max(from, v.span.end), newText: block.map((l) => eol + indent + l).join('') };
  }
  const flow = text[map.span.start] === '{';
  if (flow || map.entries.length === 0) {
    const close = text.lastIndexOf('}', map.span.end - 1);
    if (flow && close >= map.span.start) return { start: close, end: close, newText: `${map.entries.length ? ', ' : ''}${key}: ${value}` };
    // An empty block value cannot take entries in place; write a flow mapping into it.
    return { start: map.span.start, end: map.span.end, newText: `{${key}: ${value}}` };
  }
  const indent = ' '.repeat(columnOf(text, map.entries[0].keySpan.start));
  const lines = (block ? [`${key}:`, ...block] : [`${key}: ${value}`]).map((l) => indent + l);
  const before = place.before ? entry(map, place.before) : undefined;
  if (before && startsLine(text, before.keySpan.start) && columnOf(text, before.keySpan.start) === indent.length) {
    const at = lineStart(text, before.keySpan.start);
    return { start: at, end: at, newText: lines.join(eol) + eol };
  }
  const ref = anchorEntry(map, place)!;
  const last = lastContentOffset(text, { start: ref.keySpan.start, end: Math.max(ref.keySpan.end, ref.value.span.end) });
  return insertLinesAfter(text, Math.max(ref.keySpan.start, last - 1), lines);
}

/**
 * The column sequences are indented by under their key, and the column of an entry after the
 * dash (`items:\n  - id:` -> 2 and 2; `items:\n- id:` -> 0 and 2), read from an existing sequence.
 */
export function sequenceStyle(text: string, key: Span, firstItem: Span | undefined): { seqIndent: number; itemIndent: number } {
  if (!firstItem) return { seqIndent: 2, itemIndent: 2 };
  const line = lineText(text, firstItem.start);
  const col = columnOf(text, firstItem.start);
  const dash = line.lastIndexOf('-', col - 1);
  if (dash < 0) return { seqIndent: 2, itemIndent: 2 };
  return { seqIndent: Math.max(0, dash - columnOf(text, key.start)), itemIndent: Math.max(2, col - dash) };
}

// ---- markdown -----------------------------------------------------------------------------------

/** Is the line holding `offset` a `Key: value` field line (not a heading, not a list item)? */
function isFieldLine(text: string, offset: number): boolean {
  return FIELD_LINE.test(lineText(text, offset).trimStart());
}

/** `deadline` -> `Deadline` when the section writes its keys capitalised. */
export function keyLike(sample: string | undefined, key: string): string {
  if (sample && /^[A-Z]/.test(sample)) return key[0].toUpperCase() + key.slice(1).replace(/_/g, ' ');
  return key;
}

/**
 * Set a field of a markdown section (an SSP practice or POA&M item): fill or replace an
 * existing field, else add a `Key: value` line after the section's last field line (or right
 * after its heading when it has none).
 */
export function setMarkdownField(text: string, map: LMap | undefined, heading: Span, key: string, value: string): OffsetEdit {
  const existing = map ? entry(map, key) : undefined;
  if (existing && isFieldLine(text, existing.keySpan.start)) {
    const v = existing.value;
    if (v.span.end <= v.span.start || lineStart(text, v.span.start) !== lineStart(text, existing.keySpan.start)) return fillEmptyValue(text, existing, value);
    return { start: v.span.start, end: v.span.end, newText: value };
  }
  let lastLine = heading.start;
  let sample: string | undefined;
  for (const e of map?.entries ?? []) {
    if (e.key === 'milestones' || !isFieldLine(text, e.keySpan.start) || e.keySpan.start < heading.end) continue;
    sample ??= text.slice(e.keySpan.start, e.keySpan.end).trim();
    if (e.keySpan.start > lastLine) lastLine = e.keySpan.start;
  }
  return insertLinesAfter(text, lastLine, [`${keyLike(sample ?? 'Key', key)}: ${value}`]);
}

/** Add `key: value` to a markdown document's front matter (creating the front matter if needed). */
export function setFrontMatterField(text: string, key: string, value: string): OffsetEdit {
  const eol = eolOf(text);
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (isFence(lineText(text, bom))) {
    let at = nextLineStart(text, bom);
    while (at < text.length) {
      if (isFence(lineText(text, at))) return { start: at, end: at, newText: `${key}: ${value}${eol}` };
      at = nextLineStart(text, at);
    }
  }
  return { start: bom, end: bom, newText: `---${eol}${key}: ${value}${eol}---${eol}` };
}

/** The offset after the last non-blank line of a section (its end, trailing blank lines left out). */
export function sectionEnd(text: string, s: Span): number {
  return lineEnd(text, Math.max(s.start, lastContentOffset(text, { start: s.start, end: trimEndBlank(text, s) }) - 1));
}

function trimEndBlank(text: string, s: Span): number {
  let end = s.end;
  while (end > s.start && /\s/.test(text[end - 1])) end--;
  return end;
}
