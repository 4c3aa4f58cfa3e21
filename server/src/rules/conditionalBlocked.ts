/**
 * 32 CFR 170.21(a)(2)-(3), 170.18(a): a POA&M cannot give Conditional status when the SSP it
 * links has NOT MET requirements that may not be deferred (Level 2: worth more than 1 point or
 * excluded; Level 3: any Level 2 requirement, or an excluded Level 3 one). Raised on the POA&M so
 * that checking the POA&M alone fails, as the assessment would.
 */
import { verdictOf } from '../domain/verdict';
import { usableSsp, type PoamRule } from './rule';

/** How many blocking ids the message names before "and N more". */
const NAMED = 5;

export const poamSspBlocksConditional: PoamRule = {
  code: 'poam-ssp-blocks-conditional',
  severity: 'error',
  paragraphs: ['170.21(a)(2)', '170.21(a)(3)', '170.18(a)'],
  appliesTo: 'poam',
  title: 'Linked SSP makes Conditional status impossible',
  explain:
    'The linked SSP has requirements NOT MET (or missing) that may never be deferred to a POA&M: at Level 2 those worth more than 1 point ' +
    '(SC.L2-3.13.11 excepted when encryption is employed but not FIPS-validated) and the six excluded ones; at Level 3 any Level 2 requirement ' +
    '(Final Level 2 is a prerequisite) and the seven excluded Level 3 ones. Whatever the POA&M says, Conditional status is impossible until they are met.',
  check(ctx) {
    const level = ctx.level;
    const ssp = usableSsp(ctx);
    if ((level !== 2 && level !== 3) || !ssp?.score || !ctx.doc.ssp) return;
    const blocked = verdictOf(ssp.score).blocked;
    if (blocked.length === 0) return;
    const ids = blocked.slice(0, NAMED).map((n) => `${n.requirement.id}${n.practice ? '' : ' (missing)'}`);
    const more = blocked.length > NAMED ? ` and ${blocked.length - NAMED} more` : '';
    const onlyL2 = level === 3 && blocked.every((n) => n.requirement.level === 2);
    const paragraph = level === 2 ? '170.21(a)(2)' : onlyL2 ? '170.18(a)' : '170.21(a)(3)';
    const kind = level === 2 ? 'worth more than 1 point or excluded' : 'Level 2 requirements (Final Level 2 is a prerequisite) or excluded Level 3 ones';
    ctx.report(
      this,
      ctx.doc.ssp.span,
      `The linked SSP has ${blocked.length} NOT MET requirement${blocked.length === 1 ? '' : 's'} that may not be ` +
        `deferred (${kind}): ${ids.join(', ')}${more}. Conditional status is impossible whatever this POA&M says: meet ` +
        `${blocked.length === 1 ? 'it' : 'them'} before the assessment.`,
      { paragraph },
    );
  },
};
