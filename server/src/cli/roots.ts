/**
 * Where a command-line run may read linked files: the repository of each path given (the folder
 * holding .git), and the common folder of the paths that are in no repository. `--allow-outside`
 * lifts the bound (workspace.ts fileSystemWorkspace enforces it).
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { gitRoot } from '../config/ignoreFiles';

/** The deepest folder that holds every path. */
function commonFolder(paths: readonly string[]): string {
  const parts = paths.map((p) => resolve(p).split(sep));
  const out: string[] = [];
  for (let i = 0; parts.every((ps) => i < ps.length && ps[i] === parts[0][i]); i++) out.push(parts[0][i]);
  return out.join(sep) || sep;
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** The folders linked files may be read from, for the (absolute) paths of a run. */
export function checkRoots(paths: readonly string[]): string[] {
  const roots = new Set<string>();
  const loose: string[] = [];
  for (const p of paths) {
    const folder = existsSync(p) && !isFile(p) ? resolve(p) : dirname(resolve(p));
    const git = gitRoot(folder);
    if (git) roots.add(git);
    else loose.push(folder);
  }
  if (loose.length) roots.add(commonFolder(loose));
  return [...roots];
}
