/**
 * The JSON Schema validators of both kinds, from schemas/*.schema.json (the source of truth).
 * Run from source (tests, tsx) they are compiled here at first use. The bundles never compile:
 * esbuild.mjs replaces this module with ajv's standalone code, generated at build time by
 * `standaloneSource()` from the same schemas and options, so a server or CLI start does not pay
 * for ajv.compile (and ajv itself is not in the bundle). test/unit/validators.test.ts checks that
 * the generated validators give the same errors as the compiled ones.
 */
import Ajv, { type Options, type ValidateFunction } from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import poamSchema from '../../../schemas/poam.schema.json';
import sspSchema from '../../../schemas/ssp.schema.json';
import type { DocKind } from './detect';

/** The ajv options both ways use: every error, with the data and schema it is about. */
export const AJV_OPTIONS: Options = { allErrors: true, strict: false, verbose: true };

let compiled: Record<DocKind, ValidateFunction> | undefined;

/** The validators (compiled once per process). */
export function validators(): Record<DocKind, ValidateFunction> {
  if (!compiled) {
    const ajv = new Ajv(AJV_OPTIONS);
    compiled = { ssp: ajv.compile(sspSchema), poam: ajv.compile(poamSchema) };
  }
  return compiled;
}

/** ajv's standalone CommonJS module exporting `ssp` and `poam` validate functions (for the build). */
export function standaloneSource(): string {
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true } });
  ajv.addSchema(sspSchema, 'ssp');
  ajv.addSchema(poamSchema, 'poam');
  return standaloneCode(ajv, { ssp: 'ssp', poam: 'poam' });
}
