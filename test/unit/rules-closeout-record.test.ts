/**
 * The 180-day clock to its end (SPEC 2.1, 170.21(b)): items completed after the closeout date,
 * the `closeout:` record (late, failed, items still open), dates out of order or in the future,
 * and the CodeLens/status after a valid closeout. YAML and markdown twins throughout.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseDay } from '../../server/src/documents/dates';
import type { PoamDoc } from '../../server/src/documents/model';
import { closedOutText, closeoutText, statusFor } from '../../server/src/features/codeLens';
import { createCmmcService } from '../../server/src/service';
import { BASE, checkTwins, codes, item, only, poamDoc, poamMarkdown, type Seen } from './helpers';
import { stringify } from 'yaml';

type Doc = Record<string, unknown>;
// conditional_status_date 2025-03-15 (the helper's): closeout date 2025-09-11 (day 180), 2025-09-12 is day 181.
const done = (id: string, completed: string, practice = 'AC.L2-3.1.3') =>
  item(id, practice, { status: 'completed', completed, deadline: undefined, milestones: undefined });

function both(poam: Doc, today: string, code?: string): Seen[] {
  const { yaml, md } = checkTwins({ poam }, 'poam', today);
  assert.deepEqual(codes(md).sort(), codes(yaml).sort(), 'markdown twin gives the same codes');
  return code ? only(yaml, code) : yaml;
}

describe('items completed after the closeout date (170.21(b))', () => {
  test('completed on day 180: fine; on day 181: poam-closeout-expired on conditional_status_date naming the item and date', () => {
    assert.deepEqual(codes(both(poamDoc(2, [done('P-1', '2025-09-11')]), '2025-10-01')), []);
    const fs = both(poamDoc(2, [done('P-1', '2025-09-11'), done('P-2', '2025-09-12', 'AC.L2-3.1.4')]), '2025-10-01', 'poam-closeout-expired');
    assert.equal(fs.length, 1);
    assert.equal(fs[0].covered, '2025-03-15');
    assert.match(fs[0].message, /P-2 on 2025-09-12 was completed after the closeout date 2025-09-11/);
    assert.doesNotMatch(fs[0].message, /P-1/);
  });
  test('an open item past the closeout and a late completion make one finding', () => {
    const fs = both(poamDoc(2, [done('P-1', '2025-09-20'), item('P-2', 'AC.L2-3.1.4', { deadline: '2025-09-01' })]), '2025-10-01', 'poam-closeout-expired');
    assert.equal(fs.length, 1);
    assert.match(fs[0].message, /still open; and P-1 on 2025-09-20/);
  });
});

describe('the closeout: record', () => {
  const record = (date: string, extra: Doc = {}) => ({ closeout: { date, type: 'c3pao', result: 'passed', ...extra } });
  test('dated day 180: closes; day 181: poam-closeout-expired on closeout.date', () => {
    assert.deepEqual(codes(both(poamDoc(2, [done('P-1', '2025-08-01')], record('2025-09-11')), '2025-10-01')), []);
    const late = both(poamDoc(2, [done('P-1', '2025-08-01')], record('2025-09-12')), '2025-10-01', 'poam-closeout-expired');
    assert.deepEqual(
      late.map((f) => f.covered),
      ['2025-09-12'],
    );
    assert.match(late[0].message, /1 day after the closeout date 2025-09-11/);
  });
  test('result failed: poam-closeout-invalid on the result', () => {
    const fs = both(poamDoc(2, [done('P-1', '2025-08-01')], record('2025-08-20', { result: 'failed' })), '2025-09-01', 'poam-closeout-invalid');
    assert.deepEqual(
      fs.map((f) => [f.covered, f.severity]),
      [['failed', 'error']],
    );
  });
  test('passed with an item open: poam-closeout-invalid on the closeout key, naming it', () => {
    const fs = both(
      poamDoc(2, [done('P-1', '2025-08-01'), item('P-2', 'AC.L2-3.1.4', { deadline: '2025-09-01' })], record('2025-08-20')),
      '2025-09-01',
      'poam-closeout-invalid',
    );
    assert.deepEqual(
      fs.map((f) => f.covered),
      ['closeout'],
    );
    assert.match(fs[0].message, /P-2 is still open/);
  });
  test('an item completed on the closeout date is closed by it; the day after is not', () => {
    assert.equal(both(poamDoc(2, [done('P-1', '2025-08-20')], record('2025-08-20')), '2025-09-01', 'poam-closeout-invalid').length, 0);
    const fs = both(poamDoc(2, [done('P-1', '2025-08-21')], record('2025-08-20')), '2025-09-01', 'poam-closeout-invalid');
    assert.match(fs[0].message, /P-1 was completed only after it/);
  });
  test('a valid, passed closeout ends the clock: nothing after it, even past the closeout date', () => {
    const poam = poamDoc(2, [done('P-1', '2025-08-01', 'AC.L2-3.1.3')], record('2025-08-20'));
    assert.deepEqual(codes(both(poam, '2025-12-01')), []);
  });
});

describe('dates out of order and in the future', () => {
  test('conditional_status_date the day before the assessment: poam-date-order on it; the same day: fine', () => {
    const at = (conditional: string) =>
      both(poamDoc(2, [item('P-1', 'AC.L2-3.1.3')], { conditional_status_date: conditional }), '2025-05-01', 'poam-date-order');
    assert.deepEqual(
      at('2025-02-28').map((f) => [f.covered, f.severity]),
      [['2025-02-28', 'error']],
    );
    assert.equal(at('2025-03-01').length, 0);
  });
  test('completed the day before the assessment: poam-date-order on it; on the assessment day: fine', () => {
    assert.deepEqual(
      both(poamDoc(2, [done('P-1', '2025-02-28')]), '2025-05-01', 'poam-date-order').map((f) => f.covered),
      ['2025-02-28'],
    );
    assert.equal(both(poamDoc(2, [done('P-1', '2025-03-01')]), '2025-05-01', 'poam-date-order').length, 0);
  });
  test('completed, closeout.date the day after today: poam-date-in-future; today: fine', () => {
    const fs = both(
      poamDoc(2, [done('P-1', '2025-05-02')], { closeout: { date: '2025-05-02', type: 'c3pao', result: 'passed' } }),
      '2025-05-01',
      'poam-date-in-future',
    );
    assert.deepEqual(
      fs.map((f) => [f.covered, f.severity]),
      [
        ['2025-05-02', 'warning'],
        ['2025-05-02', 'warning'],
      ],
    );
    assert.equal(
      both(poamDoc(2, [done('P-1', '2025-05-01')], { closeout: { date: '2025-05-01', type: 'c3pao', result: 'passed' } }), '2025-05-01', 'poam-date-in-future')
        .length,
      0,
    );
  });
  test('a milestone done on a future day (YAML: the markdown task list has no done date)', () => {
    const poam = poamDoc(2, [item('P-1', 'AC.L2-3.1.3', { milestones: [{ task: 't', due: '2025-04-01', done: '2025-05-02' }] })]);
    const fs = only(checkTwins({ poam }, 'poam').yaml, 'poam-date-in-future');
    assert.deepEqual(
      fs.map((f) => f.covered),
      ['2025-05-02'],
    );
  });
  test('Level 1 gets only poam-level1-not-permitted', () => {
    const poam = poamDoc(1, [done('P-1', '2026-01-01', 'AC.L1-b.1.i')], { assessment: { date: '2025-03-01' }, conditional_status_date: '2025-01-01' });
    assert.deepEqual(codes(both(poam, '2025-05-01')), ['poam-level1-not-permitted']);
  });
});

describe('CodeLens and status after the closeout', () => {
  const model = (poam: Doc, ext: 'yaml' | 'md'): PoamDoc => {
    const text = ext === 'yaml' ? stringify(poam) : poamMarkdown(poam);
    const service = createCmmcService({ workspace: { read: (u) => (u === `${BASE}a.poam.${ext}` ? text : undefined), uris: () => [] } });
    return service.parse(`${BASE}a.poam.${ext}`)!.model as PoamDoc;
  };
  const today = parseDay('2025-09-01')!;
  for (const ext of ['yaml', 'md'] as const) {
    test(`valid passed closeout: "closed out <date>: Final Level N"; otherwise the countdown (${ext})`, () => {
      const ok = model(poamDoc(2, [done('P-1', '2025-08-01')], { closeout: { date: '2025-08-20', type: 'c3pao', result: 'passed' } }), ext);
      assert.equal(closeoutText(ok, today), 'closed out 2025-08-20: Final Level 2');
      const l3 = model(poamDoc(3, [done('P-1', '2025-08-01', 'CA.L3-3.12.1e')], { closeout: { date: '2025-08-20', type: 'dibcac', result: 'passed' } }), ext);
      assert.equal(closedOutText(l3, today), 'closed out 2025-08-20: Final Level 3');
      for (const bad of [{ type: 'self' }, { result: 'failed' }, { date: '2025-09-12' }]) {
        const m = model(poamDoc(2, [done('P-1', '2025-08-01')], { closeout: { date: '2025-08-20', type: 'c3pao', result: 'passed', ...bad } }), ext);
        assert.equal(closedOutText(m, parseDay('2025-10-01')!), undefined, JSON.stringify(bad));
      }
    });
  }
  test('the status bar says it too', () => {
    const text = stringify(poamDoc(2, [done('P-1', '2025-08-01')], { closeout: { date: '2025-08-20', type: 'c3pao', result: 'passed' } }));
    const service = createCmmcService({ workspace: { read: () => text, uris: () => [] }, settings: () => ({ today: '2025-09-01' }) });
    assert.equal(statusFor(service.analyze(`${BASE}a.poam.yaml`))!.text, 'CMMC closed out 2025-08-20: Final Level 2');
  });
});
