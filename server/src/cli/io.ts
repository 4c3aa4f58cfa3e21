/** Where a command writes, and the folder it runs in: the process's in production, strings in tests. */
export interface CliIo {
  out(s: string): void;
  err(s: string): void;
  readonly cwd: string;
}
