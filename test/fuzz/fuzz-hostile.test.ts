/**
 * The fuzz layer's hostile shapes (issue 11, item 9): alias fan-out and deep nesting, mutated at
 * random. Whatever the mutation, parsing never throws, stays fast, the fast paths agree with the
 * composer when they answer, and aliases resolved through the per-document anchor map give
 * exactly the values the `yaml` package's own resolution gives. The soak drives a session
 * through a burst of such edits and checks it converges on the final text.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isScalar, parseDocument, visit } from 'yaml';
import { parseCmmcDocument } from '../../server/src/documents/parse';
import type { LNode } from '../../server/src/documents/tree';
import { parseYamlFull } from '../../server/src/documents/yaml';
import { parseYamlLexed } from '../../server/src/documents/yamlLexed';
import { createCmmcService } from '../../server/src/service';
import { Session } from '../../server/src/session/session';
import { rng } from '../unit/helpers';

const PIECES = ['[', ']', '{', '}', '&a ', '*a', '*m', '&m ', ', ', '- ', '\n', '\n  ', '\n    - ', ': ', ' #', '"', 'x', '*a, *a, *a'];
PIECES.push('[[[[', ']]]]', '- - - ');

/** The plain value of a located tree, as `yaml`'s toJS would give it. */
function plainOf(n: LNode): unknown {
  if (n.kind === 'scalar') return n.value;
  if (n.kind === 'seq') return n.items.map(plainOf);
  return Object.fromEntries(n.entries.map((e) => [e.key, plainOf(e.value)]));
}

const aliasFanOut =
  'kind: poam\nlevel: 2\nconditional_status_date: 2025-03-15\n' +
  'x-milestone: &m { task: t, due: 2025-06-01 }\nx-id: &a AC.L2-3.1.3\n' +
  `x-fan: [${Array(300).fill('*a').join(', ')}]\n` +
  'items:\n' +
  Array.from({ length: 20 }, (_, i) => `  - id: P-${i}\n    practice: *a\n    status: open\n    deadline: 2025-06-30\n    milestones: [*m, *m]\n`).join('');

const deepFlow = `kind: poam\nlevel: 2\nitems: []\nx: ${'['.repeat(900)}1${']'.repeat(900)}\n`;
const deepBlock = `kind: poam\nlevel: 2\nitems: []\nx:\n${Array.from({ length: 300 }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n')}\n`;
const deepDashes = `kind: poam\nlevel: 2\nitems:\n${'- '.repeat(400)}x\norganization: Acme\n`;

function mutate(shape: string, seed: number, steps: number, check: (text: string, label: string) => void) {
  const random = rng(seed);
  for (let step = 0; step < steps; step++) {
    let text = shape;
    for (let k = random() < 0.7 ? 1 : 2; k > 0; k--) {
      const at = Math.floor(random() * text.length);
      const del = random() < 0.5 ? 0 : Math.floor(random() * 8);
      text = text.slice(0, at) + PIECES[Math.floor(random() * PIECES.length)] + text.slice(at + del);
    }
    check(text, `seed ${seed} step ${step}`);
  }
}

const SHAPES = [
  ['alias fan-out', aliasFanOut, 21, 100],
  ['deep flow nesting', deepFlow, 22, 40],
  ['deep block nesting', deepBlock, 23, 40],
  ['deep "- - -" nesting', deepDashes, 24, 60],
] as const;

for (const [name, shape, seed, steps] of SHAPES) {
  test(`fuzz (${name}): never throws, stays fast, agrees with the composer and with yaml's alias resolution`, () => {
    const uri = 'file:///ws/a.poam.yaml';
    let current = shape;
    const workspace = { read: () => current, uris: () => [uri] };
    const service = createCmmcService({ workspace, settings: () => ({ today: '2025-05-01' }), log: (m) => assert.fail(m) });
    let resolved = 0;
    const t0 = performance.now();
    mutate(shape, seed, steps, (text, label) => {
      current = text;
      service.forget(uri);
      service.validate(uri); // every rule over whatever came out; a throw or a log fails the test
      const full = parseYamlFull(text);
      const fast = parseYamlLexed(text);
      if (fast) assert.deepStrictEqual(fast, full.root, `${label}: the fast path differs from the composer`);
      if (!full.stop && full.findings.length === 0 && full.root) {
        const doc = parseDocument(text, { uniqueKeys: true });
        let js: unknown;
        let complexKey = false; // a collection as a key: toJS writes it as YAML text, we as String()
        visit(doc, { Pair: (_, p) => void (complexKey ||= !isScalar(p.key)) });
        try {
          js = doc.errors.length === 0 ? doc.toJS({ maxAliasCount: -1 }) : undefined;
        } catch {
          js = undefined; // `*a&a`: an alias yaml composes without an error but cannot resolve
        }
        if (js !== undefined && !complexKey) {
          assert.equal(JSON.stringify(plainOf(full.root)), JSON.stringify(js), `${label}: alias resolution differs`);
          resolved++;
        }
      }
      assert.ok(parseCmmcDocument(uri, text), `${label}: a named document stays ours`);
    });
    const ms = performance.now() - t0;
    assert.ok(ms < steps * 400, `${ms} ms for ${steps} documents`);
    if (name === 'alias fan-out') assert.ok(resolved > 10, `aliases compared on ${resolved} documents`);
  });
}

type Located = { code?: unknown; range: { start: { line: number; character: number } } };
const where = (d: Located) => `${String(d.code)}@${d.range.start.line}:${d.range.start.character}`;

test('soak: 200 rapid edits through a session, switching between the hostile shapes, converge with no error', async () => {
  const published: { version?: number; codes: string[] }[] = [];
  const errors: string[] = [];
  const session = new Session({
    publishDiagnostics: (p) => published.push({ version: p.version, codes: p.diagnostics.map(where) }),
    status: () => undefined,
    error: (m) => errors.push(m),
    warn: () => undefined,
    log: () => undefined,
  });
  session.initialize({ processId: null, rootUri: null, capabilities: {}, initializationOptions: { today: '2025-05-01' } });
  const uri = 'file:///ws/soak.poam.yaml';
  const texts: string[] = [];
  for (const [, shape, seed] of SHAPES) mutate(shape, seed + 100, 50, (text) => texts.push(text));
  const random = rng(99);
  session.open(uri, 'yaml', 1, aliasFanOut);
  let last = aliasFanOut;
  const t0 = performance.now();
  for (let v = 2; v <= 201; v++) {
    last = texts[Math.floor(random() * texts.length)];
    session.change(uri, v, [{ text: last }]);
    if (v % 20 === 0) await new Promise((r) => setTimeout(r, 30)); // let some checks run mid-burst
  }
  await new Promise((r) => setTimeout(r, 400));
  assert.ok(performance.now() - t0 < 60_000);
  assert.deepEqual(errors, []);
  const fresh = createCmmcService({ workspace: { read: () => last, uris: () => [uri] }, settings: () => ({ today: '2025-05-01' }) });
  const want = fresh.diagnostics(uri).map(where);
  assert.equal(published.at(-1)?.version, 201, 'the last version was published');
  assert.deepEqual(published.at(-1)?.codes, want, 'the last diagnostics are those of the final text');
});
