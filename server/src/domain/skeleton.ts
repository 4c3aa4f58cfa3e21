/**
 * An unfilled SSP skeleton (what `cmmc-check init ssp` writes): it lists practices and every one
 * still reads only `status: not-met`, with nothing else filled in. Such an SSP has not been
 * assessed yet, so the checker gives it one `ssp-score` line ("skeleton: 0 of 110 practices
 * assessed") instead of one eligibility finding per practice. Writing anything into any practice
 * (another status, an implementation statement, a responsible role, ...) ends the skeleton state
 * and every rule applies. See docs/SCAFFOLD.md.
 */
import type { SspDoc, SspPractice } from '../documents/model';

/** Is the practice exactly as the skeleton wrote it: `status: not-met` and no other field? */
export function unfilled(p: SspPractice): boolean {
  return p.status?.value === 'not-met' && !p.implementation && !p.justification && !p.mfa && !p.encryption && !p.operationalPlan && !p.responsible;
}

/** Is the SSP still an unfilled skeleton (at least one practice, all of them unfilled)? */
export function isSkeleton(doc: SspDoc): boolean {
  return doc.practices.length > 0 && doc.practices.every(unfilled);
}
