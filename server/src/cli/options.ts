/**
 * The check command's arguments, parsed with node:util parseArgs: `--format=sarif`, `-f sarif`,
 * options and paths in any order, `--` before paths that start with a dash. Every flag is
 * described in USAGE (`--help`).
 */
import { UsageError } from './errors';
import { dayFlag, parseFlags } from './flags';
import type { Ignore } from './walk';

/** The output formats of `--format`. */
export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
/** One of FORMATS. */
export type Format = (typeof FORMATS)[number];

/** The `--help` text: every flag. */
export const USAGE = `Usage: cmmc-check [check] [options] [paths or folders...]

Checks CMMC SSP and POA&M documents (YAML or markdown) against 32 CFR 170.21 and 170.24.
Folders are searched recursively, honouring .gitignore and the ignore: list of .cmmc.yaml;
files named explicitly are always checked and must be SSP or POA&M documents.
With no path, the current folder is checked. Put -- before paths that start with "-".

Options:
  -f, --format FORMAT    text (default): file:line:col severity code message, then a summary
                         json: an array of findings (suppressed ones carry "suppressed")
                         sarif: SARIF 2.1.0 for code scanning (paths from the repository root)
                         github: workflow-command annotations for a pull request
  --today YYYY-MM-DD     the day the 180-day closeout clock is read on (default: today)
  --warning-days N       warn N days before a closeout date (default: .cmmc.yaml, else 30)
  --max-warnings N       exit 1 when more than N warnings are found (default: no limit)
  --category ID          SARIF runs[0].automationDetails.id (one upload per category)
  --config FILE          use FILE instead of the nearest .cmmc.yaml of each checked folder
  --allow-outside        follow ssp: links outside the repository (the folder holding .git) or,
                         outside any repository, outside the common folder of the paths given
  -h, --help             this text
  --version              the version

Exit code: 0 no errors; 1 error findings, or more warnings than --max-warnings;
2 usage or I/O error, or nothing to check (no SSP or POA&M found, or a named file is not one).`;

/** The parsed arguments of the check command. */
export interface CliOptions {
  paths: string[];
  format: Format;
  today?: string;
  /** Overrides `closeoutWarningDays` of the configuration when given. */
  warningDays?: number;
  maxWarnings?: number;
  category?: string;
  config?: string;
  /** Follow `ssp:` links outside the repository (or the common folder of the paths). */
  allowOutside?: boolean;
  /** Paths the folder walk also leaves out (for callers of check(); not a flag). */
  ignore?: Ignore;
}

function count(flag: string, v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isInteger(n) || n < 0) throw new UsageError(`${flag} must be a whole number (got "${v}")`);
  return n;
}

/** The flags of the check command, for node:util parseArgs. */
const OPTIONS = {
  format: { type: 'string', short: 'f' },
  today: { type: 'string' },
  'warning-days': { type: 'string' },
  'max-warnings': { type: 'string' },
  category: { type: 'string' },
  config: { type: 'string' },
  'allow-outside': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

/** Parse the check command's arguments; throws UsageError with a one-line reason. */
export function parseArgs(argv: readonly string[]): CliOptions | 'help' | 'version' {
  const parsed = parseFlags(argv, OPTIONS);
  const v = parsed.values;
  if (v.help) return 'help';
  if (v.version) return 'version';
  const opts: CliOptions = { paths: parsed.positionals, format: 'text' };
  if (v.format !== undefined) {
    if (!(FORMATS as readonly string[]).includes(v.format)) throw new UsageError(`--format must be ${FORMATS.join(', ')} (got "${v.format}")`);
    opts.format = v.format as Format;
  }
  if (v.today !== undefined) opts.today = dayFlag('--today', v.today);
  if (v['warning-days'] !== undefined) opts.warningDays = count('--warning-days', v['warning-days']);
  if (v['max-warnings'] !== undefined) opts.maxWarnings = count('--max-warnings', v['max-warnings']);
  if (v.category !== undefined) {
    if (v.category.trim() === '') throw new UsageError('--category needs a non-empty id');
    opts.category = v.category;
  }
  if (v.config !== undefined) opts.config = v.config;
  if (v['allow-outside']) opts.allowOutside = true;
  if (opts.paths.length === 0) opts.paths.push('.');
  return opts;
}
