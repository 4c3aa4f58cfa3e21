/**
 * The POA&M closeout assessment of 32 CFR 170.21(b): who may perform it (170.21(b)(1)-(3)), and
 * whether a recorded `closeout:` actually closes the POA&M (passed, on time, by the right
 * assessor, every item completed by its date). Pure: `today` is always passed in. The closeout
 * rules, the clock rules and the CodeLens all ask here.
 */
import type { Level } from '../catalog/requirements';
import { parseDay } from '../documents/dates';
import type { AssessorType, CloseoutRecord, PoamDoc, PoamItem } from '../documents/model';
import { closeoutDay, isOpen } from './clock';

/** Who may perform the closeout, and the paragraph that says so. */
export interface CloseoutAssessor {
  readonly accepted: readonly AssessorType[];
  readonly paragraph: string;
  /** In words, for messages ("a C3PAO, as for the initial C3PAO assessment"). */
  readonly who: string;
}

/**
 * Who may perform the closeout of a POA&M of this level after an assessment of this type:
 * Level 2 self-assessment: the OSA (`self`, (b)(1)); Level 2 C3PAO: a C3PAO ((b)(2)); Level 2 by
 * DIBCAC: DIBCAC or a C3PAO ((b)(2), our reading: DIBCAC then stands in for the C3PAO); Level 3:
 * DCMA DIBCAC ((b)(3)). Undefined when it cannot be told (Level 1, or Level 2 with no type).
 */
export function closeoutAssessor(level: Level | undefined, assessment: AssessorType | undefined): CloseoutAssessor | undefined {
  if (level === 3) return { accepted: ['dibcac'], paragraph: '170.21(b)(3)', who: 'DCMA DIBCAC, as at every Level 3 assessment' };
  if (level !== 2 || !assessment) return undefined;
  if (assessment === 'self') return { accepted: ['self'], paragraph: '170.21(b)(1)', who: 'the organization itself, as for the initial self-assessment' };
  if (assessment === 'c3pao') return { accepted: ['c3pao'], paragraph: '170.21(b)(2)', who: 'a C3PAO, as for the initial C3PAO assessment' };
  return { accepted: ['dibcac', 'c3pao'], paragraph: '170.21(b)(2)', who: 'DIBCAC or a C3PAO, as for the initial certification assessment' };
}

/** What a recorded closeout says about the POA&M. */
export interface CloseoutCheck {
  readonly record: CloseoutRecord;
  /** closeout.date as a day number (undefined when absent or not a real date). */
  readonly day?: number;
  /** The closeout date was after conditional_status_date + 180 days. */
  readonly late: boolean;
  /** The assessor is the one the rule names (undefined when it cannot be told). */
  readonly assessorOk?: boolean;
  /** Items not closed at the closeout: still open, or completed after closeout.date. */
  readonly notClosed: readonly PoamItem[];
  /** The record closes the POA&M: passed, dated (not in the future), on time, right assessor, nothing left open. */
  readonly closes: boolean;
}

/** The day an item was completed, if it is completed with a real date. */
export function completedDay(item: PoamItem): number | undefined {
  return !isOpen(item) && item.completed ? parseDay(item.completed.value) : undefined;
}

/** Judge the `closeout:` record of a POA&M (undefined when there is none). */
export function checkCloseout(doc: PoamDoc, today: number): CloseoutCheck | undefined {
  const record = doc.closeout;
  if (!record) return undefined;
  const day = record.date ? parseDay(record.date.value) : undefined;
  const limit = closeoutDay(doc);
  const late = day !== undefined && limit !== undefined && day > limit;
  const assessor = closeoutAssessor(doc.level?.value, doc.assessmentType?.value);
  const assessorOk = assessor && record.type ? assessor.accepted.includes(record.type.value) : undefined;
  const notClosed = doc.items.filter((item) => {
    if (isOpen(item)) return true;
    const done = completedDay(item);
    return day !== undefined && done !== undefined && done > day;
  });
  const closes = record.result?.value === 'passed' && day !== undefined && day <= today && !late && assessorOk !== false && notClosed.length === 0;
  return { record, day, late, assessorOk, notClosed, closes };
}

/** The date of a valid, passed closeout that ends the clock (undefined when the POA&M is not closed out). */
export function closedOutOn(doc: PoamDoc, today: number): string | undefined {
  const c = checkCloseout(doc, today);
  return c?.closes ? c.record.date!.value : undefined;
}
