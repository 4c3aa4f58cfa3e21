/**
 * Small text helpers shared by the editor features: offsets <-> LSP positions (through
 * TextDocument, cached per parse), line boundaries, indentation and line endings. The features
 * find *what* is where from the model's spans; these helpers only answer "which line, which
 * column" questions about a span.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver';
import type { ParsedDocument } from '../documents/parse';
import type { Span } from '../documents/tree';

const documents = new WeakMap<ParsedDocument, TextDocument>();

/** A TextDocument over the parsed text (one per parse, so line offsets are computed once). */
export function textDocumentOf(parsed: ParsedDocument): TextDocument {
  let doc = documents.get(parsed);
  if (!doc) {
    doc = TextDocument.create(parsed.uri, parsed.syntax, 0, parsed.text);
    documents.set(parsed, doc);
  }
  return doc;
}

/** The LSP range of an offset span. */
export function rangeOf(doc: TextDocument, s: Span): Range {
  return { start: doc.positionAt(s.start), end: doc.positionAt(s.end) };
}

/** The offset span of an LSP range. */
export function spanOf(doc: TextDocument, r: Range): Span {
  return { start: doc.offsetAt(r.start), end: doc.offsetAt(r.end) };
}

/** Does the span hold the offset? The end counts, so a cursor just after a word is on it. */
export function touches(s: Span, offset: number): boolean {
  return s.start <= offset && offset <= s.end;
}

/** Do two spans overlap (touching ends count, and an empty span inside the other counts)? */
export function overlaps(a: Span, b: Span): boolean {
  return a.start <= b.end && b.start <= a.end;
}

export { columnOf, eolOf, lastContentOffset, lineEnd, lineStart, lineText, nextLineStart, startsLine } from '../documents/syntax/lines';
