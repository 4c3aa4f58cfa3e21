/** When an edited document is checked: at once after a pause, else once its last check's cost has passed, never later than the cap. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkDelay, DEBOUNCE_MAX_MS } from '../../server/src/session/scheduler';

test('checkDelay: a document never checked waits the cap', () => {
  assert.equal(checkDelay(undefined, Number.POSITIVE_INFINITY), DEBOUNCE_MAX_MS);
});

test('checkDelay: after a pause as long as the last check, at once', () => {
  assert.equal(checkDelay(10, 1000), 0);
  assert.equal(checkDelay(10, 10), 0, 'exactly its cost later');
  assert.equal(checkDelay(80, 80), 0, 'a dearer document too');
});

test('checkDelay: mid-burst, what is left of the last check cost since it ended', () => {
  assert.equal(checkDelay(10, 4), 6);
  assert.equal(checkDelay(80, 1), 79);
  assert.equal(checkDelay(10.2, 0), 11, 'rounded up, never early');
});

test('checkDelay: never longer than the cap, however dear the document', () => {
  assert.equal(checkDelay(DEBOUNCE_MAX_MS + 1, 0), DEBOUNCE_MAX_MS);
  assert.equal(checkDelay(DEBOUNCE_MAX_MS - 1, 0), DEBOUNCE_MAX_MS - 1);
  assert.equal(checkDelay(400, 300), 100, 'what is left, once under the cap');
});
