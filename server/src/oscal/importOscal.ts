/**
 * `import oscal`: OSCAL JSON text in, our YAML out. Detects the model (POA&M or SSP), converts it
 * (importPoam.ts, importSsp.ts), writes YAML with a header naming the source, and sums up in one
 * line what did not map. Documents we exported ourselves (they carry our namespace) come back
 * field for field; others map as far as they can. Never throws on odd OSCAL: a value of the
 * wrong type is skipped.
 */
import { Document } from 'yaml';
import { CMMC_NS, obj, text } from './common';
import { importPoam, type Unmapped } from './importPoam';
import { importSsp } from './importSsp';

export interface OscalImport {
  readonly kind: 'ssp' | 'poam';
  /** The YAML document. */
  readonly yaml: string;
  /** The plain value the YAML holds. */
  readonly value: Record<string, unknown>;
  /** One line: what did not map (empty when everything did). */
  readonly summary: string;
}

/** Why the text cannot be imported (not JSON, not an OSCAL SSP or POA&M), or the import. */
export function importOscal(jsonText: string): OscalImport | { readonly error: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(jsonText);
  } catch (e) {
    return { error: `not JSON: ${(e as Error).message}` };
  }
  const root = obj(parsed);
  const poam = obj(root?.['plan-of-action-and-milestones']);
  const ssp = obj(root?.['system-security-plan']);
  if (!poam && !ssp) return { error: 'not an OSCAL POA&M or SSP (no plan-of-action-and-milestones or system-security-plan object)' };
  const ours = jsonText.includes(`"${CMMC_NS}"`);
  const unmapped: Unmapped = new Map();
  const kind = poam ? 'poam' : 'ssp';
  const value = poam ? importPoam(poam, ours, unmapped) : importSsp(ssp!, ours, unmapped);
  const title = text(obj((poam ?? ssp)!.metadata)?.title);

  const doc = new Document(value);
  doc.commentBefore = ` Imported from OSCAL${title ? `: ${title.replace(/\s+/g, ' ')}` : ''} (cmmc-check import oscal)`;
  const yaml = doc.toString({ lineWidth: 0 });
  const parts = [...unmapped].map(([what, n]) => (n > 1 ? `${what} (${n})` : what));
  const count =
    kind === 'poam' ? `${Array.isArray(value.items) ? value.items.length : 0} items` : `${Object.keys(obj(value.practices) ?? {}).length} practices`;
  const summary = parts.length > 0 ? `imported ${count}; not mapped: ${parts.join(', ')}` : '';
  return { kind, yaml, value, summary };
}
