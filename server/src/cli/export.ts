/**
 * `cmmc-check export oscal <file> [--out FILE]`: an SSP or POA&M (YAML or markdown) as OSCAL
 * 1.1.3 JSON, on stdout or into FILE. A document with findings still exports; values OSCAL
 * cannot hold are left out with a warning on stderr. Exit 0 done, 2 usage, I/O, or a document
 * that does not parse.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseCmmcDocument } from '../documents/parse';
import { exportOscal, exportRefusal } from '../oscal/exportOscal';
import { UsageError } from './errors';
import type { CliIo } from './io';

export const EXPORT_USAGE = `Usage: cmmc-check export oscal <file.ssp.yaml|file.poam.yaml|.md> [--out FILE]

Writes the SSP or POA&M as NIST OSCAL 1.1.3 JSON (system-security-plan or
plan-of-action-and-milestones) to stdout, or to FILE. Mapping: docs/OSCAL.md.`;

export interface OscalArgs {
  readonly file: string;
  readonly out?: string;
}

/** `oscal <file> [--out FILE]`, shared by export and import; 'help' for -h/--help. */
export function parseOscalArgs(argv: readonly string[], command: string): OscalArgs | 'help' {
  if (argv.includes('-h') || argv.includes('--help')) return 'help';
  if (argv[0] !== 'oscal') throw new UsageError(`${command} knows one format: oscal (got ${argv[0] === undefined ? 'nothing' : `"${argv[0]}"`})`);
  let file: string | undefined;
  let out: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--out' || arg === '-o') {
      out = argv[++i];
      if (out === undefined) throw new UsageError(`${arg} needs a file`);
    } else if (arg.startsWith('--out=')) out = arg.slice(6);
    else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else if (file === undefined) file = arg;
    else throw new UsageError(`one file at a time (got "${file}" and "${arg}")`);
  }
  if (file === undefined) throw new UsageError(`${command} oscal needs a file`);
  return { file, out };
}

/** Run a CLI body, turning usage errors into exit 2 with the usage text. */
export function withUsage(io: CliIo, usage: string, body: () => number): number {
  try {
    return body();
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`cmmc-check: ${e.message}\n\n${usage}\n`);
    return 2;
  }
}

/** Read a file named on the command line, or undefined after saying why on stderr. */
export function readInput(io: CliIo, file: string): string | undefined {
  try {
    return readFileSync(resolve(io.cwd, file), 'utf8');
  } catch (e) {
    io.err(`cmmc-check: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return undefined;
  }
}

/** Write the result to --out or stdout; false after saying why on stderr. */
export function writeOutput(io: CliIo, out: string | undefined, content: string): boolean {
  if (out === undefined) {
    io.out(content);
    return true;
  }
  try {
    writeFileSync(resolve(io.cwd, out), content);
    return true;
  } catch (e) {
    io.err(`cmmc-check: cannot write ${out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return false;
  }
}

/** The export subcommand. */
export function runExport(argv: readonly string[], io: CliIo): number {
  return withUsage(io, EXPORT_USAGE, () => {
    const args = parseOscalArgs(argv, 'export');
    if (args === 'help') {
      io.out(`${EXPORT_USAGE}\n`);
      return 0;
    }
    const text = readInput(io, args.file);
    if (text === undefined) return 2;
    const parsed = parseCmmcDocument(pathToFileURL(resolve(io.cwd, args.file)).href, text);
    if (!parsed) {
      io.err(`cmmc-check: ${args.file} is not an SSP or POA&M (name it *.ssp.yaml / *.poam.yaml or .md, or give it \`kind: ssp|poam\`)\n`);
      return 2;
    }
    const refusal = exportRefusal(parsed);
    if (refusal) {
      io.err(`cmmc-check: ${args.file}: not exported: ${refusal}\n`);
      return 2;
    }
    const result = exportOscal(parsed);
    for (const w of result.warnings) io.err(`cmmc-check: ${args.file}: warning: ${w}\n`);
    return writeOutput(io, args.out, result.json) ? 0 : 2;
  });
}
