/**
 * Incremental re-parsing must give exactly what a full parse gives: random edits on a POA&M and
 * an SSP, compared node by node and finding by finding.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffRegion } from '../../server/src/documents/incremental';
import { parseCmmcDocument } from '../../server/src/documents/parse';
import { item, poamYaml, rng, sspYaml } from '../unit/helpers';
import { fuzzReparse, keystroke, serviceReuses } from './reparseFuzz';

const EDITS = [
  '2025-07-01',
  '2025-02-30',
  'x',
  '',
  '\n',
  '\n    status: completed',
  '\n    deadline: 2025-06-01',
  ': ',
  '  ',
  '-',
  '\n  - id: NEW\n    practice: AC.L2-3.1.4\n    status: open',
  'AC.L2-3.1.20',
  'not-met',
  '"quoted"',
  '# comment',
  '\n      - task: extra\n        due: 2025-05-20',
  '[',
  '&a',
  '*a',
  '\t',
];

function fuzz(name: string, uri: string, initial: string, seed: number, steps: number) {
  fuzzReparse(uri, initial, seed, steps, { edits: EDITS, minShare: 1 / 20, title: `incremental parse equals full parse on ${steps} random edits (${name})` });
}

const poam =
  poamYaml(
    2,
    Array.from({ length: 12 }, (_, i) =>
      item(
        `P-${i}`,
        i % 3 ? 'AC.L2-3.1.3' : 'AC.L2-3.1.20',
        i % 4
          ? {}
          : {
              milestones: [
                { task: 'a', due: '2025-04-01' },
                { task: 'b', due: '2025-08-01', done: true },
              ],
            },
      ),
    ),
    { assessment: { type: 'self', date: '2025-03-01', score: 100 } },
  ) + '# trailing comment\n';
fuzz('POA&M', 'file:///ws/a.poam.yaml', poam, 1, 1000);
fuzz('POA&M, items not last', 'file:///ws/b.poam.yaml', poam.replace('kind: poam\n', '') + 'kind: poam\n', 2, 500);
fuzz(
  'SSP',
  'file:///ws/a.ssp.yaml',
  sspYaml(2, { 'AC.L2-3.1.3': { status: 'not-met' }, 'AC.L2-3.1.5': { status: 'met', implementation: 'Line one\nline two\n' } }),
  3,
  500,
);

test('typing inside values (the common case) takes the incremental path and matches a full parse', () => {
  const random = rng(7);
  const uri = 'file:///ws/t.poam.yaml';
  let text = poam;
  let prev = parseCmmcDocument(uri, text)!;
  let incremental = 0;
  let edits = 0;
  for (let step = 0; step < 300; step++) {
    // A random scalar value inside an item, edited the way a person types: a character in or out.
    const items = (prev.root as any).entries.find((e: any) => e.key === 'items').value.items;
    const entries = items[Math.floor(random() * items.length)].entries;
    const value = entries[Math.floor(random() * entries.length)].value;
    if (value.kind !== 'scalar' || value.span.end - value.span.start < 3) continue;
    edits++;
    // Strictly inside the value: never the newline after it.
    const at = value.span.start + 1 + Math.floor(random() * (value.span.end - value.span.start - 2));
    const next = random() < 0.6 ? text.slice(0, at) + 'abc0123456789'[Math.floor(random() * 13)] + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
    const k = keystroke(prev, uri, next, `step ${step}`);
    if (k.reused) incremental++;
    text = next;
    prev = k.parsed;
  }
  assert.ok(incremental >= edits * 0.95, `incremental ${incremental} of ${edits}`);
});

test('diffRegion finds the smallest changed region', () => {
  assert.deepEqual(diffRegion('abcdef', 'abXYef'), { start: 2, oldEnd: 4, newEnd: 4 });
  assert.deepEqual(diffRegion('aaa', 'aaaa'), { start: 3, oldEnd: 3, newEnd: 4 });
  assert.equal(diffRegion('same', 'same'), undefined);
});

serviceReuses(
  'the service reuses the previous parse for an edit inside one item and gives the same findings',
  'file:///ws/a.poam.yaml',
  poam,
  'deadline: 2025-06-30',
  'deadline: 2025-09-30',
);
