/**
 * The assessment a POA&M comes from (170.21(a), 170.24): a recorded score to check the threshold
 * on, a score the items do not rule out, and the assessor the rule names (170.18(a): Level 3 is
 * a DIBCAC assessment; 170.21(b)(1)-(3): who performs the closeout).
 */
import { maxScore } from '../catalog/requirements';
import { closeoutAssessor } from '../domain/closeout';
import { scoreAllowedByItems } from '../domain/scoring';
import { counted } from '../domain/verdict';
import { usableSsp, type PoamRule } from './rule';

export const poamMissingScore: PoamRule = {
  code: 'poam-missing-score',
  severity: 'warning',
  paragraphs: ['170.21(a)(2)(i)', '170.21(a)(3)(i)'],
  appliesTo: 'poam',
  title: 'No score to check the threshold on',
  explain:
    'The Conditional threshold (score / max at least 0.8) is checked on the assessment score. This POA&M has items but neither `assessment.score` nor ' +
    'a linked SSP of its level, so the threshold cannot be checked: record the score the assessment gave.',
  check(ctx) {
    const level = ctx.level;
    // A score of the wrong type is the `schema` finding's fault, not a missing score.
    if ((level !== 2 && level !== 3) || ctx.doc.items.length === 0 || ctx.doc.score || ctx.doc.scoreKey) return;
    if (usableSsp(ctx)?.score) return;
    const at = ctx.doc.assessmentKey ?? ctx.doc.level?.span;
    if (!at) return;
    const why = ctx.ssp.state === 'none' ? 'no linked SSP' : ctx.ssp.state === 'missing' ? 'its SSP link does not resolve' : `its SSP is not Level ${level}`;
    ctx.report(
      this,
      at,
      `This POA&M has items but no \`assessment.score\` and ${why}: the ${level === 2 ? '88-of-110' : '20-of-24'} Conditional ` +
        `threshold cannot be checked. Record the score the assessment gave under \`assessment: score:\`.`,
      {
        paragraph: level === 2 ? '170.21(a)(2)(i)' : '170.21(a)(3)(i)',
      },
    );
  },
};

export const poamScoreInconsistent: PoamRule = {
  code: 'poam-score-inconsistent',
  severity: 'warning',
  paragraphs: ['170.24'],
  appliesTo: 'poam',
  title: 'Score higher than the items allow',
  explain:
    'Every POA&M item, open or completed, was a requirement NOT MET at the assessment, so its points were deducted: at Level 2 the score can be at ' +
    'most 110 minus the lowest possible deduction of each practice on an item (3 for IA.L2-3.5.3 and SC.L2-3.13.11 unless the linked SSP fixes them ' +
    'at 5, 0 for CA.L2-3.12.4), at Level 3 at most 24 minus their number.',
  check(ctx) {
    const level = ctx.level;
    if ((level !== 2 && level !== 3) || !ctx.doc.score) return;
    const ids = ctx.doc.items.flatMap((i) => (i.practice ? [i.practice.value] : []));
    const allowed = scoreAllowedByItems(level, ids, usableSsp(ctx)?.doc);
    const score = ctx.doc.score.value;
    // Above the scale (e.g. 111 at Level 2) is the schema's finding.
    if (score <= allowed.max || score > maxScore(level)) return;
    const unit = level === 2 ? `${counted(allowed.deducted, 'point')} for ${counted(allowed.counted, 'requirement')}` : counted(allowed.counted, 'requirement');
    ctx.report(
      this,
      ctx.doc.score.span,
      `assessment.score ${score} is higher than the items allow: each item was a requirement NOT MET at the ` +
        `assessment, so the score is at most ${allowed.max} (${maxScore(level)} minus ${unit} on items). Check that the score is recorded as the ` +
        `assessment gave it and that every item is for a requirement it found NOT MET.`,
    );
  },
};

export const poamAssessmentType: PoamRule = {
  code: 'poam-assessment-type',
  severity: 'error',
  paragraphs: ['170.18(a)', '170.21(b)(1)', '170.21(b)(2)', '170.21(b)(3)'],
  appliesTo: 'poam',
  title: 'Wrong assessor',
  explain:
    'A Level 3 Conditional status comes only from a DCMA DIBCAC assessment. The POA&M closeout is performed as the rule names: by the organization ' +
    'after a Level 2 self-assessment, by a C3PAO after a Level 2 C3PAO assessment, by DIBCAC at Level 3.',
  check(ctx) {
    const level = ctx.level;
    if (level !== 2 && level !== 3) return;
    const type = ctx.doc.assessmentType;
    if (level === 3 && type && type.value !== 'dibcac') {
      ctx.report(
        this,
        type.span,
        `A Level 3 assessment is performed by DCMA DIBCAC, not \`${type.value}\`: a Level 3 POA&M must come from a DIBCAC ` + `assessment (\`type: dibcac\`).`,
        { paragraph: '170.18(a)' },
      );
    }
    const closeoutType = ctx.doc.closeout?.type;
    // At Level 3 a wrong assessment type is reported once above; the closeout is still checked.
    const assessor = closeoutAssessor(level, level === 3 ? 'dibcac' : type?.value);
    if (!closeoutType || !assessor || assessor.accepted.includes(closeoutType.value)) return;
    const want = assessor.accepted.map((t) => `\`${t}\``).join(' or ');
    ctx.report(
      this,
      closeoutType.span,
      `The closeout was performed by \`${closeoutType.value}\`, but it must be performed by ${assessor.who} ` +
        `(${want}): this closeout does not close the POA&M.`,
      {
        paragraph: assessor.paragraph,
      },
    );
  },
};
