/**
 * The YAML adapter: SSPs and POA&Ms written as YAML (SPEC 1.1, 1.2). Keys are written exactly
 * (`deadline:`), fixes add a line at the map's own indentation (or `, key: value` in a flow map),
 * completion finds the key path from indentation (yamlPath.ts).
 */
import type { DocKind } from '../detect';
import { kindFromValue } from '../detect';
import { entry, type LMap, type LNode, type Span } from '../tree';
import { diffRegion, reparseEntry } from '../incremental';
import { fieldName } from '../schema';
import { parseYaml } from '../yaml';
import type { CompletionContext, ItemPlace, LineRange, SyntaxAdapter, SyntaxTree } from './adapter';
import { dateText, sequenceStyle, setYamlField, type OffsetEdit, type Placement } from './edits';
import { unquote } from './lines';
import { mapPath, seqPath, siblingKeys, withItem } from './yamlPath';

/** The skeleton's placeholder task. */
export const TASK_PLACEHOLDER = '<describe the task>';

function parse(text: string): SyntaxTree {
  const tree = parseYaml(text);
  // `Kind: SSP` is still ours (the schema says how to write it): look the key up case-insensitively.
  const kindEntry = tree.root?.kind === 'map' ? (entry(tree.root, 'kind') ?? tree.root.entries.find((e) => e.key.toLowerCase() === 'kind')) : undefined;
  const kind = kindEntry?.value;
  return { ...tree, kind: kindFromValue(kind?.kind === 'scalar' ? kind.value : undefined) };
}

function idSpan(text: string, s: Span): Span | undefined {
  const inner = unquote(text.slice(s.start, s.end));
  if (!inner.value) return undefined;
  return { start: s.start + inner.offset, end: s.start + inner.offset + inner.value.length };
}

function insertMilestones(text: string, root: LNode | undefined, item: ItemPlace, due: string): OffsetEdit | undefined {
  if (!item.node) return undefined;
  const items = entry(root, 'items');
  const style = items && items.value.kind === 'seq' ? sequenceStyle(text, items.keySpan, items.value.items[0]?.span) : { seqIndent: 2, itemIndent: 2 };
  const dash = ' '.repeat(style.seqIndent);
  const inner = ' '.repeat(style.seqIndent + style.itemIndent);
  const block = [`${dash}- ${' '.repeat(style.itemIndent - 2)}task: ${TASK_PLACEHOLDER}`, `${inner}due: ${due}`];
  const flow = `[{task: "${TASK_PLACEHOLDER}", due: ${due}}]`;
  return setYamlField(text, item.node, 'milestones', flow, {}, block);
}

/** The completion context of YAML lines from `top` (0, or the line after a front matter's `---`). */
export function yamlContext(kind: DocKind, lines: readonly string[], lineNo: number, col: number, top: number): CompletionContext | undefined {
  const line = lines[lineNo] ?? '';
  const before = line.slice(0, col);
  const tokenEnd = col + (/^[\w.-]*/.exec(line.slice(col))?.[0].length ?? 0);
  const range = (from: number): LineRange => ({ start: { line: lineNo, character: from }, end: { line: lineNo, character: tokenEnd } });
  // `key: partial` -> values of that key.
  const value = /^( *)(-(?: +|$))?("[^"]*"|'[^']*'|[^\s:#'"][^:#]*?)[ \t]*:[ \t]+(['"]?)([\w.-]*)$/.exec(before);
  if (value) {
    const keyCol = value[1].length + (value[2]?.length ?? 0);
    const path = value[2] ? withItem(seqPath(lines, lineNo, value[1].length, top)) : mapPath(lines, lineNo, keyCol, top);
    if (!path) return undefined;
    const key = value[3].replace(/^(['"])(.*)\1$/, '$2');
    return { type: 'value', range: range(col - value[5].length), path: [...path, key], key };
  }
  // A key being typed (possibly after `- `).
  const key = /^( *)(-(?: +|$))?([\w.-]*)$/.exec(before);
  if (!key) return undefined;
  const keyCol = key[1].length + (key[2]?.length ?? 0);
  const path = key[2] ? withItem(seqPath(lines, lineNo, key[1].length, top)) : mapPath(lines, lineNo, keyCol, top);
  if (!path) return undefined;
  const present = key[2] ? new Set<string>() : siblingKeys(lines, lineNo, keyCol, top);
  if (kind === 'ssp' && path.length === 1 && path[0] === 'practices') return { type: 'practice-id', range: range(keyCol), present, text: (id) => `${id}:` };
  return { type: 'key', range: range(keyCol), path, present, skip: [], label: (k) => k };
}

export const yamlAdapter: SyntaxAdapter = {
  syntax: 'yaml',
  ownsPath: (p) => p.endsWith('.yaml') || p.endsWith('.yml'),
  parse,
  reparse: (previous, previousText, text) => {
    const change = diffRegion(previousText, text);
    return change && reparseEntry(previous, previousText, text, change);
  },
  normalizeKey: (written) => written,
  writeKey: (key) => key,
  wording: {
    field: (key) => `\`${key}:\``,
    fieldValue: (key, value) => `\`${key}: ${value}\``,
    milestones: 'a `milestones:` list',
    addDue: 'add `due:`',
    markDone: 'mark it `done`',
    addPractice: () => 'add it under `practices`',
    path: fieldName,
  },
  frontMatter: () => undefined,
  idSpan,
  setItemField: (text, item, key, value, place?: Placement) => (item.node ? setYamlField(text, item.node, key, value, place) : undefined),
  setDocumentField: (text, root, key, value, place) => (root?.kind === 'map' ? setYamlField(text, root as LMap, key, value, place) : undefined),
  insertMilestones,
  insertDue: (text, milestone, due) => (milestone.node ? setYamlField(text, milestone.node, 'due', due, { after: ['task'] }) : undefined),
  writeDate: dateText,
  completionContext: (kind, lines, lineNo, col) => yamlContext(kind, lines, lineNo, col, 0),
};
