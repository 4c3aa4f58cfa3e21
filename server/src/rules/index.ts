/**
 * The rule table: every diagnostic code the product emits, in one list. Hovers, the CLI, SARIF
 * `rules[]`, code actions and the README table all read it. A new rule is one object and one line.
 */
import { cite, type Citation } from '../regulation/citations';
import * as assessment from './assessment';
import * as blocked from './conditionalBlocked';
import * as closeout from './closeout';
import * as closeoutRecord from './closeoutRecord';
import * as dateOrder from './dateOrder';
import * as sspStatus from './sspStatus';
import * as completeness from './completeness';
import * as crossFile from './crossFile';
import * as duplicates from './duplicates';
import * as eligibility from './eligibility';
import * as fields from './fields';
import * as parsing from './parsing';
import * as team from './team';
import type { Rule } from './rule';

export const RULES: readonly Rule[] = [
  parsing.syntax,
  parsing.schema,
  fields.invalidDate,
  fields.unknownPractice,
  eligibility.poamLevel1NotPermitted,
  eligibility.poamPracticeExcluded,
  eligibility.poamWrongLevel,
  eligibility.poamPointValue,
  eligibility.poamScoreBelowThreshold,
  closeout.poamMissingDeadline,
  closeout.poamDeadlineAfterCloseout,
  closeout.poamMissingConditionalDate,
  closeout.poamCloseoutExpired,
  closeout.poamCloseoutDueSoon,
  closeout.poamMissingMilestones,
  closeout.poamMilestoneMissingDate,
  closeout.poamMilestoneAfterDeadline,
  closeout.poamMilestoneOverdue,
  duplicates.poamDuplicate,
  crossFile.poamPracticeMetInSsp,
  crossFile.poamScoreMismatch,
  completeness.sspPracticeMissing,
  eligibility.sspScore,
  eligibility.sspScoreBelowThreshold,
  eligibility.sspNotDeferrable,
  crossFile.sspNotMetWithoutPoam,
  eligibility.sspLevel1NotMet,
  completeness.sspMissingImplementation,
  completeness.sspNaWithoutJustification,
  crossFile.poamSspNotFound,
  blocked.poamSspBlocksConditional,
  assessment.poamScoreInconsistent,
  assessment.poamMissingScore,
  assessment.poamAssessmentType,
  dateOrder.poamDateOrder,
  dateOrder.poamDateInFuture,
  closeoutRecord.poamCloseoutInvalid,
  sspStatus.sspNaNotAllowed,
  sspStatus.sspOperationalPlanInvalid,
  sspStatus.sspStatusContradiction,
  team.configInvalid,
  team.configRegulatory,
  team.suppressionInvalid,
  team.suppressionUnused,
];

const byCode = new Map(RULES.map((r) => [r.code, r]));

/** The rule behind a diagnostic code. */
export function ruleFor(code: string): Rule | undefined {
  return byCode.get(code);
}

/** The main citation of a rule (its first paragraph), if it cites one. */
export function ruleCitation(rule: Rule): Citation | undefined {
  return rule.paragraphs.length ? cite(rule.paragraphs[0]) : undefined;
}

export type { Rule };
