/**
 * The path to Conditional: checked against brute force (every subset, scored by scoring.ts and
 * judged by verdict.ts from a re-written SSP) on small cases, and timed on a 110-practice SSP.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requirementsForSsp, type Level } from '../../server/src/catalog/requirements';
import type { SspDoc, SspPractice } from '../../server/src/documents/model';
import { cheapestReaching, pathToConditional } from '../../server/src/domain/pathToConditional';
import { scoreSsp, type SspScore } from '../../server/src/domain/scoring';
import { verdictOf } from '../../server/src/domain/verdict';
import { rng } from './helpers';

const at = { start: 0, end: 0 };
const loc = <T>(value: T) => ({ value, span: at });

/** An SSP model: every requirement of `level` met except `gaps` (id -> extra fields such as encryption). */
function ssp(level: Level, gaps: Record<string, Record<string, string>>): SspDoc {
  const practices: SspPractice[] = requirementsForSsp(level).map((r) => {
    const gap = gaps[r.id];
    const extra: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(gap ?? {})) extra[k] = loc(v);
    return { id: loc(r.id), span: at, status: loc(gap ? 'not-met' : 'met'), ...extra } as SspPractice;
  });
  return { kind: 'ssp', syntax: 'yaml', level: loc(level), anchor: at, practices, dates: [] };
}

/** The best (points, count) by trying every subset of the gaps that may be deferred, forced ones always met. */
function bruteForce(level: Level, gaps: Record<string, Record<string, string>>): { points: number; count: number } {
  const s = scoreSsp(ssp(level, gaps))!;
  const blocked = new Set(verdictOf(s).blocked.map((n) => n.requirement.id));
  const optional = s.notMet.filter((n) => !blocked.has(n.requirement.id)).map((n) => n.requirement.id);
  let best: { points: number; count: number } | undefined;
  for (let mask = 0; mask < 1 << optional.length; mask++) {
    const met = new Set([...blocked, ...optional.filter((_, i) => mask & (1 << i))]);
    const left = Object.fromEntries(Object.entries(gaps).filter(([id]) => !met.has(id)));
    const after = scoreSsp(ssp(level, left))!;
    if (verdictOf(after).kind === 'not-eligible') continue;
    const points = after.score - s.score;
    if (!best || points < best.points || (points === best.points && met.size < best.count)) best = { points, count: met.size };
  }
  return best!;
}

/** `n` distinct random picks from `ids`. */
function pick(ids: readonly string[], n: number, r: () => number): string[] {
  const pool = [...ids];
  const out: string[] = [];
  while (out.length < n && pool.length) out.push(pool.splice(Math.floor(r() * pool.length), 1)[0]);
  return out;
}

test('already eligible: nothing to do; Final: nothing to do', () => {
  const p = pathToConditional(scoreSsp(ssp(2, { 'AC.L2-3.1.9': {} }))!);
  assert.equal(p.none, true);
  assert.deepEqual(p.steps, []);
  assert.equal(p.reaches, 109);
  assert.equal(pathToConditional(scoreSsp(ssp(2, {}))!).none, true);
});

test('only non-deferrable gaps: they are forced and nothing else is chosen', () => {
  const p = pathToConditional(scoreSsp(ssp(2, { 'AC.L2-3.1.1': {}, 'AC.L2-3.1.20': {}, 'AC.L2-3.1.9': {} }))!);
  assert.deepEqual(
    p.forced.map((n) => n.requirement.id),
    ['AC.L2-3.1.1', 'AC.L2-3.1.20'],
  );
  assert.deepEqual(p.chosen, []);
  assert.equal(p.points, 6);
  assert.equal(p.reaches, 109);
});

test('just below the threshold: one point short needs exactly one one-point requirement', () => {
  const ones = requirementsForSsp(2)
    .filter((r) => r.points === 1 && r.poam === 'yes')
    .map((r) => r.id);
  const gaps = Object.fromEntries(ones.slice(0, 23).map((id) => [id, {}]));
  const p = pathToConditional(scoreSsp(ssp(2, gaps))!);
  assert.equal(p.reaches, 88);
  assert.equal(p.points, 1);
  assert.equal(p.steps.length, 1);
  // Exactly at the threshold: nothing.
  const at88 = Object.fromEntries(ones.slice(0, 22).map((id) => [id, {}]));
  assert.equal(pathToConditional(scoreSsp(ssp(2, at88))!).none, true);
});

test('ties on points go to the fewest requirements (a 3-point gap beats three 1-point gaps)', () => {
  const ones = requirementsForSsp(2)
    .filter((r) => r.points === 1 && r.poam === 'yes')
    .map((r) => r.id);
  const gaps: Record<string, Record<string, string>> = Object.fromEntries(ones.slice(0, 24).map((id) => [id, {}]));
  gaps['SC.L2-3.13.11'] = { encryption: 'not-fips-validated' };
  // 24 + 3 = 27 open, score 83: 5 points needed; best is SC.L2-3.13.11 (3) + two one-pointers.
  const p = pathToConditional(scoreSsp(ssp(2, gaps))!);
  assert.equal(p.points, 5);
  assert.equal(p.steps.length, 3);
  assert.ok(p.steps.some((n) => n.requirement.id === 'SC.L2-3.13.11'));
  assert.deepEqual(bruteForceBounded(scoreSsp(ssp(2, gaps))!, 5), { points: 5, count: 3 });
});

test('Level 1: every gap is forced and the target is Final', () => {
  const p = pathToConditional(scoreSsp(ssp(1, { 'AC.L1-b.1.i': {}, 'SI.L1-b.1.xv': {} }))!);
  assert.equal(p.target, 'final');
  assert.equal(p.steps.length, 2);
  assert.equal(p.reaches, 15);
  assert.equal(p.points, 2, 'one per requirement (Level 1 has no point values)');
});

test('Level 3: matches brute force on random gap sets (Level 2 gaps forced, excluded Level 3 gaps forced)', () => {
  const r = rng(314);
  const l3 = requirementsForSsp(3)
    .filter((q) => q.level === 3)
    .map((q) => q.id);
  const l2 = requirementsForSsp(2).map((q) => q.id);
  for (let round = 0; round < 40; round++) {
    const gaps: Record<string, Record<string, string>> = {};
    for (const id of pick(l3, 4 + Math.floor(r() * 6), r)) gaps[id] = {};
    for (const id of pick(l2, Math.floor(r() * 3), r)) gaps[id] = {};
    const s = scoreSsp(ssp(3, gaps))!;
    const p = pathToConditional(s);
    const want = bruteForce(3, gaps);
    assert.deepEqual({ points: p.points, count: p.steps.length }, want, JSON.stringify(Object.keys(gaps)));
    if (!p.none)
      assert.notEqual(
        verdictOf(scoreSsp(ssp(3, Object.fromEntries(Object.entries(gaps).filter(([id]) => !p.steps.some((n) => n.requirement.id === id)))))!).kind,
        'not-eligible',
      );
  }
});

test('Level 2: matches brute force on random gap sets near the threshold', () => {
  const r = rng(2718);
  const ones = requirementsForSsp(2)
    .filter((q) => q.points === 1 && q.poam === 'yes')
    .map((q) => q.id);
  const heavy = requirementsForSsp(2)
    .filter((q) => q.poam !== 'yes')
    .map((q) => q.id);
  for (let round = 0; round < 25; round++) {
    const gaps: Record<string, Record<string, string>> = {};
    // 23 one-pointers lands just under 88; a few more, a few forced, sometimes SC.L2-3.13.11 at 3.
    for (const id of pick(ones, 23 + Math.floor(r() * 3), r)) gaps[id] = {};
    for (const id of pick(heavy, Math.floor(r() * 3), r)) gaps[id] = {};
    if (r() < 0.5) gaps['SC.L2-3.13.11'] = { encryption: 'not-fips-validated' };
    const s = scoreSsp(ssp(2, gaps))!;
    const p = pathToConditional(s);
    // Brute force over every subset is 2^26 here: restrict to the subsets that can be optimal
    // (count <= points <= the points of the answer found), which is still every candidate.
    const want = bruteForceBounded(
      s,
      p.chosen.reduce((sum, n) => sum + n.deduction, 0),
    );
    assert.deepEqual({ points: p.points, count: p.steps.length }, want);
  }
});

/** Brute force over subsets of at most `bound` optional gaps (each gives >= 1 point, so no cheaper set is larger). */
function bruteForceBounded(s: SspScore, bound: number): { points: number; count: number } {
  const blocked = verdictOf(s).blocked;
  const optional = s.notMet.filter((n) => !blocked.includes(n));
  const forcedGain = blocked.reduce((sum, n) => sum + n.deduction, 0);
  let best: { points: number; count: number } | undefined;
  const walk = (from: number, gain: number, count: number) => {
    if (meets(s.score + forcedGain + gain, s.max)) {
      const points = forcedGain + gain;
      const total = blocked.length + count;
      if (!best || points < best.points || (points === best.points && total < best.count)) best = { points, count: total };
      return;
    }
    if (count >= bound) return;
    for (let i = from; i < optional.length; i++) walk(i + 1, gain + optional[i].deduction, count + 1);
  };
  walk(0, 0, 0);
  return best!;
}

const meets = (score: number, max: number) => 5 * score >= 4 * max;

test('cheapestReaching equals brute force on random gains', () => {
  const r = rng(99);
  for (let round = 0; round < 300; round++) {
    const gains = Array.from({ length: 1 + Math.floor(r() * 12) }, () => 1 + Math.floor(r() * 5));
    const total = gains.reduce((a, b) => a + b, 0);
    const target = Math.floor(r() * (total + 3));
    const got = cheapestReaching(
      gains.map((g, i) => ({ g, i })),
      target,
      (x) => x.g,
    );
    let best: { sum: number; count: number } | undefined;
    for (let mask = 0; mask < 1 << gains.length; mask++) {
      let sum = 0;
      let count = 0;
      gains.forEach((g, i) => {
        if (mask & (1 << i)) {
          sum += g;
          count++;
        }
      });
      if (sum >= target && (!best || sum < best.sum || (sum === best.sum && count < best.count))) best = { sum, count };
    }
    if (!best) assert.equal(got, undefined);
    else {
      assert.ok(got);
      assert.equal(new Set(got.map((x) => x.i)).size, got.length, 'each item at most once');
      assert.deepEqual({ sum: got.reduce((a, x) => a + x.g, 0), count: got.length }, best, JSON.stringify({ gains, target }));
    }
  }
});

test('fast: a 110-practice SSP with 40 gaps in well under 100 ms', () => {
  const r = rng(7);
  const gaps: Record<string, Record<string, string>> = {};
  const ones = requirementsForSsp(2)
    .filter((q) => q.points === 1 && q.poam === 'yes')
    .map((q) => q.id);
  for (const id of pick(ones, 34, r)) gaps[id] = {};
  for (const id of pick(
    requirementsForSsp(2)
      .filter((q) => q.poam !== 'yes')
      .map((q) => q.id),
    6,
    r,
  ))
    gaps[id] = {};
  const s = scoreSsp(ssp(2, gaps))!;
  assert.equal(s.notMet.length, 40);
  const t0 = performance.now();
  const p = pathToConditional(s);
  const ms = performance.now() - t0;
  assert.ok(ms < 100, `took ${ms.toFixed(1)} ms`);
  assert.ok(p.reaches >= 88);
  assert.equal(p.forced.length, 6);
});
