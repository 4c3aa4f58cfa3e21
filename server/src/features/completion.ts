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
import { adapterFor } from '../documents/syntax';
import type { LineRange } from '../documents/syntax/adapter';
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
  const ctx: Ctx = { parsed, kind: parsed.kind, level: levelOf(parsed), today };
  const ids = new Set(parsed.model?.kind === 'ssp' ? parsed.model.practices.map((p) => p.id.value) : []);
  const where = adapterFor(parsed.syntax).completionContext(parsed.kind, lines, lineNo, col, ids);
  if (!where) return [];
  const root = SCHEMAS[ctx.kind] as Schema;
  switch (where.type) {
    case 'practice-id':
      return practiceItems(ctx, where.range, where.present, (r) => where.text(r.id, r.title));
    case 'value':
      return valueItems(ctx, root, where.path, where.key, where.range);
    case 'key': {
      const schema = schemaAt(root, where.path);
      return schema ? fieldItems(schema, root, where.present, where.range, where.label, where.skip) : [];
    }
  }
}

interface Ctx {
  readonly parsed: ParsedDocument;
  readonly kind: DocKind;
  readonly level?: Level;
  readonly today: number;
}

function levelOf(parsed: ParsedDocument): Level | undefined {
  const model = parsed.model?.level?.value;
  if (model) return model;
  const node = get(parsed.root, 'level');
  const v = node?.kind === 'scalar' ? node.value : undefined;
  return v === 1 || v === 2 || v === 3 ? v : undefined;
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

function fieldItems(
  schema: Schema,
  root: Schema,
  present: ReadonlySet<string>,
  range: LineRange,
  label: (name: string) => string,
  skip: readonly string[] = [],
): CompletionItem[] {
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
  if (schema.const !== undefined)
    return [{ label: String(schema.const), kind: CompletionItemKind.EnumMember, textEdit: { range, newText: String(schema.const) } }];
  if (schema.$ref === DATE_REF || schema.pattern === '^\\d{4}-\\d{2}-\\d{2}$') return dateItems(ctx, key, range);
  return [];
}

function dateItems(ctx: Ctx, key: string, range: LineRange): CompletionItem[] {
  const out: CompletionItem[] = [];
  const model = ctx.parsed.model;
  const closeout = model?.kind === 'poam' ? closeoutDay(model) : undefined;
  if (closeout !== undefined && (key === 'deadline' || key === 'due')) {
    out.push({
      label: formatDay(closeout),
      kind: CompletionItemKind.Value,
      detail: 'closeout date (conditional_status_date + 180 days)',
      textEdit: { range, newText: formatDay(closeout) },
      sortText: '0',
      preselect: key === 'deadline',
    });
  }
  out.push({ label: formatDay(ctx.today), kind: CompletionItemKind.Value, detail: 'today', textEdit: { range, newText: formatDay(ctx.today) }, sortText: '1' });
  if (closeout !== undefined && key !== 'deadline' && key !== 'due' && key !== 'conditional_status_date') {
    out.push({
      label: formatDay(closeout),
      kind: CompletionItemKind.Value,
      detail: 'closeout date (conditional_status_date + 180 days)',
      textEdit: { range, newText: formatDay(closeout) },
      sortText: '2',
    });
  }
  return out;
}

/** Requirement ids with titles; on a POA&M, the deferrable ones of its level first. */
function practiceItems(ctx: Ctx, range: LineRange, present: ReadonlySet<string>, text: (r: Requirement) => string): CompletionItem[] {
  const pool = ctx.level ? (ctx.kind === 'ssp' ? requirementsForSsp(ctx.level) : requirementsOfLevel(ctx.level)) : REQUIREMENTS;
  const out: CompletionItem[] = [];
  pool.forEach((r, i) => {
    if (present.has(r.id)) return;
    const level = ctx.level ?? r.level;
    const d = deferral(r, level);
    const eligible = d.deferrable || r.poam === 'conditional';
    const points =
      r.level === 1
        ? 'Level 1'
        : r.level === 3
          ? '1 point (Level 3)'
          : `${r.points} point${r.points === 1 ? '' : 's'}${r.partial ? ` (${r.partial.points} with partial credit)` : ''}`;
    const poam =
      r.poam === 'excluded'
        ? 'never deferrable'
        : r.poam === 'conditional'
          ? 'deferrable only with encryption: not-fips-validated'
          : eligible
            ? 'may go on a POA&M'
            : 'not deferrable';
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

/** Exported for tests: the key path at a line of YAML (`['items', '-', 'milestones', '-']`). */
export { yamlPathAt } from '../documents/syntax/yamlPath';
