/**
 * The path to Conditional status: the smallest set of NOT MET requirements to meet so that an SSP
 * becomes Conditional eligible (170.21(a)(2)-(3): the threshold of 5 x score >= 4 x max, and no
 * NOT MET requirement left that may not be deferred). "Smallest" means the fewest points of work
 * (the points the chosen requirements give back to the score), ties broken by the fewest
 * requirements.
 *
 * The requirements that may not be deferred are forced (every one must be met whatever the
 * score); the rest is a 0/1 knapsack over the deferrable gaps: reach the points still missing with
 * the smallest sum. Points per requirement are at most 5, so a table over reachable sums (at most
 * 313 at Level 2) is exact and takes well under a millisecond. The verdict itself stays in
 * verdict.ts: the result is checked against it, never re-derived.
 */
import { meetsThreshold, thresholdScore, type NotMet, type SspScore } from './scoring';
import { verdictOf } from './verdict';

export interface PathToConditional {
  /** What the path leads to: Conditional (Levels 2 and 3) or Final (Level 1 has no Conditional). */
  readonly target: 'conditional' | 'final';
  /** Nothing to do: the SSP is already Conditional eligible (or Final). */
  readonly none: boolean;
  /** The requirements that may not be deferred: all of them must be met. */
  readonly forced: readonly NotMet[];
  /** The deferrable requirements chosen to reach the threshold (in catalog order). */
  readonly chosen: readonly NotMet[];
  /** forced + chosen, in catalog order. */
  readonly steps: readonly NotMet[];
  /** Points of work: the points the steps give back to the score. */
  readonly points: number;
  /** The score once every step is met. */
  readonly reaches: number;
  /** The score the target needs (88 of 110, 20 of 24; Level 1: all 15). */
  readonly needed: number;
}

/** Points meeting `n` gives back to the score of a `level` assessment (requirements of another level give none). */
export function gainOf(n: NotMet, level: number): number {
  if (n.requirement.level !== level) return 0;
  return level === 2 ? n.deduction : 1;
}

/** The score with the given NOT MET requirements met, as scoring.ts would compute it. */
export function scoreWith(s: SspScore, met: readonly NotMet[]): SspScore {
  const gone = new Set(met.map((n) => n.requirement.id));
  const gained = met.reduce((sum, n) => sum + gainOf(n, s.level), 0);
  const score = s.score + gained;
  const notMet = s.notMet.filter((n) => !gone.has(n.requirement.id));
  const open = s.open - gained;
  return { ...s, score, open, notMet, meetsThreshold: s.level === 1 ? notMet.every((n) => n.requirement.level !== 1) : meetsThreshold(score, s.max) };
}

/** The cheapest set of requirements to meet for Conditional eligibility (Level 1: for Final). */
export function pathToConditional(s: SspScore): PathToConditional {
  const verdict = verdictOf(s);
  const needed = s.level === 1 ? s.max : thresholdScore(s.level);
  const order = new Map(s.notMet.map((n, i) => [n.requirement.id, i]));
  const byCatalog = (a: NotMet, b: NotMet) => order.get(a.requirement.id)! - order.get(b.requirement.id)!;
  if (verdict.kind !== 'not-eligible') {
    return { target: s.level === 1 ? 'final' : 'conditional', none: true, forced: [], chosen: [], steps: [], points: 0, reaches: s.score, needed };
  }
  if (s.level === 1) {
    // All or nothing (170.24(c)(1)): every gap is forced.
    const steps = [...s.notMet];
    return { target: 'final', none: false, forced: steps, chosen: [], steps, points: steps.length, reaches: s.max, needed };
  }
  const forced = [...verdict.blocked];
  const forcedIds = new Set(forced.map((n) => n.requirement.id));
  const forcedGain = forced.reduce((sum, n) => sum + gainOf(n, s.level), 0);
  const missing = Math.max(0, needed - (s.score + forcedGain));
  // Only gaps that give points can help; a zero-point gap would only add a requirement.
  const pool = s.notMet.filter((n) => !forcedIds.has(n.requirement.id) && gainOf(n, s.level) > 0);
  const chosen = missing === 0 ? [] : cheapestReaching(pool, missing, (n) => gainOf(n, s.level));
  if (!chosen) throw new Error('pathToConditional: the threshold cannot be reached (the catalog is inconsistent)');
  const steps = [...forced, ...chosen].sort(byCatalog);
  chosen.sort(byCatalog);
  const points = steps.reduce((sum, n) => sum + gainOf(n, s.level), 0);
  const after = scoreWith(s, steps);
  if (verdictOf(after).kind === 'not-eligible') throw new Error('pathToConditional: the path does not reach Conditional eligibility');
  return { target: 'conditional', none: false, forced: forced.sort(byCatalog), chosen, steps, points, reaches: after.score, needed };
}

/**
 * The subset of `items` whose gains sum to at least `target` with the smallest sum, ties by the
 * fewest items; undefined when even all of them fall short. best[s] = fewest items summing to
 * exactly s, filled item by item (0/1), with the item that last improved it kept per layer.
 */
export function cheapestReaching<T>(items: readonly T[], target: number, gain: (t: T) => number): T[] | undefined {
  const gains = items.map(gain);
  const total = gains.reduce((a, b) => a + b, 0);
  if (total < target) return undefined;
  const INF = Number.MAX_SAFE_INTEGER;
  let best = new Array<number>(total + 1).fill(INF);
  best[0] = 0;
  // took[i][s]: did item i improve best[s] in its layer (for walking the choice back).
  const took: Uint8Array[] = [];
  let reach = 0;
  for (let i = 0; i < items.length; i++) {
    const g = gains[i];
    const next = best.slice();
    const mark = new Uint8Array(total + 1);
    for (let sum = reach; sum >= 0; sum--) {
      if (best[sum] === INF) continue;
      const to = sum + g;
      if (best[sum] + 1 < next[to]) {
        next[to] = best[sum] + 1;
        mark[to] = 1;
      }
    }
    reach += g;
    best = next;
    took.push(mark);
  }
  let sum = target;
  while (best[sum] === INF) sum++;
  const out: T[] = [];
  for (let i = items.length - 1; i >= 0 && sum > 0; i--) {
    if (took[i][sum]) {
      out.push(items[i]);
      sum -= gains[i];
    }
  }
  return out.reverse();
}
