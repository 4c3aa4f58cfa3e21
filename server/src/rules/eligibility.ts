/**
 * 32 CFR 170.21(a) — which NOT MET requirements may go on a POA&M, and the score a Conditional
 * status needs.
 *   (a)(1)      Level 1: no POA&M at all.
 *   (a)(2)(i)   Level 2: score / 110 >= 0.8.
 *   (a)(2)(ii)  Level 2: only 1-point requirements, except SC.L2-3.13.11 when encryption is
 *               employed but not FIPS-validated.
 *   (a)(2)(iii) Level 2: six requirements are never deferrable.
 *   (a)(3)(i)   Level 3: Level 3 score / 24 >= 0.8.
 *   (a)(3)(ii)  Level 3: seven requirements are never deferrable.
 *   170.18(a)   Level 3 presupposes Final Level 2, so Level 2 requirements are never on a Level 3 POA&M.
 */
import { maxScore, requirement, requirementsForSsp, type Level, type Requirement } from '../catalog/requirements';
import type { PoamItem } from '../documents/model';
import { itemField, usableSsp, type PoamContext, type PoamRule, type SspContext, type SspRule } from './rule';
import { deferral } from '../domain/deferral';
import { lastEntry, meetsThreshold, operationalPlanCredit, scoredMet, thresholdScore } from '../domain/scoring';
import { verdictOf, verdictText } from '../domain/verdict';
import { isSkeleton } from '../domain/skeleton';
import { counted } from '../domain/verdict';

const levelName = (l: Level) => `Level ${l}`;
const named = (r: Requirement) => `${r.id} (${r.title})`;

// ---- POA&M item eligibility -------------------------------------------------------------------

/** The item's requirement, when the item is open to eligibility checks at this level. */
function itemRequirement(ctx: PoamContext, item: PoamItem): Requirement | undefined {
  if (!ctx.level || ctx.level === 1 || !item.practice) return undefined;
  return requirement(item.practice.value);
}

export const poamLevel1NotPermitted: PoamRule = {
  code: 'poam-level1-not-permitted',
  severity: 'error',
  paragraphs: ['170.21(a)(1)'],
  appliesTo: 'poam',
  title: 'No POA&M at Level 1',
  explain: 'Level 1 has no Conditional status: every Level 1 requirement must be met, so a Level 1 POA&M may hold no items.',
  check(ctx) {
    if (ctx.level !== 1) return;
    for (const item of ctx.doc.items) {
      ctx.report(
        this,
        item.practice?.span ?? item.anchor,
        `Level 1 permits no POA&M: ` +
          `${item.practice ? `${item.practice.value} must be met` : 'this item must be resolved'} before the self-assessment, not deferred.`,
      );
    }
  },
};

export const poamWrongLevel: PoamRule = {
  code: 'poam-wrong-level',
  severity: 'error',
  paragraphs: ['170.18(a)', '170.21(a)'],
  appliesTo: 'poam',
  title: 'POA&M item or link of another level',
  explain:
    'A POA&M holds requirements of its own level only: Level 1 requirements never go on a POA&M, and a Level 3 POA&M holds only Level 3 requirements ' +
    'because Final Level 2 is a prerequisite for Level 3. The POA&M level must also match the SSP it links.',
  check(ctx) {
    const level = ctx.level;
    if (!level) return;
    if (ctx.ssp.state === 'ok' && ctx.ssp.doc.level && ctx.ssp.doc.level.value !== level && ctx.doc.level) {
      ctx.report(this, ctx.doc.level.span, `This POA&M is Level ${level} but its SSP is Level ${ctx.ssp.doc.level.value}: make the levels ` + `agree.`, {
        paragraph: '170.21(a)',
      });
    }
    if (level === 1) return;
    for (const item of ctx.doc.items) {
      const req = itemRequirement(ctx, item);
      if (!req || req.level === level) continue;
      const why =
        level === 3 && req.level === 2
          ? 'a Level 3 POA&M holds only Level 3 requirements, since Final Level 2 (C3PAO) is a prerequisite: meet it before the Level 3 assessment'
          : req.level === 1
            ? 'Level 1 requirements may never be on a POA&M: use the Level 2 requirement it maps to, or meet it'
            : `use a ${levelName(level)} requirement or move the item to a ${levelName(req.level)} POA&M`;
      ctx.report(this, item.practice!.span, `${named(req)} is a ${levelName(req.level)} requirement, not ${levelName(level)}: ${why}.`, {
        paragraph: level === 3 ? '170.18(a)' : '170.21(a)',
      });
    }
  },
};

export const poamPracticeExcluded: PoamRule = {
  code: 'poam-practice-excluded',
  severity: 'error',
  paragraphs: ['170.21(a)(2)(iii)', '170.21(a)(3)(ii)'],
  appliesTo: 'poam',
  title: 'Requirement never deferrable',
  explain:
    'The rule names six Level 2 requirements (AC.L2-3.1.20, AC.L2-3.1.22, CA.L2-3.12.4, PE.L2-3.10.3, PE.L2-3.10.4, PE.L2-3.10.5) and seven Level 3 ' +
    'requirements that may never be on a POA&M, whatever their point value: they must be met at assessment.',
  check(ctx) {
    for (const item of ctx.doc.items) {
      const req = itemRequirement(ctx, item);
      if (!req || req.level !== ctx.level || req.poam !== 'excluded') continue;
      ctx.report(
        this,
        item.practice!.span,
        `${named(req)} may never be on a POA&M: it must be met before the assessment. Remove this item and ` + `implement the requirement.`,
        {
          paragraph: req.poamParagraph,
        },
      );
    }
  },
};

export const poamPointValue: PoamRule = {
  code: 'poam-point-value',
  severity: 'error',
  paragraphs: ['170.21(a)(2)(ii)'],
  appliesTo: 'poam',
  title: 'Point value above 1',
  explain:
    'At Level 2 only requirements worth 1 point may be on a POA&M. The single exception is SC.L2-3.13.11 when encryption is employed but not ' +
    "FIPS-validated (worth 3 then). When the POA&M links its SSP, the SSP's `encryption` decides (it is what was assessed); without a link the " +
    "item's own `encryption: not-fips-validated` does.",
  check(ctx) {
    if (ctx.level !== 2) return;
    const ssp = usableSsp(ctx);
    const credit = ssp ? operationalPlanCredit(ssp.doc) : true;
    for (const item of ctx.doc.items) {
      const req = itemRequirement(ctx, item);
      if (!req || req.level !== 2) continue;
      if (req.poam === 'conditional') {
        const entry = ssp ? lastEntry(ssp.doc, req.id) : undefined;
        // SPEC 2.1: the linked SSP's encryption decides, when it lists the requirement as NOT MET.
        if (entry && !scoredMet(entry, credit)) {
          encryptionFromSsp(ctx, item, req, entry.encryption?.value);
          continue;
        }
      }
      const d = deferral(req, 2, item.encryption?.value);
      if (d.deferrable || d.reason !== 'points') continue;
      const message =
        req.poam === 'conditional'
          ? `${named(req)} may be on a POA&M only when encryption is employed but not FIPS-validated: add ` +
            `${itemField(ctx, 'encryption', 'not-fips-validated')} to the item if that is the case; without encryption it is worth 5 points and must be met.`
          : `${named(req)} is worth ${req.partial ? `${req.partial.points} to ${req.points}` : req.points} points; only 1-point requirements may be on ` +
            `a Level 2 POA&M. Meet it before the assessment.`;
      ctx.report(this, item.practice!.span, message, { data: req.poam === 'conditional' ? { field: 'encryption', value: 'not-fips-validated' } : undefined });
    }
  },
};

/** SC.L2-3.13.11 against the linked SSP's `encryption` (what was assessed). */
function encryptionFromSsp(ctx: PoamContext, item: PoamItem, req: Requirement, sspValue: string | undefined): void {
  const said = sspValue ? `says \`encryption: ${sspValue}\`` : 'gives no `encryption` (scored as none)';
  const own = item.encryption?.value;
  if (deferral(req, 2, sspValue).deferrable) {
    if (own === undefined || own === sspValue) return;
    ctx.report(
      poamPointValue,
      item.practice!.span,
      `This item says ${itemField(ctx, 'encryption', own)} but the linked SSP ${said} for ${req.id}, and ` +
        `the SSP is what was assessed: make the item agree with it.`,
      {
        data: { field: 'encryption', value: 'not-fips-validated' },
      },
    );
    return;
  }
  const contradiction = own && own !== sspValue ? ` (this item says ${itemField(ctx, 'encryption', own)}, but the SSP is what was assessed)` : '';
  ctx.report(
    poamPointValue,
    item.practice!.span,
    `The linked SSP ${said} for ${named(req)}${contradiction}: only encryption employed but not ` +
      `FIPS-validated may be deferred; otherwise it is worth 5 points and must be met before the assessment.`,
  );
}

export const poamScoreBelowThreshold: PoamRule = {
  code: 'poam-score-below-threshold',
  severity: 'error',
  paragraphs: ['170.21(a)(2)(i)', '170.21(a)(3)(i)'],
  appliesTo: 'poam',
  title: 'Score below the Conditional threshold',
  explain:
    'Conditional status needs the assessment score divided by the number of requirements to be at least 0.8: 88 of 110 at Level 2, 20 of 24 at Level ' +
    '3. It is checked on `assessment.score`, the score the assessment recorded, whatever the linked SSP says now; only before the assessment (no ' +
    "score recorded) is the linked SSP's computed score used.",
  check(ctx) {
    const level = ctx.level;
    if (level !== 2 && level !== 3) return;
    const paragraph = level === 2 ? '170.21(a)(2)(i)' : '170.21(a)(3)(i)';
    const max = maxScore(level);
    if (ctx.doc.score) {
      // SPEC 2.1: "the assessment score" is the recorded one; a later SSP does not change it.
      const score = ctx.doc.score.value;
      if (meetsThreshold(score, max)) return;
      ctx.report(
        this,
        ctx.doc.score.span,
        `The assessment scored ${score} of ${max}, below the ${thresholdScore(level)} needed for Conditional status ` +
          `(score / ${max} must be at least 0.8): this POA&M cannot give Conditional status, whatever the SSP says now. A new assessment is ` +
          `needed.`,
        { paragraph },
      );
      return;
    }
    const ssp = usableSsp(ctx);
    if (!ssp?.score || !ctx.doc.ssp || ssp.score.meetsThreshold) return;
    ctx.report(
      this,
      ctx.doc.ssp.span,
      `The linked SSP scores ${ssp.score.score} of ${max}, below the ${thresholdScore(level)} needed for Conditional ` +
        `status (score / ${max} must be at least 0.8). Meet more requirements before the assessment.`,
      { paragraph },
    );
  },
};

// ---- SSP side ---------------------------------------------------------------------------------

export const sspScore: SspRule = {
  code: 'ssp-score',
  severity: 'information',
  paragraphs: ['170.24'],
  appliesTo: 'ssp',
  title: 'SSP score',
  explain:
    'The score an assessor would compute from this SSP: 110 minus the point values of the requirements not met at Level 2 (partial credit for MFA and ' +
    'non-FIPS encryption), Level 3 requirements met of 24, and all-or-nothing at Level 1.',
  check(ctx) {
    const s = ctx.score;
    if (!s) return;
    // An unfilled `init ssp` skeleton (domain/skeleton.ts): one line instead of a score of nothing.
    if (isSkeleton(ctx.doc)) {
      ctx.report(
        this,
        ctx.doc.anchor,
        `skeleton: 0 of ${requirementsForSsp(s.level).length} practices assessed; set each practice's status and describe it to get a score`,
      );
      return;
    }
    if (s.level === 1) {
      ctx.report(this, ctx.doc.anchor, `${s.score} of ${s.max} met${s.open ? `; Level 1 needs all of them (no POA&M)` : ''}`, { paragraph: '170.24(c)(1)' });
      return;
    }
    const unit = s.level === 2 ? 'points' : 'requirements';
    const v = verdictOf(s);
    const verdict = v.kind === 'not-eligible' ? `${verdictText(v)} (${v.reasons.join('; ')})` : verdictText(v);
    ctx.report(this, ctx.doc.anchor, `score ${s.score} of ${s.max} (${s.open} ${unit} open); ` + `${verdict}`, {
      paragraph: s.level === 2 ? '170.24(c)(2)' : '170.24(c)(3)',
    });
  },
};

export const sspScoreBelowThreshold: SspRule = {
  code: 'ssp-score-below-threshold',
  severity: 'warning',
  paragraphs: ['170.21(a)(2)(i)', '170.21(a)(3)(i)'],
  appliesTo: 'ssp',
  title: 'SSP score below the Conditional threshold',
  explain: 'With this score no Conditional status is possible: Level 2 needs at least 88 of 110, Level 3 at least 20 of 24 (score / max >= 0.8).',
  check(ctx) {
    const s = ctx.score;
    if (!s || s.level === 1 || s.meetsThreshold || isSkeleton(ctx.doc)) return;
    ctx.report(
      this,
      ctx.doc.anchor,
      `Score ${s.score} of ${s.max} is below the ${thresholdScore(s.level)} needed for Conditional status: meet requirements worth at least ${counted(thresholdScore(s.level) - s.score, s.level === 2 ? 'point' : 'requirement')} more.`,
      {
        paragraph: s.level === 2 ? '170.21(a)(2)(i)' : '170.21(a)(3)(i)',
      },
    );
  },
};

export const sspNotDeferrable: SspRule = {
  code: 'ssp-not-deferrable',
  severity: 'error',
  paragraphs: ['170.21(a)(2)(ii)', '170.21(a)(2)(iii)', '170.21(a)(3)(ii)', '170.18(a)'],
  appliesTo: 'ssp',
  title: 'Not met and not deferrable',
  explain:
    'This requirement is not met and may not go on a POA&M (point value above 1, or named as never deferrable, or a Level 2 requirement in a Level 3 ' +
    'SSP), so it blocks Conditional status: it must be met before the assessment.',
  check(ctx) {
    const s = ctx.score;
    if (!s || s.level === 1 || isSkeleton(ctx.doc)) return;
    for (const n of s.notMet) {
      if (!n.practice?.status || n.practice.status.value !== 'not-met') continue;
      const d = deferral(n.requirement, s.level, n.practice.encryption?.value);
      if (d.deferrable) continue;
      const why =
        d.reason === 'excluded'
          ? 'the rule names it as never deferrable'
          : d.reason === 'wrong-level'
            ? 'Level 3 requires Final Level 2, so every Level 2 requirement must be met'
            : n.requirement.poam === 'conditional'
              ? `it is worth ${n.deduction} points; only with encryption employed but not FIPS-validated (\`encryption: not-fips-validated\`) may it ` +
                `be deferred`
              : `it is worth ${n.deduction} points and only 1-point requirements may be deferred`;
      ctx.report(
        this,
        n.practice.id.span,
        `${named(n.requirement)} is not met and may not go on a POA&M (${why}): it must be met before the ` + `assessment.`,
        { paragraph: d.paragraph },
      );
    }
  },
};

export const sspLevel1NotMet: SspRule = {
  code: 'ssp-level1-not-met',
  severity: 'error',
  paragraphs: ['170.21(a)(1)', '170.24(c)(1)'],
  appliesTo: 'ssp',
  title: 'Level 1 requirement not met',
  explain: 'Level 1 is all or nothing and permits no POA&M: every one of the 15 requirements must be met for Final Level 1 (Self).',
  check(ctx) {
    if (ctx.level !== 1 || isSkeleton(ctx.doc)) return;
    for (const p of ctx.doc.practices) {
      const req = requirement(p.id.value);
      if (!req || req.level !== 1 || p.operationalPlan || p.status?.value !== 'not-met') continue;
      ctx.report(this, p.id.span, `${named(req)} is not met: Level 1 permits no POA&M, so it must be met before the ` + `self-assessment.`, {
        paragraph: '170.21(a)(1)',
      });
    }
  },
};

export type { SspContext };
