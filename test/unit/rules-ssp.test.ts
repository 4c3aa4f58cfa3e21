/** SSP rules: scoring (170.24) and its thresholds on both sides of every boundary. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { requirementsOfLevel } from '../../server/src/catalog/requirements';
import { check, codes, item, onePointers, only, poamYaml, sspYaml } from './helpers';

const notMet = (ids: string[], extra: Record<string, unknown> = {}) => Object.fromEntries(ids.map((id) => [id, { status: 'not-met', ...extra }]));
const scoreOf = (text: string) => only(check({ 'a.ssp.yaml': text }, 'a.ssp.yaml'), 'ssp-score')[0];

describe('Level 2 score (170.24(c)(2)) and threshold (170.21(a)(2)(i))', () => {
  test('all met: 110 of 110, no other finding', () => {
    const fs = check({ 'a.ssp.yaml': sspYaml(2) }, 'a.ssp.yaml');
    assert.deepEqual(codes(fs), ['ssp-score']);
    assert.match(fs[0].message, /^score 110 of 110 \(0 points open\); all requirements met/);
    assert.equal(fs[0].severity, 'information');
    assert.equal(fs[0].covered, 'practices');
  });

  test('22 one-point requirements not met: 88, eligible (88/110 = 0.8)', () => {
    const fs = check({ 'a.ssp.yaml': sspYaml(2, notMet(onePointers(22))) }, 'a.ssp.yaml');
    assert.match(only(fs, 'ssp-score')[0].message, /^score 88 of 110 \(22 points open\); conditional eligible \(32 CFR 170\.24\(c\)\(2\)\)$/);
    assert.equal(only(fs, 'ssp-score-below-threshold').length, 0);
  });

  test('23 one-point requirements not met: 87, below the threshold', () => {
    const fs = check({ 'a.ssp.yaml': sspYaml(2, notMet(onePointers(23))) }, 'a.ssp.yaml');
    assert.match(only(fs, 'ssp-score')[0].message, /^score 87 of 110 \(23 points open\); not conditional eligible/);
    const below = only(fs, 'ssp-score-below-threshold');
    assert.equal(below.length, 1);
    assert.equal(below[0].severity, 'warning');
    assert.equal(below[0].covered, 'practices');
    assert.match(below[0].message, /32 CFR 170\.21\(a\)\(2\)\(i\)/);
  });

  test('SC.L2-3.13.11 non-FIPS (-3) plus 21 one-pointers: "88 of 110 met" but score 86', () => {
    const text = sspYaml(2, { ...notMet(onePointers(21)), 'SC.L2-3.13.11': { status: 'not-met', encryption: 'not-fips-validated' } });
    assert.match(scoreOf(text).message, /^score 86 of 110 \(24 points open\)/);
  });

  test('partial credit: IA.L2-3.5.3 -3 with remote-and-privileged MFA, -5 otherwise; SC.L2-3.13.11 -3 / -5', () => {
    assert.match(scoreOf(sspYaml(2, { 'IA.L2-3.5.3': { status: 'not-met', mfa: 'remote-and-privileged' } })).message, /^score 107 of 110/);
    assert.match(scoreOf(sspYaml(2, { 'IA.L2-3.5.3': { status: 'not-met', mfa: 'none' } })).message, /^score 105 of 110/);
    assert.match(scoreOf(sspYaml(2, { 'IA.L2-3.5.3': { status: 'not-met' } })).message, /^score 105 of 110/);
    assert.match(scoreOf(sspYaml(2, { 'SC.L2-3.13.11': { status: 'not-met', encryption: 'not-fips-validated' } })).message, /^score 107 of 110/);
    assert.match(scoreOf(sspYaml(2, { 'SC.L2-3.13.11': { status: 'not-met', encryption: 'none' } })).message, /^score 105 of 110/);
    // mfa/encryption on a met practice change nothing
    assert.match(scoreOf(sspYaml(2, { 'IA.L2-3.5.3': { status: 'met', mfa: 'none', implementation: 'x' } })).message, /^score 110 of 110/);
  });

  test('CA.L2-3.12.4 not met deducts 0 but is never deferrable', () => {
    const fs = check({ 'a.ssp.yaml': sspYaml(2, notMet(['CA.L2-3.12.4'])) }, 'a.ssp.yaml');
    assert.match(only(fs, 'ssp-score')[0].message, /^score 110 of 110 \(0 points open\); not conditional eligible/);
    const nd = only(fs, 'ssp-not-deferrable');
    assert.equal(nd.length, 1);
    assert.equal(nd[0].covered, 'CA.L2-3.12.4');
    assert.equal(nd[0].paragraph, '170.21(a)(2)(iii)(C)');
  });

  test('not-applicable and operational plan of action count as met; absent practices as not met', () => {
    assert.match(scoreOf(sspYaml(2, { 'AC.L2-3.1.1': { status: 'not-applicable', justification: 'No such system' } })).message, /^score 110 of 110/);
    const opa = check({ 'a.ssp.yaml': sspYaml(2, { 'AC.L2-3.1.1': { status: 'not-met', operational_plan: 'OPA-7' } }) }, 'a.ssp.yaml');
    assert.deepEqual(codes(opa), ['ssp-score']);
    const missing = check({ 'a.ssp.yaml': sspYaml(2, { 'AC.L2-3.1.1': null, 'AC.L2-3.1.3': null }) }, 'a.ssp.yaml');
    assert.match(only(missing, 'ssp-score')[0].message, /^score 104 of 110 \(6 points open\)/);
    const pm = only(missing, 'ssp-practice-missing');
    assert.deepEqual(
      pm.map((f) => f.message.split(' ')[0]),
      ['AC.L2-3.1.1', 'AC.L2-3.1.3'],
    );
    assert.ok(pm.every((f) => f.covered === 'practices' && f.severity === 'warning'));
  });

  test('everything not met: -203', () => {
    // A `responsible` on each practice: with only `status: not-met` everywhere it would be an unfilled skeleton (scaffold.test.ts).
    const all = Object.fromEntries(requirementsOfLevel(2).map((r) => [r.id, { status: 'not-met', responsible: 'ISSO' }]));
    assert.match(scoreOf(sspYaml(2, all)).message, /^score -203 of 110 \(313 points open\)/);
  });
});

describe('ssp-not-deferrable (170.21(a)(2)(ii)/(iii))', () => {
  test('1-point not met: deferrable; 3-point and 5-point: not deferrable', () => {
    const fs = check({ 'a.ssp.yaml': sspYaml(2, notMet(['AC.L2-3.1.3', 'AC.L2-3.1.5', 'AC.L2-3.1.1'])) }, 'a.ssp.yaml');
    assert.deepEqual(
      only(fs, 'ssp-not-deferrable').map((f) => f.covered),
      ['AC.L2-3.1.1', 'AC.L2-3.1.5'],
    );
    assert.ok(only(fs, 'ssp-not-deferrable').every((f) => f.paragraph === '170.21(a)(2)(ii)' && f.severity === 'error'));
  });
  test('SC.L2-3.13.11 deferrable only with encryption: not-fips-validated', () => {
    const yes = check({ 'a.ssp.yaml': sspYaml(2, { 'SC.L2-3.13.11': { status: 'not-met', encryption: 'not-fips-validated' } }) }, 'a.ssp.yaml');
    assert.equal(only(yes, 'ssp-not-deferrable').length, 0);
    const no = check({ 'a.ssp.yaml': sspYaml(2, { 'SC.L2-3.13.11': { status: 'not-met', encryption: 'none' } }) }, 'a.ssp.yaml');
    assert.equal(only(no, 'ssp-not-deferrable').length, 1);
  });
  for (const [id, p] of [
    ['AC.L2-3.1.20', 'A'],
    ['AC.L2-3.1.22', 'B'],
    ['PE.L2-3.10.3', 'D'],
    ['PE.L2-3.10.4', 'E'],
    ['PE.L2-3.10.5', 'F'],
  ]) {
    test(`${id} not met is never deferrable (170.21(a)(2)(iii)(${p}))`, () => {
      const fs = only(check({ 'a.ssp.yaml': sspYaml(2, notMet([id])) }, 'a.ssp.yaml'), 'ssp-not-deferrable');
      assert.equal(fs.length, 1);
      assert.equal(fs[0].paragraph, `170.21(a)(2)(iii)(${p})`);
      assert.equal(fs[0].covered, id);
    });
  }
});

describe('Level 3 (170.21(a)(3)(i), 170.24(c)(3)) and Level 1 (170.21(a)(1))', () => {
  const l3 = requirementsOfLevel(3)
    .filter((r) => r.poam === 'yes')
    .map((r) => r.id);
  test('20 of 24 met: eligible; 19 of 24: below', () => {
    const ok = check({ 'a.ssp.yaml': sspYaml(3, notMet(l3.slice(0, 4))) }, 'a.ssp.yaml');
    assert.match(only(ok, 'ssp-score')[0].message, /^score 20 of 24 \(4 requirements open\); conditional eligible/);
    assert.equal(only(ok, 'ssp-score-below-threshold').length, 0);
    const low = check({ 'a.ssp.yaml': sspYaml(3, notMet(l3.slice(0, 5))) }, 'a.ssp.yaml');
    assert.match(only(low, 'ssp-score')[0].message, /^score 19 of 24 \(5 requirements open\)/);
    assert.equal(only(low, 'ssp-score-below-threshold').length, 1);
  });
  test('a Level 2 requirement not met in a Level 3 SSP is not deferrable (170.18(a))', () => {
    const fs = only(check({ 'a.ssp.yaml': sspYaml(3, notMet(['AC.L2-3.1.3'])) }, 'a.ssp.yaml'), 'ssp-not-deferrable');
    assert.equal(fs.length, 1);
    assert.equal(fs[0].paragraph, '170.18(a)');
  });
  test('excluded Level 3 requirement not met is not deferrable (170.21(a)(3)(ii))', () => {
    const fs = only(check({ 'a.ssp.yaml': sspYaml(3, notMet(['RA.L3-3.11.4e'])) }, 'a.ssp.yaml'), 'ssp-not-deferrable');
    assert.equal(fs[0].paragraph, '170.21(a)(3)(ii)(F)');
  });
  test('Level 1: 15 of 15 met; one not met is ssp-level1-not-met', () => {
    const ok = check({ 'a.ssp.yaml': sspYaml(1) }, 'a.ssp.yaml');
    assert.deepEqual(codes(ok), ['ssp-score']);
    assert.match(ok[0].message, /^15 of 15 met/);
    const bad = check({ 'a.ssp.yaml': sspYaml(1, notMet(['AC.L1-b.1.i'])) }, 'a.ssp.yaml');
    assert.match(only(bad, 'ssp-score')[0].message, /^14 of 15 met/);
    const l1 = only(bad, 'ssp-level1-not-met');
    assert.equal(l1.length, 1);
    assert.equal(l1[0].covered, 'AC.L1-b.1.i');
    assert.equal(l1[0].paragraph, '170.21(a)(1)');
  });
});

describe('SSP completeness and cross-file', () => {
  test('met without implementation; not-applicable without justification', () => {
    const fs = check(
      {
        'a.ssp.yaml': sspYaml(2, {
          'AC.L2-3.1.1': { status: 'met' },
          'AC.L2-3.1.2': { status: 'not-applicable' },
          'AC.L2-3.1.3': { status: 'not-applicable', justification: 'n/a because' },
        }),
      },
      'a.ssp.yaml',
    );
    assert.deepEqual(
      only(fs, 'ssp-missing-implementation').map((f) => f.covered),
      ['AC.L2-3.1.1'],
    );
    assert.deepEqual(
      only(fs, 'ssp-na-without-justification').map((f) => f.covered),
      ['AC.L2-3.1.2'],
    );
  });
  test('unknown ids and ids of another level', () => {
    const fs = only(
      check(
        { 'a.ssp.yaml': sspYaml(2, { 'AC.L2-3.1.99': { status: 'met', implementation: 'x' }, 'AC.L3-3.1.2e': { status: 'met', implementation: 'x' } }) },
        'a.ssp.yaml',
      ),
      'unknown-practice',
    );
    assert.equal(fs.length, 2);
    assert.match(fs[0].message, /Did you mean AC\.L2-3\.1\.9/);
    assert.deepEqual((fs[0].data as { suggestions: string[] }).suggestions[0], 'AC.L2-3.1.9');
    assert.match(fs[1].message, /AC\.L3-3\.1\.2e is a Level 3 requirement/);
  });
  test('ssp-not-met-without-poam only when a POA&M links the SSP; non-deferrable gets only ssp-not-deferrable', () => {
    const ssp = sspYaml(2, notMet(['AC.L2-3.1.3', 'AC.L2-3.1.4', 'AC.L2-3.1.1']));
    const alone = check({ 'a.ssp.yaml': ssp }, 'a.ssp.yaml');
    assert.equal(only(alone, 'ssp-not-met-without-poam').length, 0);
    const poam = poamYaml(2, [item('P-1', 'AC.L2-3.1.3')], { ssp: 'a.ssp.yaml' });
    const linked = check({ 'a.ssp.yaml': ssp, 'a.poam.yaml': poam }, 'a.ssp.yaml');
    assert.deepEqual(
      only(linked, 'ssp-not-met-without-poam').map((f) => f.covered),
      ['AC.L2-3.1.4'],
    );
    assert.deepEqual(
      only(linked, 'ssp-not-deferrable').map((f) => f.covered),
      ['AC.L2-3.1.1'],
    );
    // a POA&M in a sub-folder linking ../a.ssp.yaml counts too
    const nested = check({ 'a.ssp.yaml': ssp, 'sub/b.poam.yaml': poamYaml(2, [item('P-1', 'AC.L2-3.1.4')], { ssp: '../a.ssp.yaml' }) }, 'a.ssp.yaml');
    assert.deepEqual(
      only(nested, 'ssp-not-met-without-poam').map((f) => f.covered),
      ['AC.L2-3.1.3'],
    );
  });
});
