/** Bad input never crashes: every failure is a clear finding at the right range. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCmmcDocument } from '../../server/src/documents/parse';
import { check, codes, only } from './helpers';

const poam = (body: string) => `kind: poam\nlevel: 2\nconditional_status_date: 2025-03-15\n${body}`;

test('files that are not ours get nothing; kind: marks unnamed YAML as ours', () => {
  assert.equal(parseCmmcDocument('file:///ws/config.yaml', 'name: x\nitems: [1]\n'), undefined);
  assert.equal(parseCmmcDocument('file:///ws/readme.txt', 'kind: ssp'), undefined);
  assert.equal(parseCmmcDocument('file:///ws/plan.yaml', 'kind: poam\nlevel: 2\nitems: []\n')?.kind, 'poam');
  assert.equal(parseCmmcDocument('file:///ws/plan.yaml', 'kind: other\n'), undefined);
});

test('malformed YAML is a syntax finding at the parser position', () => {
  const fs = check({ 'a.poam.yaml': poam('items:\n  - id: P-1\n    practice: [AC.L2-3.1.3\n') }, 'a.poam.yaml');
  assert.ok(fs.length >= 1);
  assert.ok(fs.every((f) => f.code === 'syntax' && f.severity === 'error'));
  assert.ok(fs[0].line >= 6, `syntax error reported at line ${fs[0].line}`);
});

test('duplicate keys are syntax findings on the second key; the rest is still checked', () => {
  const fs = check({ 'a.poam.yaml': poam('items:\n  - id: P-1\n    practice: AC.L2-3.1.20\n    practice: AC.L2-3.1.20\n    status: open\n') }, 'a.poam.yaml');
  const syn = only(fs, 'syntax');
  assert.equal(syn.length, 1);
  assert.equal(syn[0].line, 7);
  assert.match(syn[0].message, /unique/);
  assert.ok(codes(fs).includes('poam-practice-excluded'));
});

test('wrong types, unknown fields, missing required fields are schema findings on the node', () => {
  const fs = check({ 'a.poam.yaml': 'kind: poam\nlevel: two\nitems:\n  - id: P-1\n    practise: AC.L2-3.1.3\n    status: opened\n' }, 'a.poam.yaml');
  const schema = only(fs, 'schema');
  // `practise` for `practice` is one fault (SPEC 2.1 "one fault, one finding"): the unknown field says
  // what to write and the "missing practice" it implies is not reported again (this was 4 findings).
  assert.equal(schema.length, 3, JSON.stringify(schema.map((f) => f.message)));
  assert.equal(schema.filter((f) => f.covered === 'two').length, 1, 'one finding for one fault');
  assert.ok(schema.find((f) => f.covered === 'two' && /level must be one of 1, 2, 3/.test(f.message)));
  assert.ok(schema.find((f) => f.covered === 'practise' && /Unknown field "practise".*did you mean "practice"/.test(f.message)));
  assert.ok(!schema.find((f) => /Missing required field "practice"/.test(f.message)));
  const far = only(check({ 'a.poam.yaml': 'kind: poam\nlevel: 2\nitems:\n  - id: P-1\n    colour: AC.L2-3.1.3\n    status: open\n' }, 'a.poam.yaml'), 'schema');
  assert.ok(
    far.find((f) => /Missing required field "practice"/.test(f.message)),
    'a key that is no typo of it leaves "practice" missing',
  );
  assert.ok(schema.find((f) => f.covered === 'opened' && /"open", "completed"/.test(f.message)));
});

test('2025-02-30 is invalid-date; 2025/02/30 is schema; never both', () => {
  const fs = check(
    {
      'a.poam.yaml': poam(
        'items:\n  - id: P-1\n    practice: AC.L2-3.1.3\n    status: open\n    deadline: 2025-02-30\n    milestones:\n      - task: t\n        due: 2025/04/01\n',
      ),
    },
    'a.poam.yaml',
  );
  assert.deepEqual(
    only(fs, 'invalid-date').map((f) => f.covered),
    ['2025-02-30'],
  );
  assert.deepEqual(
    only(fs, 'schema').map((f) => f.covered),
    ['2025/04/01'],
  );
  const leap = check(
    {
      'a.poam.yaml': poam(
        'items:\n  - id: P-1\n    practice: AC.L2-3.1.3\n    status: open\n    deadline: 2028-02-29\n    milestones:\n      - task: t\n        due: 2025-06-01\n',
      ),
    },
    'a.poam.yaml',
  );
  assert.equal(only(leap, 'invalid-date').length, 0);
});

test('YAML 1.1 timestamps stay text (no time-zone shift)', () => {
  const fs = check(
    {
      'a.poam.yaml': `%YAML 1.1\n---\n${poam('items:\n  - id: P-1\n    practice: AC.L2-3.1.3\n    status: open\n    deadline: 2025-09-12\n    milestones:\n      - task: t\n        due: 2025-06-01\n')}`,
    },
    'a.poam.yaml',
  );
  assert.deepEqual(codes(fs), ['poam-missing-score', 'poam-deadline-after-closeout']);
  assert.equal(only(fs, 'poam-deadline-after-closeout')[0].covered, '2025-09-12');
});

test('empty file, a bare scalar, binary junk', () => {
  assert.deepEqual(codes(check({ 'a.ssp.yaml': '' }, 'a.ssp.yaml')), ['schema']);
  assert.deepEqual(codes(check({ 'a.ssp.yaml': 'just text' }, 'a.ssp.yaml')), ['schema']);
  const junk = check({ 'a.ssp.yaml': '\u0000\u0001\u0002PK\u0003\u0004 binary' }, 'a.ssp.yaml');
  assert.deepEqual(codes(junk), ['syntax']);
  assert.match(junk[0].message, /not text/);
});

test('an alias bomb is one syntax finding, quickly', () => {
  const lines = ['kind: ssp', 'level: 2', 'a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 9; i++)
    lines.push(
      `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
        .fill('*' + String.fromCharCode(96 + i))
        .join(',')}]`,
    );
  lines.push('practices: *i');
  const t0 = Date.now();
  const fs = check({ 'a.ssp.yaml': lines.join('\n') }, 'a.ssp.yaml');
  assert.ok(Date.now() - t0 < 1000);
  assert.deepEqual(codes(fs), ['syntax']);
  assert.match(fs[0].message, /alias/);
});

test('nesting deeper than 1,000 is a syntax finding', () => {
  const deep = 'kind: ssp\nlevel: 2\npractices: ' + '['.repeat(1500) + ']'.repeat(1500) + '\n';
  const fs = check({ 'a.ssp.yaml': deep }, 'a.ssp.yaml');
  assert.ok(fs.length >= 1 && fs.every((f) => f.code === 'syntax'));
});

test('a 10 MB file is refused with a clear finding, fast', () => {
  const big = 'kind: poam\nlevel: 2\nitems:\n' + '  - id: P-1\n    practice: AC.L2-3.1.3\n    status: open\n'.repeat(230_000);
  assert.ok(big.length > 10_000_000);
  const t0 = Date.now();
  const fs = check({ 'a.poam.yaml': big }, 'a.poam.yaml');
  assert.ok(Date.now() - t0 < 2000, `took ${Date.now() - t0} ms`);
  assert.deepEqual(codes(fs), ['syntax']);
  assert.match(fs[0].message, /too large/);
});

test('an ordinary document is checked in well under a second', () => {
  const items = Array.from(
    { length: 60 },
    (_, i) =>
      `  - id: P-${i}\n    practice: AC.L2-3.1.3\n    status: open\n    deadline: 2025-06-30\n    milestones:\n      - task: t\n        due: 2025-06-01\n`,
  ).join('');
  const t0 = Date.now();
  check({ 'a.poam.yaml': poam(`items:\n${items}`) }, 'a.poam.yaml');
  assert.ok(Date.now() - t0 < 1000);
});
