/**
 * 32 CFR 170.21(b) — POA&M closeout: every item must be closed out within 180 days of the
 * Conditional CMMC Status Date, or Conditional status expires. Day 180 itself is still inside
 * the window (closeout = conditional_status_date + 180 calendar days, the last permitted day).
 * Plus the milestone hygiene an assessor expects of a POA&M (170.4 definition: tasks, milestones,
 * scheduled completion dates).
 */
import { formatDay, parseDay } from '../documents/dates';
import type { PoamItem } from '../documents/model';
import { CLOSEOUT_DAYS, closeoutDay, isOpen } from '../domain/clock';
import { closedOutOn, completedDay } from '../domain/closeout';
import type { PoamContext, PoamRule } from './rule';
import { adapterFor } from '../documents/syntax';

/** The items the clock and milestone rules look at: open items, never at Level 1. */
function openItems(ctx: PoamContext): PoamItem[] {
  if (ctx.level === 1) return [];
  return ctx.doc.items.filter(isOpen);
}

const itemName = (item: PoamItem) => (item.id ? `Item ${item.id.value}` : `Item ${item.index + 1}`);

export const poamMissingDeadline: PoamRule = {
  code: 'poam-missing-deadline',
  severity: 'error',
  paragraphs: ['170.21(b)'],
  appliesTo: 'poam',
  title: 'Item without a deadline',
  explain:
    'Every open POA&M item needs a scheduled completion date (`deadline`) on or before the closeout date, 180 days after the Conditional CMMC Status ' +
    'Date; the quick fix inserts the closeout date.',
  check(ctx) {
    const closeout = closeoutDay(ctx.doc);
    const deadline = formatDay(closeout ?? ctx.today + CLOSEOUT_DAYS);
    for (const item of openItems(ctx)) {
      if (item.deadline) continue;
      const basis = closeout !== undefined ? 'the closeout date (conditional_status_date + 180 days)' : '180 days from today (no conditional_status_date yet)';
      const words = adapterFor(ctx.doc.syntax).wording;
      ctx.report(this, item.anchor, `${itemName(item)} has no deadline: add ${words.field('deadline', 'YYYY-MM-DD')} on or before ${deadline}, ${basis}.`, {
        data: { deadline },
      });
    }
  },
};

export const poamDeadlineAfterCloseout: PoamRule = {
  code: 'poam-deadline-after-closeout',
  severity: 'error',
  paragraphs: ['170.21(b)'],
  appliesTo: 'poam',
  title: 'Deadline after the closeout date',
  explain: 'A deadline later than 180 days after the Conditional CMMC Status Date cannot be met in time: Conditional status would expire first.',
  check(ctx) {
    const closeout = closeoutDay(ctx.doc);
    if (closeout === undefined) return;
    for (const item of openItems(ctx)) {
      const day = item.deadline ? parseDay(item.deadline.value) : undefined;
      if (day === undefined || day <= closeout) continue;
      ctx.report(
        this,
        item.deadline!.span,
        `Deadline ${item.deadline!.value} is ${day - closeout} day${day - closeout === 1 ? '' : 's'} after the ` +
          `closeout date ${formatDay(closeout)} (conditional_status_date + 180 days): move it to ${formatDay(closeout)} or earlier.`,
        {
          data: { deadline: formatDay(closeout) },
        },
      );
    }
  },
};

export const poamMissingConditionalDate: PoamRule = {
  code: 'poam-missing-conditional-date',
  severity: 'warning',
  paragraphs: ['170.21(b)'],
  appliesTo: 'poam',
  title: 'No Conditional status date',
  explain: 'The 180-day closeout clock starts on the Conditional CMMC Status Date; without `conditional_status_date` no deadline can be checked.',
  check(ctx) {
    if (ctx.level === 1 || ctx.doc.conditionalDate || ctx.doc.items.length === 0) return;
    const field = adapterFor(ctx.doc.syntax).wording.field('conditional_status_date');
    ctx.report(
      this,
      ctx.doc.itemsAnchor,
      `This POA&M has items but no conditional status date: add ${field} with the date Conditional status was posted, which starts the 180-day closeout clock.`,
      {
        data: { date: formatDay(ctx.today) },
      },
    );
  },
};

export const poamCloseoutExpired: PoamRule = {
  code: 'poam-closeout-expired',
  severity: 'error',
  paragraphs: ['170.21(b)'],
  appliesTo: 'poam',
  title: 'Closeout window expired',
  explain:
    'The closeout must be confirmed within 180 days of the Conditional CMMC Status Date: an item still open after that day, an item completed after ' +
    'it, or a closeout assessment dated after it means the Conditional status expired for this system.',
  check(ctx) {
    const closeout = closeoutDay(ctx.doc);
    if (closeout === undefined || ctx.level === 1) return;
    const when = formatDay(closeout);
    const open = openItems(ctx);
    const late = ctx.doc.items.filter((item) => (completedDay(item) ?? -Infinity) > closeout);
    const parts: string[] = [];
    if (open.length > 0 && ctx.today > closeout) {
      parts.push(
        `the closeout date ${when} passed ${ctx.today - closeout} day${ctx.today - closeout === 1 ? '' : 's'} ago with ${open.length} ` +
          `item${open.length === 1 ? '' : 's'} still open`,
      );
    }
    if (late.length > 0) {
      const named = late.slice(0, 5).map((item) => `${item.id?.value ?? `item ${item.index + 1}`} on ${item.completed!.value}`);
      parts.push(
        `${named.join(', ')}${late.length > 5 ? ` and ${late.length - 5} more` : ''} ${late.length === 1 ? 'was' : 'were'} completed after ` +
          `the closeout date ${when}`,
      );
    }
    if (parts.length) {
      const msg = parts.join('; and ');
      ctx.report(
        this,
        ctx.doc.conditionalDate!.span,
        `${msg.charAt(0).toUpperCase()}${msg.slice(1)}: Conditional status has expired (the closeout ` +
          `must be confirmed within 180 days). A new assessment is needed.`,
      );
    }
    const record = ctx.doc.closeout?.date;
    const day = record ? parseDay(record.value) : undefined;
    if (day !== undefined && day > closeout) {
      ctx.report(
        this,
        record!.span,
        `The closeout assessment of ${record!.value} came ${day - closeout} day${day - closeout === 1 ? '' : 's'} after ` +
          `the closeout date ${when} (conditional_status_date + 180 days): Conditional status had already expired, so it cannot become Final. A new ` +
          `assessment is needed.`,
      );
    }
  },
};

export const poamCloseoutDueSoon: PoamRule = {
  code: 'poam-closeout-due-soon',
  severity: 'warning',
  paragraphs: ['170.21(b)'],
  appliesTo: 'poam',
  title: 'Closeout date approaching',
  explain: 'The closeout date is within the warning window (`cmmc.closeoutWarningDays`, default 30) and items are still open.',
  check(ctx) {
    const closeout = closeoutDay(ctx.doc);
    const open = openItems(ctx);
    // A valid, passed closeout ends the clock (it also leaves no item open).
    if (closeout === undefined || open.length === 0 || closedOutOn(ctx.doc, ctx.today)) return;
    const left = closeout - ctx.today;
    if (left < 0 || left > ctx.warningDays) return;
    ctx.report(
      this,
      ctx.doc.conditionalDate!.span,
      `Closeout is due ${left === 0 ? 'today' : `in ${left} day${left === 1 ? '' : 's'}`} ` +
        `(${formatDay(closeout)}) with ${open.length} item${open.length === 1 ? '' : 's'} still open: close them out and have the closeout assessment ` +
        `done by then.`,
    );
  },
};

export const poamMissingMilestones: PoamRule = {
  code: 'poam-missing-milestones',
  severity: 'warning',
  paragraphs: [],
  appliesTo: 'poam',
  title: 'Open item without milestones',
  explain:
    'A POA&M lists the tasks to be done with milestones and their dates (32 CFR 170.4, definition of POA&M); an open item should have at least ' +
    'one dated milestone.',
  check(ctx) {
    for (const item of openItems(ctx)) {
      if (item.milestones && item.milestones.value.length > 0) continue;
      ctx.report(
        this,
        item.anchor,
        `${itemName(item)} is open but has no milestones: add ${adapterFor(ctx.doc.syntax).wording.milestones} with the tasks that will close it, each with its due date.`,
      );
    }
  },
};

export const poamMilestoneMissingDate: PoamRule = {
  code: 'poam-milestone-missing-date',
  severity: 'warning',
  paragraphs: [],
  appliesTo: 'poam',
  title: 'Milestone without a due date',
  explain: 'Each milestone needs a scheduled completion date (`due`) so progress toward the closeout can be tracked.',
  check(ctx) {
    for (const item of openItems(ctx)) {
      const fallback = item.deadline && parseDay(item.deadline.value) !== undefined ? item.deadline.value : undefined;
      for (const m of item.milestones?.value ?? []) {
        if (m.due) continue;
        ctx.report(
          this,
          m.task?.span ?? m.span,
          `Milestone ${m.task ? `"${m.task.value}" ` : ''}of ${item.id ? `item ${item.id.value}` : `item ${item.index + 1}`} has no due date: ${adapterFor(ctx.doc.syntax).wording.addDue}${fallback ? ` (on or before the item's deadline ${fallback})` : ''}.`,
          {
            data: { due: fallback ?? formatDay(ctx.today + 30) },
          },
        );
      }
    }
  },
};

export const poamMilestoneAfterDeadline: PoamRule = {
  code: 'poam-milestone-after-deadline',
  severity: 'warning',
  paragraphs: [],
  appliesTo: 'poam',
  title: 'Milestone due after the item deadline',
  explain: "A milestone due after its item's deadline cannot lead to closing the item on time.",
  check(ctx) {
    for (const item of openItems(ctx)) {
      const deadline = item.deadline ? parseDay(item.deadline.value) : undefined;
      if (deadline === undefined) continue;
      for (const m of item.milestones?.value ?? []) {
        const due = m.due ? parseDay(m.due.value) : undefined;
        if (due === undefined || due <= deadline) continue;
        ctx.report(
          this,
          m.due!.span,
          `Milestone due ${m.due!.value} is after the item's deadline ${item.deadline!.value}: bring it forward or move ` + `the deadline.`,
        );
      }
    }
  },
};

export const poamMilestoneOverdue: PoamRule = {
  code: 'poam-milestone-overdue',
  severity: 'warning',
  paragraphs: [],
  appliesTo: 'poam',
  title: 'Milestone overdue',
  explain:
    'The milestone was due before today and is not marked done (`done: true` or the day it was done). Nothing is overdue after a valid, passed ' + 'closeout.',
  check(ctx) {
    if (closedOutOn(ctx.doc, ctx.today)) return;
    for (const item of openItems(ctx)) {
      for (const m of item.milestones?.value ?? []) {
        const due = m.due ? parseDay(m.due.value) : undefined;
        if (due === undefined || due >= ctx.today || m.done) continue;
        ctx.report(
          this,
          m.due!.span,
          `Milestone ${m.task ? `"${m.task.value}" ` : ''}was due ${m.due!.value} (${ctx.today - due} day${ctx.today - due === 1 ? '' : 's'} ago) and is not done: ${adapterFor(ctx.doc.syntax).wording.markDone} or re-plan it.`,
        );
      }
    }
  },
};
