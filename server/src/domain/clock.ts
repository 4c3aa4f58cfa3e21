/**
 * The 180-day closeout clock of 32 CFR 170.21(b): a Conditional status lasts until every POA&M
 * item is closed out, at most 180 calendar days after the Conditional CMMC Status Date. Day 180
 * itself is still inside the window (closeout = conditional_status_date + 180, the last
 * permitted day). Pure: `today` is always passed in.
 */
import { parseDay } from '../documents/dates';
import type { PoamDoc, PoamItem } from '../documents/model';

/** Calendar days from the Conditional CMMC Status Date to the closeout deadline. */
export const CLOSEOUT_DAYS = 180;

/** The closeout day (conditional_status_date + 180), or undefined without a valid conditional date. */
export function closeoutDay(doc: PoamDoc): number | undefined {
  const start = doc.conditionalDate ? parseDay(doc.conditionalDate.value) : undefined;
  return start === undefined ? undefined : start + CLOSEOUT_DAYS;
}

/** Items still open (anything not `status: completed` is treated as open). */
export function isOpen(item: PoamItem): boolean {
  return item.status?.value !== 'completed';
}
