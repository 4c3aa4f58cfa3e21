/** When an edited document is checked: at once when it is cheap and idle, later when it is dear or busy. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CHEAP_CHECK_MS, checkDelay, DEBOUNCE_MAX_MS } from '../../server/src/session/scheduler';

test('checkDelay: a document never checked waits the longest quiet time', () => {
  assert.equal(checkDelay(undefined, Number.POSITIVE_INFINITY, false), DEBOUNCE_MAX_MS);
});

test('checkDelay: a cheap check runs once its own cost has passed since the last one', () => {
  assert.equal(checkDelay(10, 1000, false), 0, 'after a pause: at once');
  assert.equal(checkDelay(10, 10, true), 0, 'exactly its cost later: at once');
  assert.equal(checkDelay(10, 4, true), 6, 'mid-burst: what is left of the cost');
  assert.equal(checkDelay(CHEAP_CHECK_MS - 1, 0, false), CHEAP_CHECK_MS - 1, 'just under the line is still throttled, not debounced');
});

test('checkDelay: a dear check is debounced by twice its cost, between the bounds', () => {
  assert.equal(checkDelay(CHEAP_CHECK_MS, 0, false), 2 * CHEAP_CHECK_MS, 'at the line: debounced');
  assert.equal(checkDelay(60, 119, false), 120, 'one ms short of the quiet time: wait it');
  assert.equal(checkDelay(60, 120, false), 0, 'after the quiet time with nothing pending: at once');
  assert.equal(checkDelay(60, 500, true), 120, 'a check already pending: the burst goes on');
  assert.equal(checkDelay(400, 0, false), DEBOUNCE_MAX_MS, 'capped');
});
