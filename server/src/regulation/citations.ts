/**
 * The paragraphs of 32 CFR part 170 this product cites, each with a plain-words summary (our own
 * paraphrase, never the rule's text) and its eCFR link. Hover, CLI output, SARIF help and the
 * README table all draw from here.
 */

export interface Citation {
  /** The paragraph, e.g. `170.21(a)(2)(iii)`. */
  readonly paragraph: string;
  /** The full label, e.g. `32 CFR 170.21(a)(2)(iii)`. */
  readonly label: string;
  /** Link to the paragraph on eCFR. */
  readonly url: string;
  /** What the paragraph says, in our words. */
  readonly summary: string;
}

const SUMMARIES: Record<string, string> = {
  '170.18(a)':
    'A Level 3 (DIBCAC) assessment requires a Final Level 2 (C3PAO) status on the same scope first, so Level 2 requirements cannot go on a Level 3 POA&M; DIBCAC may still find a Level 2 requirement NOT MET and then pause or end the Level 3 assessment (170.18(c)(1)(iii), 170.19(e)).',
  '170.21(a)': 'A POA&M may only be used to reach Conditional status, and only for selected requirements that were assessed NOT MET.',
  '170.21(a)(1)': 'No POA&M is permitted at Level 1: every Level 1 requirement must be met.',
  '170.21(a)(2)':
    'Conditional Level 2 status needs all three: a score of at least 0.8 of 110, only 1-point requirements on the POA&M (SC.L2-3.13.11 excepted), and none of the six excluded requirements.',
  '170.21(a)(2)(i)': 'Level 2: the assessment score divided by the 110 Level 2 requirements must be at least 0.8, i.e. a score of 88 or more.',
  '170.21(a)(2)(ii)':
    'Level 2: no requirement on the POA&M may be worth more than 1 point, except SC.L2-3.13.11 when encryption is employed but is not FIPS-validated.',
  '170.21(a)(2)(iii)': 'Level 2: AC.L2-3.1.20, AC.L2-3.1.22, CA.L2-3.12.4, PE.L2-3.10.3, PE.L2-3.10.4 and PE.L2-3.10.5 may never be on a POA&M.',
  '170.21(a)(3)': 'Conditional Level 3 status needs a Level 3 score of at least 0.8 of 24 and none of the seven excluded Level 3 requirements on the POA&M.',
  '170.21(a)(3)(i)': 'Level 3: the Level 3 score divided by the 24 Level 3 requirements must be at least 0.8, i.e. at least 20 met.',
  '170.21(a)(3)(ii)':
    'Level 3: IR.L3-3.6.1e, IR.L3-3.6.2e, RA.L3-3.11.1e, RA.L3-3.11.6e, RA.L3-3.11.7e, RA.L3-3.11.4e and SI.L3-3.14.3e may never be on a POA&M.',
  '170.21(b)':
    'Every POA&M item must be closed out, and confirmed by a closeout assessment, within 180 days of the Conditional CMMC Status Date; otherwise Conditional status expires.',
  '170.21(b)(1)': 'After a Level 2 self-assessment, the POA&M closeout is a self-assessment by the organization, done like the initial one.',
  '170.21(b)(2)': 'After a Level 2 C3PAO certification assessment, the POA&M closeout is performed by a C3PAO.',
  '170.21(b)(3)': 'At Level 3, the POA&M closeout is performed by DCMA DIBCAC.',
  '170.24': 'Scoring: each NOT MET requirement deducts its DoD point value from the maximum (110 at Level 2, 24 at Level 3); not-applicable counts as met.',
  '170.24(b)(1)(ii)':
    'A temporary deficiency is assessed as MET when it is appropriately addressed in an operational plan of action: the plan must show deficiency reviews and progress toward correcting it, not merely list it.',
  '170.24(b)(3)': 'A requirement that does not apply is NOT APPLICABLE and is treated as MET.',
  '170.24(c)(1)': 'Level 1 is all or nothing: every requirement must be met; there is no score and no POA&M.',
  '170.24(c)(2)': 'Level 2 score: 110 minus the point values (5, 3 or 1) of every NOT MET requirement; it may be negative.',
  '170.24(c)(2)(i)(B)(1)': 'These Level 2 requirements are worth 5 points.',
  '170.24(c)(2)(i)(B)(2)': 'These Level 2 requirements are worth 3 points.',
  '170.24(c)(2)(i)(B)(3)': 'All remaining derived Level 2 requirements are worth 1 point.',
  '170.24(c)(2)(i)(B)(4)':
    'Partial credit for two requirements: IA.L2-3.5.3 (MFA) and SC.L2-3.13.11 (CUI encryption) deduct 3 instead of 5 when partly implemented.',
  '170.24(c)(2)(i)(B)(4)(i)': 'IA.L2-3.5.3 (MFA): deduct 3 if MFA covers only remote and privileged users, 5 if it covers no users.',
  '170.24(c)(2)(i)(B)(4)(ii)': 'SC.L2-3.13.11 (CUI encryption): deduct 3 if encryption is employed but not FIPS-validated, 5 if there is none.',
  '170.24(c)(2)(i)(B)(5)':
    'CA.L2-3.12.4 (System Security Plan): an SSP must exist at assessment; without one the assessment cannot be completed. The paragraph assigns no points: that it deducts nothing comes from the DoD Assessment Methodology, which lists its value as NA.',
  '170.24(c)(2)(i)(B)(6)': 'Every NOT MET requirement must be on a POA&M, and a POA&M does not restore the points: it is still scored NOT MET.',
  '170.24(c)(3)': 'Level 3 score: each of the 24 Level 3 requirements is worth 1 point.',
};

/** Sub-items (A)..(G) of the exclusion lists inherit the list's summary. */
function summaryFor(paragraph: string): string {
  let p = paragraph;
  while (p) {
    const s = SUMMARIES[p];
    if (s) return s;
    const cut = p.lastIndexOf('(');
    if (cut <= 0) break;
    p = p.slice(0, cut);
  }
  return SUMMARIES['170.21(a)'];
}

/** The citation of one paragraph of 32 CFR part 170, e.g. `cite('170.21(a)(2)(iii)(A)')`. */
export function cite(paragraph: string): Citation {
  const section = paragraph.replace(/\(.*$/, '');
  const anchor = paragraph.includes('(') ? `#p-${paragraph}` : '';
  return {
    paragraph,
    label: `32 CFR ${paragraph}`,
    url: `https://www.ecfr.gov/current/title-32/part-170/section-${section}${anchor}`,
    summary: summaryFor(paragraph),
  };
}

/** Every paragraph with its own summary, for documentation. */
export function citedParagraphs(): string[] {
  return Object.keys(SUMMARIES);
}
