/**
 * Inline suppressions, read from the text (comments are not in the located tree):
 *   YAML      `# cmmc-disable-next-line <code>[, <code>] -- <justification>`  (a line that is only a comment)
 *   markdown  `<!-- cmmc-disable-next-line <code>[, <code>] -- <justification> -->`  (a line that is only the comment)
 * Each applies to the findings that start on the line right after it. Lines inside a YAML block
 * scalar or a markdown code fence are text, not comments, and are skipped.
 */
import type { Syntax } from './model';
import type { Span } from './tree';

/** One `cmmc-disable-next-line` comment. */
export interface Suppression {
  /** The codes named (may include unknown ones: the policy reports those). */
  readonly codes: readonly string[];
  /** The text after ` -- `, trimmed; '' when missing. */
  readonly justification: string;
  /** The comment's span (from its first non-blank character to the end of the line). */
  readonly span: Span;
  /** 0-based line the suppression applies to. */
  readonly targetLine: number;
}

const YAML_COMMENT = /^(\s*)#\s*cmmc-disable-next-line\b(.*)$/;
const MD_COMMENT = /^(\s*)<!--\s*cmmc-disable-next-line\b(.*?)-->\s*$/;
const BLOCK_SCALAR = /:\s*[|>][-+0-9]*\s*(#.*)?$/;
const FENCE = /^\s*(```|~~~)/;

/** Every suppression comment of a document, in order. */
export function scanSuppressions(text: string, syntax: Syntax): Suppression[] {
  const out: Suppression[] = [];
  let offset = 0;
  let blockIndent = -1; // YAML: inside a block scalar whose key was indented this much
  let fenced = false; // markdown: inside a code fence
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '');
    const start = offset;
    offset += lines[i].length + 1;
    const indent = /^\s*/.exec(line)![0].length;
    if (syntax === 'yaml') {
      if (blockIndent >= 0) {
        if (line.trim() === '' || indent > blockIndent) continue;
        blockIndent = -1;
      }
      if (BLOCK_SCALAR.test(line) && !line.trimStart().startsWith('#')) {
        blockIndent = indent;
        continue;
      }
    } else if (FENCE.test(line)) {
      fenced = !fenced;
      continue;
    } else if (fenced) {
      continue;
    }
    const m = (syntax === 'yaml' ? YAML_COMMENT : MD_COMMENT).exec(line);
    if (!m) continue;
    const body = m[2];
    const sep = body.search(/\s--(\s|$)/);
    const codePart = sep >= 0 ? body.slice(0, sep) : body;
    const justification = sep >= 0 ? body.slice(sep).replace(/^\s--/, '').trim() : '';
    const codes = codePart.split(/[\s,]+/).filter((c) => c !== '');
    out.push({ codes, justification, span: { start: start + m[1].length, end: start + line.length }, targetLine: i + 1 });
  }
  return out;
}

export { suppressionComment } from '../protocol';
