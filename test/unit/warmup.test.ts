/** The start-up warm-up checks documents of its own, cleanly, and gives way to the user's first document. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCmmcService } from '../../server/src/service';
import { warmUp, warmupDocuments } from '../../server/src/session/warmup';

test('warm-up documents are a linked SSP and POA&M in both syntaxes that check without syntax or schema findings', () => {
  const docs = warmupDocuments();
  assert.deepEqual(
    docs.map((d) => d.uri.split('/').pop()),
    ['system.ssp.yaml', 'plan.poam.yaml', 'system.ssp.md', 'plan.poam.md'],
  );
  const texts = new Map(docs.map((d) => [d.uri, d.text]));
  const service = createCmmcService({ workspace: { read: (u) => texts.get(u), uris: () => texts.keys() }, settings: () => ({ today: '2025-05-01' }) });
  for (const d of docs) {
    const a = service.analyze(d.uri);
    assert.ok(a?.parsed.model, `${d.uri} has a model`);
    const bad = a.findings.filter((f) => f.code === 'syntax' || f.code === 'schema');
    assert.deepEqual(bad, [], d.uri);
  }
  const poam = service.analyze(docs[3].uri)!;
  assert.ok(!poam.findings.some((f) => f.code === 'poam-ssp-not-found'), 'the markdown POA&M finds its SSP');
});

test('warm-up runs every round when nothing stops it, and stops at the first turn a document is open', async () => {
  const full = await new Promise<number>((done) => {
    let turns = 0;
    warmUp({ rounds: 1, budget: Number.POSITIVE_INFINITY, stop: () => (turns++, false), done: () => done(turns) });
  });
  assert.equal(full, 8, 'asked before each of the four small and four larger documents');
  const stopped = await new Promise<number>((done) => {
    let turns = 0;
    warmUp({ rounds: 3, budget: Number.POSITIVE_INFINITY, stop: () => ++turns >= 2, done: () => done(turns) });
  });
  assert.equal(stopped, 2, 'one small document checked, then it gave way');
});

test('warm-up ends when its time budget is spent, even with rounds left', async () => {
  const started = performance.now();
  const turns = await new Promise<number>((done) => {
    let n = 0;
    warmUp({ rounds: 100, budget: 30, stop: () => (n++, false), done: () => done(n) });
  });
  assert.ok(turns < 4 + 100 * 4, `stopped after ${turns} turns`);
  // One step may still run when the budget ends: the cold first ones take tens of ms.
  assert.ok(performance.now() - started < 1000, 'within the budget and one step');
});
