/** The house rules of scripts/layers.ts hold: layering, no import cycles, no file over 400 lines. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkArchitecture } from '../../scripts/layers';

test('layers, cycles and file sizes', () => {
  assert.deepEqual(checkArchitecture(join(__dirname, '../..')), []);
});
