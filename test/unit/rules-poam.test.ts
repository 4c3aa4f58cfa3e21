/** POA&M rules: eligibility (170.21(a)), the closeout clock (170.21(b)), milestones, cross-file. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { requirementsOfLevel } from '../../server/src/catalog/requirements';
import { check, codes, item, only, poamYaml, sspYaml } from './helpers';

const run = (text: string, today = '2025-05-01', extra: Record<string, string> = {}, warningDays?: number) =>
  check({ 'p.poam.yaml': text, ...extra }, 'p.poam.yaml', { today, closeoutWarningDays: warningDays });

describe('eligibility of items (170.21(a))', () => {
  test('a clean Level 2 POA&M with a 1-point item has no findings', () => {
    assert.deepEqual(codes(run(poamYaml(2, [item('P-1', 'AC.L2-3.1.3')]))), []);
  });
  test('1-point item allowed; 3-point and 5-point items are poam-point-value on the practice value', () => {
    const fs = run(poamYaml(2, [item('P-1', 'AC.L2-3.1.3'), item('P-2', 'AC.L2-3.1.5'), item('P-3', 'AC.L2-3.1.1')]));
    const pv = only(fs, 'poam-point-value');
    assert.deepEqual(
      pv.map((f) => f.covered),
      ['AC.L2-3.1.5', 'AC.L2-3.1.1'],
    );
    assert.ok(pv.every((f) => f.paragraph === '170.21(a)(2)(ii)' && f.severity === 'error'));
    assert.match(pv[0].message, /worth 3 points/);
  });
  test('SC.L2-3.13.11 only with encryption: not-fips-validated; IA.L2-3.5.3 never', () => {
    assert.equal(only(run(poamYaml(2, [item('P-1', 'SC.L2-3.13.11', { encryption: 'not-fips-validated' })])), 'poam-point-value').length, 0);
    assert.equal(only(run(poamYaml(2, [item('P-1', 'SC.L2-3.13.11')])), 'poam-point-value').length, 1);
    assert.equal(only(run(poamYaml(2, [item('P-1', 'SC.L2-3.13.11', { encryption: 'none' })])), 'poam-point-value').length, 1);
    assert.equal(only(run(poamYaml(2, [item('P-1', 'IA.L2-3.5.3')])), 'poam-point-value').length, 1);
  });
  for (const [id, p] of [
    ['AC.L2-3.1.20', 'A'],
    ['AC.L2-3.1.22', 'B'],
    ['CA.L2-3.12.4', 'C'],
    ['PE.L2-3.10.3', 'D'],
    ['PE.L2-3.10.4', 'E'],
    ['PE.L2-3.10.5', 'F'],
  ]) {
    test(`Level 2 item ${id} is poam-practice-excluded (170.21(a)(2)(iii)(${p}))`, () => {
      const fs = run(poamYaml(2, [item('P-1', id)]));
      assert.deepEqual(codes(fs), ['poam-practice-excluded']);
      assert.equal(fs[0].covered, id);
      assert.equal(fs[0].paragraph, `170.21(a)(2)(iii)(${p})`);
      assert.match(fs[0].message, new RegExp(`32 CFR 170\\.21\\(a\\)\\(2\\)\\(iii\\)\\(${p}\\)`));
    });
  }
  for (const r of requirementsOfLevel(3).filter((x) => x.poam === 'excluded')) {
    test(`Level 3 item ${r.id} is poam-practice-excluded (${r.poamParagraph})`, () => {
      const fs = run(poamYaml(3, [item('P-1', r.id)]));
      assert.deepEqual(codes(fs), ['poam-practice-excluded']);
      assert.equal(fs[0].paragraph, r.poamParagraph);
      assert.match(r.poamParagraph, /^170\.21\(a\)\(3\)\(ii\)\([A-G]\)$/);
    });
  }
  test('a deferrable Level 3 item (CA.L3-3.12.1e) is fine; Level 2 id on a Level 3 POA&M is poam-wrong-level', () => {
    assert.deepEqual(codes(run(poamYaml(3, [item('P-1', 'CA.L3-3.12.1e')]))), []);
    const fs = run(poamYaml(3, [item('P-1', 'SC.L2-3.13.11', { encryption: 'not-fips-validated' })]));
    assert.deepEqual(codes(fs), ['poam-wrong-level']);
    assert.equal(fs[0].paragraph, '170.18(a)');
  });
  test('Level 1 and Level 3 ids on a Level 2 POA&M are poam-wrong-level; unknown ids are unknown-practice', () => {
    const fs = run(poamYaml(2, [item('P-1', 'AC.L1-b.1.i'), item('P-2', 'AC.L3-3.1.2e'), item('P-3', 'AC.L2-3.1.33')]));
    assert.deepEqual(codes(fs), ['poam-wrong-level', 'poam-wrong-level', 'unknown-practice']);
    assert.match(fs[2].message, /Did you mean AC\.L2-3\.1\.3/);
  });
  test('Level 1: every item is poam-level1-not-permitted and nothing else', () => {
    const fs = run(poamYaml(1, [{ id: 'P-1', practice: 'AC.L1-b.1.i', status: 'open' }, item('P-2', 'XX.L9-nope')], { conditional_status_date: undefined }));
    assert.deepEqual(codes(fs), ['poam-level1-not-permitted', 'poam-level1-not-permitted']);
    assert.equal(fs[0].covered, 'AC.L1-b.1.i');
    assert.equal(fs[0].paragraph, '170.21(a)(1)');
  });
  test('assessment.score threshold: 87 below, 88 fine (Level 2); 19 below, 20 fine (Level 3)', () => {
    const at = (level: 2 | 3, score: number, practice: string) =>
      run(poamYaml(level, [item('P-1', practice)], { assessment: { type: 'c3pao', date: '2025-03-01', score } }));
    const low = only(at(2, 87, 'AC.L2-3.1.3'), 'poam-score-below-threshold');
    assert.equal(low.length, 1);
    assert.equal(low[0].covered, '87');
    assert.equal(low[0].paragraph, '170.21(a)(2)(i)');
    assert.equal(only(at(2, 88, 'AC.L2-3.1.3'), 'poam-score-below-threshold').length, 0);
    assert.equal(only(at(3, 19, 'CA.L3-3.12.1e'), 'poam-score-below-threshold')[0].paragraph, '170.21(a)(3)(i)');
    assert.equal(only(at(3, 20, 'CA.L3-3.12.1e'), 'poam-score-below-threshold').length, 0);
  });
});

describe('closeout clock (170.21(b))', () => {
  test('deadline on day 180 is fine, day 181 is poam-deadline-after-closeout on the value', () => {
    // 2025-03-01 + 180 days = 2025-08-28
    assert.deepEqual(codes(run(poamYaml(2, [item('P-1', 'AC.L2-3.1.3', { deadline: '2025-08-28' })], { conditional_status_date: '2025-03-01' }))), []);
    const fs = run(poamYaml(2, [item('P-1', 'AC.L2-3.1.3', { deadline: '2025-08-29' })], { conditional_status_date: '2025-03-01' }));
    assert.deepEqual(codes(fs), ['poam-deadline-after-closeout']);
    assert.equal(fs[0].covered, '2025-08-29');
    assert.match(fs[0].message, /closeout date 2025-08-28/);
  });
  test('closeout arithmetic across year ends and leap years', () => {
    for (const [start, closeout] of [
      ['2024-12-31', '2025-06-29'],
      ['2028-01-01', '2028-06-29'],
    ]) {
      const fs = run(
        poamYaml(2, [{ id: 'P-1', practice: 'AC.L2-3.1.3', status: 'open', milestones: [{ task: 't', due: '2028-01-01' }] }], {
          conditional_status_date: start,
        }),
        '2024-01-01',
      );
      assert.equal((only(fs, 'poam-missing-deadline')[0].data as { deadline: string }).deadline, closeout);
    }
  });
  test('poam-missing-deadline on the item id; deadline data = closeout, or today + 180 without a conditional date', () => {
    const fs = run(poamYaml(2, [{ id: 'P-1', practice: 'AC.L2-3.1.3', status: 'open', milestones: [{ task: 't', due: '2025-05-02' }] }]));
    assert.deepEqual(codes(fs), ['poam-missing-deadline']);
    assert.equal(fs[0].covered, 'P-1');
    assert.equal((fs[0].data as { deadline: string }).deadline, '2025-09-11');
    const noDate = run(
      poamYaml(2, [{ id: 'P-1', practice: 'AC.L2-3.1.3', status: 'open', milestones: [{ task: 't', due: '2025-05-02' }] }], {
        conditional_status_date: undefined,
      }),
    );
    assert.deepEqual(codes(noDate), ['poam-missing-conditional-date', 'poam-missing-deadline']);
    assert.equal((only(noDate, 'poam-missing-deadline')[0].data as { deadline: string }).deadline, '2025-10-28');
    assert.equal(only(noDate, 'poam-missing-conditional-date')[0].covered, 'items');
    assert.equal(only(noDate, 'poam-missing-conditional-date')[0].severity, 'warning');
  });
  test('without a conditional date there is no deadline-after-closeout and no closeout finding', () => {
    const fs = run(poamYaml(2, [item('P-1', 'AC.L2-3.1.3', { deadline: '2030-01-01' })], { conditional_status_date: undefined }), '2031-01-01');
    assert.deepEqual(codes(fs), ['poam-missing-conditional-date', 'poam-milestone-overdue']);
  });
  test('expired the day after closeout, due soon on closeout day and 30 days before, nothing at 31 days', () => {
    // 2025-03-15 + 180 = 2025-09-11
    const doc = poamYaml(2, [item('P-1', 'AC.L2-3.1.3', { deadline: '2025-09-01', milestones: [{ task: 't', due: '2025-04-01', done: true }] })]);
    const at = (today: string) => codes(run(doc, today)).filter((c) => c.startsWith('poam-closeout'));
    assert.deepEqual(at('2025-09-12'), ['poam-closeout-expired']);
    assert.deepEqual(at('2025-09-11'), ['poam-closeout-due-soon']);
    assert.deepEqual(at('2025-08-12'), ['poam-closeout-due-soon']);
    assert.deepEqual(at('2025-08-11'), []);
    const expired = only(run(doc, '2025-09-12'), 'poam-closeout-expired')[0];
    assert.equal(expired.covered, '2025-03-15');
    assert.equal(expired.severity, 'error');
    assert.deepEqual(
      codes(run(doc, '2025-08-21', {}, 5)).filter((c) => c.startsWith('poam-closeout')),
      [],
    );
    assert.deepEqual(
      codes(run(doc, '2025-09-06', {}, 5)).filter((c) => c.startsWith('poam-closeout')),
      ['poam-closeout-due-soon'],
    );
  });
  test('completed items: no deadline, milestone or closeout findings, but eligibility still applies', () => {
    const done = { status: 'completed', completed: '2025-04-01', deadline: undefined, milestones: undefined };
    const fs = run(poamYaml(2, [item('P-1', 'AC.L2-3.1.3', done), item('P-2', 'AC.L2-3.1.20', done)]), '2026-01-01');
    assert.deepEqual(codes(fs), ['poam-practice-excluded']);
  });
});

describe('milestones and duplicates', () => {
  test('missing milestones (absent or empty list) on the item id', () => {
    const fs = run(poamYaml(2, [item('P-1', 'AC.L2-3.1.3', { milestones: undefined }), item('P-2', 'AC.L2-3.1.4', { milestones: [] })]));
    assert.deepEqual(
      only(fs, 'poam-missing-milestones').map((f) => f.covered),
      ['P-1', 'P-2'],
    );
  });
  test('milestone without due (on its task), after the deadline, overdue (due before today, not done)', () => {
    const fs = run(
      poamYaml(2, [
        item('P-1', 'AC.L2-3.1.3', {
          deadline: '2025-06-30',
          milestones: [
            { task: 'no date' },
            { task: 'late', due: '2025-07-01' },
            { task: 'on the deadline', due: '2025-06-30' },
            { task: 'overdue', due: '2025-04-30' },
            { task: 'due today', due: '2025-05-01' },
            { task: 'done', due: '2025-04-01', done: true },
            { task: 'done on a day', due: '2025-04-01', done: '2025-04-02' },
          ],
        }),
      ]),
    );
    assert.deepEqual(codes(fs), ['poam-milestone-missing-date', 'poam-milestone-after-deadline', 'poam-milestone-overdue']);
    assert.deepEqual(
      fs.map((f) => f.covered),
      ['no date', '2025-07-01', '2025-04-30'],
    );
  });
  test('duplicate ids and two open items for one practice; open + completed for one practice is fine', () => {
    const fs = run(poamYaml(2, [item('P-1', 'AC.L2-3.1.3'), item('P-1', 'AC.L2-3.1.4'), item('P-3', 'AC.L2-3.1.3')]));
    // (lines 20 and 28: the helper's POA&M records its assessment in four lines above the items)
    assert.deepEqual(
      only(fs, 'poam-duplicate').map((f) => [f.line, f.covered]),
      [
        [20, 'AC.L2-3.1.4'],
        [28, 'AC.L2-3.1.3'],
      ],
    );
    const ok = run(poamYaml(2, [item('P-1', 'AC.L2-3.1.3', { status: 'completed', completed: '2025-04-01' }), item('P-2', 'AC.L2-3.1.3')]));
    assert.deepEqual(codes(ok), []);
  });
});

describe('cross-file (POA&M -> SSP)', () => {
  const ssp22 = sspYaml(2, { 'AC.L2-3.1.3': { status: 'not-met' }, 'AC.L2-3.1.4': { status: 'met', implementation: 'x' } });
  test('score from the linked SSP: mismatch with assessment.score; item for a met practice', () => {
    // 108: the most the two items allow (110 would also be poam-score-inconsistent)
    const fs = run(
      poamYaml(2, [item('P-1', 'AC.L2-3.1.3'), item('P-2', 'AC.L2-3.1.4')], {
        ssp: 'a.ssp.yaml',
        assessment: { type: 'self', date: '2025-03-01', score: 108 },
      }),
      '2025-05-01',
      { 'a.ssp.yaml': ssp22 },
    );
    assert.deepEqual(codes(fs), ['poam-score-mismatch', 'poam-practice-met-in-ssp']);
    assert.equal(fs[0].covered, '108');
    assert.match(fs[0].message, /scores 109 of 110/);
    assert.equal(fs[1].covered, 'AC.L2-3.1.4');
  });
  test('threshold from the linked SSP sits on the ssp: value (87 vs 88)', () => {
    const ids = requirementsOfLevel(2)
      .filter((r) => r.poam === 'yes')
      .map((r) => r.id);
    const ssp = (n: number) => sspYaml(2, Object.fromEntries(ids.slice(0, n).map((id) => [id, { status: 'not-met' }])));
    const items = ids.slice(0, 23).map((id, i) => item(`P-${i}`, id));
    const low = run(poamYaml(2, items, { ssp: 'a.ssp.yaml' }), '2025-05-01', { 'a.ssp.yaml': ssp(23) });
    assert.deepEqual(
      only(low, 'poam-score-below-threshold').map((f) => f.covered),
      ['a.ssp.yaml'],
    );
    const ok = run(poamYaml(2, items.slice(0, 22), { ssp: 'a.ssp.yaml' }), '2025-05-01', { 'a.ssp.yaml': ssp(22) });
    assert.deepEqual(codes(ok), []);
  });
  test('broken links: missing file, a POA&M instead of an SSP; level mismatch', () => {
    const missing = run(poamYaml(2, [item('P-1', 'AC.L2-3.1.3')], { ssp: 'nope.ssp.yaml' }));
    // a broken link counts as no SSP: nothing to check the threshold on (SPEC 2.1)
    assert.deepEqual(codes(missing), ['poam-missing-score', 'poam-ssp-not-found']);
    assert.equal(only(missing, 'poam-ssp-not-found')[0].covered, 'nope.ssp.yaml');
    const wrongKind = run(poamYaml(2, [item('P-1', 'AC.L2-3.1.3')], { ssp: 'o.poam.yaml' }), '2025-05-01', { 'o.poam.yaml': poamYaml(2, []) });
    assert.match(only(wrongKind, 'poam-ssp-not-found')[0].message, /is a POA&M, not an SSP/);
    const level = run(poamYaml(2, [item('P-1', 'AC.L2-3.1.3')], { ssp: 'a.ssp.yaml' }), '2025-05-01', { 'a.ssp.yaml': sspYaml(3) });
    assert.deepEqual(
      only(level, 'poam-wrong-level').map((f) => f.covered),
      ['2'],
    );
  });
});

test('poam-practice-met-in-ssp: met, not-applicable and a creditable operational plan yes (SPEC 2.1)', () => {
  const ssp = sspYaml(2, {
    'AC.L2-3.1.3': { status: 'not-applicable', justification: 'No CUI flows' },
    'AC.L2-3.1.4': { status: 'not-met', operational_plan: 'OPA-1' },
  });
  const fs = check(
    { 'p.poam.yaml': poamYaml(2, [item('P-1', 'AC.L2-3.1.3'), item('P-2', 'AC.L2-3.1.4')], { ssp: 'a.ssp.yaml' }), 'a.ssp.yaml': ssp },
    'p.poam.yaml',
    { today: '2025-05-01' },
  );
  assert.deepEqual(
    only(fs, 'poam-practice-met-in-ssp').map((f) => f.covered),
    ['AC.L2-3.1.3', 'AC.L2-3.1.4'],
  );
});

test('poam-practice-met-in-ssp skips completed items (closed history is expected to be met)', () => {
  const ssp = sspYaml(2, {});
  const poam = poamYaml(2, [item('P-1', 'AC.L2-3.1.3', { status: 'completed', completed: '2025-04-01' }), item('P-2', 'AC.L2-3.1.4')], { ssp: 'a.ssp.yaml' });
  const fs = check({ 'p.poam.yaml': poam, 'a.ssp.yaml': ssp }, 'p.poam.yaml', { today: '2025-05-01' });
  assert.deepEqual(
    only(fs, 'poam-practice-met-in-ssp').map((f) => f.covered),
    ['AC.L2-3.1.4'],
  );
});
