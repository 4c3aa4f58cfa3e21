/**
 * Markdown SSPs and POA&Ms (SPEC 1.3) -> the same located tree as YAML.
 * PLACEHOLDER until the markdown parser lands: markdown documents are not checked yet.
 */
import type { DocKind } from './detect';
import type { ParsedTree } from './yaml';
import type { Span } from './tree';

export interface MarkdownTree extends ParsedTree {
  /** The kind named by the front matter's `kind`, if any. */
  readonly kind?: DocKind;
  /** Where document-level findings sit: the front matter's `kind` line (or the first line). */
  readonly anchor?: Span;
}

export function parseMarkdown(_text: string, _kindHint?: DocKind): MarkdownTree {
  return { findings: [], stop: true };
}
