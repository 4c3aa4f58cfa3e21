/**
 * `cmmc-check [check] [paths...]`: the language service over files on disk, for CI. The nearest
 * `.cmmc.yaml` of each document (or `--config FILE`) sets rule levels, the warning window and
 * what the walk leaves out; its own problems are findings of the config file. Levels and inline
 * suppressions are applied by the analysis (analysis/policy.ts), as in the editor.
 * Exit 0: no error findings; 1: error findings or more warnings than --max-warnings;
 * 2: usage or I/O error, or nothing to check.
 */
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { gitRoot } from '../config/ignoreFiles';
import type { Finding } from '../documents/findings';
import { cite } from '../regulation/citations';
import { createCmmcService } from '../service';
import { fileSystemWorkspace } from '../workspace';
import { IoError, UsageError } from './errors';
import { formatGithub, formatSarif, formatText, jsonChunks, type CliFinding } from './formats';
import type { CliIo } from './io';
import { parseArgs, USAGE, type CliOptions } from './options';
import { checkRoots } from './roots';
import { VERSION } from '../version';
import { Configs, documentFiles } from './documents';
import { memorySettler } from './memory';

export { parseArgs, USAGE, type CliOptions };

const p = (cwd: string, path: string) => relative(cwd, path) || path;

/**
 * The strings kept in findings, each once per run, as copies that share no memory with the
 * document text they may hold a piece of: V8 keeps a whole text alive for any substring cut
 * from it, so a kept finding quoting a value kept its document (1,000 documents: 35 MB of texts
 * whose findings were long out); and the same message recurs across documents (25,780 findings,
 * 30 distinct messages, in the benchmark's corpus).
 */
function stringPool(): (s: string) => string {
  const pool = new Map<string, string>();
  return (s) => {
    let kept = pool.get(s);
    if (kept === undefined) {
      kept = Buffer.from(s, 'utf8').toString('utf8');
      pool.set(kept, kept);
    }
    return kept;
  };
}

/** The findings of a run (documents' and configurations'), how many documents were checked, the root. */
export interface CheckResult {
  findings: CliFinding[];
  documents: number;
  /** The repository root (git root of the working folder, else the working folder). */
  root: string;
}

/** Run the checks; returns the findings with file paths relative to `cwd`. Throws IoError for exit 2. */
export function check(opts: CliOptions, cwd = process.cwd()): CheckResult {
  const configs = new Configs(opts.config === undefined ? undefined : resolve(cwd, opts.config), opts.warningDays);
  const { files, named } = documentFiles(opts.paths, cwd, configs, opts.ignore);
  const uris = files.map((f) => pathToFileURL(f).href);
  const workspace = fileSystemWorkspace(uris, { roots: checkRoots(opts.paths.map((p) => resolve(cwd, p))), allowOutside: opts.allowOutside });
  const service = createCmmcService({
    workspace,
    settings: () => ({ today: opts.today }),
    config: (uri) => configs.of(dirname(fileURLToPath(uri))),
    log: (m) => process.stderr.write(`${m}\n`),
    // A POA&M parsed for its SSP keeps its model and text only: its own check needs no tree.
    slimLinked: true,
  });
  const out: CliFinding[] = [];
  const own = stringPool();
  // One line index per document (a finding's positions are looked up in it, never recomputed).
  let last: { path: string; text: string; doc: TextDocument } | undefined;
  const add = (path: string, text: string, f: Finding) => {
    if (last?.path !== path || last.text !== text) last = { path, text, doc: TextDocument.create(pathToFileURL(path).href, 'plaintext', 0, text) };
    const doc = last.doc;
    out.push({
      file: own(relative(cwd, path) || path),
      range: { start: doc.positionAt(f.span.start), end: doc.positionAt(f.span.end) },
      severity: f.severity,
      code: f.code,
      message: own(f.message),
      citation: f.paragraph ? cite(f.paragraph).label : '',
      ...(f.suppressed ? { suppressed: { justification: own(f.suppressed.justification) } } : {}),
      path,
      ...(f.subject ? { subject: own(f.subject) } : {}),
    });
  };
  let documents = 0;
  const memory = memorySettler();
  const found = new Map<string, CliFinding[]>();
  // SSP by SSP with the POA&Ms that link it, each let go of once its findings are out.
  const { order, closes } = service.links.checkOrder(uris);
  for (const uri of order) {
    const path = fileURLToPath(uri);
    // A file that vanished, became unreadable or was swapped for a FIFO since the walk: exit 2.
    if (workspace.read(uri) === undefined) throw new IoError(`${p(cwd, path)}: ${workspace.problem(uri) ?? 'cannot be read'}`);
    const analysis = service.analyze(uri);
    if (!analysis) {
      if (named.has(path)) {
        throw new IoError(`${p(cwd, path)}: not an SSP or POA&M document (name it *.ssp.yaml, *.poam.md, ... or give it \`kind: ssp\` / \`kind: poam\`)`);
      }
      continue;
    }
    documents++;
    const before = out.length;
    for (const f of [...analysis.findings, ...analysis.suppressed].sort((a, b) => a.span.start - b.span.start)) add(path, analysis.parsed.text, f);
    found.set(uri, out.splice(before));
    service.release(uri);
    if (closes.has(uri)) service.release(closes.get(uri)!, true);
    memory.settle();
  }
  // Printed in the order the files were found, whatever order they were checked in.
  for (const uri of uris) out.push(...(found.get(uri) ?? []));
  if (documents === 0) throw new IoError(`no SSP or POA&M document found in ${opts.paths.join(', ')} (nothing was checked)`);
  // The configuration's own problems, once per file used.
  const configFindings: CliFinding[] = [];
  for (const c of configs.all()) {
    if (!c.path) continue;
    const before = out.length;
    for (const f of c.findings) add(c.path, c.text, f);
    configFindings.push(...out.splice(before));
  }
  return { findings: [...configFindings, ...out], documents, root: gitRoot(cwd) ?? cwd };
}

/** The check command: returns the exit code. */
export function runCheck(argv: readonly string[], io: CliIo): number {
  let opts: ReturnType<typeof parseArgs>;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`cmmc-check: ${e.message}\nRun cmmc-check --help for the options.\n`);
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
  let result: CheckResult;
  try {
    result = check(opts, io.cwd);
  } catch (e) {
    if (e instanceof IoError) {
      io.err(`cmmc-check: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const { findings, documents, root } = result;
  const inForce = findings.filter((f) => !f.suppressed);
  const warnings = inForce.filter((f) => f.severity === 'warning').length;
  const tooManyWarnings = opts.maxWarnings !== undefined && warnings > opts.maxWarnings;
  const code = inForce.some((f) => f.severity === 'error') || tooManyWarnings ? 1 : 0;
  if (opts.format === 'json') for (const chunk of jsonChunks(findings)) io.out(chunk);
  else if (opts.format === 'sarif')
    io.out(formatSarif(findings, { root, category: opts.category, exitCode: code, commandLine: ['cmmc-check', ...argv].join(' ') }));
  else if (opts.format === 'github') io.out(formatGithub(findings, root, documents));
  else io.out(formatText(findings, documents));
  if (tooManyWarnings) io.err(`cmmc-check: ${warnings} warnings, more than --max-warnings ${opts.maxWarnings}\n`);
  return code;
}
