/**
 * The text edits behind the scaffold code actions (features/scaffoldActions.ts), in the file's own
 * style: practices added to an SSP at their catalog place with the SSP's indentation (YAML) or
 * as `##` sections (markdown), an item appended to a POA&M's `items` (YAML: the sequence's
 * indentation; markdown: a new section), and an item marked completed. Line endings are the
 * file's. Where to write comes from the located tree; the text is looked at only for columns.
 */
import { requirementsForSsp, type Level, type Requirement } from '../catalog/requirements';
import type { ParsedDocument } from '../documents/parse';
import type { PoamDoc, PoamItem } from '../documents/model';
import { entry, type LMapEntry, type LNode } from '../documents/tree';
import { itemLines, type ItemSpec } from '../scaffold/poam';
import { practiceLines } from '../scaffold/ssp';
import { dateText, sectionEnd, sequenceStyle, setMarkdownField, setYamlField, type OffsetEdit } from './edits';
import { itemNode } from './locate';
import { columnOf, eolOf, lastContentOffset, lineStart, nextLineStart } from './text';

/** An edit that puts `lines` on their own lines right after the line holding `offset`. */
function afterLine(text: string, offset: number, lines: readonly string[], eol: string): OffsetEdit {
  const next = nextLineStart(text, offset);
  if (next >= text.length && !text.endsWith('\n')) return { start: text.length, end: text.length, newText: eol + lines.join(eol) };
  return { start: next, end: next, newText: lines.join(eol) + eol };
}

/** The last offset of an entry's content (its key or the end of its value, line breaks left out). */
function entryEnd(text: string, e: LMapEntry): number {
  return lastContentOffset(text, { start: e.keySpan.start, end: Math.max(e.keySpan.end, e.value.span.end) });
}

/**
 * Where each missing requirement goes: after the nearest earlier listed practice of its family,
 * else before the nearest later one of its family (so it lands under the family's comment or
 * heading), else after the nearest earlier one, else before the nearest later one.
 */
function placeMissing(
  level: Level,
  present: readonly LMapEntry[],
  missing: ReadonlySet<string>,
): { req: Requirement; after?: LMapEntry; before?: LMapEntry }[] {
  const reqs = requirementsForSsp(level);
  const index = new Map(reqs.map((r, i) => [r.id, i]));
  const listed = present.filter((e) => index.has(e.key)).sort((a, b) => index.get(a.key)! - index.get(b.key)!);
  const out: { req: Requirement; after?: LMapEntry; before?: LMapEntry }[] = [];
  for (const [i, req] of reqs.entries()) {
    if (!missing.has(req.id)) continue;
    const prev = [...listed].reverse().find((e) => index.get(e.key)! < i);
    const next = listed.find((e) => index.get(e.key)! > i);
    const family = (e?: LMapEntry) => (e ? reqs[index.get(e.key)!].family === req.family && reqs[index.get(e.key)!].level === req.level : false);
    if (family(prev)) out.push({ req, after: prev });
    else if (family(next)) out.push({ req, before: next });
    else if (prev) out.push({ req, after: prev });
    else out.push({ req, before: next });
  }
  return out;
}

/** The edits adding `missing` practices to an SSP (undefined when its `practices` cannot take them). */
export function addPracticesEdits(parsed: ParsedDocument, level: Level, missing: ReadonlySet<string>): OffsetEdit[] | undefined {
  const text = parsed.text;
  const eol = eolOf(text);
  const practices = entry(parsed.root, 'practices');
  const value: LNode | undefined = practices?.value;
  const present = value?.kind === 'map' ? value.entries : [];
  const places = placeMissing(level, present, missing);
  if (places.length === 0) return undefined;
  // Pieces of text per insertion offset, in catalog order.
  const pieces = new Map<number, string>();
  const add = (at: number, piece: string) => pieces.set(at, (pieces.get(at) ?? '') + piece);
  const edits = () => [...pieces].map(([at, newText]) => ({ start: at, end: at, newText }));
  if (parsed.syntax === 'markdown') {
    const statusKey = present.map((e) => (e.value.kind === 'map' ? entry(e.value, 'status')?.keySpan : undefined)).find((k) => k);
    const key = statusKey && /^[a-z]/.test(text.slice(statusKey.start, statusKey.end)) ? 'status' : 'Status';
    for (const p of places) {
      const lines = practiceLines(p.req, 'markdown', 2, key).join(eol);
      if (p.after) add(sectionEnd(text, p.after.value.span), eol + eol + lines);
      else if (p.before) add(lineStart(text, p.before.keySpan.start), lines + eol + eol);
      else add(text.length, (pieces.size === 0 && !text.endsWith('\n') ? eol : '') + eol + lines + eol);
    }
    return edits();
  }
  // YAML
  if (value && value.kind === 'map' && present.length > 0 && text[value.span.start] === '{') return undefined;
  if (value && value.kind === 'seq') return undefined;
  const first = present[0];
  const keyCol = first ? columnOf(text, first.keySpan.start) : 2;
  const firstStatus = present.map((e) => (e.value.kind === 'map' ? entry(e.value, 'status') : undefined)).find((s) => s);
  const owner = firstStatus && present.find((e) => e.value.kind === 'map' && e.value.entries.includes(firstStatus));
  const inner = firstStatus && owner ? Math.max(1, columnOf(text, firstStatus.keySpan.start) - columnOf(text, owner.keySpan.start)) : 2;
  const indent = ' '.repeat(keyCol);
  const block = (r: Requirement) => practiceLines(r, 'yaml', inner).map((l) => indent + l);
  if (present.length === 0) {
    const lines = places.flatMap((p) => block(p.req));
    if (!practices) return [afterLine(text, Math.max(0, text.length - 1), ['practices:', ...lines], eol)];
    // `practices:` with no value, or `practices: {}`: the block replaces the empty value.
    const colon = text.indexOf(':', practices.keySpan.end);
    const from = colon < 0 ? practices.keySpan.end : colon + 1;
    const to = value && value.span.end > value.span.start ? value.span.end : from;
    return [{ start: from, end: Math.max(from, to), newText: lines.map((l) => eol + l).join('') }];
  }
  for (const p of places) {
    const lines = block(p.req).join(eol);
    if (p.after) {
      const at = nextLineStart(text, Math.max(p.after.keySpan.start, entryEnd(text, p.after) - 1));
      add(at, at >= text.length && !text.endsWith('\n') ? eol + lines : lines + eol);
    } else add(lineStart(text, p.before!.keySpan.start), lines + eol);
  }
  return edits();
}

/** The edit appending an item to a POA&M, or undefined when its `items` cannot take one. */
export function appendItemEdit(parsed: ParsedDocument, doc: PoamDoc, spec: ItemSpec): OffsetEdit | undefined {
  const text = parsed.text;
  const eol = eolOf(text);
  if (doc.syntax === 'markdown') {
    const lines = itemLines(spec, 'markdown');
    const last = doc.items[doc.items.length - 1];
    if (!last) return { start: text.length, end: text.length, newText: `${text.endsWith('\n') ? '' : eol}${eol}${lines.join(eol)}${eol}` };
    const end = sectionEnd(text, last.span);
    return { start: end, end, newText: eol + eol + lines.join(eol) };
  }
  const items = entry(parsed.root, 'items');
  const yamlSpec = { ...spec, deadline: dateText(text, doc.dates, spec.deadline) };
  if (!items) return afterLine(text, Math.max(0, text.length - 1), ['items:', ...itemLines(yamlSpec, 'yaml')], eol);
  const seq = items.value;
  if (seq.kind === 'seq' && seq.items.length > 0) {
    if (text[seq.span.start] === '[') return undefined;
    const style = sequenceStyle(text, items.keySpan, seq.items[0].span);
    const dash = columnOf(text, items.keySpan.start) + style.seqIndent;
    const lastItem = seq.items[seq.items.length - 1];
    const end = lastContentOffset(text, lastItem.span);
    return afterLine(text, Math.max(lastItem.span.start, end - 1), itemLines(yamlSpec, 'yaml', { dash, inner: style.itemIndent }), eol);
  }
  if (seq.kind === 'map' && seq.entries.length > 0) return undefined;
  // `items:` or `items: []`: the block replaces the empty value.
  const colon = text.indexOf(':', items.keySpan.end);
  const from = colon < 0 ? items.keySpan.end : colon + 1;
  const to = seq.span.end > seq.span.start ? seq.span.end : from;
  const dash = columnOf(text, items.keySpan.start) + 2;
  return {
    start: from,
    end: Math.max(from, to),
    newText: itemLines(yamlSpec, 'yaml', { dash, inner: 2 })
      .map((l) => eol + l)
      .join(''),
  };
}

/** The edits marking an item completed on `day`: `status: completed` and `completed: <day>`. */
export function markCompletedEdits(parsed: ParsedDocument, doc: PoamDoc, item: PoamItem, day: string): OffsetEdit[] | undefined {
  const text = parsed.text;
  const node = itemNode(parsed.root, item);
  if (doc.syntax === 'markdown') {
    return [setMarkdownField(text, node, item.anchor, 'status', 'completed'), setMarkdownField(text, node, item.anchor, 'completed', day)];
  }
  if (!node || text[node.span.start] === '{') return undefined;
  return [setYamlField(text, node, 'status', 'completed'), setYamlField(text, node, 'completed', dateText(text, doc.dates, day), { after: ['status'] })];
}
