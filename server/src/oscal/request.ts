/**
 * The `cmmc/exportOscal` request (the editor's "Export as OSCAL" command): the OSCAL JSON of an
 * open document, or the reason it cannot be exported. The server answers it with one line.
 */
import type { ParsedDocument } from '../documents/parse';
import type { ExportOscalResult } from '../protocol';
import { exportOscal, exportRefusal } from './exportOscal';

/** Answer the request for a parsed document (undefined: not an SSP or POA&M). */
export function exportOscalRequest(parsed: ParsedDocument | undefined): ExportOscalResult {
  if (!parsed) return { error: 'This file is not an SSP or POA&M.' };
  const refusal = exportRefusal(parsed);
  if (refusal) return { error: `Not exported: ${refusal}` };
  return exportOscal(parsed);
}
