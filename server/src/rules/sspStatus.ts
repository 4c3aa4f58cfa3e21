/**
 * SSP statuses the scoring methodology does not allow (170.24): CA.L2-3.12.4 (the SSP itself)
 * marked not applicable; `operational_plan` credit while CA.L2-3.12.2 (the operational plan of
 * action requirement) is not met (170.24(b)(1)(ii)); a not-met status whose `mfa`/`encryption`
 * says the requirement is implemented.
 */
import { requirement } from '../catalog/requirements';
import { deduction, OPERATIONAL_PLAN_ID, SSP_REQUIREMENT_ID, lastEntry } from '../domain/scoring';
import { itemField, type SspRule } from './rule';

export const sspNaNotAllowed: SspRule = {
  code: 'ssp-na-not-allowed',
  severity: 'error',
  paragraphs: ['170.24(c)(2)(i)(B)(5)'],
  appliesTo: 'ssp',
  title: 'The SSP requirement marked not applicable',
  explain:
    'CA.L2-3.12.4 is the System Security Plan itself: it applies to every system, and without an SSP the assessment cannot be completed. It is never ' +
    'not applicable; marked so, it is scored NOT MET (and it may never be on a POA&M).',
  check(ctx) {
    if (ctx.level !== 2 && ctx.level !== 3) return;
    for (const p of ctx.doc.practices) {
      if (p.id.value !== SSP_REQUIREMENT_ID || p.status?.value !== 'not-applicable') continue;
      ctx.report(
        this,
        p.id.span,
        `${SSP_REQUIREMENT_ID} (System Security Plan) cannot be not applicable: this document is the SSP it requires. Mark ` +
          `it met, with how the SSP is kept up to date; as written it is scored NOT MET and blocks Conditional status.`,
      );
    }
  },
};

export const sspOperationalPlanInvalid: SspRule = {
  code: 'ssp-operational-plan-invalid',
  severity: 'warning',
  paragraphs: ['170.24(b)(1)(ii)'],
  appliesTo: 'ssp',
  title: 'Operational plan without CA.L2-3.12.2 met',
  explain:
    'A temporary deficiency is scored MET only when it is addressed in an operational plan of action (deficiency reviews and progress toward ' +
    'correction). That plan is what CA.L2-3.12.2 requires: while CA.L2-3.12.2 is not met, no `operational_plan` earns credit and each practice is ' +
    'scored by its status.',
  check(ctx) {
    if ((ctx.level !== 2 && ctx.level !== 3) || !ctx.score || ctx.score.planCredit) return;
    const plan = lastEntry(ctx.doc, OPERATIONAL_PLAN_ID);
    const why = plan
      ? `${OPERATIONAL_PLAN_ID} (Operational Plan of Action) is ${plan.status?.value ?? 'without a status'}`
      : `${OPERATIONAL_PLAN_ID} ` + `(Operational Plan of Action) is missing from the SSP`;
    for (const p of ctx.doc.practices) {
      if (!p.operationalPlan) continue;
      const req = requirement(p.id.value);
      if (!req) continue;
      const status = p.status?.value;
      const cost =
        status === 'not-met' && req.level === ctx.level ? `; as not-met it deducts ${deduction(req, p)} ` + `point${deduction(req, p) === 1 ? '' : 's'}` : '';
      const todo = status === 'not-met' ? `meet ${OPERATIONAL_PLAN_ID} or put ${p.id.value} on the POA&M` : `meet ${OPERATIONAL_PLAN_ID}`;
      ctx.report(
        this,
        p.id.span,
        `${p.id.value} names the operational plan entry "${p.operationalPlan.value}", but ${why}: no credit is given and it ` +
          `is scored by its status${cost}. To rely on the plan, ${todo}.`,
      );
    }
  },
};

export const sspStatusContradiction: SspRule = {
  code: 'ssp-status-contradiction',
  severity: 'warning',
  paragraphs: ['170.24(c)(2)(i)(B)(4)'],
  appliesTo: 'ssp',
  title: 'Status contradicts mfa / encryption',
  explain:
    '`mfa: all` says multifactor authentication is implemented for every user, and `encryption: fips-validated` says CUI is protected by ' +
    'FIPS-validated cryptography: on a practice marked not-met one of the two is wrong. As written it is scored NOT MET at full value (5 points), ' +
    'with no partial credit.',
  check(ctx) {
    if (ctx.level !== 2 && ctx.level !== 3) return;
    for (const p of ctx.doc.practices) {
      if (p.status?.value !== 'not-met' || !requirement(p.id.value)) continue;
      const mfa = p.mfa?.value === 'all' ? itemField(ctx, 'mfa', 'all') : undefined;
      const field = mfa ?? (p.encryption?.value === 'fips-validated' ? itemField(ctx, 'encryption', 'fips-validated') : undefined);
      if (!field) continue;
      ctx.report(
        this,
        p.id.span,
        `${p.id.value} is not-met but says ${field}, which means it is implemented: mark it met if it is, or correct the ` +
          `field (it is scored NOT MET at full value as written).`,
      );
    }
  },
};
