/**
 * The lexer fast path must give exactly the composer's tree, or step aside: on the samples, on
 * edge cases, and on thousands of random edits. Trees are compared structurally (NaN equals NaN,
 * -Infinity is not null), spans included.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseYamlLexed } from '../../server/src/documents/yamlLexed';
import { parseYamlFull } from '../../server/src/documents/yaml';
import { resolvePlain } from '../../server/src/documents/yamlScalars';
import { item, poamYaml, rng } from '../unit/helpers';

let taken = 0;

/** The fast path, when it answers, must equal the composer; true when it answered. */
function agree(text: string, label: string): boolean {
  const lexed = parseYamlLexed(text);
  if (!lexed) return false;
  const full = parseYamlFull(text);
  assert.deepEqual(full.findings, [], `${label}: the fast path accepted text the composer rejects: ${full.findings.map((f) => f.message).join('; ')}`);
  assert.deepStrictEqual(lexed, full.root, `${label}: lexer tree differs`);
  taken++;
  return true;
}

test('samples take the fast path and agree with the composer', () => {
  const dir = join(__dirname, '../../samples');
  const files = readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => /\.ya?ml$/.test(f));
  assert.ok(files.length >= 4);
  for (const f of files) {
    const text = readFileSync(join(dir, f), 'utf8');
    assert.ok(agree(text, f), `${f} took the slow path`);
    assert.ok(parseYamlLexed(text), `${f} did not take the lexer path`);
  }
});

test('edge cases: agree or step aside', () => {
  const cases = [
    'a: 1\nb: -2\nc: 0o17\nd: 0x1F\ne: 1.5\nf: .inf\ng: -.Inf\nh: .nan\ni: 1e3\nj: ~\nk: null\nl: true\nm: False\nn:\no: "q"\np: \'s\'\nq: 2025-03-15\nr: +12\n',
    'a: |\n  line\n  two\nb: >-\n  folded\n  text\n\nc: x # comment\n# own line\nd:\n  - 1\n  - two\n  -   three\n',
    'key: value\nkey: again\n',
    'a: [1, 2]\n',
    'a: &x 1\nb: *x\n',
    '? a\n: b\n',
    '%YAML 1.1\n---\na: 1\n',
    'a:\tb\n',
    'a: b: c\n',
    'a:\n  b: 1\n c: 2\n',
    '- a\n-\n- c\n',
    'a: "unterminated\n',
    'a: b #c\nd: e#f\n',
    '---\na: 1\n...\n',
    '"q": 1\n',
    'a: !!str 1\n',
    'a:\n    # c\n  b: 1\n',
    'a:  \n  # c\nb: 1\n',
    'items:\n  - id: a\n    x: 1\n\n  # c\n  - id: b\n    y: 2 # tail\n\n# end\nlevel: 2\n',
    '\ufeffa: 1\n',
    'a: 1\r\nb: 2\r\n',
    'a: b\n  c\n',
    'a:\n- 1\n- 2\n',
  ];
  let fast = 0;
  for (const c of cases) if (agree(c, JSON.stringify(c))) fast++;
  assert.ok(fast >= 6, `fast path taken on ${fast} cases`);
});

test('random edits: whenever the fast path answers, it equals the composer', () => {
  const base =
    poamYaml(
      2,
      Array.from({ length: 8 }, (_, i) =>
        item(`P-${i}`, 'AC.L2-3.1.3', i % 3 ? {} : { weakness: 'Multi\nline\n', milestones: [{ task: 'a', due: '2025-04-01', done: true }] }),
      ),
      { assessment: { type: 'self', date: '2025-03-01', score: 100 } },
    ) + '# trailing\nextra:\n  nested:\n    - a\n    - b: 1\n      c: |\n        block\n        text\n    - "quoted"\n  flag: true\n';
  const pieces = [
    'x',
    ' ',
    '\n',
    ': ',
    '- ',
    '#',
    ' #',
    '"',
    "'",
    '|',
    '>',
    '  ',
    '\t',
    '[',
    '{',
    '&a',
    '*a',
    '!',
    '?',
    '---',
    '1',
    '.5',
    'true',
    '~',
    '\n  ',
    '\n    - ',
    '\n  - id: Z\n    practice: Q',
    '|2',
    '>+',
    '\n\n',
    ' # c\n',
    '\n# own\n',
    'key: "a\n  b"',
    '- - x',
    '\r\n',
  ];
  const random = rng(11);
  let fast = 0;
  for (let step = 0; step < 3000; step++) {
    const at = Math.floor(random() * base.length);
    const del = random() < 0.5 ? 0 : Math.floor(random() * 6);
    const text = base.slice(0, at) + pieces[Math.floor(random() * pieces.length)] + base.slice(at + del);
    if (agree(text, `step ${step}`)) fast++;
  }
  assert.ok(fast > 300, `fast path taken ${fast} times`);
  assert.ok(taken > 300, `lexer path taken ${taken} times`);
});

test('front matter offsets: a tree parsed at a base equals the composer at that base', () => {
  const text = 'kind: poam\nlevel: 2\nscore: .nan\nlow: -.inf\n';
  for (const base of [0, 4, 117]) {
    const lexed = parseYamlLexed(text, base);
    assert.ok(lexed);
    assert.deepStrictEqual(lexed, parseYamlFull(text, base).root);
  }
});

test('plain scalars resolve like the core schema', () => {
  assert.deepEqual(
    ['', '~', 'Null', 'true', 'FALSE', '0o17', '-12', '0x1f', '1e3', '.5', '1.', '-.inf', 'AC.L2-3.1.1', '2025-03-15', 'truex'].map(resolvePlain),
    [null, null, null, true, false, 15, -12, 31, 1000, 0.5, 1, -Infinity, 'AC.L2-3.1.1', '2025-03-15', 'truex'],
  );
});
