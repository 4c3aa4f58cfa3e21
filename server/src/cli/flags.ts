/**
 * Argument parsing shared by the subcommands: node:util parseArgs (`--out=FILE`, `--out FILE`,
 * `-o FILE`, `--` before paths that start with a dash), with its errors turned into one-line
 * usage errors, and the checks on values that several subcommands take.
 */
import { type ParseArgsConfig, parseArgs as parseNodeArgs } from 'node:util';
import { parseDay } from '../documents/dates';
import { UsageError } from './errors';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parse `argv` against `options` (strict: an unknown flag is a UsageError). */
export function parseFlags<O extends Options>(argv: readonly string[], options: O) {
  try {
    return parseNodeArgs({ args: [...argv], allowPositionals: true, strict: true, options });
  } catch (e) {
    // node's messages are long and name its own API: keep the first sentence.
    throw new UsageError(
      String((e as Error).message)
        .split('. ')[0]
        .replace(/\.$/, ''),
    );
  }
}

/** A `YYYY-MM-DD` value that is a real day, or a UsageError naming the flag. */
export function dayFlag(flag: string, value: string): string {
  if (parseDay(value) === undefined) throw new UsageError(`${flag} must be a real date written YYYY-MM-DD (got "${value}")`);
  return value;
}
