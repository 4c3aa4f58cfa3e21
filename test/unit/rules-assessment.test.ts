/**
 * The assessment a POA&M records (SPEC 2.1): the threshold on assessment.score, the score
 * mismatch only against an SSP not dated after the assessment, the score the items allow, the
 * linked SSP blocking Conditional status, and the assessor the rule names. Every scenario runs in
 * YAML and as its markdown twin.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { requirementsOfLevel } from '../../server/src/catalog/requirements';
import { main } from '../../server/src/cli';
import { checkTwins, codes, item, only, poamDoc, sspDoc, type Seen } from './helpers';

type Doc = Record<string, unknown>;
const done = (id: string, practice: string, completed = '2025-04-01') =>
  item(id, practice, { status: 'completed', completed, deadline: undefined, milestones: undefined });
const assess = (score?: number, extra: Doc = {}) => ({
  assessment: { type: 'c3pao', date: '2025-03-01', ...(score === undefined ? {} : { score }), ...extra },
});
const notMet = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, { status: 'not-met' }]));

/** Findings of `code` in both syntaxes; asserts the two agree on codes. */
function both(docs: { ssp?: Doc; poam?: Doc }, code: string, today?: string): Seen[] {
  const { yaml, md } = checkTwins(docs, 'poam', today);
  assert.deepEqual(codes(md).sort(), codes(yaml).sort(), 'markdown twin gives the same codes');
  return only(yaml, code);
}

describe('the threshold is checked on assessment.score (170.21(a)(2)(i))', () => {
  test('85 recorded, SSP updated to 110 afterwards: below the threshold, on the score', () => {
    const ssp = sspDoc(2, {}, { date: '2025-04-20' });
    const fs = both({ ssp, poam: poamDoc(2, [done('P-1', 'AC.L2-3.1.3')], { ssp: 'LINK', ...assess(85) }) }, 'poam-score-below-threshold');
    assert.equal(fs.length, 1);
    assert.equal(fs[0].covered, '85');
    assert.equal(fs[0].severity, 'error');
    assert.match(fs[0].message, /whatever the SSP says now/);
  });
  test('88 recorded passes even when the SSP computes 80; 87 fails with an SSP computing 110', () => {
    const ones = requirementsOfLevel(2)
      .filter((r) => r.poam === 'yes')
      .map((r) => r.id);
    const low = sspDoc(2, notMet(ones.slice(0, 30)));
    assert.equal(both({ ssp: low, poam: poamDoc(2, [item('P-1', 'AC.L2-3.1.3')], { ssp: 'LINK', ...assess(88) }) }, 'poam-score-below-threshold').length, 0);
    assert.equal(
      both({ ssp: sspDoc(2), poam: poamDoc(2, [item('P-1', 'AC.L2-3.1.3')], { ssp: 'LINK', ...assess(87) }) }, 'poam-score-below-threshold').length,
      1,
    );
  });
  test('an SSP of another level does not stand in for the score; the recorded one still counts', () => {
    const fs = checkTwins({ ssp: sspDoc(3), poam: poamDoc(2, [item('P-1', 'AC.L2-3.1.3')], { ssp: 'LINK', ...assess(80) }) }, 'poam').yaml;
    assert.deepEqual(
      only(fs, 'poam-score-below-threshold').map((f) => f.covered),
      ['80'],
    );
    const none = checkTwins({ ssp: sspDoc(3), poam: poamDoc(2, [item('P-1', 'AC.L2-3.1.3')], { ssp: 'LINK' }) }, 'poam').yaml;
    assert.deepEqual(codes(none).sort(), ['poam-missing-score', 'poam-practice-met-in-ssp', 'poam-wrong-level']);
  });
});

test('the audit case: assessed at 85, SSP later updated to 110: cmmc-check exits 1 on the POA&M alone', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cmmc-85-'));
  try {
    writeFileSync(join(dir, 'a.ssp.yaml'), stringify(sspDoc(2, {}, { date: '2025-04-20' })));
    writeFileSync(join(dir, 'a.poam.yaml'), stringify(poamDoc(2, [done('P-1', 'AC.L2-3.1.3')], { ssp: 'a.ssp.yaml', ...assess(85) })));
    const out: string[] = [];
    const code = main(
      [join(dir, 'a.poam.yaml'), '--today', '2025-05-01'],
      (t) => out.push(t),
      () => undefined,
    );
    assert.equal(code, 1, out.join(''));
    assert.match(out.join(''), /error poam-score-below-threshold The assessment scored 85 of 110/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('poam-missing-score', () => {
  test('items, no score, no SSP: on the assessment key, else on the level value', () => {
    const keyed = both({ poam: poamDoc(2, [item('P-1', 'AC.L2-3.1.3')], { assessment: { type: 'c3pao', date: '2025-03-01' } }) }, 'poam-missing-score');
    assert.deepEqual(
      keyed.map((f) => [f.covered, f.severity, f.paragraph]),
      [['assessment', 'warning', '170.21(a)(2)(i)']],
    );
    const bare = both({ poam: poamDoc(3, [item('P-1', 'CA.L3-3.12.1e')], { assessment: undefined }) }, 'poam-missing-score');
    assert.deepEqual(
      bare.map((f) => [f.covered, f.paragraph]),
      [['3', '170.21(a)(3)(i)']],
    );
  });
  test('quiet with a score, with a linked SSP of the level, without items, at Level 1', () => {
    assert.equal(both({ poam: poamDoc(2, [item('P-1', 'AC.L2-3.1.3')]) }, 'poam-missing-score').length, 0);
    assert.equal(
      both({ ssp: sspDoc(2, notMet(['AC.L2-3.1.3'])), poam: poamDoc(2, [item('P-1', 'AC.L2-3.1.3')], { ssp: 'LINK' }) }, 'poam-missing-score').length,
      0,
    );
    assert.equal(both({ poam: poamDoc(2, [], { assessment: undefined }) }, 'poam-missing-score').length, 0);
    assert.equal(both({ poam: poamDoc(1, [item('P-1', 'AC.L1-b.1.i')]) }, 'poam-missing-score').length, 0);
  });
});

describe('one fault, one finding', () => {
  test('a score of the wrong type is schema only (no poam-missing-score); above the scale is schema only (no poam-score-inconsistent)', () => {
    const wrongType = both({ poam: poamDoc(2, [item('P-1', 'AC.L2-3.1.3')], { assessment: { type: 'c3pao', date: '2025-03-01', score: 'high' } }) }, 'schema');
    assert.equal(wrongType.length, 1);
    const { yaml } = checkTwins(
      { poam: poamDoc(2, [item('P-1', 'AC.L2-3.1.3')], { assessment: { type: 'c3pao', date: '2025-03-01', score: 'high' } }) },
      'poam',
    );
    assert.deepEqual(codes(yaml), ['schema']);
    const above = checkTwins({ poam: poamDoc(2, [item('P-1', 'AC.L2-3.1.3')], assess(111)) }, 'poam').yaml;
    assert.deepEqual(codes(above), ['schema']);
  });
});

describe('poam-score-mismatch only against an SSP not dated after the assessment', () => {
  const poam = poamDoc(2, [item('P-1', 'AC.L2-3.1.3')], { ssp: 'LINK', ...assess(105) });
  const ssp = (date?: string) => sspDoc(2, notMet(['AC.L2-3.1.3']), date ? { date } : {});
  test('dated the assessment day: compared; the day after: not compared; undated: compared', () => {
    const same = both({ ssp: ssp('2025-03-01'), poam }, 'poam-score-mismatch');
    assert.deepEqual(
      same.map((f) => f.covered),
      ['105'],
    );
    assert.match(same[0].message, /the SSP does not describe what was assessed/);
    assert.doesNotMatch(same[0].message, /update one|change the (assessment )?score|update the score/i);
    assert.equal(both({ ssp: ssp('2025-03-02'), poam }, 'poam-score-mismatch').length, 0);
    assert.equal(both({ ssp: ssp(), poam }, 'poam-score-mismatch').length, 1);
  });
});

describe('poam-score-inconsistent: the score the items allow', () => {
  const at = (level: 2 | 3, score: number, items: Doc[], extra: Doc = {}) =>
    both(
      { poam: poamDoc(level, items, { assessment: { type: level === 3 ? 'dibcac' : 'c3pao', date: '2025-03-01', score }, ...extra }) },
      'poam-score-inconsistent',
    );
  test('two 1-point items: 108 allowed, 109 flagged on the score; 110 with an open item flagged', () => {
    const items = [item('P-1', 'AC.L2-3.1.3'), done('P-2', 'AC.L2-3.1.4')];
    assert.equal(at(2, 108, items).length, 0);
    const high = at(2, 109, items);
    assert.deepEqual(
      high.map((f) => [f.covered, f.severity]),
      [['109', 'warning']],
    );
    assert.match(high[0].message, /at most 108/);
    assert.equal(at(2, 110, [item('P-1', 'AC.L2-3.1.3')]).length, 1);
  });
  test('IA.L2-3.5.3 and SC.L2-3.13.11 at their lowest (3): 107 allowed, 108 flagged', () => {
    for (const id of ['IA.L2-3.5.3', 'SC.L2-3.13.11']) {
      assert.equal(at(2, 107, [item('P-1', id, { encryption: 'not-fips-validated' })]).length, 0, id);
      assert.equal(at(2, 108, [item('P-1', id, { encryption: 'not-fips-validated' })]).length, 1, id);
    }
  });
  test('a linked SSP fixing IA.L2-3.5.3 at 5: 105 allowed, 106 flagged', () => {
    const ssp = sspDoc(2, { 'IA.L2-3.5.3': { status: 'not-met', mfa: 'none' } }, { date: '2025-02-01' });
    const run = (score: number) => both({ ssp, poam: poamDoc(2, [item('P-1', 'IA.L2-3.5.3')], { ssp: 'LINK', ...assess(score) }) }, 'poam-score-inconsistent');
    assert.equal(run(105).length, 0);
    assert.equal(run(106).length, 1);
  });
  test('CA.L2-3.12.4 counts 0; one practice on two items counts once; other-level ids do not count', () => {
    assert.equal(at(2, 110, [item('P-1', 'CA.L2-3.12.4')]).length, 0);
    assert.equal(at(2, 109, [item('P-1', 'AC.L2-3.1.3'), done('P-2', 'AC.L2-3.1.3')]).length, 0);
    assert.equal(at(2, 110, [item('P-1', 'AC.L1-b.1.i'), item('P-2', 'AC.L3-3.1.2e')]).length, 0);
  });
  test('Level 3: 24 minus the number of Level 3 practices (22 allowed, 23 flagged with two items)', () => {
    const items = [item('P-1', 'CA.L3-3.12.1e'), item('P-2', 'AT.L3-3.2.1e')];
    assert.equal(at(3, 22, items).length, 0);
    assert.equal(at(3, 23, items).length, 1);
  });
});

describe('poam-ssp-blocks-conditional', () => {
  test('a 5-point requirement not met in the SSP: error on ssp:, even with no items', () => {
    const ssp = sspDoc(2, notMet(['AC.L2-3.1.1']));
    for (const items of [[item('P-1', 'AC.L2-3.1.3')], []]) {
      const fs = both({ ssp, poam: poamDoc(2, items, { ssp: 'LINK', ...assess(105) }) }, 'poam-ssp-blocks-conditional');
      assert.equal(fs.length, 1);
      assert.equal(fs[0].severity, 'error');
      assert.match(fs[0].covered, /^a\.ssp\.yaml$/);
      assert.match(fs[0].message, /1 NOT MET requirement that may not be deferred .*AC\.L2-3\.1\.1/);
      assert.equal(fs[0].paragraph, '170.21(a)(2)');
    }
  });
  test('names the first five and how many in all; absent practices count', () => {
    const ssp = sspDoc(2, { ...notMet(['AC.L2-3.1.1', 'AC.L2-3.1.2', 'AC.L2-3.1.5', 'AC.L2-3.1.20', 'PE.L2-3.10.4', 'CA.L2-3.12.4']), 'AU.L2-3.3.1': null });
    const fs = both({ ssp, poam: poamDoc(2, [], { ssp: 'LINK' }) }, 'poam-ssp-blocks-conditional');
    assert.match(fs[0].message, /has 7 NOT MET requirements/);
    assert.match(fs[0].message, /and 2 more/);
    assert.match(fs[0].message, /\(missing\)/);
  });
  test('quiet for deferrable gaps (1-point, SC.L2-3.13.11 not FIPS-validated) and for an SSP of another level', () => {
    const ok = sspDoc(2, { ...notMet(['AC.L2-3.1.3']), 'SC.L2-3.13.11': { status: 'not-met', encryption: 'not-fips-validated' } });
    assert.equal(both({ ssp: ok, poam: poamDoc(2, [], { ssp: 'LINK' }) }, 'poam-ssp-blocks-conditional').length, 0);
    assert.equal(both({ ssp: sspDoc(3, notMet(['AC.L2-3.1.1'])), poam: poamDoc(2, [], { ssp: 'LINK' }) }, 'poam-ssp-blocks-conditional').length, 0);
  });
  test('Level 3: a Level 2 requirement not met blocks (170.18(a)); an excluded Level 3 one too (170.21(a)(3))', () => {
    const l2 = both({ ssp: sspDoc(3, notMet(['AC.L2-3.1.3'])), poam: poamDoc(3, [], { ssp: 'LINK' }) }, 'poam-ssp-blocks-conditional');
    assert.equal(l2[0].paragraph, '170.18(a)');
    const l3 = both({ ssp: sspDoc(3, notMet(['RA.L3-3.11.4e'])), poam: poamDoc(3, [], { ssp: 'LINK' }) }, 'poam-ssp-blocks-conditional');
    assert.equal(l3[0].paragraph, '170.21(a)(3)');
  });
});

describe('poam-assessment-type (170.18(a), 170.21(b)(1)-(3))', () => {
  test('a Level 3 POA&M must come from a DIBCAC assessment', () => {
    for (const type of ['self', 'c3pao']) {
      const fs = both({ poam: poamDoc(3, [item('P-1', 'CA.L3-3.12.1e')], { assessment: { type, date: '2025-03-01', score: 22 } }) }, 'poam-assessment-type');
      assert.deepEqual(
        fs.map((f) => [f.covered, f.paragraph, f.severity]),
        [[type, '170.18(a)', 'error']],
      );
    }
    assert.equal(both({ poam: poamDoc(3, [item('P-1', 'CA.L3-3.12.1e')]) }, 'poam-assessment-type').length, 0);
  });
  const table: [level: 2 | 3, assessment: string, closeout: string, paragraph?: string][] = [
    [2, 'self', 'self'],
    [2, 'self', 'c3pao', '170.21(b)(1)'],
    [2, 'self', 'dibcac', '170.21(b)(1)'],
    [2, 'c3pao', 'c3pao'],
    [2, 'c3pao', 'self', '170.21(b)(2)'],
    [2, 'c3pao', 'dibcac', '170.21(b)(2)'],
    [2, 'dibcac', 'dibcac'],
    [2, 'dibcac', 'c3pao'],
    [2, 'dibcac', 'self', '170.21(b)(2)'],
    [3, 'dibcac', 'dibcac'],
    [3, 'dibcac', 'c3pao', '170.21(b)(3)'],
    [3, 'dibcac', 'self', '170.21(b)(3)'],
  ];
  for (const [level, type, closeoutType, paragraph] of table) {
    test(`Level ${level} ${type} assessment, closeout by ${closeoutType}: ${paragraph ? 'wrong assessor' : 'fine'}`, () => {
      const practice = level === 2 ? 'AC.L2-3.1.3' : 'CA.L3-3.12.1e';
      const poam = poamDoc(level, [done('P-1', practice)], {
        assessment: { type, date: '2025-03-01', score: level === 2 ? 100 : 20 },
        closeout: { date: '2025-04-20', type: closeoutType, result: 'passed' },
      });
      const fs = both({ poam }, 'poam-assessment-type');
      assert.deepEqual(
        fs.map((f) => [f.covered, f.paragraph]),
        paragraph ? [[closeoutType, paragraph]] : [],
      );
    });
  }
});
