/**
 * The files a command line run looks at: every YAML/markdown file under the folders given
 * (recursively) plus the files named explicitly.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { syntaxOf } from '../documents/syntax';
import { IoError } from './errors';

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', '.e2e']);

/** Every candidate file under the given paths (files given by name are always candidates). */
export function collectFiles(paths: readonly string[]): string[] {
  const out = new Set<string>();
  const walk = (dir: string) => {
    for (const ent of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(dir, ent.name);
      if (ent.isDirectory()) {
        if (!SKIP_DIRS.has(ent.name)) walk(full);
      } else if (ent.isFile() && syntaxOf(ent.name)) out.add(resolve(full));
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new IoError(`${p}: no such file or folder`);
    }
    if (st.isDirectory()) walk(p);
    else out.add(resolve(p));
  }
  return [...out];
}

