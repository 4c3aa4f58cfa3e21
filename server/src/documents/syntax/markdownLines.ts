/**
 * The line shapes of markdown SSPs and POA&Ms, in one place for the parser (documents/markdown.ts)
 * and the markdown adapter (fixes, completion): the `Key: value` field line, key normalising,
 * the task-list line and the front matter's `---` fences.
 */

/** A `Key: value` field line: key (letters, digits, spaces, `_`, `-`; up to 41 characters), colon, value. */
export const FIELD_LINE = /^([A-Za-z][A-Za-z0-9 _-]{0,40}?)\s*:(?:\s+(.*?))?\s*$/;

/** A task-list (or plain list) line: marker, checkbox, leading date, task. */
export const TASK_LINE = /^(\s*(?:[-*+]|\d+[.)])\s+)(\[( |x|X)\]\s*)?(?:(\d{4}-\d{2}-\d{2})(?=\s|$)\s*)?(.*?)\s*$/;

/** Other names a field may have in markdown (FedRAMP's "Scheduled completion" is the deadline). */
const ALIASES: Record<string, string> = { scheduled_completion: 'deadline', scheduled_completion_date: 'deadline' };

/** The model key of a markdown field name: case-insensitive, spaces or dashes become `_`, aliases resolved. */
export function normalizeMarkdownKey(written: string): string {
  const k = written
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return ALIASES[k] ?? k;
}

/** Is this line the front matter's opening or closing fence? */
export function isFence(line: string, opening = false): boolean {
  const l = (opening ? line.replace(/^\uFEFF/, '') : line).trimEnd();
  return l === '---' || (!opening && l === '...');
}

/** Lines [open, close] of the front matter (close = number of lines when it is never closed). */
export function frontMatterLines(lines: readonly string[]): { open: number; close: number } | undefined {
  if (lines.length === 0 || !isFence(lines[0], true)) return undefined;
  for (let i = 1; i < lines.length; i++) if (isFence(lines[i])) return { open: 0, close: i };
  return { open: 0, close: lines.length };
}
