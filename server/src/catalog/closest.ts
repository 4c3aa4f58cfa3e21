/**
 * "Did you mean ...?": the closest words to a mistyped one, for practice ids (unknown-practice)
 * and field names (unknown fields). Distance is the optimal-string-alignment distance, so a
 * transposition (`3.31` for `3.13`) costs one edit like a single typo.
 */

/** Edit distance where insertion, deletion, substitution and swapping two neighbours cost 1. */
export function editDistance(a: string, b: string): number {
  if (a.length > 64 || b.length > 64) return Math.abs(a.length - b.length) + 64;
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(rows[i - 1][j] + 1, cur[j - 1] + 1, rows[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      cur[j] = d;
    }
    rows.push(cur);
  }
  return rows[a.length][b.length];
}

/**
 * The known word closest to `word` (case-insensitive), or undefined when none is close enough
 * to be a typo of it (at most a third of its length in edits, at least 2; or a prefix of 3+ letters).
 */
export function closestWord(word: string, known: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: { k: string; d: number } | undefined;
  for (const k of known) {
    const kl = k.toLowerCase();
    const d = w.length >= 3 && kl.startsWith(w) ? 1 : editDistance(w, kl);
    if (!best || d < best.d) best = { k, d };
  }
  return best && best.d <= Math.max(2, Math.floor(w.length / 3)) ? best.k : undefined;
}
