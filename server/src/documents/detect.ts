/**
 * Is a file one of ours? SSP and POA&M documents are recognised by name (`*.ssp.yaml`,
 * `*.poam.md`, ...) or by content (`kind: ssp|poam` at the top level or in front matter).
 * Everything else is left alone.
 */
import type { Syntax } from './model';

export type DocKind = 'ssp' | 'poam';

/** The syntax a file name implies, or undefined for files we never read. */
export function syntaxOf(path: string): Syntax | undefined {
  const p = path.toLowerCase();
  if (p.endsWith('.yaml') || p.endsWith('.yml')) return 'yaml';
  if (p.endsWith('.md') || p.endsWith('.markdown')) return 'markdown';
  return undefined;
}

/** The kind a file name implies (`acme.ssp.yaml` -> ssp), if any. */
export function kindFromName(path: string): DocKind | undefined {
  const m = /\.(ssp|poam)\.(ya?ml|md|markdown)$/i.exec(path);
  return m ? (m[1].toLowerCase() as DocKind) : undefined;
}

/** The kind a parsed `kind` value names, if it is one of ours. */
export function kindFromValue(value: unknown): DocKind | undefined {
  return value === 'ssp' || value === 'poam' ? value : undefined;
}
