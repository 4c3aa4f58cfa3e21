/**
 * The build's generated validators (ajv standalone code from validators.ts), loaded in-process,
 * and a check that they answer exactly as the runtime-compiled ones. Used by schemas.test.ts on
 * every document it validates, and by validators.test.ts.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import type { DocKind } from '../../server/src/documents/detect';
import { standaloneSource, validators } from '../../server/src/documents/validators';

let generated: Record<DocKind, ValidateFunction> | undefined;

/** The validators the bundles use: the standalone module, evaluated as esbuild.mjs bundles it. */
export function generatedValidators(): Record<DocKind, ValidateFunction> {
  if (!generated) {
    const mod = { exports: {} as Record<DocKind, ValidateFunction> };
    new Function('module', 'exports', 'require', standaloneSource())(mod, mod.exports, createRequire(join(__dirname, '../../package.json')));
    generated = mod.exports;
  }
  return generated;
}

/** The errors of one validation, as plain data (schema objects included: the standalone code embeds copies). */
function outcome(validate: ValidateFunction, doc: unknown) {
  const ok = validate(structuredClone(doc));
  return { ok, errors: JSON.parse(JSON.stringify(validate.errors ?? [])) as unknown[] };
}

/** Assert that the generated and the compiled validator of `kind` give the same result and errors on `doc`. */
export function assertSameAsGenerated(kind: DocKind, doc: unknown): void {
  assert.deepEqual(outcome(generatedValidators()[kind], doc), outcome(validators()[kind], doc), `generated ${kind} validator differs`);
}
