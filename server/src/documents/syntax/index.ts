/**
 * The registry of syntax adapters: which adapter reads a file (by its name) or serves a parsed
 * document (by its syntax). A new syntax is one adapter file plus one line here.
 */
import type { Syntax } from '../model';
import type { SyntaxAdapter } from './adapter';
import { markdownAdapter } from './markdown';
import { yamlAdapter } from './yaml';

export type { SyntaxAdapter } from './adapter';

const ADAPTERS: readonly SyntaxAdapter[] = [yamlAdapter, markdownAdapter];

/** The adapter of a syntax. */
export function adapterFor(syntax: Syntax): SyntaxAdapter {
  return ADAPTERS.find((a) => a.syntax === syntax) ?? yamlAdapter;
}

/** The adapter that reads a file of this name, or undefined for files we never read. */
export function adapterForPath(path: string): SyntaxAdapter | undefined {
  const p = path.toLowerCase();
  return ADAPTERS.find((a) => a.ownsPath(p));
}

/** The syntax a file name implies, or undefined for files we never read. */
export function syntaxOf(path: string): Syntax | undefined {
  return adapterForPath(path)?.syntax;
}
