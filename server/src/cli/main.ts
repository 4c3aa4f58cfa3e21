/**
 * cmmc-check: subcommands dispatched by their first word. `check` is the default, so
 * `cmmc-check samples` and `cmmc-check check samples` are the same run (a folder that happens
 * to be called like a subcommand is reached as `./report`). A new subcommand is one file with a
 * `run(argv, io)` and one line here.
 */
import { runCheck } from './check';
import { runExport } from './export';
import { runImport } from './import';
import { runInit } from './init';
import type { CliIo } from './io';
import { runReport } from './report';

export interface Subcommand {
  /** One line for the usage text. */
  readonly summary: string;
  run(argv: readonly string[], io: CliIo): number;
}

export const SUBCOMMANDS: Record<string, Subcommand> = {
  check: { summary: 'check SSP and POA&M documents (the default)', run: runCheck },
  export: { summary: 'export oscal <file> [--out FILE]: an SSP or POA&M as OSCAL 1.1.3 JSON', run: runExport },
  import: { summary: 'import oscal <file.json> [--out FILE]: an OSCAL SSP or POA&M as YAML', run: runImport },
  init: { summary: 'write an SSP skeleton or a POA&M scaffolded from an SSP', run: runInit },
  report: { summary: 'write the readiness report (HTML or JSON)', run: runReport },
};

/** The whole command: returns the exit code and writes to the given streams. */
export function main(argv: readonly string[], out: (s: string) => void, err: (s: string) => void, cwd = process.cwd()): number {
  const io: CliIo = { out, err, cwd };
  const sub = argv.length > 0 ? SUBCOMMANDS[argv[0]] : undefined;
  try {
    return sub ? sub.run(argv.slice(1), io) : runCheck(argv, io);
  } catch (e) {
    // An internal error is a bug of ours, not a finding: say so, exit 2 (1 means "error findings").
    err(`cmmc-check: internal error: ${(e as Error)?.stack ?? e}\n`);
    return 2;
  }
}
