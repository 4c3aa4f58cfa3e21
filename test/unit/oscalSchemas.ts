/**
 * Test helper: NIST's OSCAL 1.1.3 JSON schemas compiled with ajv (tests only: the product never
 * compiles them), and the checks the schemas cannot make (Metaschema constraints): every UUID
 * reference resolves, UUIDs are unique, and status values are OSCAL's.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES = join(__dirname, '..', 'fixtures', 'oscal');

export type OscalModel = 'poam' | 'ssp' | 'catalog' | 'complete';
const cache = new Map<OscalModel, ValidateFunction>();

/**
 * The validator of one schema. The schemas are draft-07, ajv 8's default draft, and compile in
 * ajv's strict mode as they are (checked: no strict-mode complaint); they use the formats
 * date-time, email, uri and uri-reference, which ajv-formats supplies. `\p{L}` patterns need
 * unicode regular expressions, ajv 8's default.
 */
export function validator(model: OscalModel): ValidateFunction {
  let v = cache.get(model);
  if (!v) {
    const ajv = new Ajv({ allErrors: true });
    addFormats(ajv);
    v = ajv.compile(JSON.parse(readFileSync(join(FIXTURES, `oscal_${model}_schema.json`), 'utf8')));
    cache.set(model, v);
  }
  return v;
}

/** The schema errors of a document, as short strings (empty when valid). */
export function schemaErrors(model: OscalModel, doc: unknown): string[] {
  const v = validator(model);
  return v(doc) ? [] : (v.errors ?? []).slice(0, 20).map((e) => `${e.instancePath} ${e.message}`);
}

const RISK_STATUS = ['open', 'investigating', 'remediating', 'deviation-requested', 'deviation-approved', 'closed'];
const IMPLEMENTATION_STATE = ['implemented', 'partial', 'planned', 'alternative', 'not-applicable'];
const OBJECTIVE_STATE = ['satisfied', 'not-satisfied'];
const TASK_TYPE = ['milestone', 'action'];
const RESPONSE_LIFECYCLE = ['recommendation', 'planned', 'completed'];

/** What the schemas cannot see: dangling or duplicate UUIDs, status values outside OSCAL's lists. */
export function constraintErrors(doc: unknown): string[] {
  const defined = new Map<string, number>();
  const refs: Array<[string, string]> = [];
  const errors: string[] = [];
  const roles = new Set<string>();
  const roleRefs: string[] = [];
  const walk = (node: unknown, path: string, parentKey: string): void => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${path}/${i}`, parentKey));
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (typeof o.uuid === 'string') defined.set(o.uuid, (defined.get(o.uuid) ?? 0) + 1);
    for (const [k, v] of Object.entries(o)) {
      if (typeof v === 'string' && k !== 'uuid' && (k.endsWith('-uuid') || k === 'party-uuids')) refs.push([`${path}/${k}`, v]);
      if (k === 'party-uuids' && Array.isArray(v)) v.forEach((u, i) => refs.push([`${path}/${k}/${i}`, String(u)]));
      if (k === 'href' && typeof v === 'string' && v.startsWith('#')) refs.push([`${path}/${k}`, v.slice(1)]);
      if (k === 'role-id' && typeof v === 'string') roleRefs.push(v);
    }
    if (parentKey === 'roles' && typeof o.id === 'string') roles.add(o.id);
    if (parentKey === 'risks' && !RISK_STATUS.includes(String(o.status))) errors.push(`${path}/status: "${o.status}" is not an OSCAL risk status`);
    if (parentKey === 'tasks' && !TASK_TYPE.includes(String(o.type))) errors.push(`${path}/type: "${o.type}" is not an OSCAL task type`);
    if (parentKey === 'remediations' && !RESPONSE_LIFECYCLE.includes(String(o.lifecycle))) errors.push(`${path}/lifecycle: "${o.lifecycle}"`);
    const impl = o['implementation-status'] as Record<string, unknown> | undefined;
    if (impl && !IMPLEMENTATION_STATE.includes(String(impl.state))) errors.push(`${path}/implementation-status: "${impl.state}"`);
    if (parentKey === 'findings') {
      const state = ((o.target as Record<string, unknown>)?.status as Record<string, unknown>)?.state;
      if (!OBJECTIVE_STATE.includes(String(state))) errors.push(`${path}/target/status/state: "${state}"`);
    }
    for (const [k, v] of Object.entries(o)) walk(v, `${path}/${k}`, k);
  };
  walk(doc, '', '');
  for (const [where, uuid] of refs) if (!defined.has(uuid)) errors.push(`${where}: ${uuid} resolves to nothing`);
  for (const [uuid, n] of defined) if (n > 1) errors.push(`uuid ${uuid} is used ${n} times`);
  for (const r of roleRefs) if (!roles.has(r)) errors.push(`role-id ${r} is not a defined role`);
  return errors;
}
