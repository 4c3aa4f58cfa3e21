// Tests for schemas/ssp.schema.json and schemas/poam.schema.json (SPEC 1.1, 1.2, 2.1 "Schema and dates").
// Run: node --import tsx --test test/unit/schemas.test.ts
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import AjvModule from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { assertSameAsGenerated } from './standalone';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const Ajv = ((AjvModule as any).default ?? AjvModule) as typeof AjvModule;

const schemaDir = path.join(__dirname, '../../schemas');
const loadSchema = (name: string): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(schemaDir, name), 'utf8'));

const sspSchema = loadSchema('ssp.schema.json');
const poamSchema = loadSchema('poam.schema.json');
const ajv = new Ajv({ allErrors: true, strict: false });
const validateSsp: ValidateFunction = ajv.compile(sspSchema);
const validatePoam: ValidateFunction = ajv.compile(poamSchema);

type Doc = Record<string, unknown>;
const clone = <T>(v: T): T => structuredClone(v);

function errorsOf(validate: ValidateFunction, doc: unknown): ErrorObject[] {
  // The bundles' generated validators must answer every document here as the compiled ones do.
  const kind = validate === validateSsp ? 'ssp' : validate === validatePoam ? 'poam' : undefined;
  if (kind) assertSameAsGenerated(kind, doc);
  const ok = validate(doc);
  return ok ? [] : [...(validate.errors ?? [])];
}

function assertValid(validate: ValidateFunction, doc: unknown): void {
  const errors = errorsOf(validate, doc);
  assert.deepEqual(
    errors.map((e) => `${e.instancePath} ${e.keyword} ${e.message}`),
    [],
    'expected the document to be valid',
  );
}

/** Asserts the document is invalid with an error at `instancePath` of `keyword` (and returns it). */
function assertError(validate: ValidateFunction, doc: unknown, instancePath: string, keyword: string, params?: Record<string, unknown>): ErrorObject {
  const errors = errorsOf(validate, doc);
  assert.ok(errors.length > 0, 'expected the document to be invalid');
  const found = errors.find(
    (e) =>
      e.instancePath === instancePath &&
      e.keyword === keyword &&
      (params === undefined || Object.entries(params).every(([k, v]) => (e.params as Record<string, unknown>)[k] === v)),
  );
  assert.ok(
    found,
    `expected a "${keyword}" error at "${instancePath}"${params ? ` with ${JSON.stringify(params)}` : ''}; got:\n` +
      errors.map((e) => `  ${e.instancePath} ${e.keyword} ${JSON.stringify(e.params)}`).join('\n'),
  );
  return found;
}

// ---------------------------------------------------------------- fixtures

const minimalSsp: Doc = { level: 2, practices: {} };

/** SPEC 1.1 example. */
const specSsp: Doc = {
  kind: 'ssp',
  level: 2,
  organization: 'Acme Widgets LLC',
  system: 'Acme CUI Enclave',
  date: '2025-02-10',
  practices: {
    'AC.L2-3.1.1': {
      status: 'met',
      implementation: 'Accounts are provisioned through the HR onboarding workflow ...',
      responsible: 'IT Manager',
    },
    'IA.L2-3.5.3': { status: 'not-met', mfa: 'remote-and-privileged' },
    'SC.L2-3.13.11': { status: 'not-met', encryption: 'not-fips-validated' },
    'PE.L2-3.10.6': { status: 'not-applicable', justification: 'No alternate work sites are permitted.' },
  },
};

const minimalPoam: Doc = { level: 2, items: [] };

/** SPEC 1.2 example. */
const specPoam: Doc = {
  kind: 'poam',
  level: 2,
  organization: 'Acme Widgets LLC',
  system: 'Acme CUI Enclave',
  ssp: 'acme.ssp.yaml',
  assessment: { type: 'c3pao', date: '2025-03-01', score: 97 },
  conditional_status_date: '2025-03-15',
  items: [
    {
      id: 'POAM-001',
      practice: 'AC.L2-3.1.9',
      weakness: 'Logon banner missing on the VPN portal',
      responsible: 'ISSO',
      resources: '4 staff hours',
      detected: '2025-03-01',
      deadline: '2025-06-30',
      status: 'open',
      milestones: [
        { task: 'Draft banner text with legal', due: '2025-04-15', done: '2025-04-10' },
        { task: 'Deploy banner to the VPN portal', due: '2025-06-15' },
      ],
    },
  ],
};

const minimalItem = (extra: Doc = {}): Doc => ({ id: 'POAM-001', practice: 'AC.L2-3.1.9', status: 'open', ...extra });
const poamWithItem = (item: Doc): Doc => ({ level: 2, items: [item] });
const poamWithScore = (level: number, score: unknown): Doc => ({
  level,
  assessment: { type: 'c3pao', score },
  items: [],
});
const poamWithMilestone = (milestone: Doc): Doc => poamWithItem(minimalItem({ milestones: [milestone] }));
const sspWithPractice = (practice: Doc, id = 'AC.L2-3.1.1'): Doc => ({ level: 2, practices: { [id]: practice } });

// ---------------------------------------------------------------- the schema files themselves

test('schema files: draft-07, $id, and every object closed with additionalProperties', () => {
  for (const [name, schema] of [
    ['ssp', sspSchema],
    ['poam', poamSchema],
  ] as const) {
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.equal(schema.$id, `https://cmmc-as-code.example/schemas/${name}.schema.json`);
    const open: string[] = [];
    const walk = (node: unknown, where: string): void => {
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${where}/${i}`));
      if (node === null || typeof node !== 'object') return;
      const obj = node as Record<string, unknown>;
      // Object schemas in if/then only add constraints to an already closed object.
      const inCondition = /\/(if|then)(\/|$)/.test(where);
      if (obj.type === 'object' && !inCondition && !('additionalProperties' in obj)) open.push(where);
      for (const [k, v] of Object.entries(obj)) walk(v, `${where}/${k}`);
    };
    walk(schema, '#');
    assert.deepEqual(open, [], `${name}: object schemas without additionalProperties`);
  }
});

test('schema files: every property has a title and a description', () => {
  for (const schema of [sspSchema, poamSchema]) {
    const missing: string[] = [];
    const defs = (schema.definitions ?? {}) as Record<string, Record<string, unknown>>;
    const resolve = (s: Record<string, unknown>): Record<string, unknown> => {
      const ref = s.$ref as string | undefined;
      if (!ref) return s;
      const target = defs[ref.replace('#/definitions/', '')];
      return { ...target, ...s };
    };
    const walk = (node: unknown, where: string): void => {
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${where}/${i}`));
      if (node === null || typeof node !== 'object') return;
      const obj = node as Record<string, unknown>;
      if (obj.properties && !/\/(if|then)(\/|$)/.test(where)) {
        for (const [key, prop] of Object.entries(obj.properties as Record<string, Record<string, unknown>>)) {
          const p = resolve(prop);
          if (typeof p.title !== 'string' || typeof p.description !== 'string') missing.push(`${where}/${key}`);
        }
      }
      for (const [k, v] of Object.entries(obj)) walk(v, `${where}/${k}`);
    };
    walk(schema, '#');
    assert.deepEqual(missing, []);
  }
});

test('schema files: dates use a pattern, never format: "date"', () => {
  const text = JSON.stringify([sspSchema, poamSchema]);
  assert.ok(!text.includes('"format"'));
  for (const schema of [sspSchema, poamSchema]) {
    const date = (schema.definitions as Record<string, Record<string, unknown>>).date;
    assert.equal(date.pattern, '^\\d{4}-\\d{2}-\\d{2}$');
  }
});

// ---------------------------------------------------------------- SSP

test('SSP: minimal document (level + empty practices) is valid', () => {
  assertValid(validateSsp, minimalSsp);
});

test('SSP: SPEC 1.1 example is valid', () => {
  assertValid(validateSsp, specSsp);
});

test('SSP: all optional practice fields are accepted', () => {
  assertValid(
    validateSsp,
    sspWithPractice({
      status: 'not-met',
      implementation: 'Partly done',
      responsible: 'ISSO',
      mfa: 'all',
      encryption: 'fips-validated',
      justification: 'n/a',
      operational_plan: 'OPA-7',
      evidence: ['policy.pdf', 'https://wiki.example/cfg'],
    }),
  );
});

test('SSP: levels 1 and 3 are valid', () => {
  assertValid(validateSsp, { level: 1, practices: {} });
  assertValid(validateSsp, { level: 3, practices: {} });
});

test('SSP: missing level fails (required at the root)', () => {
  assertError(validateSsp, { practices: {} }, '', 'required', { missingProperty: 'level' });
});

test('SSP: missing practices fails (required at the root)', () => {
  assertError(validateSsp, { level: 2 }, '', 'required', { missingProperty: 'practices' });
});

test('SSP: practice without status fails at the practice', () => {
  assertError(validateSsp, sspWithPractice({ implementation: 'x' }), '/practices/AC.L2-3.1.1', 'required', { missingProperty: 'status' });
});

test('SSP: implementation and justification are optional (reported by their own codes)', () => {
  assertValid(validateSsp, sspWithPractice({ status: 'met' }));
  assertValid(validateSsp, sspWithPractice({ status: 'not-applicable' }));
});

test('SSP: level "two" fails with a type error; level 4 fails the enum', () => {
  assertError(validateSsp, { level: 'two', practices: {} }, '/level', 'type');
  assertError(validateSsp, { level: 4, practices: {} }, '/level', 'enum');
  assertError(validateSsp, { level: 2.5, practices: {} }, '/level', 'type');
});

test('SSP: wrong status enum fails', () => {
  assertError(validateSsp, sspWithPractice({ status: 'partially-met' }), '/practices/AC.L2-3.1.1/status', 'enum');
  assertError(validateSsp, sspWithPractice({ status: 'Met' }), '/practices/AC.L2-3.1.1/status', 'enum');
});

test('SSP: wrong mfa and encryption enums fail', () => {
  assertError(validateSsp, sspWithPractice({ status: 'not-met', mfa: 'remote' }, 'IA.L2-3.5.3'), '/practices/IA.L2-3.5.3/mfa', 'enum');
  assertError(validateSsp, sspWithPractice({ status: 'not-met', encryption: 'fips' }, 'SC.L2-3.13.11'), '/practices/SC.L2-3.13.11/encryption', 'enum');
});

test('SSP: kind must be "ssp"', () => {
  assertValid(validateSsp, { kind: 'ssp', level: 2, practices: {} });
  assertError(validateSsp, { kind: 'poam', level: 2, practices: {} }, '/kind', 'const');
});

test('SSP: wrong types on strings, evidence and practices fail', () => {
  assertError(validateSsp, { level: 2, organization: 42, practices: {} }, '/organization', 'type');
  assertError(validateSsp, { level: 2, practices: [] }, '/practices', 'type');
  assertError(validateSsp, { level: 2, practices: null }, '/practices', 'type');
  assertError(validateSsp, sspWithPractice({ status: 'met', evidence: 'policy.pdf' }), '/practices/AC.L2-3.1.1/evidence', 'type');
  assertError(validateSsp, sspWithPractice({ status: 'met', evidence: ['ok', 3] }), '/practices/AC.L2-3.1.1/evidence/1', 'type');
  assertError(validateSsp, sspWithPractice({ status: 'met', implementation: 5 }), '/practices/AC.L2-3.1.1/implementation', 'type');
});

test('SSP: operational_plan must be a non-empty string', () => {
  assertValid(validateSsp, sspWithPractice({ status: 'not-met', operational_plan: 'OPA-1' }));
  assertError(validateSsp, sspWithPractice({ status: 'not-met', operational_plan: '' }), '/practices/AC.L2-3.1.1/operational_plan', 'minLength');
  assertError(validateSsp, sspWithPractice({ status: 'not-met', operational_plan: true }), '/practices/AC.L2-3.1.1/operational_plan', 'type');
});

test('SSP: bad date pattern fails; 2025-02-30 passes the schema (left to invalid-date)', () => {
  assertError(validateSsp, { ...minimalSsp, date: '2025/03/15' }, '/date', 'pattern');
  assertError(validateSsp, { ...minimalSsp, date: '2025-3-15' }, '/date', 'pattern');
  assertError(validateSsp, { ...minimalSsp, date: '2025-03-15\n' }, '/date', 'pattern');
  assertError(validateSsp, { ...minimalSsp, date: 20250315 }, '/date', 'type');
  assertValid(validateSsp, { ...minimalSsp, date: '2025-02-30' });
});

test('SSP: unknown fields fail with additionalProperties (root and practice)', () => {
  assertError(validateSsp, { ...minimalSsp, owner: 'me' }, '', 'additionalProperties', { additionalProperty: 'owner' });
  assertError(validateSsp, sspWithPractice({ status: 'met', stauts: 'met' }), '/practices/AC.L2-3.1.1', 'additionalProperties', {
    additionalProperty: 'stauts',
  });
});

test('SSP: an unknown practice id key passes the schema (left to unknown-practice)', () => {
  assertValid(validateSsp, sspWithPractice({ status: 'met' }, 'XX.L9-1.1'));
  assertValid(validateSsp, sspWithPractice({ status: 'met' }, 'not even an id'));
});

test('SSP: a practice that is not a mapping fails with a type error', () => {
  assertError(validateSsp, { level: 2, practices: { 'AC.L2-3.1.1': 'met' } }, '/practices/AC.L2-3.1.1', 'type');
});

// ---------------------------------------------------------------- POA&M

test('POA&M: minimal document (level + empty items) is valid', () => {
  assertValid(validatePoam, minimalPoam);
});

test('POA&M: SPEC 1.2 example is valid', () => {
  assertValid(validatePoam, specPoam);
});

test('POA&M: SPEC 1.2 example with the commented completion uncommented is valid', () => {
  const doc = clone(specPoam);
  const item = (doc.items as Doc[])[0];
  item.status = 'completed';
  item.completed = '2025-06-01';
  assertValid(validatePoam, doc);
});

test('POA&M: SC.L2-3.13.11 item with encryption is valid; bad encryption enum fails', () => {
  assertValid(validatePoam, poamWithItem(minimalItem({ practice: 'SC.L2-3.13.11', encryption: 'not-fips-validated' })));
  assertError(validatePoam, poamWithItem(minimalItem({ practice: 'SC.L2-3.13.11', encryption: 'weak' })), '/items/0/encryption', 'enum');
});

test('POA&M: missing level fails', () => {
  assertError(validatePoam, { items: [] }, '', 'required', { missingProperty: 'level' });
});

test('POA&M: missing items fails', () => {
  assertError(validatePoam, { level: 2 }, '', 'required', { missingProperty: 'items' });
});

for (const field of ['id', 'practice', 'status']) {
  test(`POA&M: item without ${field} fails at the item`, () => {
    const item = minimalItem();
    delete item[field];
    assertError(validatePoam, poamWithItem(item), '/items/0', 'required', { missingProperty: field });
  });
}

test('POA&M: item id must be a non-empty string', () => {
  assertError(validatePoam, poamWithItem(minimalItem({ id: '' })), '/items/0/id', 'minLength');
  assertError(validatePoam, poamWithItem(minimalItem({ id: 1 })), '/items/0/id', 'type');
});

test('POA&M: items without deadline or milestones pass (left to their own codes)', () => {
  assertValid(validatePoam, poamWithItem(minimalItem()));
});

test('POA&M: conditional_status_date and assessment are optional', () => {
  assertValid(validatePoam, { level: 2, items: [minimalItem({ deadline: '2025-06-30' })] });
});

test('POA&M: level "two" fails with a type error; level 0 fails the enum', () => {
  assertError(validatePoam, { level: 'two', items: [] }, '/level', 'type');
  assertError(validatePoam, { level: 0, items: [] }, '/level', 'enum');
});

test('POA&M: level 1 with items passes the schema (left to poam-level1-not-permitted)', () => {
  assertValid(validatePoam, { level: 1, items: [minimalItem({ practice: 'AC.L1-b.1.i' })] });
});

test('POA&M: wrong enums fail (item status, assessment type, kind)', () => {
  assertError(validatePoam, poamWithItem(minimalItem({ status: 'closed' })), '/items/0/status', 'enum');
  assertError(validatePoam, { ...minimalPoam, assessment: { type: 'external' } }, '/assessment/type', 'enum');
  assertError(validatePoam, { ...minimalPoam, kind: 'ssp' }, '/kind', 'const');
  assertValid(validatePoam, { ...minimalPoam, kind: 'poam', assessment: { type: 'self' } });
  assertValid(validatePoam, { ...minimalPoam, assessment: { type: 'dibcac' } });
});

test('POA&M: wrong types fail (items, ssp, score, resources)', () => {
  assertError(validatePoam, { level: 2, items: {} }, '/items', 'type');
  assertError(validatePoam, { ...minimalPoam, ssp: true }, '/ssp', 'type');
  assertError(validatePoam, poamWithScore(2, '97'), '/assessment/score', 'type');
  assertError(validatePoam, poamWithScore(2, 97.5), '/assessment/score', 'type');
  assertError(validatePoam, poamWithItem(minimalItem({ resources: 4 })), '/items/0/resources', 'type');
  assertError(validatePoam, { level: 2, items: ['POAM-001'] }, '/items/0', 'type');
});

test('POA&M: bad date patterns fail; 2025-02-30 passes (left to invalid-date)', () => {
  assertError(validatePoam, { ...minimalPoam, conditional_status_date: '2025/03/15' }, '/conditional_status_date', 'pattern');
  assertError(validatePoam, { ...minimalPoam, assessment: { date: '03/01/2025' } }, '/assessment/date', 'pattern');
  assertError(validatePoam, poamWithItem(minimalItem({ deadline: '2025/06/30' })), '/items/0/deadline', 'pattern');
  assertError(validatePoam, poamWithItem(minimalItem({ detected: '2025-06' })), '/items/0/detected', 'pattern');
  assertError(validatePoam, poamWithMilestone({ task: 't', due: '2025/04/15' }), '/items/0/milestones/0/due', 'pattern');
  assertValid(validatePoam, { ...minimalPoam, conditional_status_date: '2025-02-30' });
  assertValid(validatePoam, poamWithItem(minimalItem({ deadline: '2025-02-30' })));
  assertValid(validatePoam, poamWithMilestone({ task: 't', due: '2025-02-30' }));
});

test('POA&M: unknown fields fail with additionalProperties (root, assessment, item, milestone)', () => {
  assertError(validatePoam, { ...minimalPoam, owner: 'x' }, '', 'additionalProperties', { additionalProperty: 'owner' });
  assertError(validatePoam, { ...minimalPoam, assessment: { scor: 90 } }, '/assessment', 'additionalProperties', {
    additionalProperty: 'scor',
  });
  assertError(validatePoam, poamWithItem(minimalItem({ dealine: '2025-06-30' })), '/items/0', 'additionalProperties', {
    additionalProperty: 'dealine',
  });
  assertError(validatePoam, poamWithMilestone({ task: 't', date: '2025-04-15' }), '/items/0/milestones/0', 'additionalProperties', {
    additionalProperty: 'date',
  });
});

test('POA&M: completed item without `completed` fails; with it passes', () => {
  assertError(validatePoam, poamWithItem(minimalItem({ status: 'completed' })), '/items/0', 'required', {
    missingProperty: 'completed',
  });
  assertValid(validatePoam, poamWithItem(minimalItem({ status: 'completed', completed: '2025-05-01' })));
  assertError(validatePoam, poamWithItem(minimalItem({ status: 'completed', completed: '2025/05/01' })), '/items/0/completed', 'pattern');
});

test('POA&M: open item needs no `completed`, and may carry one', () => {
  assertValid(validatePoam, poamWithItem(minimalItem({ status: 'open' })));
  assertValid(validatePoam, poamWithItem(minimalItem({ status: 'open', completed: '2025-05-01' })));
});

test('POA&M: Level 2 score range is -203..110', () => {
  assertValid(validatePoam, poamWithScore(2, 110));
  assertValid(validatePoam, poamWithScore(2, -203));
  assertValid(validatePoam, poamWithScore(2, 0));
  assertError(validatePoam, poamWithScore(2, 111), '/assessment/score', 'maximum');
  assertError(validatePoam, poamWithScore(2, -204), '/assessment/score', 'minimum');
});

test('POA&M: Level 3 score range is 0..24', () => {
  assertValid(validatePoam, poamWithScore(3, 24));
  assertValid(validatePoam, poamWithScore(3, 0));
  assertError(validatePoam, poamWithScore(3, 25), '/assessment/score', 'maximum');
  assertError(validatePoam, poamWithScore(3, -1), '/assessment/score', 'minimum');
  assertError(validatePoam, poamWithScore(3, 97), '/assessment/score', 'maximum');
});

test('POA&M: Level 1 score is only constrained to an integer', () => {
  assertValid(validatePoam, poamWithScore(1, 500));
  assertValid(validatePoam, poamWithScore(1, -500));
  assertError(validatePoam, poamWithScore(1, 1.5), '/assessment/score', 'type');
});

test('POA&M: score range is not applied when level is missing or wrong (only the level error)', () => {
  const errors = errorsOf(validatePoam, { assessment: { score: 500 }, items: [] });
  assert.ok(!errors.some((e) => e.instancePath === '/assessment/score'));
  const errors2 = errorsOf(validatePoam, { level: 'two', assessment: { score: 500 }, items: [] });
  assert.ok(!errors2.some((e) => e.instancePath === '/assessment/score'));
});

test('POA&M: milestone done may be true or a date; "yes" fails', () => {
  assertValid(validatePoam, poamWithMilestone({ task: 't', due: '2025-04-15', done: true }));
  assertValid(validatePoam, poamWithMilestone({ task: 't', due: '2025-04-15', done: '2025-04-10' }));
  const err = assertError(validatePoam, poamWithMilestone({ task: 't', due: '2025-04-15', done: 'yes' }), '/items/0/milestones/0/done', 'anyOf');
  assert.equal(err.instancePath, '/items/0/milestones/0/done');
  assertError(validatePoam, poamWithMilestone({ task: 't', due: '2025-04-15', done: false }), '/items/0/milestones/0/done', 'anyOf');
  assertError(validatePoam, poamWithMilestone({ task: 't', due: '2025-04-15', done: '2025/04/10' }), '/items/0/milestones/0/done', 'anyOf');
});

test('POA&M: nothing is required in a milestone (missing task/due are left to their own codes)', () => {
  assertValid(validatePoam, poamWithMilestone({}));
  assertValid(validatePoam, poamWithMilestone({ task: 'Draft banner' }));
  assertValid(validatePoam, poamWithMilestone({ due: '2025-04-15' }));
});

test('POA&M: milestone fields have the right types', () => {
  assertError(validatePoam, poamWithMilestone({ task: 5 }), '/items/0/milestones/0/task', 'type');
  assertError(validatePoam, poamWithItem(minimalItem({ milestones: 'soon' })), '/items/0/milestones', 'type');
  assertError(validatePoam, poamWithItem(minimalItem({ milestones: ['draft'] })), '/items/0/milestones/0', 'type');
});
