/**
 * The `closeout:` record (170.21(b)): a closeout assessment that did not pass, or passed while
 * items were still open (or completed only after it), does not close the POA&M. Lateness is
 * poam-closeout-expired (closeout.ts) and the wrong assessor poam-assessment-type (assessment.ts).
 */
import { checkCloseout } from '../domain/closeout';
import type { PoamItem } from '../documents/model';
import type { PoamRule } from './rule';

const label = (item: PoamItem) => item.id?.value ?? `item ${item.index + 1}`;

/** "P-1, P-2 and 3 more". */
function list(items: readonly PoamItem[], few = 5): string {
  const names = items.slice(0, few).map(label);
  return items.length > few ? `${names.join(', ')} and ${items.length - few} more` : names.join(', ');
}

export const poamCloseoutInvalid: PoamRule = {
  code: 'poam-closeout-invalid',
  severity: 'error',
  paragraphs: ['170.21(b)'],
  appliesTo: 'poam',
  title: 'Closeout does not close the POA&M',
  explain:
    'A POA&M closeout assessment converts Conditional status to Final only when it confirms every item closed. A recorded closeout with `result: ' +
    'failed`, or with items still open (or completed only after the closeout date), leaves the Conditional status to expire at the end of the 180 days.',
  check(ctx) {
    if (ctx.level !== 2 && ctx.level !== 3) return;
    const c = checkCloseout(ctx.doc, ctx.today);
    if (!c) return;
    if (c.record.result?.value === 'failed') {
      ctx.report(
        this,
        c.record.result.span,
        `The closeout assessment${c.record.date ? ` of ${c.record.date.value}` : ''} failed: the Conditional ` +
          `status is not converted to Final. Close the remaining items and have a new closeout assessment before the 180 days end.`,
      );
      return;
    }
    if (c.notClosed.length === 0) return;
    const open = c.notClosed.filter((i) => i.status?.value !== 'completed');
    const late = c.notClosed.filter((i) => i.status?.value === 'completed');
    const parts: string[] = [];
    if (open.length) parts.push(`${list(open)} ${open.length === 1 ? 'is' : 'are'} still open`);
    if (late.length) parts.push(`${list(late)} ${late.length === 1 ? 'was' : 'were'} completed only after it`);
    ctx.report(
      this,
      c.record.keySpan,
      `The closeout assessment cannot have closed this POA&M: ${parts.join(', and ')}. Every item must be closed and ` +
        `confirmed by the closeout assessment.`,
    );
  },
};
