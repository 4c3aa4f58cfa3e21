/**
 * `cmmc-check report <paths> [--out report.html|report.json] [--today YYYY-MM-DD]`: the readiness
 * report over the documents found as `check` finds them, from the same language service. Without
 * `--out` the HTML goes to stdout. Exit 0: written; 2: usage or I/O error, or no document found.
 */
import { writeFileSync } from 'node:fs';
import { dirname, extname, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { renderHtml } from '../report/html';
import { renderJson } from '../report/json';
import { buildReport, type Report } from '../report/model';
import { createCmmcService } from '../service';
import { fileSystemWorkspace } from '../workspace';
import { IoError, UsageError } from './errors';
import { dayFlag, parseFlags } from './flags';
import type { CliIo } from './io';
import { Configs, documentFiles } from './documents';
import { checkRoots } from './roots';

export const REPORT_USAGE = `Usage: cmmc-check report [paths or folders...] [--out FILE.html|FILE.json] [--today YYYY-MM-DD]

Writes the readiness report: per SSP (with the POA&Ms that link it) and per POA&M without an SSP,
the verdict, the score, points open per family, blockers, the path to Conditional, the POA&M
timeline and the SPRS summary. One self-contained HTML file (or JSON with the same numbers).
Without --out the HTML is written to stdout. With no path, the current folder is read.`;

export interface ReportOptions {
  paths: string[];
  out?: string;
  today?: string;
}

const REPORT_OPTIONS = {
  out: { type: 'string', short: 'o' },
  today: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Parse the report's arguments (options and paths in any order). */
export function parseReportArgs(argv: readonly string[]): ReportOptions | 'help' {
  const { values: v, positionals } = parseFlags(argv, REPORT_OPTIONS);
  if (v.help) return 'help';
  const opts: ReportOptions = { paths: positionals.length ? positionals : ['.'] };
  if (v.out !== undefined) {
    if (!['.html', '.htm', '.json'].includes(extname(v.out).toLowerCase())) throw new UsageError(`--out must name a .html or .json file (got "${v.out}")`);
    opts.out = v.out;
  }
  if (v.today !== undefined) opts.today = dayFlag('--today', v.today);
  return opts;
}

/** Build the report over the files under `opts.paths` (relative to `cwd`). */
export function reportOf(opts: ReportOptions, cwd: string): Report {
  // The same documents, boundary and rule levels as `cmmc-check check` (cli/documents.ts).
  const configs = new Configs(undefined, undefined);
  const { files } = documentFiles(opts.paths, cwd, configs);
  const uris = files.map((f) => pathToFileURL(f).href);
  const service = createCmmcService({
    workspace: fileSystemWorkspace(uris, { roots: checkRoots(opts.paths.map((p) => resolve(cwd, p))) }),
    settings: () => ({ today: opts.today }),
    config: (uri) => configs.of(dirname(fileURLToPath(uri))),
    log: (m) => process.stderr.write(`${m}\n`),
  });
  const label = (uri: string) => {
    try {
      const path = fileURLToPath(uri);
      return relative(cwd, path) || path;
    } catch {
      return uri;
    }
  };
  return buildReport(service, uris, { label });
}

/** The report command: returns the exit code. */
export function runReport(argv: readonly string[], io: CliIo): number {
  let opts: ReturnType<typeof parseReportArgs>;
  try {
    opts = parseReportArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`cmmc-check report: ${e.message}\n\n${REPORT_USAGE}\n`);
    return 2;
  }
  if (opts === 'help') {
    io.out(`${REPORT_USAGE}\n`);
    return 0;
  }
  let report: Report;
  try {
    report = reportOf(opts, io.cwd);
  } catch (e) {
    if (e instanceof IoError) {
      io.err(`cmmc-check report: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (report.sets.length === 0) {
    io.err(`cmmc-check report: no SSP or POA&M document found in ${opts.paths.join(', ')}\n`);
    return 2;
  }
  const json = opts.out !== undefined && extname(opts.out).toLowerCase() === '.json';
  const text = json ? renderJson(report) : renderHtml(report);
  if (opts.out === undefined) {
    io.out(text);
    return 0;
  }
  const target = resolve(io.cwd, opts.out);
  try {
    writeFileSync(target, text);
  } catch (e) {
    io.err(`cmmc-check report: cannot write ${opts.out}: ${(e as Error).message}\n`);
    return 2;
  }
  const sets = report.sets.length;
  io.err(`cmmc-check report: wrote ${opts.out} (${sets} document set${sets === 1 ? '' : 's'})\n`);
  return 0;
}
