/**
 * One entry point from text to model: detect the kind, parse the syntax into a located tree,
 * validate it against the JSON Schema and read the typed model. Pure: no file system, no clock.
 */
import { kindFromName, type DocKind } from './detect';
import type { Finding } from './findings';
import { readPoam, readSsp, type CmmcDoc, type Syntax } from './model';
import { validateSchema } from './schema';
import { adapterFor, adapterForPath } from './syntax';
import type { LNode } from './tree';

export interface ParsedDocument {
  readonly uri: string;
  readonly text: string;
  readonly kind: DocKind;
  readonly syntax: Syntax;
  readonly root?: LNode;
  /** The typed model; undefined when the document could not be read safely. */
  readonly model?: CmmcDoc;
  /** `syntax` and `schema` findings. */
  readonly findings: readonly Finding[];
}

/**
 * Parse a document. Returns undefined when the file is not an SSP or POA&M (by name or by its
 * `kind`), so that other YAML and markdown files get no diagnostics at all.
 */
export function parseCmmcDocument(uri: string, text: string): ParsedDocument | undefined {
  const adapter = adapterForPath(uri);
  if (!adapter) return undefined;
  const named = kindFromName(uri);
  // A file that is not named like ours must say `kind: ssp|poam`; skip the parse when it cannot.
  if (!named && !/kind/i.test(text)) return undefined;
  const tree = adapter.parse(text, named);
  const kind = named ?? tree.kind;
  if (!kind) return undefined;
  return finish(uri, text, kind, adapter.syntax, tree.root, [...tree.findings], tree.stop, tree.anchor);
}

/**
 * Parse a new version of a document, reusing the previous parse where only one entry of
 * `items` / `practices` changed (documents/incremental.ts). Same result as parseCmmcDocument.
 */
export function reparseCmmcDocument(previous: ParsedDocument | undefined, uri: string, text: string): ParsedDocument | undefined {
  const adapter = previous && adapterFor(previous.syntax);
  if (!previous || !adapter?.reparse || previous.uri !== uri || !previous.root || !previous.model || previous.findings.some((f) => f.code === 'syntax')) {
    return parseCmmcDocument(uri, text);
  }
  if (previous.text === text) return previous;
  const spliced = adapter.reparse(previous.root, previous.text, text);
  if (!spliced) return parseCmmcDocument(uri, text);
  return finish(uri, text, previous.kind, previous.syntax, spliced.root, spliced.findings, false);
}

function finish(
  uri: string,
  text: string,
  kind: DocKind,
  syntax: Syntax,
  root: LNode | undefined,
  findings: Finding[],
  stop: boolean,
  anchor?: { start: number; end: number },
): ParsedDocument {
  if (stop || !root) {
    // Empty documents are still ours: schema reports what is missing.
    if (!stop && !root) {
      findings.push({ code: 'schema', severity: 'error', message: `The document is empty: an ${kind === 'ssp' ? 'SSP needs `level` and `practices`' : 'POA&M needs `level` and `items`'}.`, span: { start: 0, end: Math.min(text.length, 1) } });
    }
    return { uri, text, kind, syntax, root, findings };
  }
  if (root.kind !== 'map') {
    findings.push({ code: 'schema', severity: 'error', message: `The document must be a mapping of fields (kind, level, ${kind === 'ssp' ? 'practices' : 'items'}, ...), not ${root.kind === 'seq' ? 'a list' : 'a single value'}.`, span: root.span });
    return { uri, text, kind, syntax, root, findings };
  }
  findings.push(...validateSchema(kind, root, adapterFor(syntax).wording.path));
  const model = kind === 'ssp' ? readSsp(root, syntax, anchor) : readPoam(root, syntax, anchor);
  return { uri, text, kind, syntax, root, model, findings };
}
