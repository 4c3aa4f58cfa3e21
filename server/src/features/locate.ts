/**
 * What is at an offset, answered from the model and the located tree (never by re-parsing):
 * the practice id under the cursor, the POA&M item or milestone a finding belongs to, and the
 * tree node of an item so that a fix can add a field to it.
 */
import { requirement } from '../catalog/requirements';
import type { Milestone, PoamDoc, PoamItem, SspPractice } from '../documents/model';
import type { ParsedDocument } from '../documents/parse';
import { entry, type LMap, type LNode, type Span } from '../documents/tree';
import { unquote } from '../documents/syntax/lines';
import { lineStart, lineText, touches } from './text';

export { unquote };

/** Practice-id shaped tokens (`AC.L2-3.1.1`, `IR.L3-3.6.1e`, `SI.L1-b.1.xii`), loosely. */
const ID_TOKEN = /[A-Za-z]{2}\.L\d-[0-9A-Za-z.]*[0-9A-Za-z]/g;

export interface IdAt {
  /** The id as written. */
  readonly id: string;
  /** Where it is written. */
  readonly span: Span;
  /** The SSP entry it names, when it is an SSP practice key/heading. */
  readonly practice?: SspPractice;
  /** The POA&M item whose `practice` it is. */
  readonly item?: PoamItem;
}

/**
 * The id-shaped token of the line holding `offset` that covers it, if any. Only the one line is
 * looked at: the spans say which line, this says where on it (markdown headings and field lines
 * span more than the id).
 */
export function idTokenAt(text: string, offset: number): { id: string; span: Span } | undefined {
  const start = lineStart(text, offset);
  const line = lineText(text, offset);
  for (const m of line.matchAll(ID_TOKEN)) {
    const s = { start: start + m.index!, end: start + m.index! + m[0].length };
    if (touches(s, offset)) return { id: m[0], span: s };
  }
  return undefined;
}

/** The id written inside a located span: the span itself when it is just the id, else the token at `offset`. */
function idIn(text: string, s: Span, offset: number): { id: string; span: Span } | undefined {
  const raw = text.slice(s.start, s.end);
  const inner = unquote(raw);
  if (inner.value && !/\s/.test(inner.value))
    return { id: inner.value, span: { start: s.start + inner.offset, end: s.start + inner.offset + inner.value.length } };
  return idTokenAt(text, offset);
}

/**
 * The practice id at `offset`: an SSP practice key/heading or a POA&M item's `practice` value
 * (from the model's spans), else any catalog id written on that line (comments, prose).
 */
export function practiceIdAt(parsed: ParsedDocument, offset: number): IdAt | undefined {
  const model = parsed.model;
  if (model?.kind === 'ssp') {
    for (const p of model.practices) {
      if (!touches(p.id.span, offset)) continue;
      const hit = idIn(parsed.text, p.id.span, offset);
      if (hit) return { ...hit, practice: p };
    }
  } else if (model?.kind === 'poam') {
    for (const item of model.items) {
      if (!item.practice || !touches(item.practice.span, offset)) continue;
      const hit = idIn(parsed.text, item.practice.span, offset);
      if (hit) return { ...hit, item };
    }
  }
  const token = idTokenAt(parsed.text, offset);
  return token && requirement(token.id) ? token : undefined;
}

/** The POA&M item a span belongs to (the item holding it). */
export function itemAt(doc: PoamDoc, s: Span): PoamItem | undefined {
  let best: PoamItem | undefined;
  for (const item of doc.items) {
    const holds = (item.span.start <= s.start && s.end <= item.span.end) || (item.anchor.start === s.start && item.anchor.end === s.end);
    if (holds && (!best || item.span.end - item.span.start < best.span.end - best.span.start)) best = item;
  }
  return best;
}

/** The milestone of an item a span belongs to. */
export function milestoneAt(item: PoamItem, s: Span): { milestone: Milestone; index: number } | undefined {
  const list = item.milestones?.value ?? [];
  for (let i = 0; i < list.length; i++) {
    const m = list[i];
    if (m.span.start <= s.start && s.end <= m.span.end) return { milestone: m, index: i };
    if (m.task && m.task.span.start === s.start && m.task.span.end === s.end) return { milestone: m, index: i };
  }
  return undefined;
}

/** The tree node of a POA&M item (a map), by its index in `items`. */
export function itemNode(root: LNode | undefined, item: PoamItem): LMap | undefined {
  const items = entry(root, 'items')?.value;
  const node = items?.kind === 'seq' ? items.items[item.index] : undefined;
  return node?.kind === 'map' ? node : undefined;
}

/** The tree node of a milestone (a map) inside an item's node, matched by span. */
export function milestoneNode(itemMap: LMap, milestone: Milestone): LMap | undefined {
  const list = entry(itemMap, 'milestones')?.value;
  if (list?.kind !== 'seq') return undefined;
  const node = list.items.find((n) => n.span.start === milestone.span.start && n.span.end === milestone.span.end);
  return node?.kind === 'map' ? node : undefined;
}
