/**
 * The files a command line run looks at: every YAML/markdown file under the folders given
 * (recursively) plus the files named explicitly. Symbolic links to files and folders are
 * followed; each file is listed once (by its real path) and a folder already walked is not
 * walked again, so link loops end. Anything that would leave a document out silently — a
 * folder that cannot be read, a broken link named like a document, a named path that is not a
 * regular file — is an IoError (exit 2) with a one-line reason.
 */
import { readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import { syntaxOf } from '../documents/syntax';
import { reason } from '../documents/read';
import { IoError } from './errors';

/**
 * Version-control metadata: never documents. No other folder is skipped by name (a folder called
 * `dist` of compliance documents is checked); what the repository ignores (`.gitignore`,
 * `.cmmc.yaml` `ignore`) comes in through the `ignore` predicate.
 */
const SKIP_DIRS = new Set(['.git', '.hg', '.svn']);

/**
 * Decides whether a path found by the walk is left out (called for folders and candidate files
 * under the folders given; paths named on the command line are always checked). The folders in
 * SKIP_DIRS are left out in any case.
 */
export type Ignore = (absPath: string, isDir: boolean) => boolean;

/** Every candidate file under the given paths (files given by name are always candidates). */
export function collectFiles(paths: readonly string[], ignore?: Ignore): string[] {
  const files = new Map<string, string>(); // real path -> path as found
  const walked = new Set<string>(); // real paths of folders walked
  const add = (path: string) => {
    const rp = realOrThrow(path);
    if (!files.has(rp)) files.set(rp, resolve(path));
  };
  const walk = (dir: string) => {
    const rd = realOrThrow(dir);
    if (walked.has(rd)) return; // a link loop, or a folder reached twice
    walked.add(rd);
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      throw new IoError(`${dir}: the folder ${reason(e)}`);
    }
    for (const ent of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = resolve(join(dir, ent.name));
      let isDir = ent.isDirectory();
      let isFile = ent.isFile();
      if (ent.isSymbolicLink()) {
        let st: Stats;
        try {
          st = statSync(full);
        } catch (e) {
          // A dangling link named like a document is a document we cannot read.
          if (syntaxOf(ent.name)) throw new IoError(`${full}: ${reason(e)} (a symbolic link to a missing file)`);
          continue;
        }
        isDir = st.isDirectory();
        isFile = st.isFile();
      }
      if (isDir) {
        if (!SKIP_DIRS.has(ent.name) && !ignore?.(full, true)) walk(full);
      } else if (isFile && syntaxOf(ent.name) && !ignore?.(full, false)) {
        add(full);
      }
    }
  };
  for (const p of paths) {
    let st: Stats;
    try {
      st = statSync(p);
    } catch (e) {
      throw new IoError(`${p}: ${(e as NodeJS.ErrnoException)?.code === 'ENOENT' ? 'no such file or folder' : reason(e)}`);
    }
    if (st.isDirectory()) walk(p);
    else if (st.isFile()) add(p);
    else throw new IoError(`${p}: not a regular file or folder (a device, FIFO or socket); only files and folders are checked`);
  }
  return [...files.values()];
}

function realOrThrow(path: string): string {
  try {
    return realpathSync(path);
  } catch (e) {
    throw new IoError(`${path}: ${reason(e)}`);
  }
}
