/**
 * Debounced, superseding runs per document: a run waits until the document has been quiet for
 * the delay; a newer request for the same document replaces the pending one (runs are never
 * queued, and a run is synchronous, so there is never an older run still going).
 */
export class Debouncer {
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly run: (key: string) => void) {}

  /** Run for `key` after `delay` ms, replacing any pending run for it. */
  schedule(key: string, delay: number): void {
    this.cancel(key);
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        this.run(key);
      }, delay),
    );
  }

  /** Drop the pending run for `key`, if any. */
  cancel(key: string): void {
    const timer = this.pending.get(key);
    if (timer) clearTimeout(timer);
    this.pending.delete(key);
  }

  /** How many runs are pending. */
  get size(): number {
    return this.pending.size;
  }

  /** Is a run pending for `key`? */
  has(key: string): boolean {
    return this.pending.has(key);
  }
}
