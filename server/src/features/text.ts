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

/** Offset of the start of the line holding `offset`. */
export function lineStart(text: string, offset: number): number {
  return offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset of the end of the line holding `offset` (before `\r\n` or `\n`; text length on the last line). */
export function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  if (nl < 0) return text.length;
  return nl > 0 && text[nl - 1] === '\r' ? nl - 1 : nl;
}

/** Offset of the start of the line after the one holding `offset` (text length on the last line). */
export function nextLineStart(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

/** The text of the line holding `offset`, without its line break. */
export function lineText(text: string, offset: number): string {
  return text.slice(lineStart(text, offset), lineEnd(text, offset));
}

/** Column of `offset` on its line (UTF-16 units, as LSP counts). */
export function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

/** The line break the document uses (CRLF when its first line break is one). */
export function eolOf(text: string): string {
  const nl = text.indexOf('\n');
  return nl > 0 && text[nl - 1] === '\r' ? '\r\n' : '\n';
}

/** Is everything before `offset` on its line blank (the token starts the line)? */
export function startsLine(text: string, offset: number): boolean {
  return text.slice(lineStart(text, offset), offset).trim() === '';
}

/**
 * The last offset that belongs to a node's content: spans of block scalars end after their
 * final line break, which belongs to the line before.
 */
export function lastContentOffset(text: string, s: Span): number {
  let end = s.end;
  while (end > s.start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return end;
}
