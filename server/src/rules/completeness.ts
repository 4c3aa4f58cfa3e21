/**
 * SSP completeness (170.24): every requirement of the level is listed (an absent one is scored
 * NOT MET), met practices say how they are implemented, not-applicable ones say why.
 */
import { requirement, requirementsForSsp } from '../catalog/requirements';
import { SSP_REQUIREMENT_ID } from '../domain/scoring';
import type { SspRule } from './rule';
import { adapterFor } from '../documents/syntax';
import { deferral } from '../domain/deferral';
import { counted } from '../domain/verdict';

export const sspPracticeMissing: SspRule = {
  code: 'ssp-practice-missing',
  severity: 'warning',
  paragraphs: ['170.24'],
  appliesTo: 'ssp',
  title: 'Requirement missing from the SSP',
  explain: 'Every requirement of the level must be addressed in the SSP; an assessor scores a requirement the SSP does not mention as NOT MET.',
  check(ctx) {
    if (!ctx.level) return;
    const listed = new Set(ctx.doc.practices.map((p) => p.id.value));
    for (const req of requirementsForSsp(ctx.level)) {
      if (listed.has(req.id)) continue;
      const cost = req.level === 2 ? counted(req.points ?? 0, 'point') : req.level === 3 ? '1 point' : 'Level 1 status';
      // The ssp-score verdict counts it among the not-met requirements that may not be deferred: say so here.
      const d = ctx.level === 1 ? undefined : deferral(req, ctx.level);
      const blocks = d && !d.deferrable ? '; it may not go on a POA&M, so it must be met before the assessment' : '';
      ctx.report(
        this,
        ctx.doc.anchor,
        `${req.id} (${req.title}) is missing from the SSP and is scored as not met (costs ${cost})${blocks}: ${adapterFor(ctx.doc.syntax).wording.addPractice(req.id)}.`,
        {
          data: { id: req.id },
        },
      );
    }
  },
};

export const sspMissingImplementation: SspRule = {
  code: 'ssp-missing-implementation',
  severity: 'warning',
  paragraphs: [],
  appliesTo: 'ssp',
  title: 'Met without implementation statement',
  explain:
    'A met requirement needs an implementation statement saying how it is met (NIST SP 800-171 3.12.4 / CA.L2-3.12.4 objective [e]); an assessor looks for it first.',
  check(ctx) {
    for (const p of ctx.doc.practices) {
      if (p.status?.value !== 'met' || p.implementation || !requirement(p.id.value)) continue;
      ctx.report(this, p.id.span, `${p.id.value} is marked met but has no implementation statement: describe how it is implemented.`);
    }
  },
};

export const sspNaWithoutJustification: SspRule = {
  code: 'ssp-na-without-justification',
  severity: 'warning',
  paragraphs: [],
  appliesTo: 'ssp',
  title: 'Not applicable without justification',
  explain: 'A requirement marked not applicable is scored as met (170.24(b)(3)), but the SSP should say why it does not apply.',
  check(ctx) {
    for (const p of ctx.doc.practices) {
      // CA.L2-3.12.4 may not be not-applicable at all: ssp-na-not-allowed says so, once.
      if (p.status?.value !== 'not-applicable' || p.justification || !requirement(p.id.value) || p.id.value === SSP_REQUIREMENT_ID) continue;
      ctx.report(
        this,
        p.id.span,
        `${p.id.value} is marked not applicable without a justification: add ${adapterFor(ctx.doc.syntax).wording.field('justification', '...')} saying why it does not apply.`,
      );
    }
  },
};
