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
  assert.ok(r.published.get(SSP)!.at(-1)!.diagnostics.some((d) => d.code === 'ssp-not-deferrable'));
});
