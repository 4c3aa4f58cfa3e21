/**
 * Limits that keep parsing safe (SPEC 2.1: anything that makes parsing unsafe is a `syntax`
 * finding). Shared by every parsing path.
 */

export const LIMITS = {
  /** Nodes one alias may expand to. */
  aliasNodes: 100,
  /** Nodes all aliases of one document may expand to together. */
  totalAliasNodes: 10_000,
  /** Nesting depth. */
  depth: 1000,
  /** Characters of a document we are willing to parse (about 8 MB). */
  maxChars: 8 * 1024 * 1024,
};
