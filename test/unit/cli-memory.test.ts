/** A long command-line run collects its garbage when the heap has grown by GROWTH_MB, not before. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GROWTH_MB, memorySettler } from '../../server/src/cli/memory';

test('memorySettler: a full collection once the heap grew by the threshold since the last, never below it', () => {
  let used = 100 * 2 ** 20;
  const m = memorySettler(GROWTH_MB, () => used);
  used += GROWTH_MB * 2 ** 20 - 1;
  m.settle();
  assert.equal(m.collections, 0, 'one byte short: nothing');
  used += 1;
  m.settle();
  assert.equal(m.collections, 1, 'at the threshold: collected');
  m.settle();
  assert.equal(m.collections, 1, 'measured again from the level after the collection');
  used += GROWTH_MB * 2 ** 20;
  m.settle();
  assert.equal(m.collections, 2);
});

test('memorySettler: the collector is really reached (the heap goes down after garbage)', () => {
  const m = memorySettler(1);
  let garbage: unknown[] | undefined = Array.from({ length: 200_000 }, (_, i) => ({ i, s: `x${i}` }));
  const before = process.memoryUsage().heapUsed;
  garbage = undefined;
  m.settle();
  assert.equal(garbage, undefined);
  assert.equal(m.collections, 1);
  assert.ok(process.memoryUsage().heapUsed < before, 'the garbage was collected');
});
