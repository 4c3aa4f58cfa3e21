/**
 * The verdict on an SSP's score, written once: Final (everything met), Conditional eligible
 * (threshold met and every gap deferrable, 170.21(a)(2)-(3)) or not eligible, with the reasons.
 * The `ssp-score` finding, the CodeLens, the status bar and the report all read it.
 */
import { deferral } from './deferral';
import { thresholdScore, type NotMet, type SspScore } from './scoring';

export type VerdictKind = 'final' | 'conditional' | 'not-eligible';

export interface Verdict {
  readonly kind: VerdictKind;
  /** The NOT MET requirements that may not be deferred (they block Conditional status). */
  readonly blocked: readonly NotMet[];
  /** Why not eligible, in words ("below the 88 needed", "2 not-met requirements may not be deferred"). */
  readonly reasons: readonly string[];
}

/** `n` and the noun, singular or plural ("1 point", "3 points"). */
export function counted(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}

/** Judge a score. Level 1 is all or nothing: final when all 15 are met, else not eligible. */
export function verdictOf(s: SspScore): Verdict {
  if (s.notMet.length === 0) return { kind: 'final', blocked: [], reasons: [] };
  if (s.level === 1) return { kind: 'not-eligible', blocked: s.notMet, reasons: ['Level 1 needs every requirement met (no POA&M)'] };
  const blocked = s.notMet.filter((n) => !deferral(n.requirement, s.level, n.practice?.encryption?.value).deferrable);
  const reasons: string[] = [];
  if (!s.meetsThreshold) reasons.push(`below the ${thresholdScore(s.level)} needed`);
  if (blocked.length) reasons.push(`${counted(blocked.length, 'not-met requirement')} may not be deferred`);
  return { kind: reasons.length ? 'not-eligible' : 'conditional', blocked, reasons };
}

/** The verdict in the words of `ssp-score` and the CodeLens. */
export function verdictText(v: Verdict): string {
  if (v.kind === 'final') return 'all requirements met';
  if (v.kind === 'conditional') return 'conditional eligible';
  return 'not conditional eligible';
}
