/**
 * Incremental re-parsing of markdown SSPs and POA&Ms, as incremental.ts does for YAML: when an
 * edit lies inside one `##` section (a practice or an item), only that section's lines go through
 * markdown-it again, and the new section is spliced into a copy of the previous tree; every later
 * span is shifted.
 *
 * The result must equal a full parse (test/fuzz/markdownIncremental.test.ts compares them on
 * random edits), so whatever could reach across a section boundary falls back to a full parse:
 * a code fence or an HTML block (either may swallow the next heading), a section or a next
 * section whose heading is not an ATX `#` at column 0 (a setext heading takes the paragraph
 * above it; an indented one may belong to a list), a slice with more or fewer than one section,
 * an SSP practice id that another section has, front matter that is not a mapping, or a text
 * the parser would refuse.
 */
import type { DocKind } from './detect';
import { type Change, type Reparsed, shifted } from './incremental';
import { lineOf, linesOf, markdownBlocks, sectionMap, splitSections } from './markdown';
import { span, type LMapEntry, type LNode } from './tree';
import { unreadableText } from './yaml';

/** A line that opens a fence (``` or ~~~) or an HTML block (`<`), after up to three spaces. */
const CROSSING = /(^|\n) {0,3}(`{3}|~{3}|<)/;

/** Does the line starting at `at` begin with an ATX heading mark at column 0? */
const atxAt = (text: string, at: number) => text.charCodeAt(at) === 35; /* # */

export function reparseSection(root: LNode, oldText: string, newText: string, change: Change): Reparsed | undefined {
  if (root.kind !== 'map') return undefined;
  const last = root.entries[root.entries.length - 1];
  if (!last || (last.key !== 'items' && last.key !== 'practices')) return undefined;
  const kind: DocKind = last.key === 'items' ? 'poam' : 'ssp';
  const container = last.value;
  const nodes = container.kind === 'seq' ? container.items : container.kind === 'map' ? container.entries.map((e) => e.value) : [];
  // The first line may be where document findings sit (a file without front matter).
  const firstBreak = oldText.indexOf('\n');
  if (nodes.length === 0 || firstBreak < 0 || change.start <= firstBreak) return undefined;
  // Front matter that is not a mapping leaves only the body's entry and a finding the splice
  // would not carry over.
  if (root.entries.length === 1 && oldText.startsWith('---')) return undefined;
  // Each section starts at its heading line; the one whose lines hold the change.
  let i = nodes.length - 1;
  while (i >= 0 && nodes[i].span.start > change.start) i--;
  if (i < 0) return undefined;
  const from = nodes[i].span.start;
  const hasNext = i + 1 < nodes.length;
  const oldTo = hasNext ? nodes[i + 1].span.start : oldText.length;
  // Touching the next heading's first character could merge lines with it.
  if (hasNext && change.oldEnd >= oldTo) return undefined;
  const delta = change.newEnd - change.oldEnd;
  const newTo = oldTo + delta;
  if (hasNext && (newText.charCodeAt(newTo - 1) !== 10 || !atxAt(newText, newTo))) return undefined;
  if (!atxAt(newText, from) || !atxAt(oldText, from)) return undefined;
  const slice = newText.slice(from, newTo);
  if (CROSSING.test(slice) || CROSSING.test(oldText.slice(from, oldTo)) || unreadableText(newText)) return undefined;

  const lines = linesOf(newText);
  const firstLine = lineOf(lines, from);
  const tokens = markdownBlocks(slice);
  const headings = tokens.filter((t) => t.level === 0 && t.type === 'heading_open' && (t.tag === 'h1' || t.tag === 'h2'));
  if (headings.length !== 1 || headings[0].map?.[0] !== 0) return undefined;
  const sections = splitSections(tokens, firstLine, lines, kind);
  if (sections.length !== 1) return undefined;
  const section = sections[0];
  const node = sectionMap(section, lines, kind);

  const next = shifted(root, oldTo, delta);
  if (next.kind !== 'map') return undefined;
  const entries = [...next.entries];
  const holder = entries[entries.length - 1];
  let value: LNode;
  if (holder.value.kind === 'seq') {
    const items = [...holder.value.items];
    items[i] = node;
    value = { kind: 'seq', span: span(items[0].span.start, items[items.length - 1].span.end), items };
  } else if (holder.value.kind === 'map') {
    // A practice id another section has is a duplicate-section finding in a full parse.
    if (holder.value.entries.some((e, j) => j !== i && e.key === section.id)) return undefined;
    const practices: LMapEntry[] = [...holder.value.entries];
    practices[i] = { key: section.id, keySpan: section.heading, value: node };
    value = { kind: 'map', span: span(practices[0].keySpan.start, practices[practices.length - 1].value.span.end), entries: practices };
  } else return undefined;
  entries[entries.length - 1] = { key: holder.key, keySpan: holder.keySpan, value };
  return { root: { kind: 'map', span: span(0, newText.length), entries }, findings: [] };
}
