/**
 * What a command-line run reads: the configuration of each folder (`.cmmc.yaml`, or the one given
 * with --config) and the documents under the paths given, found by the one folder walk
 * (cli/walk.ts) with what the repository ignores (.gitignore, `ignore:`) left out. `check` and
 * `report` both use it, so they read the same documents with the same rule levels.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { findConfigFile, parseConfig, type CmmcConfig } from '../config/config';
import { IgnoreResolver } from '../config/ignoreFiles';
import { IoError } from './errors';
import { collectFiles, type Ignore } from './walk';

/** The configurations of a run: one given with --config, else the nearest of each folder. */
export class Configs {
  private readonly byDir = new Map<string, CmmcConfig | undefined>();
  private readonly byFile = new Map<string, CmmcConfig>();
  private readonly explicit?: CmmcConfig;

  constructor(
    configFile: string | undefined,
    private readonly warningDays: number | undefined,
  ) {
    if (configFile !== undefined) {
      let text: string;
      try {
        text = readFileSync(configFile, 'utf8');
      } catch {
        throw new IoError(`--config ${configFile}: cannot be read`);
      }
      this.explicit = this.load(resolve(configFile), text);
    }
  }

  /** The configuration governing files in `dir`. */
  of(dir: string): CmmcConfig | undefined {
    if (this.explicit) return this.explicit;
    if (this.byDir.has(dir)) return this.byDir.get(dir);
    const file = findConfigFile(dir);
    let config: CmmcConfig | undefined;
    if (file) {
      config = this.byFile.get(file);
      if (!config) {
        let text = '';
        try {
          text = readFileSync(file, 'utf8');
        } catch {
          throw new IoError(`${file}: cannot be read`);
        }
        config = this.load(file, text);
      }
    }
    this.byDir.set(dir, config);
    return config;
  }

  /** Every configuration read so far. */
  all(): CmmcConfig[] {
    return [...this.byFile.values()];
  }

  private load(file: string, text: string): CmmcConfig {
    const parsed = parseConfig(text, file);
    // --warning-days wins over the file: the command line is the more specific.
    const config = this.warningDays !== undefined ? { ...parsed, closeoutWarningDays: this.warningDays } : parsed;
    this.byFile.set(file, config);
    return config;
  }
}

/**
 * The documents under `paths` (relative to `cwd`), in walk order, each once. A folder named
 * explicitly is walked unless it is itself ignored; a file named explicitly is always read
 * (`named` holds them, for the "not an SSP or POA&M" error). `extra` leaves out more (tests).
 */
export function documentFiles(paths: readonly string[], cwd: string, configs: Configs, extra?: Ignore): { files: string[]; named: Set<string> } {
  const files: string[] = [];
  const seen = new Set<string>();
  const named = new Set<string>();
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let isDir = false;
    try {
      isDir = statSync(abs).isDirectory();
    } catch {
      /* collectFiles reports it */
    }
    if (!isDir) named.add(abs);
    const ignore = new IgnoreResolver(isDir ? abs : dirname(abs), (dir) => configs.of(dir));
    if (isDir && ignore.ignored(abs, true)) continue;
    const skip = (path: string, dir: boolean) => ignore.ignored(path, dir) || (extra?.(path, dir) ?? false);
    for (const f of collectFiles([abs], skip)) {
      if (seen.has(f)) continue;
      seen.add(f);
      files.push(f);
    }
  }
  return { files, named };
}
