/**
 * YAML stays strict but helps (issue 10 item 3): `Status:` for `status:`, `Met` for `met`,
 * `kind: SSP` each get one finding that says what to write, with a preferred quick fix; a
 * document whose `kind` is written in another case is still ours.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, codes, only, sspYaml } from './helpers';
import { applyPreferred } from './fixing';

const SSP = sspYaml(1);

function fixedClean(files: Record<string, string>, name: string, pattern: RegExp): void {
  const fs = check(files, name);
  const schema = only(fs, 'schema');
  assert.equal(schema.length, 1, schema.map((f) => f.message).join(' | '));
  assert.match(schema[0].message, pattern);
  const fixed = applyPreferred(files, name, (f) => f.code === 'schema');
  assert.deepEqual(codes(check({ ...files, [name]: fixed }, name)), ['ssp-score'], fixed);
}

test('Status: for status: one finding (no "missing status" beside it), fixed to status:', () => {
  fixedClean({ 'a.ssp.yaml': SSP.replace('    status: met', '    Status: met') }, 'a.ssp.yaml', /field names are lower case, write "status"/);
});

test('status: Met: one finding that says write "met", fixed in place (quotes kept)', () => {
  fixedClean({ 'a.ssp.yaml': SSP.replace('    status: met', '    status: Met') }, 'a.ssp.yaml', /found "Met"\): write "met"/);
  const quoted = SSP.replace('    status: met', '    status: "NOT-APPLICABLE"\n    justification: none here');
  const fixed = applyPreferred({ 'a.ssp.yaml': quoted }, 'a.ssp.yaml', (f) => f.code === 'schema');
  assert.match(fixed, /status: "not-applicable"/);
});

test('kind: SSP in a file not named .ssp.yaml is still ours, told, and fixed', () => {
  const text = SSP.replace('kind: ssp', 'kind: SSP');
  fixedClean({ 'plan.yaml': text }, 'plan.yaml', /kind must be "ssp" \(found "SSP"\): write "ssp"/);
  fixedClean({ 'plan.yaml': SSP.replace('kind: ssp', 'Kind: ssp') }, 'plan.yaml', /write "kind"/);
  fixedClean({ 'a.ssp.yaml': text }, 'a.ssp.yaml', /write "ssp"/);
});

test('markdown front matter: kind: Poam is ours and told', () => {
  const md =
    '---\nkind: Poam\nlevel: 2\nassessment:\n  type: c3pao\n  date: 2025-03-01\n  score: 100\nconditional_status_date: 2025-03-15\n---\n\n## P-1 x\n\nPractice: AC.L2-3.1.9\nStatus: open\nDeadline: 2025-06-30\n\n' +
    '### Milestones\n\n- [ ] 2025-06-01 Fix\n';
  const fs = check({ 'plan.md': md }, 'plan.md');
  assert.deepEqual(
    fs.map((f) => [f.code, f.covered]),
    [['schema', 'Poam']],
  );
});

test('a value that is no spelling of an allowed one gets no guess and no fix', () => {
  const fs = only(check({ 'a.ssp.yaml': SSP.replace('    status: met', '    status: done') }, 'a.ssp.yaml'), 'schema');
  assert.equal(fs.length, 1);
  assert.doesNotMatch(fs[0].message, /write/);
  assert.equal(fs[0].data, undefined);
});

test('a transposed id: SC.L2-3.13.16 is the first suggestion and the preferred fix', () => {
  const text =
    'kind: poam\nlevel: 2\nassessment:\n  type: c3pao\n  date: 2025-03-01\n  score: 100\nconditional_status_date: 2025-03-15\nitems:\n  - id: P-1\n    practice: SC.L2-3.31.16\n    status: open\n' +
    '    deadline: 2025-06-30\n    milestones:\n      - task: t\n        due: 2025-06-01\n';
  const f = only(check({ 'a.poam.yaml': text }, 'a.poam.yaml'), 'unknown-practice')[0];
  assert.match(f.message, /Did you mean SC\.L2-3\.13\.16/);
  const fixed = applyPreferred({ 'a.poam.yaml': text }, 'a.poam.yaml', (x) => x.code === 'unknown-practice');
  assert.match(fixed, /practice: SC\.L2-3\.13\.16\n/);
});
