/** The generated (standalone) validators: same answers as ajv.compile, on every sample, and a tamper is caught. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { assertSameAsGenerated, generatedValidators } from './standalone';

const samples = join(__dirname, '../../samples');

test('the generated validators accept and reject exactly what the compiled ones do on the samples', () => {
  const files = readdirSync(samples, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(ssp|poam)\.ya?ml$/.test(f));
  assert.ok(files.length >= 2, files.join());
  for (const f of files) {
    const kind = f.includes('.ssp.') ? 'ssp' : 'poam';
    const doc = parse(readFileSync(join(samples, f), 'utf8'));
    assertSameAsGenerated(kind, doc);
    // Broken on purpose: a wrong type, an unknown field, a missing field.
    assertSameAsGenerated(kind, { ...doc, level: 'two', extra_field: 1 });
    const { kind: _k, ...noKind } = doc;
    assertSameAsGenerated(kind, noKind);
  }
});

test('the comparison is real: a generated validator that differs is caught', () => {
  const real = generatedValidators().poam;
  const fake = Object.assign(() => true, { errors: null });
  (generatedValidators() as Record<string, unknown>).poam = fake;
  try {
    assert.throws(() => assertSameAsGenerated('poam', { kind: 'poam', level: 'two' }), /generated poam validator differs/);
  } finally {
    (generatedValidators() as Record<string, unknown>).poam = real;
  }
});
