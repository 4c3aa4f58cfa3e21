/**
 * JSON Schema validation (ajv validators, see validators.ts: generated at build time for the
 * bundles) with every ajv error mapped to the range of the offending node: the value for wrong
 * types/formats, the key for unknown fields, the holder's key for missing fields.
 */
import type { ErrorObject } from 'ajv';
import sspSchema from '../../../schemas/ssp.schema.json';
import poamSchema from '../../../schemas/poam.schema.json';
import type { DocKind } from './detect';
import type { Finding } from './findings';
import { closestWord } from '../catalog/closest';
import { entry, resolvePointer, toPlain, type LNode, type Span } from './tree';
import { validators } from './validators';

const VALUE_KEYWORDS = new Set([
  'type',
  'enum',
  'const',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'format',
]);

/** The JSON Schema documents themselves (for completion and hover on field names). */
export const SCHEMAS: Record<DocKind, Record<string, unknown>> = { ssp: sspSchema, poam: poamSchema };

/** Validate a located tree against the schema of its kind; one `schema` finding per fault. */
export function validateSchema(kind: DocKind, root: LNode, name: PathName = fieldName): Finding[] {
  const validate = validators()[kind];
  if (validate(toPlain(root))) return [];
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if');
  // anyOf/oneOf: keep the summary error, drop what its branches said about the same value.
  const alternatives = new Set(errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.instancePath));
  // A value gets one finding for its form (enum says most, then const, then the rest).
  const rank = (k: string) => (k === 'enum' ? 0 : k === 'const' ? 1 : 2);
  const valueError = new Map<string, ErrorObject>();
  for (const e of errors) {
    if (!VALUE_KEYWORDS.has(e.keyword)) continue;
    const best = valueError.get(e.instancePath);
    if (!best || rank(e.keyword) < rank(best.keyword)) valueError.set(e.instancePath, e);
  }
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (alternatives.has(e.instancePath) && e.keyword !== 'anyOf' && e.keyword !== 'oneOf') continue;
    if (VALUE_KEYWORDS.has(e.keyword) && valueError.get(e.instancePath) !== e) continue;
    const f = toFinding(e, root, name);
    if (!f) continue;
    const key = `${f.span.start}:${f.span.end}:${f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push(f);
  }
  return findings;
}

/** How a message names the place a JSON pointer points at (the syntax adapter's `pathName`). */
export type PathName = (pointer: string, root: LNode) => string;

/** `items[2].milestones[0].due` from `/items/2/milestones/0/due` (how YAML messages name a place). */
export function fieldName(pointer: string): string {
  if (!pointer) return 'document';
  let out = '';
  for (const part of pointer.split('/').slice(1)) out += /^\d+$/.test(part) ? `[${part}]` : out ? `.${part}` : part;
  return out;
}

function describe(value: unknown): string {
  if (value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `"${value.length > 40 ? value.slice(0, 40) + '...' : value}"`;
  return String(value);
}

function anchorOf(node: LNode, holderKey?: Span): Span {
  if (holderKey) return holderKey;
  if (node.kind === 'map' && node.entries.length > 0) return node.entries[0].keySpan;
  return { start: node.span.start, end: Math.min(node.span.end, node.span.start + 1) };
}

function toFinding(e: ErrorObject, root: LNode, name: PathName): Finding | undefined {
  const at = resolvePointer(root, e.instancePath);
  if (!at) return undefined;
  const field = name(e.instancePath, root);
  const found = describe(e.data);
  const schema = e.parentSchema as { title?: string; properties?: Record<string, unknown> } | undefined;
  let message: string;
  let where: Span = at.node.span;
  switch (e.keyword) {
    case 'required': {
      const missing = (e.params as { missingProperty: string }).missingProperty;
      // `Status:` for `status:` is one fault: the unknown field's finding says what to write.
      const known = schema?.properties ?? {};
      if (at.node.kind === 'map' && at.node.entries.some((x) => !(x.key in known) && closestWord(x.key, [missing]) === missing)) return undefined;
      message = `Missing required field "${missing}"${e.instancePath ? ` in ${field}` : ''}: add it.`;
      where = anchorOf(at.node, at.entry?.keySpan);
      break;
    }
    case 'additionalProperties': {
      const extra = (e.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys(schema?.properties ?? {});
      const hit = at.node.kind === 'map' ? at.node.entries.find((x) => x.key === extra) : undefined;
      where = hit?.keySpan ?? anchorOf(at.node, at.entry?.keySpan);
      const near = closestWord(
        extra,
        known.filter((k) => !hit || !entryHas(at.node, k)),
      );
      message = near
        ? near.toLowerCase() === extra.toLowerCase().replace(/[\s-]+/g, '_')
          ? `Unknown field "${extra}"${e.instancePath ? ` in ${field}` : ''}: field names are lower case, write "${near}".`
          : `Unknown field "${extra}"${e.instancePath ? ` in ${field}` : ''}: did you mean "${near}"? Known fields: ${known.join(', ')}.`
        : `Unknown field "${extra}"${e.instancePath ? ` in ${field}` : ''}. Known fields: ${known.join(', ')}.`;
      if (near) return { code: 'schema', severity: 'error', message, span: where, data: { field: extra, suggestion: near } };
      break;
    }
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
      const meant = caseOf(e.data, allowed);
      const write = meant ? `: write "${meant}" (values are lower case)` : '';
      message = `${field} must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')} (found ${found})${write}.`;
      if (meant) return { code: 'schema', severity: 'error', message, span: where, data: { value: meant } };
      break;
    }
    case 'const': {
      const allowed = (e.params as { allowedValue: unknown }).allowedValue;
      const meant = caseOf(e.data, [allowed]);
      message = `${field} must be ${JSON.stringify(allowed)} (found ${found})${meant ? `: write "${meant}" (values are lower case)` : ''}.`;
      if (meant) return { code: 'schema', severity: 'error', message, span: where, data: { value: meant } };
      break;
    }
    case 'type':
      message = `${field} must be ${article((e.params as { type: string }).type)} (found ${found}).`;
      break;
    case 'pattern':
      message = /\\d\{4\}-\\d\{2\}-\\d\{2\}/.test(String((e.params as { pattern: string }).pattern))
        ? `${field} must be a date written YYYY-MM-DD (found ${found}).`
        : `${field} does not have the expected form (found ${found}).`;
      break;
    case 'minLength':
      message = `${field} must not be empty.`;
      break;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      message = `${field} ${e.message ?? 'is out of range'} (found ${found}).`;
      break;
    case 'anyOf':
    case 'oneOf':
      message = `${field}: ${schema?.title ? `expected ${schema.title}` : 'value has the wrong form'} (found ${found}).`;
      break;
    default:
      message = `${field} ${e.message ?? 'is not valid'}.`;
  }
  return { code: 'schema', severity: 'error', message, span: where };
}

/** The allowed text value that `value` is another spelling of (`Met`, `NOT-MET`, `Not met`), if any. */
function caseOf(value: unknown, allowed: readonly unknown[]): string | undefined {
  if (typeof value !== 'string') return undefined;
  const folded = value
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  return allowed.find((a): a is string => typeof a === 'string' && a === folded && a !== value);
}

/** Does the map already hold this key (a suggestion must not create a duplicate)? */
function entryHas(node: LNode, key: string): boolean {
  return entry(node, key) !== undefined;
}

function article(type: string): string {
  const words: Record<string, string> = {
    integer: 'a whole number',
    number: 'a number',
    string: 'text',
    boolean: 'true or false',
    array: 'a list',
    object: 'a mapping of fields',
    null: 'empty',
  };
  return type
    .split(',')
    .map((t) => words[t] ?? t)
    .join(' or ');
}
