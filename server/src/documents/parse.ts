/**
 * One entry point from text to model: detect the kind, parse the syntax into a located tree,
 * validate it against the JSON Schema and read the typed model. Pure: no file system, no clock.
 */
import { kindFromName, type DocKind } from './detect';
import type { Finding } from './findings';
import { readPoam, readSsp, type CmmcDoc, type Syntax } from './model';
import { validateSchema } from './schema';
import { adapterFor, adapterForPath } from './syntax';
import type { LNode, Span } from './tree';

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
  /** Where document-level findings sit when the syntax says (markdown: the front matter's `kind` line). */
  readonly anchor?: Span;
}

/**
 * Parse a document. Returns undefined when the file is not an SSP or POA&M (by name or by its
 * `kind`), so that other YAML and markdown files get no diagnostics at all.
 */
export function parseCmmcDocument(uri: string, raw: string): ParsedDocument | undefined {
  const adapter = adapterForPath(uri);
  if (!adapter) return undefined;
  const named = kindFromName(uri);
  // A file that is not named like ours must say `kind: ssp|poam`; skip the parse when it cannot.
  if (!named && !/kind/i.test(raw)) return undefined;
  const text = lineBreaks(raw);
  // A byte-order mark (in a buffer; the disk reader drops it) is skipped, and every offset still
  // counts it, so positions and quick fixes land where the editor has them.
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const tree = adapter.parse(bom ? text.slice(1) : text, named);
  const kind = named ?? tree.kind;
  if (!kind) return undefined;
  if (!bom) return finish(uri, text, kind, adapter.syntax, tree.root, [...tree.findings], tree.stop, tree.anchor);
  const moved = (s: Span): Span => ({ start: s.start + 1, end: s.end + 1 });
  const findings = tree.findings.map((f) => ({ ...f, span: moved(f.span) }));
  return finish(uri, text, kind, adapter.syntax, tree.root && shifted(tree.root, moved), findings, tree.stop, tree.anchor && moved(tree.anchor));
}

/**
 * Lone carriage returns (classic Mac line ends) become line feeds: the same length, so every
 * offset stays valid in the original, and the same lines an editor shows. CRLF is untouched.
 */
function lineBreaks(text: string): string {
  const cr = text.indexOf('\r');
  if (cr < 0 || !/\r(?!\n)/.test(text.slice(cr))) return text;
  return text.replace(/\r(?!\n)/g, '\n');
}

/** A copy of a tree with every span moved. */
function shifted(node: LNode, moved: (s: Span) => Span): LNode {
  if (node.kind === 'map') {
    return { ...node, span: moved(node.span), entries: node.entries.map((e) => ({ ...e, keySpan: moved(e.keySpan), value: shifted(e.value, moved) })) };
  }
  if (node.kind === 'seq') return { ...node, span: moved(node.span), items: node.items.map((n) => shifted(n, moved)) };
  return { ...node, span: moved(node.span) };
}

/**
 * Parse a new version of a document, reusing the previous parse where only one entry of
 * `items` / `practices` changed (documents/incremental.ts). Same result as parseCmmcDocument.
 */
export function reparseCmmcDocument(previous: ParsedDocument | undefined, uri: string, raw: string): ParsedDocument | undefined {
  const text = lineBreaks(raw);
  const adapter = previous && adapterFor(previous.syntax);
  if (!previous || !adapter?.reparse || previous.uri !== uri || !previous.root || !previous.model || previous.findings.some((f) => f.code === 'syntax')) {
    return parseCmmcDocument(uri, text);
  }
  if (previous.text === text) return previous;
  const spliced = adapter.reparse(previous.root, previous.text, text);
  if (!spliced) return parseCmmcDocument(uri, text);
  return finish(uri, text, previous.kind, previous.syntax, spliced.root, spliced.findings, false, previous.anchor);
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
      findings.push({
        code: 'schema',
        severity: 'error',
        message: `The document is empty: an ${kind === 'ssp' ? 'SSP needs `level` and `practices`' : 'POA&M needs `level` and `items`'}.`,
        span: { start: 0, end: Math.min(text.length, 1) },
      });
    }
    return { uri, text, kind, syntax, root, findings };
  }
  if (root.kind !== 'map') {
    findings.push({
      code: 'schema',
      severity: 'error',
      message: `The document must be a mapping of fields (kind, level, ${kind === 'ssp' ? 'practices' : 'items'}, ...), not ${root.kind === 'seq' ? 'a list' : 'a single value'}.`,
      span: root.span,
    });
    return { uri, text, kind, syntax, root, findings };
  }
  findings.push(...validateSchema(kind, root, adapterFor(syntax).wording.path));
  const model = kind === 'ssp' ? readSsp(root, syntax, anchor) : readPoam(root, syntax, anchor);
  return { uri, text, kind, syntax, root, model, findings, anchor };
}
