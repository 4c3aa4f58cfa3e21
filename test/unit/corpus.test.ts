/**
 * The realistic corpus (test/fixtures/corpus/README.md): full 110-practice Level 2 SSPs and
 * their POA&Ms in both syntaxes, written as people write them. The exact findings are asserted:
 * nothing false on what is right, one finding for each real mistake.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { check } from './helpers';

const DIR = join(__dirname, '..', 'fixtures', 'corpus');
const FILES = Object.fromEntries(
  readdirSync(DIR)
    .filter((f) => /\.(ya?ml|md)$/.test(f) && f !== 'README.md')
    .map((f) => [f, readFileSync(join(DIR, f), 'utf8')]),
);
const TODAY = { today: '2026-03-01' };

/** [line, code, the text the finding covers (start), a part of its message]. */
type Expected = [number, string, string, RegExp?][];

const EXPECTED: Record<string, Expected> = {
  'enclave.ssp.md': [
    [2, 'ssp-score', 'kind: ssp', /^score 103 of 110 \(7 points open\); conditional eligible/],
    [192, 'ssp-not-met-without-poam', '## AC.L2-3.1.21 Portable Storage Use'],
    [525, 'schema', 'Responsable', /did you mean "responsible"/],
    [594, 'ssp-missing-implementation', '## MP.L2-3.8.3'],
  ],
  'enclave.poam.md': [[49, 'poam-missing-deadline', '## POAM-003', /add a `Deadline: YYYY-MM-DD` line on or before 2026-07-14/]],
  'enclave.ssp.yaml': [
    [8, 'ssp-score', 'practices', /^score 103 of 110 \(7 points open\); conditional eligible/],
    [128, 'ssp-not-met-without-poam', 'AC.L2-3.1.21'],
    [156, 'schema', 'Met', /write "met"/],
    [212, 'schema', 'Status', /field names are lower case, write "status"/],
    [411, 'ssp-missing-implementation', 'MP.L2-3.8.3'],
  ],
  'enclave.poam.yaml': [
    [2, 'schema', 'POAM', /write "poam"/],
    [30, 'poam-deadline-after-closeout', '2026-08-01'],
  ],
  'enclave-draft.ssp.yaml': [43, 75, 107, 143, 179, 215, 254, 291, 329, 365, 438, 476, 507, 545, 581, 618, 654].map((line) => [
    line,
    'syntax',
    '',
    /A quoted value continues on a line that is less indented/,
  ]),
};

test('the corpus holds the documents the README describes', () => {
  assert.deepEqual(Object.keys(FILES).sort(), Object.keys(EXPECTED).sort());
  assert.equal(FILES['enclave.ssp.md'].charCodeAt(0), 0xfeff, 'a byte-order mark');
  assert.ok(FILES['enclave.ssp.md'].includes('\r\n') && FILES['enclave.poam.yaml'].includes('\r\n'), 'CRLF line ends');
  assert.ok(FILES['enclave.ssp.md'].includes('\t') && FILES['enclave.ssp.yaml'].includes('\t'), 'tabs in text and comments');
  for (const f of ['enclave.ssp.md', 'enclave.ssp.yaml'])
    assert.equal((FILES[f].match(/^(##| {2})\s?[A-Z]{2}\.L2-\d/gm) ?? []).length, 110, `${f}: 110 practices`);
});

for (const [name, expected] of Object.entries(EXPECTED)) {
  test(`${name}: exactly the expected findings`, () => {
    const seen = check(FILES, name, TODAY);
    assert.deepEqual(
      seen.map((f) => [f.line, f.code]),
      expected.map(([line, code]) => [line, code]),
      seen.map((f) => `${f.line} ${f.code} ${f.message}`).join('\n'),
    );
    seen.forEach((f, i) => {
      const [, , covered, message] = expected[i];
      assert.ok(f.covered.startsWith(covered), `${name}:${f.line} covers "${f.covered}"`);
      if (message) assert.match(f.message, message);
    });
  });
}

test('the quick fixes on the corpus leave nothing behind', async () => {
  const { applyPreferred } = await import('./fixing');
  const fixed = applyPreferred(FILES, 'enclave.ssp.yaml', (f) => f.code === 'schema' && f.message.includes('"Met"'));
  const again = applyPreferred({ ...FILES, 'enclave.ssp.yaml': fixed }, 'enclave.ssp.yaml', (f) => f.code === 'schema');
  const left = check({ ...FILES, 'enclave.ssp.yaml': again }, 'enclave.ssp.yaml', TODAY).map((f) => f.code);
  assert.deepEqual(left, ['ssp-score', 'ssp-not-met-without-poam', 'ssp-missing-implementation']);
});
