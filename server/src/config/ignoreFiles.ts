/**
 * What a repository leaves out, for the command line's walk and the editor alike: the
 * `.gitignore` of every folder from the top (the git root, else the top folder given) down to
 * the file, then the `ignore:` list of the governing `.cmmc.yaml` (relative to its folder). A
 * deeper `.gitignore` overrides its parents, and the configuration comes last.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import type { CmmcConfig } from './config';
import { compileIgnore, isIgnored, type IgnoreList } from './ignore';

/** The nearest folder at or above `dir` holding `.git` (a folder, or a file for worktrees). */
export function gitRoot(dir: string): string | undefined {
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) return undefined;
  }
}

/** Answers "is this path ignored?" with every `.gitignore` read once. */
export class IgnoreResolver {
  private readonly lists = new Map<string, IgnoreList | undefined>();
  private readonly configLists = new Map<CmmcConfig, IgnoreList>();
  private readonly roots = new Map<string, string>();

  /**
   * @param top folder where `.gitignore` files start to count when the path is outside git
   * @param configOf the configuration that governs a folder (its `ignore:` list applies)
   */
  constructor(
    private readonly top: string,
    private readonly configOf: (dir: string) => CmmcConfig | undefined,
  ) {}

  private readonly dirVerdicts = new Map<string, boolean>();

  /**
   * Is `path` ignored, by a pattern that matches it or one of its folders below the root (a file
   * in an ignored folder is ignored, as the walk never enters that folder: the editor asks about
   * single files and must get the same answer)?
   */
  ignored(path: string, isDir: boolean): boolean {
    const abs = resolve(path);
    const { root, folders } = this.folders(dirname(abs));
    for (const d of folders) {
      if (d === root) continue;
      let verdict = this.dirVerdicts.get(d);
      if (verdict === undefined) this.dirVerdicts.set(d, (verdict = this.matches(d, true)));
      if (verdict) return true;
    }
    return this.matches(abs, isDir);
  }

  /** The folders from the root down to `dir`. */
  private folders(dir: string): { root: string; folders: string[] } {
    let root = this.roots.get(dir);
    if (root === undefined) this.roots.set(dir, (root = gitRoot(dir) ?? resolve(this.top)));
    const folders: string[] = [];
    for (let d = dir; ; d = dirname(d)) {
      folders.unshift(d);
      if (d === root || dirname(d) === d) break;
    }
    // Outside the root (a path above `top`): only its own folder's lists count.
    if (folders[0] !== root) return { root, folders: [dir] };
    return { root, folders };
  }

  /** Does a pattern match `abs` itself (not its folders)? */
  private matches(abs: string, isDir: boolean): boolean {
    const dir = dirname(abs);
    const { folders } = this.folders(dir);
    const chain: IgnoreList[] = [];
    for (const d of folders) {
      const list = this.gitignoreOf(d);
      if (list) chain.push(list);
    }
    const config = this.configOf(dir);
    if (config?.base && config.ignore.length) {
      let list = this.configLists.get(config);
      if (!list) this.configLists.set(config, (list = compileIgnore(config.base, config.ignore)));
      chain.push(list);
    }
    return isIgnored(chain, abs.split(sep).join('/'), isDir);
  }

  private gitignoreOf(dir: string): IgnoreList | undefined {
    if (this.lists.has(dir)) return this.lists.get(dir);
    let list: IgnoreList | undefined;
    const file = join(dir, '.gitignore');
    try {
      if (statSync(file).isFile()) list = compileIgnore(dir.split(sep).join('/'), readFileSync(file, 'utf8'));
    } catch {
      /* no .gitignore here */
    }
    this.lists.set(dir, list);
    return list;
  }
}
