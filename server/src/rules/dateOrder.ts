/**
 * Dates that cannot be true (170.21(b)): a Conditional status posted before the assessment that
 * produced it, an item completed before it was assessed NOT MET; and dates recorded as past that
 * lie in the future (a completion, a milestone done, a closeout).
 */
import { formatDay, parseDay } from '../documents/dates';
import type { Located } from '../documents/model';
import { isOpen } from '../domain/clock';
import { itemField, type PoamRule } from './rule';

const dayOf = (d: Located<string> | undefined) => (d ? parseDay(d.value) : undefined);

export const poamDateOrder: PoamRule = {
  code: 'poam-date-order',
  severity: 'error',
  paragraphs: ['170.21(b)'],
  appliesTo: 'poam',
  title: 'Dates out of order',
  explain:
    'The Conditional CMMC Status Date, which starts the 180-day clock, follows the assessment that produced the status; and an item, a requirement ' +
    'found NOT MET by the assessment, cannot have been completed before that assessment.',
  check(ctx) {
    if (ctx.level === 1) return;
    const assessed = dayOf(ctx.doc.assessmentDate);
    if (assessed === undefined) return;
    const when = ctx.doc.assessmentDate!.value;
    const conditional = dayOf(ctx.doc.conditionalDate);
    if (conditional !== undefined && conditional < assessed) {
      ctx.report(
        this,
        ctx.doc.conditionalDate!.span,
        `conditional_status_date ${ctx.doc.conditionalDate!.value} is before the assessment (${when}) ` +
          `that produced the Conditional status: correct one of the two dates.`,
      );
    }
    for (const item of ctx.doc.items) {
      if (isOpen(item) || !item.completed) continue;
      const done = dayOf(item.completed);
      if (done === undefined || done >= assessed) continue;
      const name = item.id?.value ?? `item ${item.index + 1}`;
      ctx.report(
        this,
        item.completed.span,
        `${name} is ${itemField(ctx, 'completed', item.completed.value)}, before the assessment of ${when} that ` +
          `found it NOT MET: correct the date (an item cannot be closed before it was assessed).`,
      );
    }
  },
};

export const poamDateInFuture: PoamRule = {
  code: 'poam-date-in-future',
  severity: 'warning',
  paragraphs: [],
  appliesTo: 'poam',
  title: 'Date in the future',
  explain: 'A completion date, a milestone `done` date or a closeout date records something that has happened; a date after today cannot be right yet.',
  check(ctx) {
    if (ctx.level === 1) return;
    const today = formatDay(ctx.today);
    const future = (d: Located<string> | undefined) => {
      const day = dayOf(d);
      return day !== undefined && day > ctx.today;
    };
    for (const item of ctx.doc.items) {
      const name = item.id?.value ?? `item ${item.index + 1}`;
      if (!isOpen(item) && future(item.completed)) {
        ctx.report(
          this,
          item.completed!.span,
          `${name} is recorded as completed on ${item.completed!.value}, after today (${today}): give the day it ` +
            `was actually completed, or keep it open until then.`,
        );
      }
      for (const m of item.milestones?.value ?? []) {
        if (!m.done || m.done.value === true || !future(m.done as Located<string>)) continue;
        ctx.report(
          this,
          m.done.span,
          `Milestone ${m.task ? `"${m.task.value}" ` : ''}of ${name} is marked done on ${m.done.value}, after today ` + `(${today}): give the day it was done.`,
        );
      }
    }
    const closeout = ctx.doc.closeout?.date;
    if (future(closeout)) {
      ctx.report(
        this,
        closeout!.span,
        `The closeout assessment is dated ${closeout!.value}, after today (${today}): record the closeout once it has ` + `happened.`,
      );
    }
  },
};
