/**
 * `cmmc-check [check] [paths...]`: the language service over files on disk, for CI.
 * Exit 0: no error findings; 1: at least one error finding; 2: usage or I/O error.
 */
import { relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDay } from '../documents/dates';
import { cite } from '../regulation/citations';
import { createCmmcService, type Analysis } from '../service';
import { fileSystemWorkspace } from '../workspace';
import { IoError, UsageError } from './errors';
import { formatSarif, formatText, type CliFinding } from './formats';
import type { CliIo } from './io';
import { VERSION } from './version';
import { collectFiles } from './walk';

export const USAGE = `Usage: cmmc-check [check] [paths or folders...] [--format text|json|sarif] [--today YYYY-MM-DD] [--warning-days N]

Checks CMMC SSP and POA&M documents (YAML or markdown) against 32 CFR 170.21 and 170.24.
Folders are searched recursively; files that are not SSP/POA&M documents are ignored.
With no path, the current folder is checked.
Exit code: 0 no errors, 1 error findings, 2 usage or I/O error.`;

export interface CliOptions {
  paths: string[];
  format: 'text' | 'json' | 'sarif';
  today?: string;
  warningDays: number;
}

export function parseArgs(argv: readonly string[]): CliOptions | 'help' | 'version' {
  const opts: CliOptions = { paths: [], format: 'text', warningDays: 30 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '-h' || flag === '--help') return 'help';
    if (flag === '--version') return 'version';
    if (flag === '--format' || flag === '-f') {
      const f = value();
      if (f !== 'text' && f !== 'json' && f !== 'sarif') throw new UsageError(`--format must be text, json or sarif (got "${f}")`);
      opts.format = f;
    } else if (flag === '--today') {
      const t = value();
      if (parseDay(t) === undefined) throw new UsageError(`--today must be a real date written YYYY-MM-DD (got "${t}")`);
      opts.today = t;
    } else if (flag === '--warning-days') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0) throw new UsageError('--warning-days must be a whole number of days');
      opts.warningDays = n;
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`unknown option ${arg}`);
    } else {
      opts.paths.push(arg);
    }
  }
  if (opts.paths.length === 0) opts.paths.push('.');
  return opts;
}

/** Run the checks; returns the findings with file paths relative to `cwd`. */
export function check(opts: CliOptions, cwd = process.cwd()): { findings: CliFinding[]; documents: number } {
  const files = collectFiles(opts.paths);
  const uris = files.map((f) => pathToFileURL(f).href);
  const workspace = fileSystemWorkspace(uris);
  const service = createCmmcService({
    workspace,
    settings: () => ({ today: opts.today, closeoutWarningDays: opts.warningDays }),
    log: (m) => process.stderr.write(`${m}\n`),
    // A POA&M parsed for its SSP keeps its model and text only: its own check needs no tree.
    slimLinked: true,
  });
  const found = new Map<string, CliFinding[]>();
  let documents = 0;
  // SSP by SSP with the POA&Ms that link it, each let go of once its findings are out.
  const { order, closes } = service.links.checkOrder(uris);
  for (const uri of order) {
    const analysis = service.analyze(uri);
    if (analysis) found.set(uri, findingsOf(uri, analysis, cwd));
    if (analysis) documents++;
    service.release(uri);
    if (closes.has(uri)) service.release(closes.get(uri)!, true);
  }
  return { findings: uris.flatMap((u) => found.get(u) ?? []), documents };
}

function findingsOf(uri: string, analysis: Analysis, cwd: string): CliFinding[] {
  const doc = TextDocument.create(uri, 'plaintext', 0, analysis.parsed.text);
  const file = relative(cwd, fileURLToPath(uri)) || fileURLToPath(uri);
  return analysis.findings.map((f) => ({
    file,
    range: { start: doc.positionAt(f.span.start), end: doc.positionAt(f.span.end) },
    severity: f.severity,
    code: f.code,
    message: f.message,
    citation: f.paragraph ? cite(f.paragraph).label : '',
  }));
}

/** The check command: returns the exit code. */
export function runCheck(argv: readonly string[], io: CliIo): number {
  let opts: ReturnType<typeof parseArgs>;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`cmmc-check: ${e.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (opts === 'help') {
    io.out(`${USAGE}\n`);
    return 0;
  }
  if (opts === 'version') {
    io.out(`${VERSION}\n`);
    return 0;
  }
  let findings: CliFinding[];
  let documents = 0;
  try {
    ({ findings, documents } = check(opts, io.cwd));
  } catch (e) {
    if (e instanceof IoError) {
      io.err(`cmmc-check: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (opts.format === 'json') io.out(JSON.stringify(findings, null, 2) + '\n');
  else if (opts.format === 'sarif') io.out(formatSarif(findings));
  else io.out(formatText(findings, documents));
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}
