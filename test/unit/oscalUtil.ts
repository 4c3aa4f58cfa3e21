/** Test helper: parse and export a document given as text, and walk OSCAL JSON. */
import { parseCmmcDocument, type ParsedDocument } from '../../server/src/documents/parse';
import { exportOscal, type OscalExport } from '../../server/src/oscal/exportOscal';

/** Parse `text` as the file `name` (under file:///ws/); throws when it is not ours. */
export function parse(name: string, text: string): ParsedDocument {
  const p = parseCmmcDocument(`file:///ws/${name}`, text);
  if (!p) throw new Error(`${name} is not an SSP or POA&M`);
  return p;
}

/** Export `text` as the file `name`: the JSON text, its value and the warnings. */
export function exportText(name: string, text: string): OscalExport & { doc: any } {
  const e = exportOscal(parse(name, text));
  return { ...e, doc: JSON.parse(e.json) };
}

/** Every value under a key with this name, anywhere in the tree. */
export function valuesOf(node: unknown, key: string): unknown[] {
  const out: unknown[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      for (const [k, v] of Object.entries(n)) {
        if (k === key) out.push(v);
        walk(v);
      }
    }
  };
  walk(node);
  return out;
}
