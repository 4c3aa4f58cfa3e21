/**
 * The `cmmc-check` entry point (dist/cli.js): the subcommands live in cli/, this file only runs
 * them with the process's streams. Output that cannot be written (stdout closed by `| head`,
 * a full disk) ends the run with exit 2 and one line on stderr, never a stack trace.
 */
import { main } from './cli/main';

export { main };
export { check } from './cli/check';

/** The one line for a failed write of the output. */
export function writeFailure(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  const why =
    code === 'EPIPE'
      ? 'the output was closed before the report was complete (EPIPE)'
      : code === 'ENOSPC'
        ? 'the disk is full (ENOSPC)'
        : String((e as Error)?.message ?? e).split('\n')[0];
  return `cmmc-check: cannot write the output: ${why}\n`;
}

if (require.main === module) {
  const fail = (e: unknown) => {
    try {
      process.stderr.write(writeFailure(e));
    } catch {
      /* stderr is gone too: the exit code still says it */
    }
    process.exit(2);
  };
  process.stdout.on('error', fail);
  const out = (s: string) => {
    try {
      process.stdout.write(s);
    } catch (e) {
      fail(e);
    }
  };
  process.exitCode = main(process.argv.slice(2), out, (s) => process.stderr.write(s));
}
