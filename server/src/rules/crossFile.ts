/**
 * SSP <-> POA&M consistency. A POA&M links its SSP with `ssp:` (a path relative to the POA&M);
 * an SSP finds the POA&Ms that link it among the documents being checked.
 */
import { requirement } from '../catalog/requirements';
import { parseDay } from '../documents/dates';
import { isOpen } from '../domain/clock';
import { deferral } from '../domain/deferral';
import { lastEntry, operationalPlanCredit, scoredMet } from '../domain/scoring';
import { itemField, usableSsp, type PoamRule, type SspRule } from './rule';

export const poamSspNotFound: PoamRule = {
  code: 'poam-ssp-not-found',
  severity: 'warning',
  paragraphs: [],
  appliesTo: 'poam',
  title: 'Linked SSP not found',
  explain: 'The `ssp:` path (relative to this POA&M) does not lead to a readable SSP, so the checks that compare the POA&M with its SSP are skipped.',
  check(ctx) {
    if (ctx.ssp.state !== 'missing' || !ctx.doc.ssp) return;
    ctx.report(
      this,
      ctx.doc.ssp.span,
      `${ctx.ssp.reason}: the score and the SSP cross-checks are skipped. ${ctx.ssp.advice ?? 'Fix the path (it is relative to this POA&M).'}`,
    );
  },
};

export const poamScoreMismatch: PoamRule = {
  code: 'poam-score-mismatch',
  severity: 'warning',
  paragraphs: ['170.24'],
  appliesTo: 'poam',
  title: 'Assessment score differs from the SSP',
  explain:
    'The linked SSP, dated on or before the assessment (or undated), should describe what was assessed: its 170.24 score should equal the ' +
    '`assessment.score` the assessment recorded. An SSP dated after the assessment is expected to differ and is not compared. The recorded score is ' +
    'never the one to change.',
  check(ctx) {
    const ssp = usableSsp(ctx);
    if (!ssp?.score || !ctx.doc.score || ctx.level === 1) return;
    const computed = ssp.score.score;
    if (computed === ctx.doc.score.value) return;
    const sspDay = ssp.doc.date ? parseDay(ssp.doc.date.value) : undefined;
    const assessedDay = ctx.doc.assessmentDate ? parseDay(ctx.doc.assessmentDate.value) : undefined;
    // SPEC 2.1: an SSP updated after the assessment is expected to differ.
    if (sspDay !== undefined && assessedDay !== undefined && sspDay > assessedDay) return;
    const dated = ssp.doc.date ? `, dated ${ssp.doc.date.value},` : ' (undated)';
    ctx.report(
      this,
      ctx.doc.score.span,
      `The assessment recorded a score of ${ctx.doc.score.value}, but the linked SSP${dated} scores ${computed} of ` +
        `${ssp.score.max}: the SSP does not describe what was assessed. Correct the SSP's statuses to the assessment's findings, or, if it was revised ` +
        `after the assessment, give it the date of that revision.`,
    );
  },
};

export const poamPracticeMetInSsp: PoamRule = {
  code: 'poam-practice-met-in-ssp',
  severity: 'warning',
  paragraphs: [],
  appliesTo: 'poam',
  title: 'Item for a practice the SSP marks met',
  explain:
    'An open POA&M item is for a requirement that is NOT MET, but the linked SSP marks it met or not applicable, or covers it with a creditable ' +
    'operational plan of action (then it is scored met and belongs in the operational plan, not the POA&M). If it was remediated, mark the item ' +
    'completed with its date: items stay on the POA&M until the closeout assessment.',
  check(ctx) {
    if (ctx.ssp.state !== 'ok' || ctx.level === 1) return;
    const credit = operationalPlanCredit(ctx.ssp.doc);
    for (const item of ctx.doc.items) {
      // A completed item is history: its practice being met now is the expected outcome.
      if (!item.practice || !isOpen(item)) continue;
      const p = lastEntry(ctx.ssp.doc, item.practice.value);
      if (!p || !scoredMet(p, credit)) continue;
      const how =
        p.status?.value === 'met'
          ? 'met'
          : p.status?.value === 'not-applicable'
            ? 'not applicable'
            : `covered by the operational plan of action ("${p.operationalPlan!.value}"), so it is scored met and belongs in that plan rather than the POA&M`;
      const done = `${itemField(ctx, 'status', 'completed')} with ${itemField(ctx, 'completed', 'YYYY-MM-DD')}`;
      ctx.report(
        this,
        item.practice.span,
        `The linked SSP marks ${item.practice.value} as ${how}. If it was remediated, mark this item ${done} (the ` +
          `day it was closed): items stay on the POA&M until the closeout assessment. Otherwise correct the SSP.`,
      );
    }
  },
};

export const sspNotMetWithoutPoam: SspRule = {
  code: 'ssp-not-met-without-poam',
  severity: 'warning',
  paragraphs: ['170.21(a)', '170.24(c)(2)(i)(B)(6)'],
  appliesTo: 'ssp',
  title: 'Not met and not on the POA&M',
  explain:
    'Every requirement NOT MET must be on the POA&M (170.24(c)(2)(i)(B)(6)); this one is deferrable but no POA&M that links this SSP has an ' + 'item for it.',
  check(ctx) {
    if (ctx.poams.length === 0 || !ctx.level || ctx.level === 1) return;
    const covered = new Set<string>();
    for (const poam of ctx.poams) for (const item of poam.doc.items) if (item.practice) covered.add(item.practice.value);
    for (const p of ctx.doc.practices) {
      // An operational_plan without credit is ssp-operational-plan-invalid, whose message says it.
      if (p.status?.value !== 'not-met' || p.operationalPlan || covered.has(p.id.value)) continue;
      const req = requirement(p.id.value);
      if (!req) continue;
      if (!deferral(req, ctx.level, p.encryption?.value).deferrable) continue; // ssp-not-deferrable says it
      ctx.report(
        this,
        p.id.span,
        `${p.id.value} is not met but no POA&M that links this SSP has an item for it: add one (every requirement not met ` +
          `belongs on the POA&M, 32 CFR 170.24(c)(2)(i)(B)(6)).`,
        { paragraph: '170.21(a)' },
      );
    }
  },
};
