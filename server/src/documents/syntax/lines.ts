/**
 * Line questions about a text, in offsets: where a line starts and ends, its text, columns,
 * the line break the document uses. Shared by the syntax adapters (edits, completion) and the
 * editor features; pure string arithmetic, no parsing.
 */
import type { Span } from '../tree';

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

/** Strip matching quotes around a YAML scalar or key as written. */
export function unquote(raw: string): { value: string; offset: number } {
  const t = raw.trim();
  const lead = raw.indexOf(t);
  if (t.length >= 2 && (t[0] === '"' || t[0] === "'") && t[t.length - 1] === t[0]) return { value: t.slice(1, -1), offset: lead + 1 };
  return { value: t, offset: lead };
}
