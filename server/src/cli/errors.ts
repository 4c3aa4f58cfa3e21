/** The two ways the command line fails before it has findings to print: both exit 2. */

/** A bad flag, value or subcommand: the message is printed with the usage. */
export class UsageError extends Error {}

/** A path that cannot be read, or nothing to check: one line on stderr. */
export class IoError extends Error {}
