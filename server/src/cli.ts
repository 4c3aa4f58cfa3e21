/**
 * The `cmmc-check` entry point (dist/cli.js): the subcommands live in cli/, this file only runs
 * them with the process's streams.
 */
import { main } from './cli/main';

export { main };
export { check } from './cli/check';

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), (s) => process.stdout.write(s), (s) => process.stderr.write(s));
}
