/**
 * cmmc-check: the language service on the command line, for CI.
 *   cmmc-check [paths or folders...] [--format text|json|sarif] [--today YYYY-MM-DD] [--warning-days N]
 * Exit 0: no error findings; 1: at least one error finding; 2: usage or I/O error.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDay } from './documents/dates';
import { syntaxOf } from './documents/detect';
import type { Finding } from './documents/findings';
import { RULES, ruleCitation } from './rules';
import { cite } from './regulation/citations';
import { createCmmcService, type Workspace } from './service';

const VERSION = '0.1.0';
const USAGE = `Usage: cmmc-check [paths or folders...] [--format text|json|sarif] [--today YYYY-MM-DD] [--warning-days N]

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

class UsageError extends Error {}

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

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', '.e2e']);

/** Every candidate file under the given paths (files given by name are always candidates). */
export function collectFiles(paths: readonly string[]): string[] {
  const out = new Set<string>();
  const walk = (dir: string) => {
    for (const ent of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(dir, ent.name);
      if (ent.isDirectory()) {
        if (!SKIP_DIRS.has(ent.name)) walk(full);
      } else if (ent.isFile() && syntaxOf(ent.name)) out.add(resolve(full));
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

class IoError extends Error {}

export interface CliFinding {
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: Finding['severity'];
  code: string;
  message: string;
  citation: string;
}

/** Run the checks; returns the findings with file paths relative to `cwd`. */
export function check(opts: CliOptions, cwd = process.cwd()): { findings: CliFinding[]; documents: number } {
  const files = collectFiles(opts.paths);
  const uris = files.map((f) => pathToFileURL(f).href);
  const texts = new Map<string, string | undefined>();
  const workspace: Workspace = {
    read(uri) {
      if (!texts.has(uri)) {
        try {
          texts.set(uri, readFileSync(fileURLToPath(uri), 'utf8'));
        } catch {
          texts.set(uri, undefined);
        }
      }
      return texts.get(uri);
    },
    uris: () => uris,
  };
  const service = createCmmcService({
    workspace,
    settings: () => ({ today: opts.today, closeoutWarningDays: opts.warningDays }),
    log: (m) => process.stderr.write(`${m}\n`),
  });
  const out: CliFinding[] = [];
  let documents = 0;
  for (const uri of uris) {
    const analysis = service.analyze(uri);
    if (!analysis) continue;
    documents++;
    const doc = TextDocument.create(uri, 'plaintext', 0, analysis.parsed.text);
    const file = relative(cwd, fileURLToPath(uri)) || fileURLToPath(uri);
    for (const f of analysis.findings) {
      out.push({
        file,
        range: { start: doc.positionAt(f.span.start), end: doc.positionAt(f.span.end) },
        severity: f.severity,
        code: f.code,
        message: f.message,
        citation: f.paragraph ? cite(f.paragraph).label : '',
      });
    }
  }
  return { findings: out, documents };
}

export function formatText(findings: readonly CliFinding[], documents?: number): string {
  const lines = findings.map((f) => `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.code} ${f.message}`);
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  lines.push(`${count('error')} errors, ${count('warning')} warnings, ${count('information')} information${documents !== undefined ? ` in ${documents} documents` : ''}`);
  return lines.join('\n') + '\n';
}

export function formatSarif(findings: readonly CliFinding[]): string {
  const rules = RULES.map((r) => {
    const c = ruleCitation(r);
    return {
      id: r.code,
      name: r.title.replace(/[^A-Za-z0-9]+(.)?/g, (_, ch: string | undefined) => (ch ? ch.toUpperCase() : '')),
      shortDescription: { text: r.title },
      fullDescription: { text: r.explain },
      help: { text: c ? `${r.explain} See ${c.label}: ${c.url}` : r.explain },
      ...(c ? { helpUri: c.url } : {}),
      defaultConfiguration: { level: sarifLevel(r.severity) },
      properties: { tags: ['cmmc', ...(r.paragraphs.length ? ['32-cfr-170'] : [])], citations: r.paragraphs.map((p) => cite(p).label) },
    };
  });
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'cmmc-check', version: VERSION, semanticVersion: VERSION, informationUri: 'https://www.ecfr.gov/current/title-32/part-170', rules } },
        columnKind: 'utf16CodeUnits',
        results: findings.map((f) => ({
          ruleId: f.code,
          ruleIndex: index.get(f.code) ?? -1,
          level: sarifLevel(f.severity),
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: f.file.split('\\').join('/') },
                region: { startLine: f.range.start.line + 1, startColumn: f.range.start.character + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1 },
              },
            },
          ],
          ...(f.citation ? { properties: { citation: f.citation } } : {}),
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

function sarifLevel(s: Finding['severity']): 'error' | 'warning' | 'note' {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note';
}

/** The whole command: returns the exit code and writes to the given streams. */
export function main(argv: readonly string[], out: (s: string) => void, err: (s: string) => void, cwd = process.cwd()): number {
  let opts: ReturnType<typeof parseArgs>;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    err(`cmmc-check: ${(e as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (opts === 'help') {
    out(`${USAGE}\n`);
    return 0;
  }
  if (opts === 'version') {
    out(`${VERSION}\n`);
    return 0;
  }
  let findings: CliFinding[];
  let documents = 0;
  try {
    ({ findings, documents } = check(opts, cwd));
  } catch (e) {
    if (e instanceof IoError) {
      err(`cmmc-check: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (opts.format === 'json') out(JSON.stringify(findings, null, 2) + '\n');
  else if (opts.format === 'sarif') out(formatSarif(findings));
  else out(formatText(findings, documents));
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}

if (require.main === module) {
  const code = main(process.argv.slice(2), (s) => process.stdout.write(s), (s) => process.stderr.write(s));
  process.exitCode = code;
}
