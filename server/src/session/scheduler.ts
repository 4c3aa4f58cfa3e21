/**
 * When a changed document is checked (checkDelay), and the superseding runs per document that
 * carry it out (Debouncer).
 *
 * Debounced, superseding runs per document: a run waits until the document has been quiet for
 * the delay; a newer request for the same document replaces the pending one (runs are never
 * queued, and a run is synchronous, so there is never an older run still going).
 */
export class Debouncer {
  private readonly pending = new Map<string, () => void>();

  constructor(private readonly run: (key: string) => void) {}

  /** Run for `key` after `delay` ms (0: on the next turn of the event loop), replacing any pending run for it. */
  schedule(key: string, delay: number): void {
    this.cancel(key);
    const fire = () => {
      this.pending.delete(key);
      this.run(key);
    };
    // setTimeout waits at least 1 ms and behind the timers due; a check due now need not.
    if (delay <= 0) {
      const handle = setImmediate(fire);
      this.pending.set(key, () => clearImmediate(handle));
    } else {
      const handle = setTimeout(fire, delay);
      this.pending.set(key, () => clearTimeout(handle));
    }
  }

  /** Drop the pending run for `key`, if any. */
  cancel(key: string): void {
    this.pending.get(key)?.();
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

/** The longest an edited document waits for its check (ms). */
export const DEBOUNCE_MAX_MS = 150;

/**
 * How long to wait before checking a document that just changed, from what its last check cost
 * (ms, undefined if never checked) and how long ago that check ended (`since`, ms): what is left
 * of the cost since then, at most DEBOUNCE_MAX_MS. An edit after a pause is checked at once;
 * while the user types, checks run at most about half the time (one per cost of quiet), a burst
 * of keystrokes merging into one check; a document dearer than the cap waits the cap.
 */
export function checkDelay(cost: number | undefined, since: number): number {
  if (cost === undefined) return DEBOUNCE_MAX_MS;
  return Math.min(DEBOUNCE_MAX_MS, Math.max(0, Math.ceil(cost - since)));
}
