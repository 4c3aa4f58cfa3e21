/**
 * When a changed document is checked (checkDelay), and the superseding runs per document that
 * carry it out (Debouncer).
 *
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

/**
 * Checks that cost less than this (ms) never wait for the user to stop typing: the next one
 * starts as soon as the last one has been over for its own cost, so checking takes at most half
 * the time and each block is too short to feel. Dearer ones are debounced.
 */
export const CHEAP_CHECK_MS = 50;
/** The quiet time a dear document waits for: twice its last check, between these (ms). */
export const DEBOUNCE_MIN_MS = 25;
export const DEBOUNCE_MAX_MS = 150;

/**
 * How long to wait before checking a document that just changed, from what its last check cost
 * (ms, undefined if never checked) and when that check ended (`since` ms ago):
 * - cheap (under CHEAP_CHECK_MS): what is left of `cost` since the last check (0 after a pause);
 * - dear: at once after a pause of the quiet time (twice the cost, 25 to 150 ms) when nothing is
 *   pending, else the quiet time again, so a burst of keystrokes merges into one check.
 */
export function checkDelay(cost: number | undefined, since: number, pending: boolean): number {
  if (cost === undefined) return DEBOUNCE_MAX_MS;
  if (cost < CHEAP_CHECK_MS) return Math.max(0, Math.ceil(cost - since));
  const quiet = Math.min(DEBOUNCE_MAX_MS, Math.max(DEBOUNCE_MIN_MS, 2 * cost));
  return since >= quiet && !pending ? 0 : quiet;
}
