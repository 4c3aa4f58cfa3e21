/**
 * 32 CFR 170.24 — CMMC scoring methodology, and the Conditional threshold of 170.21(a)(2)(i) and
 * (a)(3)(i). Pure arithmetic over the SSP model and the catalog.
 *
 * - Level 2 (170.24(c)(2)): 110 minus the point value of every requirement NOT MET. A practice
 *   absent from the SSP is NOT MET. NOT APPLICABLE (170.24(b)(3)) and a temporary deficiency in
 *   the operational plan of action (170.24(b)(1)(ii)) count as MET. Partial credit
 *   ((c)(2)(i)(B)(4)): IA.L2-3.5.3 deducts 3 with `mfa: remote-and-privileged`, SC.L2-3.13.11
 *   deducts 3 with `encryption: not-fips-validated`; otherwise 5. CA.L2-3.12.4 deducts 0
 *   (no point value in (c)(2)(i)(B)(5); "NA" in the DoD Assessment Methodology) but is still NOT MET.
 * - Level 3 (170.24(c)(3)): one point per Level 3 requirement met, of 24.
 * - Level 1 (170.24(c)(1)): all or nothing; the "score" is the count met of 15.
 * - Threshold: 5 x score >= 4 x max (integers: 88 of 110, 20 of 24).
 */
import { maxScore, requirement, requirementsForSsp, requirementsOfLevel, type Level, type Requirement } from '../catalog/requirements';
import type { SspDoc, SspPractice } from '../documents/model';

export interface NotMet {
  readonly requirement: Requirement;
  /** Points this requirement deducts (0 for CA.L2-3.12.4; 1 at Level 3; 0 at Level 1). */
  readonly deduction: number;
  /** The SSP entry, or undefined when the practice is absent from the SSP. */
  readonly practice?: SspPractice;
}

export interface SspScore {
  readonly level: Level;
  /** Level 2: 110 minus deductions; Level 3: Level 3 requirements met; Level 1: requirements met. */
  readonly score: number;
  /** 110, 24 or 15. */
  readonly max: number;
  /** Points (or requirements at Levels 1 and 3) still open. */
  readonly open: number;
  /** Does the score reach the Conditional threshold (always false at Level 1 unless all met)? */
  readonly meetsThreshold: boolean;
  /** Every requirement of the SSP's level(s) not met, present or absent. */
  readonly notMet: readonly NotMet[];
  /** Is an `operational_plan` credited as MET in this SSP (see operationalPlanCredit)? */
  readonly planCredit: boolean;
}

/** The requirement whose being met makes operational-plan credit possible (170.24(b)(1)(ii)). */
export const OPERATIONAL_PLAN_ID = 'CA.L2-3.12.2';
/** The SSP requirement, which can never be not applicable. */
export const SSP_REQUIREMENT_ID = 'CA.L2-3.12.4';

/**
 * Does this SSP give credit for `operational_plan` entries? At Levels 2 and 3 only while
 * CA.L2-3.12.2 has `status: met` (its own operational_plan does not count); at Level 1, which has
 * no CA.L2-3.12.2, always.
 */
export function operationalPlanCredit(doc: SspDoc): boolean {
  const level = doc.level?.value;
  if (!level || level === 1) return true;
  return lastEntry(doc, OPERATIONAL_PLAN_ID)?.status?.value === 'met';
}

/** The SSP's entry for a practice id (the later one when listed twice). */
export function lastEntry(doc: SspDoc, id: string): SspPractice | undefined {
  for (let i = doc.practices.length - 1; i >= 0; i--) if (doc.practices[i].id.value === id) return doc.practices[i];
  return undefined;
}

/**
 * Is a listed practice scored MET: met, not-applicable (never for CA.L2-3.12.4), or covered by an
 * operational plan of action when `planCredit` (see operationalPlanCredit) allows it.
 */
export function scoredMet(p: SspPractice, planCredit = true): boolean {
  if (planCredit && p.operationalPlan) return true;
  if (p.status?.value === 'not-applicable') return p.id.value !== SSP_REQUIREMENT_ID;
  return p.status?.value === 'met';
}

/** Points a NOT MET requirement deducts at its own level, given the SSP entry (partial credit). */
export function deduction(req: Requirement, practice?: SspPractice): number {
  if (req.level === 1) return 0;
  if (req.level === 3) return 1;
  if (req.partial && practice) {
    const field = req.partial.field === 'mfa' ? practice.mfa : practice.encryption;
    if (field?.value === req.partial.value) return req.partial.points;
  }
  return req.points ?? 0;
}

/**
 * The least a Level 2 requirement NOT MET at assessment can have deducted (for
 * poam-score-inconsistent): 3 for IA.L2-3.5.3 and SC.L2-3.13.11 unless `sspPractice` (the linked
 * SSP's entry, NOT MET) fixes them at 5; 0 for CA.L2-3.12.4; otherwise the point value.
 */
export function lowestDeduction(req: Requirement, sspPractice?: SspPractice): number {
  if (req.level !== 2) return 0;
  if (req.partial) {
    const full = req.points ?? 0;
    if (sspPractice && sspPractice.status?.value === 'not-met' && deduction(req, sspPractice) === full) return full;
    return req.partial.points;
  }
  return req.points ?? 0;
}

/**
 * The highest assessment score a POA&M's items allow: every item was a requirement NOT MET at
 * the assessment. Level 2: 110 minus the lowest deduction of each distinct Level 2 practice on an
 * item; Level 3: 24 minus the number of distinct Level 3 practices. Ids of other levels or of no
 * level do not count. `ssp` is the linked SSP of the same level, if any.
 */
export function scoreAllowedByItems(level: 2 | 3, practiceIds: Iterable<string>, ssp?: SspDoc): { max: number; deducted: number; counted: number } {
  const seen = new Set<string>();
  let deducted = 0;
  for (const id of practiceIds) {
    const req = requirement(id);
    if (!req || req.level !== level || seen.has(id)) continue;
    seen.add(id);
    deducted += level === 3 ? 1 : lowestDeduction(req, ssp ? lastEntry(ssp, id) : undefined);
  }
  return { max: maxScore(level) - deducted, deducted, counted: seen.size };
}

/** The Conditional threshold test of 170.21(a)(2)(i) / (a)(3)(i), in integers. */
export function meetsThreshold(score: number, max: number): boolean {
  return 5 * score >= 4 * max;
}

/** The smallest passing score at a level (88 at Level 2, 20 at Level 3). */
export function thresholdScore(level: Level): number {
  return Math.ceil((4 * maxScore(level)) / 5);
}

/** Score an SSP. Undefined when the SSP has no valid level. */
export function scoreSsp(doc: SspDoc): SspScore | undefined {
  const level = doc.level?.value;
  if (!level) return undefined;
  const listed = new Map<string, SspPractice>();
  for (const p of doc.practices) if (requirement(p.id.value)) listed.set(p.id.value, p);
  const planCredit = operationalPlanCredit(doc);
  const notMet: NotMet[] = [];
  for (const req of requirementsForSsp(level)) {
    const practice = listed.get(req.id);
    if (practice && scoredMet(practice, planCredit)) continue;
    notMet.push({ requirement: req, deduction: deduction(req, practice), practice });
  }
  const ofLevel = notMet.filter((n) => n.requirement.level === level);
  const max = level === 1 ? requirementsOfLevel(1).length : maxScore(level);
  const open = level === 2 ? ofLevel.reduce((sum, n) => sum + n.deduction, 0) : ofLevel.length;
  const score = max - open;
  return { level, score, max, open, meetsThreshold: level === 1 ? open === 0 : meetsThreshold(score, max), notMet, planCredit };
}
