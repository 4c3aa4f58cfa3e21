/**
 * The editor's view of `.cmmc.yaml`: the nearest one above each document (as the command line
 * finds it), read through the workspace (an open buffer first, else the disk) and parsed again
 * only when its text changed, so an unchanged configuration keeps the analyses cached. Also what
 * the repository ignores (.gitignore and `ignore:`), so ignored documents stay quiet in the editor
 * as they are left out of a CLI run.
 */
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CONFIG_NAME, parseConfig, type CmmcConfig } from '../config/config';
import { IgnoreResolver } from '../config/ignoreFiles';

/** The configurations of the editor's documents, and the ignore verdicts. */
export class EditorConfigs {
  /** Folder -> the config file that governs it (null: none). */
  private readonly dirs = new Map<string, string | null>();
  private readonly parsed = new Map<string, { text: string; config: CmmcConfig }>();
  /** One resolver per top folder (it caches the .gitignore files it read). */
  private readonly resolvers = new Map<string, IgnoreResolver>();

  /**
   * @param read the text of a URI (open buffer, else disk), undefined when absent
   * @param folders the workspace folder URIs (an untitled document uses the first one's config)
   */
  constructor(
    private readonly read: (uri: string) => string | undefined,
    private readonly folders: () => readonly string[],
  ) {}

  /** Is this URI a configuration file? */
  static isConfig(uri: string): boolean {
    try {
      return basename(new URL(uri).pathname) === CONFIG_NAME;
    } catch {
      return false;
    }
  }

  /** The configuration that governs a document, if any. */
  of(uri: string): CmmcConfig | undefined {
    const dir = this.dirOf(uri);
    return dir === undefined ? undefined : this.ofDir(dir);
  }

  /** The configuration of a configuration file's own URI (its problems are its diagnostics). */
  load(uri: string): CmmcConfig | undefined {
    let path: string;
    try {
      path = fileURLToPath(uri);
    } catch {
      const text = this.read(uri);
      return text === undefined ? undefined : parseConfig(text);
    }
    return this.parse(path);
  }

  /** Is a document left out by .gitignore or the `ignore:` of its configuration? */
  ignored(uri: string): boolean {
    let path: string;
    try {
      path = fileURLToPath(uri);
    } catch {
      return false;
    }
    const folder = this.folders()
      .map((f) => safePath(f))
      .filter((f): f is string => f !== undefined && (path + '/').startsWith(f.replace(/\/?$/, '/')))
      .sort((a, b) => b.length - a.length)[0];
    const top = folder ?? dirname(path);
    let resolver = this.resolvers.get(top);
    if (!resolver) this.resolvers.set(top, (resolver = new IgnoreResolver(top, (dir) => this.ofDir(dir))));
    return resolver.ignored(path, false);
  }

  /** A configuration or .gitignore was created, deleted or changed: look again. */
  changed(): void {
    this.dirs.clear();
    this.resolvers.clear();
  }

  private dirOf(uri: string): string | undefined {
    const path = safePath(uri);
    if (path !== undefined) return dirname(path);
    const first = this.folders()[0];
    return first === undefined ? undefined : safePath(first);
  }

  private ofDir(dir: string): CmmcConfig | undefined {
    let file = this.dirs.get(dir);
    if (file === undefined) {
      file = null;
      for (let d = dir; ; d = dirname(d)) {
        const candidate = join(d, CONFIG_NAME);
        if (this.read(pathToFileURL(candidate).href) !== undefined) {
          file = candidate;
          break;
        }
        if (dirname(d) === d) break;
      }
      this.dirs.set(dir, file);
    }
    return file === null ? undefined : this.parse(file);
  }

  private parse(path: string): CmmcConfig | undefined {
    const text = this.read(pathToFileURL(path).href);
    if (text === undefined) return undefined;
    const hit = this.parsed.get(path);
    if (hit && hit.text === text) return hit.config;
    const config = parseConfig(text, path);
    this.parsed.set(path, { text, config });
    return config;
  }
}

function safePath(uri: string): string | undefined {
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
