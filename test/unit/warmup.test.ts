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
    warmUp({ rounds: 1, stop: () => (turns++, false), done: () => done(turns) });
  });
  assert.equal(full, 4, 'asked before each of the four documents');
  const stopped = await new Promise<number>((done) => {
    let turns = 0;
    warmUp({ rounds: 3, stop: () => ++turns >= 2, done: () => done(turns) });
  });
  assert.equal(stopped, 2, 'one document checked, then it gave way');
});
