/** The editor's state in one object, driven in-process: open, edit, publish, dependants, close. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver';
import type { StatusParams } from '../../server/src/protocol';
import { Session, type Output } from '../../server/src/session/session';
import { item, poamYaml, sspYaml } from './helpers';

function recorder() {
  const published = new Map<string, { version?: number; diagnostics: Diagnostic[] }[]>();
  const statuses: StatusParams[] = [];
  const errors: string[] = [];
  const out: Output = {
    publishDiagnostics: (p) => published.set(p.uri, [...(published.get(p.uri) ?? []), p]),
    status: (p) => statuses.push(p),
    error: (m) => errors.push(m),
    warn: () => undefined,
    log: () => undefined,
  };
  return { out, published, statuses, errors };
}

const settle = () => new Promise((r) => setTimeout(r, 200));
const SSP = 'file:///ws/a.ssp.yaml';
const POAM = 'file:///ws/a.poam.yaml';

test('a session publishes on open at once, re-checks the dependants and clears on close', async () => {
  const r = recorder();
  const s = new Session(r.out);
  s.initialize({ processId: null, rootUri: null, capabilities: {}, initializationOptions: { today: '2025-05-01' } });
  s.open(SSP, 'yaml', 1, sspYaml(2, { 'AC.L2-3.1.9': { status: 'not-met' } }));
  assert.ok(s.pending(SSP), 'the first check is scheduled');
  await settle();
  const codes = (uri: string) => (r.published.get(uri)?.at(-1)?.diagnostics ?? []).map((d) => d.code);
  assert.deepEqual(codes(SSP), ['ssp-score']);
  assert.equal(r.statuses.at(-1)!.text, 'CMMC 109/110 · conditional eligible');

  s.open(POAM, 'yaml', 1, poamYaml(2, [item('POAM-1', 'AC.L2-3.1.10')], { ssp: 'a.ssp.yaml' }));
  await settle();
  // The SSP now has a linking POA&M without an item for AC.L2-3.1.9.
  assert.ok(codes(SSP).includes('ssp-not-met-without-poam'));

  s.change(POAM, 2, [{ text: poamYaml(2, [item('POAM-1', 'AC.L2-3.1.9')], { ssp: 'a.ssp.yaml' }) }]);
  await settle();
  assert.ok(!codes(SSP).includes('ssp-not-met-without-poam'), 'the SSP follows the POA&M buffer');

  s.close(POAM);
  assert.deepEqual(r.published.get(POAM)?.at(-1)?.diagnostics, []);
  assert.deepEqual(r.errors, []);
});

test('a change that repeats the version number is still analysed', async () => {
  const r = recorder();
  const s = new Session(r.out);
  s.initialize({ processId: null, rootUri: null, capabilities: {}, initializationOptions: { today: '2025-05-01' } });
  s.open(SSP, 'yaml', 1, sspYaml(2));
  await settle();
  s.change(SSP, 1, [{ text: sspYaml(2, { 'AC.L2-3.1.20': { status: 'not-met' } }) }]);
  await settle();
  assert.ok(
    r.published
      .get(SSP)!
      .at(-1)!
      .diagnostics.some((d) => d.code === 'ssp-not-deferrable'),
  );
});

// ---- the link index in the session: two-phase publish, exact dependants, file-event storms ----------

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { onePointers } from './helpers';

/** Wait until the session has nothing scheduled (the machine may be slow: poll, up to 20 s). */
async function quiet(s: Session): Promise<void> {
  for (let waited = 0; waited < 20_000; waited += 10) {
    await new Promise((r) => setTimeout(r, 10));
    if (s.idle()) return;
  }
  throw new Error('the session never went quiet');
}

/** A session over a temporary workspace folder with the given files (path -> text). */
function onDisk(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'cmmc-session-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  const r = recorder();
  const s = new Session(r.out);
  s.initialize({ processId: null, rootUri: pathToFileURL(dir).href, capabilities: {}, initializationOptions: { today: '2025-05-01' } });
  const uri = (p: string) => pathToFileURL(join(dir, p)).href;
  const codesOf = (u: string, i = -1) => (r.published.get(u)?.at(i)?.diagnostics ?? []).map((d) => d.code);
  return { dir, r, s, uri, codesOf, done: () => rmSync(dir, { recursive: true, force: true }) };
}

test('an SSP publishes its own findings first and the cross-file ones when the linking POA&Ms are in', async () => {
  const [p1, p2] = onePointers(2);
  const files: Record<string, string> = { 'plans/a.poam.yaml': poamYaml(2, [item('P-1', p1)], { ssp: '../a.ssp.yaml' }) };
  for (let i = 0; i < 300; i++) files[`other/f${i}.yaml`] = `name: f${i}\n`;
  const w = onDisk(files);
  try {
    const ssp = w.uri('a.ssp.yaml');
    w.s.open(ssp, 'yaml', 1, sspYaml(2, { [p1]: { status: 'not-met' }, [p2]: { status: 'not-met' } }));
    await new Promise((r) => setTimeout(r, 0));
    // Phase 1, from the 0 ms timer, before any link work: the SSP's own findings.
    assert.equal(w.r.published.get(ssp)?.length, 1);
    assert.deepEqual(w.codesOf(ssp), ['ssp-score']);
    await quiet(w.s);
    // Phase 2: the POA&M covers p1, not p2.
    assert.equal(w.r.published.get(ssp)?.length, 2);
    assert.deepEqual(w.codesOf(ssp), ['ssp-score', 'ssp-not-met-without-poam']);
    assert.equal(w.r.published.get(ssp)![1].version, 1);
    // An edit needs no link work: one publish, with the cross-file findings.
    w.s.change(ssp, 2, [{ text: sspYaml(2, { [p1]: { status: 'not-met' } }) }]);
    await quiet(w.s);
    assert.equal(w.r.published.get(ssp)?.length, 3);
    assert.deepEqual(w.codesOf(ssp), ['ssp-score']);
    assert.deepEqual(w.r.errors, []);
  } finally {
    w.done();
  }
});

test('a check re-queues only the documents that link the changed one, and the SSP a POA&M links before and after', async () => {
  const [p1] = onePointers(1);
  const w = onDisk({});
  try {
    const a = w.uri('a.ssp.yaml');
    const b = w.uri('b.ssp.yaml');
    const poam = w.uri('p.poam.yaml');
    const other = w.uri('q.poam.yaml');
    w.s.open(a, 'yaml', 1, sspYaml(2, { [p1]: { status: 'not-met' } }));
    w.s.open(b, 'yaml', 1, sspYaml(2, { [p1]: { status: 'not-met' } }));
    w.s.open(other, 'yaml', 1, poamYaml(2, [item('P-9', p1)], { ssp: 'b.ssp.yaml' }));
    w.s.open(poam, 'yaml', 1, poamYaml(2, [item('P-1', 'AC.L2-3.1.20')], { ssp: 'a.ssp.yaml' }));
    await quiet(w.s);
    assert.ok(w.codesOf(a).includes('ssp-not-met-without-poam'));
    const checked: string[] = [];
    const check = w.s.check.bind(w.s);
    w.s.check = (u: string) => (checked.push(u), check(u));
    // The POA&M now covers p1: A is re-checked; B and the other POA&M are not.
    w.s.change(poam, 2, [{ text: poamYaml(2, [item('P-1', p1)], { ssp: 'a.ssp.yaml' }) }]);
    await quiet(w.s);
    assert.deepEqual([...new Set(checked)].sort(), [a, poam].sort());
    assert.ok(!w.codesOf(a).includes('ssp-not-met-without-poam'));
    // The link moves to B: both SSPs are re-checked (A loses it, B gains it), nothing else.
    checked.length = 0;
    w.s.change(poam, 3, [{ text: poamYaml(2, [item('P-1', p1)], { ssp: 'b.ssp.yaml' }) }]);
    await quiet(w.s);
    assert.deepEqual([...new Set(checked)].sort(), [a, b, poam].sort());
    assert.deepEqual([w.s.service.analyze(a)!.poams!.length, w.s.service.analyze(b)!.poams!.length], [0, 2]);
    // Editing an SSP re-checks the POA&Ms that link it only.
    checked.length = 0;
    w.s.change(b, 2, [{ text: sspYaml(2, { [p1]: { status: 'not-met' }, 'AC.L2-3.1.20': { status: 'not-met' } }) }]);
    await quiet(w.s);
    assert.deepEqual([...new Set(checked)].sort(), [b, other, poam].sort());
  } finally {
    w.done();
  }
});

test('a storm of 10,000 created files is scanned in slices, requests get in between, and only the affected SSP is re-checked', async () => {
  const [p1] = onePointers(1);
  const w = onDisk({});
  try {
    const a = w.uri('a.ssp.yaml');
    const b = w.uri('b.ssp.yaml');
    w.s.open(a, 'yaml', 1, sspYaml(2, { [p1]: { status: 'not-met' } }));
    w.s.open(b, 'yaml', 1, sspYaml(2, { [p1]: { status: 'not-met' } }));
    await quiet(w.s);
    mkdirSync(join(w.dir, 'gen'));
    const created: { uri: string; type: 1 }[] = [];
    for (let i = 0; i < 10_000; i++) {
      writeFileSync(join(w.dir, 'gen', `f${i}.yaml`), `name: f${i}\n`);
      created.push({ uri: w.uri(`gen/f${i}.yaml`), type: 1 });
    }
    writeFileSync(join(w.dir, 'gen', 'p.poam.yaml'), poamYaml(2, [item('P-1', 'AC.L2-3.1.20')], { ssp: '../a.ssp.yaml' }));
    created.push({ uri: w.uri('gen/p.poam.yaml'), type: 1 });
    const checked: string[] = [];
    const check = w.s.check.bind(w.s);
    w.s.check = (u: string) => (checked.push(u), check(u));
    const started = Date.now();
    w.s.filesChanged(created);
    const blocked = Date.now() - started;
    assert.ok(blocked < 1000, `the events took ${blocked} ms`);
    // A timer keeps firing while the scan runs: no gap of seconds.
    let last = Date.now();
    let worst = 0;
    const ticker = setInterval(() => {
      worst = Math.max(worst, Date.now() - last);
      last = Date.now();
    }, 5);
    const hover = new Promise<number>((resolve) => setTimeout(() => resolve(Date.now()), 20));
    const answered = (await hover) - started;
    await quiet(w.s);
    clearInterval(ticker);
    assert.ok(worst < 500, `the event loop was blocked for ${worst} ms`);
    assert.ok(answered < 1000, `a request waited ${answered} ms`);
    assert.deepEqual([...new Set(checked)], [a], 'only the SSP the new POA&M links');
    assert.ok(w.codesOf(a).includes('ssp-not-met-without-poam'), 'the new POA&M is seen');
  } finally {
    w.done();
  }
});

test('a closed POA&M parsed for an SSP keeps only its model; opening it parses it whole', async () => {
  const [p1, p2] = onePointers(2);
  const w = onDisk({ 'a.poam.yaml': poamYaml(2, [item('P-1', p1)], { ssp: 'a.ssp.yaml' }) });
  try {
    const ssp = w.uri('a.ssp.yaml');
    const poam = w.uri('a.poam.yaml');
    w.s.open(ssp, 'yaml', 1, sspYaml(2, { [p1]: { status: 'not-met' }, [p2]: { status: 'not-met' } }));
    await quiet(w.s);
    assert.deepEqual(w.codesOf(ssp), ['ssp-score', 'ssp-not-met-without-poam']);
    const slim = w.s.service.parse(poam)!;
    assert.equal(slim.root, undefined, 'no tree kept for a closed linker');
    assert.equal(slim.model!.kind, 'poam');
    // The SSP is re-checked from the slim parse without a new one.
    w.s.change(ssp, 2, [{ text: sspYaml(2, { [p1]: { status: 'not-met' } }) }]);
    await quiet(w.s);
    assert.deepEqual(w.codesOf(ssp), ['ssp-score']);
    assert.equal(w.s.service.parse(poam), slim);
    w.s.open(poam, 'yaml', 1, poamYaml(2, [item('P-1', p1)], { ssp: 'a.ssp.yaml' }));
    await quiet(w.s);
    assert.ok(w.s.service.parse(poam)!.root, 'an open document has its tree');
    assert.deepEqual(w.r.errors, []);
  } finally {
    w.done();
  }
});
