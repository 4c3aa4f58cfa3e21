/** Calendar arithmetic: every day from 1900 to 2100 round-trips, and impossible dates are refused. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { daysInMonth, formatDay, parseDay } from '../../server/src/documents/dates';

test('parseDay agrees with Date.UTC for every day 1900-2100 and formatDay inverts it', () => {
  for (let day = Math.round(Date.UTC(1900, 0, 1) / 864e5); day <= Math.round(Date.UTC(2100, 11, 31) / 864e5); day++) {
    const text = formatDay(day);
    assert.equal(parseDay(text), day, text);
  }
});

test('impossible and malformed dates', () => {
  for (const bad of [
    '2025-02-29',
    '2025-02-30',
    '2100-02-29',
    '2025-04-31',
    '2025-13-01',
    '2025-00-10',
    '2025-01-00',
    '2025-1-01',
    '25-01-01',
    '2025/01/01',
    '2025-01-01x',
  ])
    assert.equal(parseDay(bad), undefined, bad);
  for (const good of ['2024-02-29', '2000-02-29', '2025-12-31']) assert.notEqual(parseDay(good), undefined, good);
  assert.equal(daysInMonth(2028, 2), 29);
});
