/**
 * `cmmc-check import oscal <file.json> [--out FILE]`: an OSCAL POA&M or SSP (JSON) as our YAML,
 * on stdout or into FILE, with one line on stderr saying what did not map. Exit 0 done, 2 usage,
 * I/O, or a file that is not OSCAL JSON.
 */
import { importOscal } from '../oscal/importOscal';
import { parseOscalArgs, readInput, withUsage, writeOutput } from './export';
import type { CliIo } from './io';

export const IMPORT_USAGE = `Usage: cmmc-check import oscal <file.json> [--out FILE]

Turns an OSCAL plan-of-action-and-milestones or system-security-plan (JSON) into a CMMC
POA&M or SSP in YAML, on stdout or into FILE. What does not map is summed up on stderr.`;

/** The import subcommand. */
export function runImport(argv: readonly string[], io: CliIo): number {
  return withUsage(io, IMPORT_USAGE, () => {
    const args = parseOscalArgs(argv, 'import');
    if (args === 'help') {
      io.out(`${IMPORT_USAGE}\n`);
      return 0;
    }
    const text = readInput(io, args.file);
    if (text === undefined) return 2;
    const result = importOscal(text);
    if ('error' in result) {
      io.err(`cmmc-check: ${args.file}: ${result.error}\n`);
      return 2;
    }
    if (result.summary) io.err(`cmmc-check: ${args.file}: ${result.summary}\n`);
    return writeOutput(io, args.out, result.yaml) ? 0 : 2;
  });
}
