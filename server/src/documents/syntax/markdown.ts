/**
 * The markdown adapter: SSPs and POA&Ms written as markdown (SPEC 1.3, 2.1). Fields are
 * `Key: value` lines in a section's field block (keys written as the document writes them,
 * `Deadline` or `deadline`), document fields live in the YAML front matter, milestones are a
 * `### Milestones` task list. Messages name fields the way the user writes them.
 */
import type { DocKind } from '../detect';
import { diffRegion } from '../incremental';
import { parseMarkdown } from '../markdown';
import { reparseSection } from '../markdownIncremental';
import { fieldName } from '../schema';
import { get, type LMap, type LNode, type Span } from '../tree';
import type { CompletionContext, ItemPlace, LineRange, SyntaxAdapter } from './adapter';
import { keyLike, sectionEnd, setFrontMatterField, setMarkdownField, type OffsetEdit } from './edits';
import { eolOf, lineStart, lineText, nextLineStart, unquote } from './lines';
import { FIELD_LINE, frontMatterLines, normalizeMarkdownKey } from './markdownLines';
import { yamlContext } from './yaml';

/** The skeleton's placeholder task (plain words, since `<...>` would read as HTML). */
export const MARKDOWN_TASK_PLACEHOLDER = 'Describe the task';

/** Fields that live in the front matter, not in a section. */
const DOCUMENT_FIELDS = new Set(['kind', 'level', 'organization', 'system', 'date', 'ssp', 'assessment', 'conditional_status_date', 'closeout']);

function writeKey(key: string, sample?: string): string {
  return keyLike(sample ?? 'Key', key);
}

function idSpan(text: string, s: Span): Span | undefined {
  const raw = text.slice(s.start, s.end);
  const heading = /^(#{1,6}[ \t]+)(\S+)/.exec(raw);
  if (heading) return { start: s.start + heading[1].length, end: s.start + heading[1].length + heading[2].length };
  // A `Practice: AC.L2-3.1.1` line: the first word of the value.
  const field = FIELD_LINE.exec(raw.trimStart());
  if (field?.[2] && /\s/.test(raw.trim())) {
    const at = raw.indexOf(field[2], raw.indexOf(':') + 1);
    const word = field[2].split(/\s/)[0];
    return { start: s.start + at, end: s.start + at + word.length };
  }
  const inner = unquote(raw);
  if (!inner.value) return undefined;
  return { start: s.start + inner.offset, end: s.start + inner.offset + inner.value.length };
}

/** "`Deadline` in ## POAM-1", "milestone 2 of ## POAM-1", "## AC.L2-3.1.1"; front matter fields as in YAML. */
function pathName(pointer: string, root: LNode): string {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let section: string | undefined;
  if (parts[0] === 'practices' && parts.length >= 2) section = `## ${parts[1]}`;
  if (parts[0] === 'items' && parts.length >= 2) {
    const items = get(root, 'items');
    const id = get(items?.kind === 'seq' ? items.items[Number(parts[1])] : undefined, 'id');
    section = `## ${id?.kind === 'scalar' ? String(id.value) : `item ${Number(parts[1]) + 1}`}`;
  }
  if (!section) return fieldName(pointer);
  if (parts.length === 2) return section;
  if (parts[2] === 'milestones' && parts.length >= 4) return `milestone ${Number(parts[3]) + 1} of ${section}${parts[4] ? ` (${parts[4]})` : ''}`;
  return `\`${writeKey(parts[2])}\` in ${section}`;
}

function insertMilestones(text: string, _root: unknown, item: ItemPlace, due: string): OffsetEdit {
  const eol = eolOf(text);
  const task = `- [ ] ${due} ${MARKDOWN_TASK_PLACEHOLDER}`;
  if (item.milestonesKey) {
    // `### Milestones` is there with an empty list: add the task under the heading.
    const at = nextLineStart(text, item.milestonesKey.start);
    return { start: at, end: at, newText: `${eol}${task}${eol}` };
  }
  const end = sectionEnd(text, item.span);
  const next = nextLineStart(text, end);
  const atEof = next >= text.length && !text.endsWith('\n');
  const followed = !atEof && next < text.length && lineText(text, next).trim() !== '';
  return { start: end, end, newText: `${eol}${eol}### Milestones${eol}${eol}${task}${followed ? eol : ''}` };
}

/** The task-list line: the date goes right after the checkbox (`- [ ] 2025-06-15 Task`). */
function insertDue(text: string, milestone: { node?: LMap; span: Span }, due: string): OffsetEdit | undefined {
  const at = lineStart(text, milestone.span.start);
  const m = /^\s*(?:[-*+]|\d+[.)])\s+\[[ xX]\]\s*/.exec(lineText(text, at));
  if (!m) return undefined;
  const rest = text.slice(at + m[0].length, at + m[0].length + 1);
  return {
    start: at + m[0].length,
    end: at + m[0].length,
    newText: `${m[0].endsWith(' ') ? '' : ' '}${due}${rest && rest !== '\n' && rest !== '\r' ? ' ' : ''}`,
  };
}

/** The `Key:` fields already written in the section around line `lineNo`. */
function sectionKeys(lines: readonly string[], lineNo: number, bodyStart: number): Set<string> {
  const keys = new Set<string>();
  const take = (line: string) => {
    const m = FIELD_LINE.exec(line);
    if (m) keys.add(normalizeMarkdownKey(m[1]));
  };
  for (let i = lineNo - 1; i >= bodyStart && !/^#{1,6}[ \t]/.test(lines[i]); i--) take(lines[i]);
  for (let i = lineNo + 1; i < lines.length && !/^#{1,6}[ \t]/.test(lines[i]); i++) take(lines[i]);
  return keys;
}

function completionContext(kind: DocKind, lines: readonly string[], lineNo: number, col: number, ids: ReadonlySet<string>): CompletionContext | undefined {
  const fm = frontMatterLines(lines);
  if (fm && lineNo > fm.open && lineNo < fm.close) return yamlContext(kind, lines, lineNo, col, fm.open + 1);
  const bodyStart = fm ? fm.close + 1 : 0;
  const line = lines[lineNo] ?? '';
  const before = line.slice(0, col);
  const tokenEnd = col + (/^[\w.-]*/.exec(line.slice(col))?.[0].length ?? 0);
  const range = (from: number): LineRange => ({ start: { line: lineNo, character: from }, end: { line: lineNo, character: tokenEnd } });
  const section = kind === 'ssp' ? ['practices', 'x'] : ['items', '-'];
  // `## AC.L2-3.` in an SSP: practice ids (with their titles, as the heading's free title).
  const heading = /^##[ \t]+([\w.-]*)$/.exec(before);
  if (heading)
    return kind === 'ssp' ? { type: 'practice-id', range: range(col - heading[1].length), present: ids, text: (id, title) => `${id} ${title}` } : undefined;
  // Which `##` section are we in (and not under `### Milestones`)?
  let inSection = false;
  for (let i = lineNo - 1; i >= bodyStart; i--) {
    if (/^###[ \t]/.test(lines[i])) return undefined;
    if (/^##[ \t]/.test(lines[i])) {
      inSection = true;
      break;
    }
  }
  if (!inSection) return undefined;
  // A field line being typed: `Status: me|` (the value so far is one word, right before the cursor).
  const value = FIELD_LINE.exec(before);
  const partial = value?.[2] ?? '';
  if (value && /:\s/.test(before) && /^[\w.-]*$/.test(partial) && before.endsWith(partial)) {
    const key = normalizeMarkdownKey(value[1]);
    return { type: 'value', range: range(col - partial.length), path: [...section, key], key };
  }
  if (!/^[A-Za-z]*$/.test(before)) return undefined;
  return {
    type: 'key',
    range: range(0),
    path: section,
    present: sectionKeys(lines, lineNo, bodyStart),
    skip: ['id', 'milestones', 'implementation', 'weakness'],
    label: (k) => writeKey(k, 'K'),
  };
}

export const markdownAdapter: SyntaxAdapter = {
  syntax: 'markdown',
  ownsPath: (p) => p.endsWith('.md') || p.endsWith('.markdown'),
  parse: (text, kindHint) => parseMarkdown(text, kindHint),
  reparse: (previous, previousText, text) => {
    // With a byte-order mark every span is one further on; such documents are parsed whole.
    const change = text.charCodeAt(0) !== 0xfeff ? diffRegion(previousText, text) : undefined;
    return change && reparseSection(previous, previousText, text, change);
  },
  normalizeKey: normalizeMarkdownKey,
  writeKey,
  wording: {
    field: (key, placeholder) => (DOCUMENT_FIELDS.has(key) ? `\`${key}:\` in the front matter` : `a \`${writeKey(key)}: ${placeholder ?? 'value'}\` line`),
    fieldValue: (key, value) => (DOCUMENT_FIELDS.has(key) ? `\`${key}: ${value}\`` : `\`${writeKey(key)}: ${value}\``),
    milestones: 'a `### Milestones` task list',
    addDue: 'write its due date (YYYY-MM-DD) after the checkbox',
    markDone: 'tick its checkbox (`- [x]`)',
    addPractice: (id) => `add a \`## ${id}\` section`,
    path: pathName,
  },
  frontMatter: frontMatterLines,
  idSpan,
  setItemField: (text, item, key, value) => setMarkdownField(text, item.node, item.anchor, key, value),
  setDocumentField: (text, _root, key, value) => setFrontMatterField(text, key, value),
  insertMilestones,
  insertDue,
  writeDate: (_text, _dates, day) => day,
  completionContext,
};
