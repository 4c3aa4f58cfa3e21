/**
 * SSP <-> POA&M consistency. A POA&M links its SSP with `ssp:` (a path relative to the POA&M);
 * an SSP finds the POA&Ms that link it among the documents being checked.
 */
import { requirement } from '../catalog/requirements';
import { isOpen } from '../domain/clock';
import { deferral } from '../domain/deferral';
import type { PoamRule, SspRule } from './rule';

export const poamSspNotFound: PoamRule = {
  code: 'poam-ssp-not-found',
  severity: 'warning',
  paragraphs: [],
  appliesTo: 'poam',
  title: 'Linked SSP not found',
  explain: 'The `ssp:` path (relative to this POA&M) does not lead to a readable SSP, so the checks that compare the POA&M with its SSP are skipped.',
  check(ctx) {
    if (ctx.ssp.state !== 'missing' || !ctx.doc.ssp) return;
    ctx.report(this, ctx.doc.ssp.span, `${ctx.ssp.reason}: the score and the SSP cross-checks are skipped. ${ctx.ssp.advice ?? 'Fix the path (it is relative to this POA&M).'}`);
  },
};

export const poamScoreMismatch: PoamRule = {
  code: 'poam-score-mismatch',
  severity: 'warning',
  paragraphs: ['170.24'],
  appliesTo: 'poam',
  title: 'Assessment score differs from the SSP',
  explain: 'The `assessment.score` recorded in the POA&M should equal the score computed from the linked SSP under 170.24.',
  check(ctx) {
    if (ctx.ssp.state !== 'ok' || !ctx.ssp.score || !ctx.doc.score || ctx.ssp.score.level !== ctx.level || ctx.level === 1) return;
    const computed = ctx.ssp.score.score;
    if (computed === ctx.doc.score.value) return;
    ctx.report(this, ctx.doc.score.span, `assessment.score is ${ctx.doc.score.value} but the linked SSP scores ${computed} of ${ctx.ssp.score.max}: update one of them.`, {
      data: { score: computed },
    });
  },
};

export const poamPracticeMetInSsp: PoamRule = {
  code: 'poam-practice-met-in-ssp',
  severity: 'warning',
  paragraphs: [],
  appliesTo: 'poam',
  title: 'Item for a practice the SSP marks met',
  explain: 'A POA&M item is for a requirement that is NOT MET; the linked SSP says this one is met or not applicable, so one of the two documents is wrong.',
  check(ctx) {
    if (ctx.ssp.state !== 'ok' || ctx.level === 1) return;
    const byId = new Map(ctx.ssp.doc.practices.map((p) => [p.id.value, p]));
    for (const item of ctx.doc.items) {
      // A completed item is history: its practice being met now is the expected outcome.
      if (!item.practice || !isOpen(item)) continue;
      const p = byId.get(item.practice.value);
      // SPEC 2.1: the SSP *marks* it met or not-applicable (its status, not its score).
      if (!p || (p.status?.value !== 'met' && p.status?.value !== 'not-applicable')) continue;
      const how = p.status.value === 'met' ? 'met' : 'not applicable';
      ctx.report(this, item.practice.span, `The linked SSP marks ${item.practice.value} as ${how}: remove this item or correct the SSP.`);
    }
  },
};

export const sspNotMetWithoutPoam: SspRule = {
  code: 'ssp-not-met-without-poam',
  severity: 'warning',
  paragraphs: ['170.21(a)', '170.24(c)(2)(i)(B)(6)'],
  appliesTo: 'ssp',
  title: 'Not met and not on the POA&M',
  explain: 'Every requirement NOT MET must be on the POA&M (170.24(c)(2)(i)(B)(6)); this one is deferrable but no POA&M that links this SSP has an item for it.',
  check(ctx) {
    if (ctx.poams.length === 0 || !ctx.level || ctx.level === 1) return;
    const covered = new Set<string>();
    for (const poam of ctx.poams) for (const item of poam.doc.items) if (item.practice) covered.add(item.practice.value);
    for (const p of ctx.doc.practices) {
      if (p.status?.value !== 'not-met' || p.operationalPlan || covered.has(p.id.value)) continue;
      const req = requirement(p.id.value);
      if (!req) continue;
      if (!deferral(req, ctx.level, p.encryption?.value).deferrable) continue; // ssp-not-deferrable says it
      ctx.report(this, p.id.span, `${p.id.value} is not met but no POA&M that links this SSP has an item for it: add one (every requirement not met belongs on the POA&M, 32 CFR 170.24(c)(2)(i)(B)(6)).`, { paragraph: '170.21(a)' });
    }
  },
};

