/**
 * Completion (SPEC 3): practice ids with their titles (in `practice:` values, as keys under
 * `practices:`, after `## ` in markdown SSPs), field names with their descriptions (read from the
 * JSON Schemas, so completion and validation never disagree), enum values, and the dates that
 * matter (today, the closeout date).
 *
 * The line being typed usually does not parse (`  dea` is no YAML entry yet), so the place in
 * the document is found from indentation: the lines above the cursor are walked up to the keys
 * that hold it (`items` > item > `milestones` > milestone). Everything else comes from the
 * schemas, the catalog and the last parse.
 */
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Position } from 'vscode-languageserver';
import { REQUIREMENTS, requirementsForSsp, requirementsOfLevel, type Level, type Requirement } from '../catalog/requirements';
import { formatDay } from '../documents/dates';
import type { DocKind } from '../documents/detect';
import type { ParsedDocument } from '../documents/parse';
import { SCHEMAS } from '../documents/schema';
import { get } from '../documents/tree';
import { closeoutDay } from '../domain/clock';
import { deferral } from '../domain/deferral';

/** The slice of JSON Schema that completion reads. */
interface Schema {
  $ref?: string;
  title?: string;
  description?: string;
  type?: string;
  enum?: unknown[];
  enumDescriptions?: string[];
  const?: unknown;
  pattern?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
  definitions?: Record<string, Schema>;
}

const DATE_REF = '#/definitions/date';

/** Completion items at `position` of a parsed SSP/POA&M (empty for other documents); the snippets are in snippets.ts. */
export function completions(parsed: ParsedDocument | undefined, position: Position, today: number): CompletionItem[] {
  if (!parsed) return [];
  const lines = parsed.text.split(/\r?\n/);
  const lineNo = Math.min(position.line, lines.length - 1);
  const line = lines[lineNo] ?? '';
  const col = Math.min(position.character, line.length);
  const ctx: Ctx = { parsed, kind: parsed.kind, level: levelOf(parsed), today, lines, lineNo, line, col };
  if (parsed.syntax === 'yaml') return yamlCompletions(ctx, 0);
  const fm = frontMatter(lines);
  if (fm && lineNo > fm.open && lineNo < fm.close) return yamlCompletions(ctx, fm.open + 1);
  return markdownCompletions(ctx, fm ? fm.close + 1 : 0);
}

interface Ctx {
  readonly parsed: ParsedDocument;
  readonly kind: DocKind;
  readonly level?: Level;
  readonly today: number;
  readonly lines: readonly string[];
  readonly lineNo: number;
  readonly line: string;
  readonly col: number;
}

function levelOf(parsed: ParsedDocument): Level | undefined {
  const model = parsed.model?.level?.value;
  if (model) return model;
  const node = get(parsed.root, 'level');
  const v = node?.kind === 'scalar' ? node.value : undefined;
  return v === 1 || v === 2 || v === 3 ? v : undefined;
}

// ---- YAML ---------------------------------------------------------------------------------------

interface LineInfo {
  readonly blank: boolean;
  readonly indent: number;
  /** Column of the `-` when the line starts a sequence item. */
  readonly dash?: number;
  /** Column where the line's key (or content) starts. */
  readonly keyCol: number;
  readonly key?: string;
  /** The value after `key:`, comments stripped. */
  readonly rest: string;
}

function info(line: string): LineInfo {
  const m = /^( *)(-(?: +|$))?(.*)$/.exec(line)!;
  const content = m[3];
  const blank = content.trim() === '' && !m[2] ? true : content.trimStart().startsWith('#') && !m[2];
  const indent = m[1].length;
  const dash = m[2] ? indent : undefined;
  const keyCol = indent + (m[2]?.length ?? 0);
  const k = /^("[^"]*"|'[^']*'|[^\s:#'"][^:#]*?)[ \t]*:(?:[ \t]+|$)(.*)$/.exec(content);
  if (!k) return { blank, indent, dash, keyCol, rest: content };
  return { blank, indent, dash, keyCol, key: k[1].replace(/^(['"])(.*)\1$/, '$2'), rest: k[2].replace(/(^|\s)#.*$/, '').trim() };
}

/** The key path of the map whose keys sit at column `col` around line `from` (lines >= `top`). */
function mapPath(lines: readonly string[], from: number, col: number, top: number): string[] | undefined {
  for (let i = from - 1; i >= top; i--) {
    const li = info(lines[i]);
    if (li.blank) continue;
    if (li.dash !== undefined && li.keyCol === col) {
      const p = seqPath(lines, i, li.dash, top);
      return p && [...p, '-'];
    }
    if (li.indent < col) {
      if (!li.key || li.rest !== '') return undefined;
      const owner = ownerPath(lines, i, li, top);
      return owner && [...owner, li.key];
    }
  }
  return col === 0 ? [] : undefined;
}

/** The key path of a sequence whose dashes sit at column `dash` around line `from`. */
function seqPath(lines: readonly string[], from: number, dash: number, top: number): string[] | undefined {
  for (let i = from - 1; i >= top; i--) {
    const li = info(lines[i]);
    if (li.blank || li.indent > dash || (li.indent === dash && li.dash !== undefined)) continue;
    if (!li.key || li.rest !== '') return undefined;
    const owner = ownerPath(lines, i, li, top);
    return owner && [...owner, li.key];
  }
  return undefined;
}

/** The path of the map that holds the key written on line `i`. */
function ownerPath(lines: readonly string[], i: number, li: LineInfo, top: number): string[] | undefined {
  if (li.dash !== undefined) {
    const p = seqPath(lines, i, li.dash, top);
    return p && [...p, '-'];
  }
  return mapPath(lines, i, li.keyCol, top);
}

/** The keys already written in the map at column `col` around line `at`. */
function siblingKeys(lines: readonly string[], at: number, col: number, top: number): Set<string> {
  const keys = new Set<string>();
  const take = (li: LineInfo) => {
    if (li.key && li.keyCol === col) keys.add(li.key);
  };
  for (let i = at - 1; i >= top; i--) {
    const li = info(lines[i]);
    if (li.blank) continue;
    if (li.indent < col || (li.dash !== undefined && li.keyCol === col)) {
      if (li.dash !== undefined && li.keyCol === col) take(li);
      break;
    }
    if (li.dash === undefined || li.dash > col) take(li);
  }
  for (let i = at + 1; i < lines.length; i++) {
    const line = lines[i];
    if (/^(---|\.\.\.)\s*$/.test(line)) break;
    const li = info(line);
    if (li.blank) continue;
    if (li.indent < col || (li.dash !== undefined && li.dash < col)) break;
    if (li.dash === undefined) take(li);
  }
  return keys;
}

function resolve(root: Schema, s: Schema | boolean | undefined): Schema | undefined {
  if (!s || s === true) return undefined;
  if (s.$ref?.startsWith('#/definitions/')) {
    const target = root.definitions?.[s.$ref.slice('#/definitions/'.length)];
    const { $ref, ...rest } = s;
    return { ...resolve(root, target), ...rest, $ref };
  }
  return s;
}

function schemaAt(root: Schema, path: readonly string[]): Schema | undefined {
  let s = resolve(root, root);
  for (const p of path) {
    if (!s) return undefined;
    if (p === '-') s = resolve(root, s.items);
    else s = resolve(root, s.properties?.[p] ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined));
  }
  return s;
}

function yamlCompletions(ctx: Ctx, top: number): CompletionItem[] {
  const before = ctx.line.slice(0, ctx.col);
  const root = SCHEMAS[ctx.kind] as Schema;
  const tokenEnd = ctx.col + (/^[\w.-]*/.exec(ctx.line.slice(ctx.col))?.[0].length ?? 0);
  // `key: partial` -> values of that key.
  const value = /^( *)(-(?: +|$))?("[^"]*"|'[^']*'|[^\s:#'"][^:#]*?)[ \t]*:[ \t]+(['"]?)([\w.-]*)$/.exec(before);
  if (value) {
    const keyCol = value[1].length + (value[2]?.length ?? 0);
    const path = value[2] ? withItem(seqPath(ctx.lines, ctx.lineNo, value[1].length, top)) : mapPath(ctx.lines, ctx.lineNo, keyCol, top);
    if (!path) return [];
    const key = value[3].replace(/^(['"])(.*)\1$/, '$2');
    const range = { start: { line: ctx.lineNo, character: ctx.col - value[5].length }, end: { line: ctx.lineNo, character: tokenEnd } };
    return valueItems(ctx, root, [...path, key], key, range);
  }
  // A key being typed (possibly after `- `).
  const key = /^( *)(-(?: +|$))?([\w.-]*)$/.exec(before);
  if (!key) return [];
  const keyCol = key[1].length + (key[2]?.length ?? 0);
  const path = key[2] ? withItem(seqPath(ctx.lines, ctx.lineNo, key[1].length, top)) : mapPath(ctx.lines, ctx.lineNo, keyCol, top);
  if (!path) return [];
  const range = { start: { line: ctx.lineNo, character: keyCol }, end: { line: ctx.lineNo, character: tokenEnd } };
  const schema = schemaAt(root, path);
  if (!schema) return [];
  const present = key[2] ? new Set<string>() : siblingKeys(ctx.lines, ctx.lineNo, keyCol, top);
  if (ctx.kind === 'ssp' && path.length === 1 && path[0] === 'practices') {
    return practiceItems(ctx, range, present, (r) => `${r.id}:`);
  }
  return fieldItems(schema, root, present, range, (name) => name);
}

function withItem(path: string[] | undefined): string[] | undefined {
  return path && [...path, '-'];
}

type LineRange = { start: Position; end: Position };

function fieldItems(schema: Schema, root: Schema, present: Set<string>, range: LineRange, label: (name: string) => string, skip: readonly string[] = []): CompletionItem[] {
  const out: CompletionItem[] = [];
  for (const [name, raw] of Object.entries(schema.properties ?? {})) {
    if (present.has(name) || skip.includes(name)) continue;
    const p = resolve(root, raw) ?? {};
    const nested = p.type === 'object' || p.type === 'array';
    const shown = label(name);
    out.push({
      label: shown,
      kind: CompletionItemKind.Property,
      detail: p.title,
      documentation: p.description ? { kind: MarkupKind.Markdown, value: p.description } : undefined,
      textEdit: { range, newText: nested ? `${shown}:` : `${shown}: ` },
      filterText: shown,
      sortText: `${String(out.length).padStart(3, '0')}`,
    });
  }
  return out;
}

function valueItems(ctx: Ctx, root: Schema, path: readonly string[], key: string, range: LineRange): CompletionItem[] {
  if (ctx.kind === 'poam' && key === 'practice' && path[0] === 'items') return practiceItems(ctx, range, new Set(), (r) => r.id);
  const schema = schemaAt(root, path);
  if (!schema) return [];
  if (schema.enum) {
    return schema.enum.map((v, i) => ({
      label: String(v),
      kind: CompletionItemKind.EnumMember,
      detail: schema.title,
      documentation: schema.enumDescriptions?.[i],
      textEdit: { range, newText: String(v) },
      sortText: String(i).padStart(3, '0'),
    }));
  }
  if (schema.const !== undefined) return [{ label: String(schema.const), kind: CompletionItemKind.EnumMember, textEdit: { range, newText: String(schema.const) } }];
  if (schema.$ref === DATE_REF || schema.pattern === '^\\d{4}-\\d{2}-\\d{2}$') return dateItems(ctx, key, range);
  return [];
}

function dateItems(ctx: Ctx, key: string, range: LineRange): CompletionItem[] {
  const out: CompletionItem[] = [];
  const model = ctx.parsed.model;
  const closeout = model?.kind === 'poam' ? closeoutDay(model) : undefined;
  if (closeout !== undefined && (key === 'deadline' || key === 'due')) {
    out.push({ label: formatDay(closeout), kind: CompletionItemKind.Value, detail: 'closeout date (conditional_status_date + 180 days)', textEdit: { range, newText: formatDay(closeout) }, sortText: '0', preselect: key === 'deadline' });
  }
  out.push({ label: formatDay(ctx.today), kind: CompletionItemKind.Value, detail: 'today', textEdit: { range, newText: formatDay(ctx.today) }, sortText: '1' });
  if (closeout !== undefined && key !== 'deadline' && key !== 'due' && key !== 'conditional_status_date') {
    out.push({ label: formatDay(closeout), kind: CompletionItemKind.Value, detail: 'closeout date (conditional_status_date + 180 days)', textEdit: { range, newText: formatDay(closeout) }, sortText: '2' });
  }
  return out;
}

/** Requirement ids with titles; on a POA&M, the deferrable ones of its level first. */
function practiceItems(ctx: Ctx, range: LineRange, present: Set<string>, text: (r: Requirement) => string): CompletionItem[] {
  const pool = ctx.level ? (ctx.kind === 'ssp' ? requirementsForSsp(ctx.level) : requirementsOfLevel(ctx.level)) : REQUIREMENTS;
  const out: CompletionItem[] = [];
  pool.forEach((r, i) => {
    if (present.has(r.id)) return;
    const level = ctx.level ?? r.level;
    const d = deferral(r, level);
    const eligible = d.deferrable || r.poam === 'conditional';
    const points = r.level === 1 ? 'Level 1' : r.level === 3 ? '1 point (Level 3)' : `${r.points} point${r.points === 1 ? '' : 's'}${r.partial ? ` (${r.partial.points} with partial credit)` : ''}`;
    const poam = r.poam === 'excluded' ? 'never deferrable' : r.poam === 'conditional' ? 'deferrable only with encryption: not-fips-validated' : eligible ? 'may go on a POA&M' : 'not deferrable';
    out.push({
      label: r.id,
      kind: CompletionItemKind.Constant,
      detail: r.title,
      labelDetails: { description: r.title },
      documentation: { kind: MarkupKind.Markdown, value: `**${r.id}** · ${r.title}  \n${r.family} · ${points} · POA&M: ${poam}` },
      textEdit: { range, newText: text(r) },
      filterText: r.id,
      sortText: `${ctx.kind === 'poam' && !eligible ? '1' : '0'}${String(i).padStart(4, '0')}`,
      insertTextFormat: InsertTextFormat.PlainText,
    });
  });
  return out;
}

// ---- markdown -------------------------------------------------------------------------------------

function frontMatter(lines: readonly string[]): { open: number; close: number } | undefined {
  if (lines[0]?.replace(/^\uFEFF/, '').trim() !== '---') return undefined;
  for (let i = 1; i < lines.length; i++) if (/^(---|\.\.\.)\s*$/.test(lines[i])) return { open: 0, close: i };
  return { open: 0, close: lines.length };
}

function fieldKey(written: string): string {
  return written.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

function markdownCompletions(ctx: Ctx, bodyStart: number): CompletionItem[] {
  const before = ctx.line.slice(0, ctx.col);
  const tokenEnd = ctx.col + (/^[\w.-]*/.exec(ctx.line.slice(ctx.col))?.[0].length ?? 0);
  const root = SCHEMAS[ctx.kind] as Schema;
  const section = schemaAt(root, ctx.kind === 'ssp' ? ['practices', 'x'] : ['items', '-']);
  // `## AC.L2-3.` in an SSP: practice ids (with their titles, as the heading's free title).
  const heading = /^##[ \t]+([\w.-]*)$/.exec(before);
  if (heading) {
    if (ctx.kind !== 'ssp') return [];
    const range = { start: { line: ctx.lineNo, character: ctx.col - heading[1].length }, end: { line: ctx.lineNo, character: tokenEnd } };
    const present = new Set(ctx.parsed.model?.kind === 'ssp' ? ctx.parsed.model.practices.map((p) => p.id.value) : []);
    return practiceItems(ctx, range, present, (r) => `${r.id} ${r.title}`);
  }
  // Which `##` section are we in (and not under `### Milestones`)?
  let inSection = false;
  for (let i = ctx.lineNo - 1; i >= bodyStart; i--) {
    if (/^###[ \t]/.test(ctx.lines[i])) return [];
    if (/^##[ \t]/.test(ctx.lines[i])) {
      inSection = true;
      break;
    }
  }
  if (!inSection || !section) return [];
  const value = /^([A-Za-z][\w -]*?)[ \t]*:[ \t]+([\w.-]*)$/.exec(before);
  if (value) {
    const key = fieldKey(value[1]);
    const range = { start: { line: ctx.lineNo, character: ctx.col - value[2].length }, end: { line: ctx.lineNo, character: tokenEnd } };
    return valueItems(ctx, root, ctx.kind === 'ssp' ? ['practices', 'x', key] : ['items', '-', key], key, range);
  }
  const key = /^([A-Za-z]*)$/.exec(before);
  if (!key) return [];
  const range = { start: { line: ctx.lineNo, character: 0 }, end: { line: ctx.lineNo, character: tokenEnd } };
  const capital = (name: string) => name[0].toUpperCase() + name.slice(1).replace(/_/g, ' ');
  return fieldItems(section, root, presentMarkdownKeys(ctx, bodyStart), range, capital, ['id', 'milestones', 'implementation', 'weakness']);
}

/** The `Key:` fields already written in the section around the cursor. */
function presentMarkdownKeys(ctx: Ctx, bodyStart: number): Set<string> {
  const keys = new Set<string>();
  const field = /^([A-Za-z][\w -]*?)[ \t]*:(\s|$)/;
  for (let i = ctx.lineNo - 1; i >= bodyStart && !/^#{1,6}[ \t]/.test(ctx.lines[i]); i--) {
    const m = field.exec(ctx.lines[i]);
    if (m) keys.add(fieldKey(m[1]));
  }
  for (let i = ctx.lineNo + 1; i < ctx.lines.length && !/^#{1,6}[ \t]/.test(ctx.lines[i]); i++) {
    const m = field.exec(ctx.lines[i]);
    if (m) keys.add(fieldKey(m[1]));
  }
  return keys;
}

/** Exported for tests: the key path at a line of YAML (`['items', '-', 'milestones', '-']`). */
export function yamlPathAt(text: string, line: number, column: number): string[] | undefined {
  const lines = text.split(/\r?\n/);
  const li = info(lines[line].slice(0, column));
  return li.dash !== undefined ? withItem(seqPath(lines, line, li.dash, 0)) : mapPath(lines, line, li.keyCol, 0);
}
