/**
 * Markdown SSPs and POA&Ms (SPEC 1.3) -> the same located tree as YAML, so every rule, code,
 * hover and fix works on both syntaxes.
 *
 * - Front matter (between `---` lines at the top) is YAML, parsed with parseYaml at its offset in
 *   the file, so its findings land on the right lines; its fields are the document's fields.
 * - The body is parsed by markdown-it (CommonMark, with block positions). Only top-level `##`
 *   headings open sections: headings inside block quotes, lists or code fences are not sections.
 *   SSP: `## <practice-id> <title>` -> practices[id]; POA&M: `## <item-id> <title>` -> items[].
 * - The first lines of a section that read `Key: value` are its fields (blank lines may come
 *   before them; they end at the first other line). Keys are case-insensitive and spaces or
 *   dashes become `_`; `Scheduled completion` is the model's `deadline`. List fields (`Evidence`)
 *   are comma-separated. Unknown fields go into the tree and the JSON Schema reports them on the
 *   key (one finding per fault).
 * - The prose after the fields is the SSP implementation statement (or, for a not-applicable
 *   practice without a `Justification:` field, its justification) and the POA&M weakness.
 * - `### Milestones` holds a task list: `- [ ] 2025-04-15 Draft banner` (`[x]`/`[X]` = done; a
 *   line without a leading date has no due date). Plain bullets count as milestones too.
 *
 * Where findings sit (SPEC 2.1): a practice id or item id spans its whole heading line; the
 * item's `practice` value spans its whole `Practice:` line; a milestone's `due` (and, when it has
 * no date, its `task`) spans its whole task-list line; document findings sit on the front matter's
 * `kind` line. We chose markdown-it over mdast-util-from-markdown for speed: 0.2 s against 11 s on
 * a 50,000-line POA&M.
 */
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import type { DocKind } from './detect';
import { kindFromValue } from './detect';
import type { Finding } from './findings';
import { entry, span, type LMapEntry, type LNode, type Span } from './tree';
import { SCHEMAS } from './schema';
import { FIELD_LINE, isFence, normalizeMarkdownKey, TASK_LINE } from './syntax/markdownLines';
import { parseYaml, syntaxFinding, unreadableText, type ParsedTree } from './yaml';

export interface MarkdownTree extends ParsedTree {
  /** The kind named by the front matter's `kind`, if any. */
  readonly kind?: DocKind;
  /** Where document-level findings sit: the front matter's `kind` line (or the first line). */
  readonly anchor?: Span;
}

const md = new MarkdownIt('commonmark');
// Only the block structure is read (a heading's text is its inline token's raw `content`): the
// inline pass, most of markdown-it's time, would tokenize every paragraph for nothing.
md.core.ruler.disable(['inline', 'text_join']);
/** The block tokens of a markdown text (CommonMark; lines in `map` count from its first line). */
export const markdownBlocks = (text: string): Token[] => md.parse(text, {});

const LIST_FIELDS = new Set(['evidence']);
/** Id-shaped first words of `##` headings (SPEC 2.1): `XX.L<digit>-...` in any case; an item id starts with a letter and has a digit. */
const PRACTICE_SHAPE = /^[A-Za-z]{2}\.L\d-\S*$/i;
const ITEM_SHAPE = /^[A-Za-z]\S*\d\S*$/;

function idShaped(kind: DocKind, word: string): boolean {
  return kind === 'ssp' ? PRACTICE_SHAPE.test(word) : ITEM_SHAPE.test(word);
}

/** Offsets of the start of every line, for markdown-it's line maps. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export interface Lines {
  readonly text: string;
  readonly starts: number[];
  /** Start offset of line `n`. */
  start(n: number): number;
  /** End offset of line `n`, before its line break. */
  end(n: number): number;
}

export function linesOf(text: string): Lines {
  const starts = lineStarts(text);
  return {
    text,
    starts,
    start: (n) => starts[Math.min(n, starts.length - 1)] ?? text.length,
    end: (n) => {
      let e = n + 1 < starts.length ? starts[n + 1] - 1 : text.length;
      if (e > 0 && text.charCodeAt(e - 1) === 13) e--;
      return Math.max(e, starts[Math.min(n, starts.length - 1)] ?? 0);
    },
  };
}

const scalar = (value: string, s: Span): LNode => ({ kind: 'scalar', span: s, value });

/** Parse a markdown SSP or POA&M. `kindHint` is the kind its file name implies. */
export function parseMarkdown(text: string, kindHint?: DocKind): MarkdownTree {
  const guard = unreadableText(text);
  if (guard) return { findings: [guard], stop: true };
  const lines = linesOf(text);
  const findings: Finding[] = [];

  // ---- front matter ----
  let bodyLine = 0;
  let front: LMapEntry[] = [];
  let anchor: Span = span(0, lines.end(0));
  if (isFence(text.slice(0, lines.end(0)), true)) {
    let close = -1;
    for (let n = 1; n < lines.starts.length; n++) {
      if (isFence(text.slice(lines.start(n), lines.end(n)))) {
        close = n;
        break;
      }
    }
    if (close < 0) {
      findings.push(
        syntaxFinding('The front matter opened by `---` on the first line is never closed: add a `---` line after its fields.', span(0, lines.end(0))),
      );
      return { findings, stop: true };
    }
    const fmStart = lines.start(1);
    const fm = parseYaml(text.slice(fmStart, lines.start(close)), fmStart);
    findings.push(...fm.findings);
    if (fm.stop) return { findings, stop: true };
    if (fm.root && fm.root.kind === 'map') front = fm.root.entries;
    else if (fm.root && !(fm.root.kind === 'scalar' && fm.root.value === null)) {
      findings.push({ code: 'schema', severity: 'error', message: 'The front matter must be a mapping of fields (kind, level, ...).', span: fm.root.span });
    }
    bodyLine = close + 1;
    const kindEntry = front.find((e) => e.key.toLowerCase() === 'kind');
    if (kindEntry) anchor = span(lines.start(lineOf(lines, kindEntry.keySpan.start)), lines.end(lineOf(lines, kindEntry.keySpan.start)));
  }
  const kindValue = front.find((e) => e.key.toLowerCase() === 'kind')?.value;
  const kind = kindHint ?? kindFromValue(kindValue?.kind === 'scalar' ? kindValue.value : undefined);
  if (!kind) return { findings, stop: false, kind: undefined };

  // ---- body ----
  const bodyOffset = lines.start(bodyLine);
  const tokens = bodyLine < lines.starts.length && bodyOffset < text.length ? markdownBlocks(text.slice(bodyOffset)) : [];
  const sections = splitSections(tokens, bodyLine, lines, kind);
  const entries = [...front];
  const docEnd = span(anchor.start, anchor.end);
  if (kind === 'ssp') {
    const practices: LMapEntry[] = [];
    const seen = new Map<string, Span>();
    for (const s of sections) {
      // Both sections stay in the tree, as YAML keeps both pairs: the model scores the later one (SPEC 2.1).
      if (seen.has(s.id))
        findings.push(
          syntaxFinding(`Duplicate section for ${s.id}: each practice has one \`##\` section; this later one is the one scored. Merge the two.`, s.heading),
        );
      seen.set(s.id, s.heading);
      practices.push({ key: s.id, keySpan: s.heading, value: sectionMap(s, lines, 'ssp') });
    }
    entries.push({
      key: 'practices',
      keySpan: docEnd,
      value: {
        kind: 'map',
        span: practices.length ? span(practices[0].keySpan.start, practices[practices.length - 1].value.span.end) : docEnd,
        entries: practices,
      },
    });
  } else {
    const items: LNode[] = sections.map((s) => sectionMap(s, lines, 'poam'));
    entries.push({
      key: 'items',
      keySpan: docEnd,
      value: { kind: 'seq', span: items.length ? span(items[0].span.start, items[items.length - 1].span.end) : docEnd, items },
    });
  }
  const root: LNode = { kind: 'map', span: span(0, text.length), entries };
  return { root, findings, stop: false, kind, anchor };
}

export function lineOf(lines: Lines, offset: number): number {
  let lo = 0;
  let hi = lines.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines.starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** One `##` section: its heading and the top-level blocks under it. */
export interface Section {
  readonly id: string;
  readonly heading: Span;
  /** Line range [first, last) of the section in the file. */
  readonly firstLine: number;
  readonly endLine: number;
  /** Top-level blocks: [kind, first line, end line) in file lines. */
  readonly blocks: { type: string; tag: string; from: number; to: number; text?: string }[];
}

export function splitSections(tokens: Token[], bodyLine: number, lines: Lines, kind: DocKind): Section[] {
  const sections: Section[] = [];
  let current: { id: string; heading: Span; firstLine: number; blocks: Section['blocks'] } | undefined;
  let skipping = false;
  const close = (endLine: number) => {
    if (current) sections.push({ ...current, endLine });
    current = undefined;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.level !== 0 || !t.map || t.type.endsWith('_close')) continue;
    const from = t.map[0] + bodyLine;
    const to = t.map[1] + bodyLine;
    if (t.type === 'heading_open' && (t.tag === 'h1' || t.tag === 'h2')) {
      close(from);
      skipping = false;
      if (t.tag === 'h1') continue;
      const title = tokens[i + 1]?.content ?? '';
      const first = (title.trim().split(/\s+/)[0] ?? '').replace(/:$/, '');
      const heading = span(lines.start(from), lines.end(from));
      // SPEC 2.1: a heading whose first word is not shaped like an id is a free section (`## Scope`).
      if (!idShaped(kind, first)) {
        skipping = true;
        continue;
      }
      current = { id: first, heading, firstLine: from, blocks: [] };
      continue;
    }
    if (!current || skipping) continue;
    const text = t.type === 'heading_open' ? tokens[i + 1]?.content : undefined;
    current.blocks.push({ type: t.type, tag: t.tag, from, to, text });
  }
  close(lines.starts.length);
  return sections;
}

/** Build the item/practice map of one section. */
export function sectionMap(s: Section, lines: Lines, kind: DocKind): LNode {
  const text = lines.text;
  const entries: LMapEntry[] = [];
  const sectionEnd = s.blocks.length ? lines.end(s.blocks[s.blocks.length - 1].to - 1) : s.heading.end;
  if (kind === 'poam') entries.push({ key: 'id', keySpan: s.heading, value: scalar(s.id, s.heading) });

  // The field block (SPEC 2.1): the first paragraph, when it starts with a `Key: value` line, up
  // to its first line that is not one. Everything after it is prose, whatever it looks like.
  let b = 0;
  let proseFromLine = -1;
  const first = s.blocks[0];
  if (first?.type === 'paragraph_open' && FIELD_LINE.test(text.slice(lines.start(first.from), lines.end(first.from)))) {
    b = 1;
    for (let n = first.from; n < first.to; n++) {
      const line = text.slice(lines.start(n), lines.end(n));
      const m = FIELD_LINE.exec(line);
      if (!m) {
        proseFromLine = n;
        b = 0;
        break;
      }
      const rawKey = m[1];
      const key = normalizeMarkdownKey(rawKey);
      const keyStart = lines.start(n) + line.indexOf(rawKey);
      const keySpan = span(keyStart, keyStart + rawKey.length);
      const value = m[2] ?? '';
      const valueStart = value ? lines.start(n) + line.indexOf(value, line.indexOf(':') + 1) : lines.end(n);
      const whole = span(lines.start(n), lines.end(n));
      let node: LNode;
      if (LIST_FIELDS.has(key)) {
        const items: LNode[] = [];
        let at = valueStart;
        for (const part of value.split(',')) {
          const trimmed = part.trim();
          const off = at + part.indexOf(trimmed);
          if (trimmed) items.push(scalar(trimmed, span(off, off + trimmed.length)));
          at += part.length + 1;
        }
        node = { kind: 'seq', span: span(valueStart, valueStart + value.length), items };
      } else {
        // SPEC 2.1: findings about the item's practice sit on its whole `Practice:` line.
        node = scalar(enumValue(kind, key, value), key === 'practice' && kind === 'poam' ? whole : span(valueStart, valueStart + value.length));
      }
      const dup = entries.findIndex((e) => e.key === key);
      if (dup >= 0) entries.splice(dup, 1);
      entries.push({ key, keySpan, value: node });
    }
  }

  // Prose: the rest of the paragraphs and other blocks up to `### Milestones` (POA&M).
  let proseStart = -1;
  let proseEnd = -1;
  let milestones: LMapEntry | undefined;
  if (proseFromLine >= 0) {
    proseStart = lines.start(proseFromLine);
    proseEnd = lines.end(s.blocks[0].to - 1);
    b = 1;
  }
  for (; b < s.blocks.length; b++) {
    const blk = s.blocks[b];
    if (kind === 'poam' && blk.type === 'heading_open' && blk.tag === 'h3' && (blk.text ?? '').trim().toLowerCase() === 'milestones') {
      milestones = milestoneEntry(s, b, lines);
      break;
    }
    if (blk.type === 'heading_open') continue;
    if (proseStart < 0) proseStart = lines.start(blk.from);
    proseEnd = lines.end(blk.to - 1);
  }
  if (proseStart >= 0 && proseEnd > proseStart) {
    const prose = text.slice(proseStart, proseEnd).trim();
    const at = proseStart + text.slice(proseStart, proseEnd).indexOf(prose);
    const node = scalar(prose, span(at, at + prose.length));
    const has = (k: string) => entries.some((e) => e.key === k);
    if (kind === 'poam') {
      if (!has('weakness')) entries.push({ key: 'weakness', keySpan: node.span, value: node });
    } else {
      const status = entry({ kind: 'map', span: s.heading, entries }, 'status')?.value;
      const na = status?.kind === 'scalar' && status.value === 'not-applicable';
      const key = na && !has('justification') ? 'justification' : 'implementation';
      if (!has(key)) entries.push({ key, keySpan: node.span, value: node });
    }
  }
  if (milestones) entries.push(milestones);
  return { kind: 'map', span: span(s.heading.start, Math.max(sectionEnd, s.heading.end)), entries };
}

/** `### Milestones` and the list items after it, up to the next `###`. */
function milestoneEntry(s: Section, at: number, lines: Lines): LMapEntry {
  const text = lines.text;
  const heading = span(lines.start(s.blocks[at].from), lines.end(s.blocks[at].from));
  const items: LNode[] = [];
  let end = heading.end;
  for (let b = at + 1; b < s.blocks.length; b++) {
    const blk = s.blocks[b];
    if (blk.type === 'heading_open') break;
    if (blk.type !== 'bullet_list_open' && blk.type !== 'ordered_list_open') continue;
    end = lines.end(blk.to - 1);
    // Top-level list items start at the list's own indentation.
    const indent = text.slice(lines.start(blk.from), lines.end(blk.from)).search(/\S/);
    for (let n = blk.from; n < blk.to; n++) {
      const line = text.slice(lines.start(n), lines.end(n));
      if (line.search(/\S/) !== indent) continue;
      const m = TASK_LINE.exec(line);
      if (!m) continue;
      const whole = span(lines.start(n), lines.end(n));
      const entries: LMapEntry[] = [];
      const task = m[5];
      const taskStart = task ? lines.start(n) + line.lastIndexOf(task) : whole.start;
      if (m[4]) {
        const dateAt = lines.start(n) + m[1].length + (m[2]?.length ?? 0);
        entries.push({ key: 'task', keySpan: span(dateAt, dateAt + 10), value: scalar(task, task ? span(taskStart, taskStart + task.length) : whole) });
        entries.push({ key: 'due', keySpan: span(dateAt, dateAt + 10), value: scalar(m[4], whole) });
      } else {
        entries.push({ key: 'task', keySpan: whole, value: scalar(task, whole) });
      }
      if (m[3] === 'x' || m[3] === 'X') entries.push({ key: 'done', keySpan: whole, value: { kind: 'scalar', span: whole, value: true } });
      items.push({ kind: 'map', span: whole, entries });
    }
  }
  return { key: 'milestones', keySpan: heading, value: { kind: 'seq', span: span(heading.start, end), items } };
}

type JsonSchema = { $ref?: string; enum?: unknown[]; properties?: Record<string, JsonSchema>; definitions?: Record<string, JsonSchema> };

/** Per kind, the enumerated text fields of a section (practice or item) and their values, from the JSON Schema. */
const ENUMS: Record<DocKind, Map<string, string[]>> = { ssp: sectionEnums('ssp', 'practice'), poam: sectionEnums('poam', 'item') };

function sectionEnums(kind: DocKind, definition: string): Map<string, string[]> {
  const root = SCHEMAS[kind] as JsonSchema;
  const deref = (x: JsonSchema): JsonSchema => (x.$ref?.startsWith('#/definitions/') ? (root.definitions?.[x.$ref.slice(14)] ?? x) : x);
  const out = new Map<string, string[]>();
  for (const [key, prop] of Object.entries(root.definitions?.[definition]?.properties ?? {})) {
    const values = (deref(prop).enum ?? []).filter((v): v is string => typeof v === 'string');
    if (values.length) out.set(key, values);
  }
  return out;
}

/** SPEC 2.1: markdown field values are read case-insensitively (`Status: Met`, `Not met` -> `not-met`). */
function enumValue(kind: DocKind, key: string, value: string): string {
  const values = ENUMS[kind].get(key);
  if (!values) return value;
  const folded = value
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  return values.includes(folded) ? folded : value;
}
