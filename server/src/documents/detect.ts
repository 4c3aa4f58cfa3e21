/**
 * Is a file one of ours? SSP and POA&M documents are recognised by name (`*.ssp.yaml`,
 * `*.poam.md`, ...) or by content (`kind: ssp|poam` at the top level or in front matter).
 * Everything else is left alone. Which syntax reads a file is the adapters' business
 * (syntax/index.ts `syntaxOf`).
 */
export type DocKind = 'ssp' | 'poam';

/** The kind a file name implies (`acme.ssp.yaml` -> ssp), if any. */
export function kindFromName(path: string): DocKind | undefined {
  const m = /\.(ssp|poam)\.(ya?ml|md|markdown)$/i.exec(path);
  return m ? (m[1].toLowerCase() as DocKind) : undefined;
}

/**
 * The kind a parsed `kind` value names, if it is one of ours. Read case-insensitively (`SSP`)
 * so that such a document is still checked; the schema then says to write it in lower case.
 */
export function kindFromValue(value: unknown): DocKind | undefined {
  const v = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
  return v === 'ssp' || v === 'poam' ? v : undefined;
}
