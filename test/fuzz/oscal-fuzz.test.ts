/**
 * OSCAL round trip over seeded random documents: tricky strings (YAML-looking values, unicode,
 * line breaks, markup), random subsets of the optional fields, duplicate ids. Every export
 * validates against NIST's schema; every valid document (no syntax, schema or invalid-date
 * finding) comes back with the same plain value (an empty `assessment: {}` or `evidence: []` aside)
 * and the same findings. POA&Ms and SSPs.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { stringify } from 'yaml';
import { rng } from '../../bench/rng';
import { REQUIREMENTS } from '../../server/src/catalog/requirements';
import { toPlain } from '../../server/src/documents/tree';
import { exportOscal } from '../../server/src/oscal/exportOscal';
import { importOscal, type OscalImport } from '../../server/src/oscal/importOscal';
import { check } from '../unit/helpers';
import { constraintErrors, schemaErrors } from '../unit/oscalSchemas';
import { parse } from '../unit/oscalUtil';

const STRINGS = ['true', '123', 'a: b', '#not a comment', '- dash', 'Ünïcödé ✓', 'two\nlines', '**bold** [link](x)', 'null', '2025-01-01', 'it\'s "quoted"'];
const DAYS = ['2025-03-01', '2025-04-15', '2025-06-30', '2025-09-10', '2024-02-29', '2025-02-29'];
const IDS = REQUIREMENTS.filter((r) => r.level === 2).map((r) => r.id);

function randomPoam(seed: number): Record<string, unknown> {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const maybe = <T>(v: () => T): T | undefined => (r() < 0.5 ? v() : undefined);
  const items = Array.from({ length: 1 + Math.floor(r() * 6) }, (_, i) => {
    const completed = r() < 0.3;
    return JSON.parse(
      JSON.stringify({
        id: r() < 0.15 ? 'P-1' : `P-${i + 1}`,
        title: maybe(() => pick(STRINGS)),
        practice: r() < 0.1 ? 'ZZ.L2-0.0.0' : pick(IDS),
        weakness: maybe(() => pick(STRINGS)),
        responsible: maybe(() => pick(STRINGS.filter((s) => !s.includes('\n')))),
        resources: maybe(() => pick(STRINGS.filter((s) => !s.includes('\n')))),
        encryption: maybe(() => pick(['none', 'not-fips-validated', 'fips-validated'])),
        detected: maybe(() => pick(DAYS)),
        deadline: maybe(() => pick(DAYS)),
        status: completed ? 'completed' : 'open',
        completed: completed ? pick(DAYS) : undefined,
        milestones: maybe(() =>
          Array.from({ length: Math.floor(r() * 3) }, () => ({
            task: maybe(() => pick(STRINGS)),
            due: maybe(() => pick(DAYS)),
            done: maybe(() => (r() < 0.5 ? true : pick(DAYS))),
          })),
        ),
      }),
    );
  });
  return JSON.parse(
    JSON.stringify({
      kind: 'poam',
      level: 2,
      organization: maybe(() => pick(STRINGS.filter((s) => !s.includes('\n')))),
      system: maybe(() => pick(STRINGS.filter((s) => !s.includes('\n')))),
      ssp: maybe(() => 'x.ssp.yaml'),
      assessment: maybe(() => ({ type: maybe(() => pick(['self', 'c3pao'])), date: maybe(() => pick(DAYS)), score: maybe(() => 88 + Math.floor(r() * 23)) })),
      conditional_status_date: maybe(() => pick(DAYS)),
      items,
    }),
  );
}

const INVALID = new Set(['syntax', 'schema', 'invalid-date']);

describe('OSCAL round trip over random POA&Ms', () => {
  let valid = 0;
  for (let seed = 1; seed <= 40; seed++) {
    test(`seed ${seed}`, () => {
      const text = stringify(randomPoam(seed), { lineWidth: 0 });
      const before = parse('r.poam.yaml', text);
      const e = exportOscal(before);
      const json = JSON.parse(e.json);
      assert.deepEqual(schemaErrors('poam', json), []);
      assert.deepEqual(constraintErrors(json), []);
      const findings = check({ 'r.poam.yaml': text }, 'r.poam.yaml');
      // 2025-02-29 is no day: the date is left out with a warning, and the round trip need not hold.
      if (findings.some((f) => INVALID.has(f.code))) return void assert.ok(e.warnings.some((w) => w.includes('2025-02-29')));
      valid++;
      assert.deepEqual(e.warnings, []);
      const back = importOscal(e.json) as OscalImport;
      const after = parse('r.poam.yaml', back.yaml);
      // An empty `assessment: {}` has nothing to export (the model is the same without it).
      const plain = toPlain(before.root!) as Record<string, unknown>;
      if (plain.assessment && Object.keys(plain.assessment).length === 0) delete plain.assessment;
      assert.deepEqual(toPlain(after.root!), plain);
      const key = (fs: typeof findings) => fs.map((f) => `${f.code} ${f.message}`).sort();
      assert.deepEqual(key(check({ 'r.poam.yaml': back.yaml }, 'r.poam.yaml')), key(findings));
    });
  }
  test('both kinds of document were generated', () => {
    assert.ok(valid >= 10 && valid <= 35, `${valid} of 40 valid`);
  });
});

function randomSsp(seed: number): Record<string, unknown> {
  const r = rng(seed * 7919);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const maybe = <T>(v: () => T): T | undefined => (r() < 0.5 ? v() : undefined);
  const line = () => pick(STRINGS.filter((s) => !s.includes('\n')));
  const practices: Record<string, unknown> = {};
  for (const id of IDS) {
    if (r() < 0.1) continue;
    practices[id] = {
      status: pick(['met', 'met', 'not-met', 'not-applicable']),
      implementation: maybe(() => pick(STRINGS)),
      justification: maybe(() => pick(STRINGS)),
      responsible: maybe(line),
      mfa: id === 'IA.L2-3.5.3' ? maybe(() => pick(['none', 'remote-and-privileged', 'all'])) : undefined,
      encryption: id === 'SC.L2-3.13.11' ? maybe(() => pick(['none', 'not-fips-validated', 'fips-validated'])) : undefined,
      operational_plan: maybe(line),
      evidence: maybe(() => Array.from({ length: Math.floor(r() * 3) }, line)),
    };
  }
  return JSON.parse(
    JSON.stringify({
      kind: 'ssp',
      level: 2,
      organization: maybe(line),
      system: maybe(line),
      date: maybe(() => pick(DAYS.slice(0, 5))),
      description: maybe(() => pick(STRINGS)),
      authorization_boundary: maybe(() => pick(STRINGS)),
      information_types: maybe(() => [{ title: line(), description: maybe(() => pick(STRINGS)) }]),
      users: maybe(() => [{ title: line() }, { title: line(), description: maybe(() => pick(STRINGS)) }]),
      components: maybe(() => [{ title: line(), type: pick(['software', 'hardware', 'policy']), description: maybe(() => pick(STRINGS)) }]),
      practices,
    }),
  );
}

describe('OSCAL round trip over random SSPs', () => {
  for (let seed = 1; seed <= 15; seed++) {
    test(`seed ${seed}`, () => {
      const text = stringify(randomSsp(seed), { lineWidth: 0 });
      const before = parse('r.ssp.yaml', text);
      const e = exportOscal(before);
      const json = JSON.parse(e.json);
      assert.deepEqual(schemaErrors('ssp', json), []);
      assert.deepEqual(constraintErrors(json), []);
      const findings = check({ 'r.ssp.yaml': text }, 'r.ssp.yaml');
      assert.ok(!findings.some((f) => INVALID.has(f.code)), findings.map((f) => f.message).join('\n'));
      assert.deepEqual(e.warnings, []);
      const back = importOscal(e.json) as OscalImport;
      // An empty `evidence: []` has nothing to export (the model has no evidence either way).
      const plain = toPlain(before.root!) as { practices: Record<string, Record<string, unknown>> };
      for (const p of Object.values(plain.practices)) if (Array.isArray(p.evidence) && p.evidence.length === 0) delete p.evidence;
      assert.deepEqual(toPlain(parse('r.ssp.yaml', back.yaml).root!), plain);
      const key = (fs: typeof findings) => fs.map((f) => `${f.code} ${f.message}`).sort();
      assert.deepEqual(key(check({ 'r.ssp.yaml': back.yaml }, 'r.ssp.yaml')), key(findings));
    });
  }
});
