/**
 * 32 CFR 170.21(a)(1)-(3) and 170.18(a): may a NOT MET requirement be deferred to a POA&M?
 * One answer, with the paragraph that gives it; the rules, hovers, completion, the verdict and
 * the report all ask here.
 */
import type { Level, Requirement } from '../catalog/requirements';

export type Deferral =
  | { readonly deferrable: true }
  | { readonly deferrable: false; readonly reason: 'level1' | 'wrong-level' | 'excluded' | 'points'; readonly paragraph: string };

/**
 * May `req`, NOT MET, be deferred to the POA&M of a `docLevel` assessment? `encryption` is the
 * value that decides SC.L2-3.13.11's exception.
 */
export function deferral(req: Requirement, docLevel: Level, encryption?: string): Deferral {
  if (docLevel === 1) return { deferrable: false, reason: 'level1', paragraph: '170.21(a)(1)' };
  if (req.level !== docLevel) return { deferrable: false, reason: 'wrong-level', paragraph: docLevel === 3 ? '170.18(a)' : '170.21(a)(2)' };
  if (req.poam === 'excluded') return { deferrable: false, reason: 'excluded', paragraph: req.poamParagraph };
  if (req.poam === 'conditional') {
    return encryption === 'not-fips-validated' ? { deferrable: true } : { deferrable: false, reason: 'points', paragraph: '170.21(a)(2)(ii)' };
  }
  if (req.poam === 'no') return { deferrable: false, reason: 'points', paragraph: '170.21(a)(2)(ii)' };
  return { deferrable: true };
}
