/**
 * The files a command line run looks at: every YAML/markdown file under the folders given
 * (recursively) plus the files named explicitly. Folders are never skipped by name (a folder
 * called `dist` of compliance documents is checked), only version-control metadata; what the
 * repository ignores (`.gitignore`, `.cmmc.yaml` `ignore`) comes in through `skip`.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { syntaxOf } from '../documents/detect';
import { IoError } from './errors';

/** Version-control metadata: never documents. */
const SKIP_DIRS = new Set(['.git', '.hg', '.svn']);

/** How the walk is narrowed. */
export interface WalkOptions {
  /** Leave out a file or folder found by the walk (absolute path); files named explicitly are never skipped. */
  skip?(path: string, isDir: boolean): boolean;
}

/** Every candidate file under the given paths (files given by name are always candidates). */
export function collectFiles(paths: readonly string[], options: WalkOptions = {}): string[] {
  const skip = options.skip ?? (() => false);
  const out = new Set<string>();
  const walk = (dir: string) => {
    for (const ent of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(dir, ent.name);
      if (ent.isDirectory()) {
        if (!SKIP_DIRS.has(ent.name) && !skip(resolve(full), true)) walk(full);
      } else if (ent.isFile() && syntaxOf(ent.name) && !skip(resolve(full), false)) out.add(resolve(full));
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

