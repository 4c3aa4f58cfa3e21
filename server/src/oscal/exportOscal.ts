/**
 * The OSCAL export of one parsed document: refuses a document that does not parse (no model),
 * otherwise builds the POA&M or SSP from its plain value and returns the JSON text with the
 * warnings about what could not be carried over. Pure: no file system, no clock.
 */
import { basename } from 'node:path';
import type { ParsedDocument } from '../documents/parse';
import { toPlain } from '../documents/tree';
import type { Warnings } from './common';
import { exportPoam } from './exportPoam';
import { exportSsp } from './exportSsp';

export interface OscalExport {
  /** The OSCAL JSON, two-space indented, with a final newline. */
  readonly json: string;
  readonly kind: 'ssp' | 'poam';
  readonly warnings: readonly string[];
}

/** Why a document cannot be exported, or undefined when it can. */
export function exportRefusal(parsed: ParsedDocument): string | undefined {
  const syntax = parsed.findings.find((f) => f.code === 'syntax');
  if (syntax) return `the document does not parse: ${syntax.message}`;
  if (!parsed.model || !parsed.root) return parsed.findings[0]?.message ?? 'the document has no content';
  return undefined;
}

/**
 * Export a parsed SSP or POA&M. UUIDs derive from the file name without its extension, so the
 * YAML and markdown forms of one document get the same ones. Throws when exportRefusal says no.
 */
export function exportOscal(parsed: ParsedDocument): OscalExport {
  const refusal = exportRefusal(parsed);
  if (refusal || !parsed.root) throw new Error(refusal);
  const plain = toPlain(parsed.root) as Record<string, unknown>;
  const name = decodeURIComponent(basename(parsed.uri));
  const key = name.replace(/\.(ya?ml|md|markdown)$/i, '');
  const warnings: Warnings = [];
  const doc = parsed.kind === 'poam' ? exportPoam(plain, key, warnings) : exportSsp(plain, key, warnings);
  return { json: `${JSON.stringify(doc, null, 2)}\n`, kind: parsed.kind, warnings };
}
