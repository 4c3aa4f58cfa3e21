/** The service caches parses and analyses, and invalidates them when a linked document changes. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RULES, type Rule } from '../../server/src/rules';
import type { PoamRule } from '../../server/src/rules/rule';
import { createCmmcService } from '../../server/src/service';
import { item, poamYaml, sspYaml } from './helpers';

test('analysis is reused until the document, a linked document or today changes', () => {
  const files = new Map([
    ['file:///ws/a.ssp.yaml', sspYaml(2, { 'AC.L2-3.1.3': { status: 'not-met' } })],
    ['file:///ws/a.poam.yaml', poamYaml(2, [item('P-1', 'AC.L2-3.1.3')], { ssp: 'a.ssp.yaml' })],
  ]);
  let today = '2025-05-01';
  const svc = createCmmcService({ workspace: { read: (u) => files.get(u), uris: () => files.keys() }, settings: () => ({ today }) });
  const poam = 'file:///ws/a.poam.yaml';
  const first = svc.analyze(poam)!;
  assert.equal(svc.analyze(poam), first, 'same inputs, same analysis object');
  assert.deepEqual(
    first.findings.map((f) => f.code),
    [],
  );
  // The SSP changes on disk: the POA&M's findings follow.
  files.set('file:///ws/a.ssp.yaml', sspYaml(2, { 'AC.L2-3.1.3': { status: 'met', implementation: 'done' } }));
  const second = svc.analyze(poam)!;
  assert.notEqual(second, first);
  assert.deepEqual(
    second.findings.map((f) => f.code),
    ['poam-practice-met-in-ssp'],
  );
  // The SSP sees the POA&M that links it, and re-checks when the POA&M changes.
  const ssp = 'file:///ws/a.ssp.yaml';
  files.set(ssp, sspYaml(2, { 'AC.L2-3.1.3': { status: 'not-met' }, 'AC.L2-3.1.4': { status: 'not-met' } }));
  assert.deepEqual(
    svc
      .validate(ssp)
      .filter((f) => f.code === 'ssp-not-met-without-poam')
      .map((f) => f.message.split(' ')[0]),
    ['AC.L2-3.1.4'],
  );
  files.set(poam, poamYaml(2, [item('P-1', 'AC.L2-3.1.3'), item('P-2', 'AC.L2-3.1.4')], { ssp: 'a.ssp.yaml' }));
  assert.deepEqual(
    svc.validate(ssp).filter((f) => f.code === 'ssp-not-met-without-poam'),
    [],
  );
  // A new day can change the clock findings.
  const before = svc.analyze(poam)!;
  today = '2025-09-12';
  const after = svc.analyze(poam)!;
  assert.notEqual(after, before);
  assert.ok(after.findings.some((f) => f.code === 'poam-closeout-expired'));
});

test('a rule that throws is contained: the others still report and the failure is logged', () => {
  const logs: string[] = [];
  const broken: PoamRule = {
    code: 'broken',
    severity: 'error',
    paragraphs: [],
    appliesTo: 'poam',
    title: 'Broken',
    explain: 'A rule that always throws.',
    check() {
      throw new Error('boom');
    },
  };
  (RULES as Rule[]).unshift(broken);
  try {
    const files = new Map([['file:///ws/a.poam.yaml', poamYaml(2, [item('P-1', 'AC.L2-3.1.20')])]]);
    const svc = createCmmcService({
      workspace: { read: (u) => files.get(u), uris: () => files.keys() },
      settings: () => ({ today: '2025-05-01' }),
      log: (m) => logs.push(m),
    });
    assert.deepEqual(
      svc.validate('file:///ws/a.poam.yaml').map((f) => f.code),
      ['poam-practice-excluded'],
    );
    assert.equal(logs.length, 1);
    assert.match(logs[0], /rule broken failed.*boom/s);
  } finally {
    (RULES as Rule[]).shift();
  }
});

test('an SSP finds exactly the workspace POA&Ms that link it (the others are skipped unparsed when their text never says ssp)', () => {
  const files = new Map([
    ['file:///ws/a.ssp.yaml', sspYaml(2, { 'AC.L2-3.1.3': { status: 'not-met' } })],
    ['file:///ws/other.poam.yaml', poamYaml(2, [item('P-1', 'AC.L2-3.1.3')])],
    ['file:///ws/linked.poam.yaml', poamYaml(2, [item('P-1', 'AC.L2-3.1.3')], { ssp: 'a.ssp.yaml' })],
  ]);
  const svc = createCmmcService({ workspace: { read: (u) => files.get(u), uris: () => files.keys() }, settings: () => ({ today: '2025-05-01' }) });
  const analysis = svc.analyze('file:///ws/a.ssp.yaml')!;
  assert.deepEqual(
    analysis.poams!.map((p) => p.uri),
    ['file:///ws/linked.poam.yaml'],
  );
});
