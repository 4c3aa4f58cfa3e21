/**
 * The codes of team use: problems of `.cmmc.yaml` (config/config.ts) and of inline
 * suppression comments (config/suppressions.ts). They are reported by the policy pass
 * (analysis/policy.ts), not by a check over the model; listed here so hovers, SARIF and the
 * README describe them like any rule.
 */
import type { ParseRule } from './rule';

/** `.cmmc.yaml` does not parse or does not follow its schema. */
export const configInvalid: ParseRule = {
  code: 'config-invalid',
  severity: 'error',
  paragraphs: [],
  appliesTo: 'parse',
  title: 'Invalid .cmmc.yaml',
  explain:
    'The repository configuration does not parse, has an unknown setting or code, or a value of the wrong form ' +
    '(checked against schemas/cmmc-config.schema.json). The valid entries still apply.',
};

/** `.cmmc.yaml` tries to lower a regulatory error. */
export const configRegulatory: ParseRule = {
  code: 'config-regulatory',
  severity: 'error',
  paragraphs: [],
  appliesTo: 'parse',
  title: 'Regulatory error lowered in .cmmc.yaml',
  explain:
    'A code that enforces 32 CFR 170.21(a) is an error by regulation: a configuration may not lower it or turn it ' +
    'off (it stays an error). Remove the entry, or raise instead of lower.',
};

/** A suppression without justification, with an unknown code, or of a regulatory error. */
export const suppressionInvalid: ParseRule = {
  code: 'suppression-invalid',
  severity: 'error',
  paragraphs: [],
  appliesTo: 'parse',
  title: 'Suppression without justification or with an unknown code',
  explain:
    'A `cmmc-disable-next-line` comment must name a known code and give a written justification after ` -- `, so an ' +
    'assessor can read why the finding is accepted. An invalid suppression suppresses nothing.',
};

/** A suppression that matches no finding. */
export const suppressionUnused: ParseRule = {
  code: 'suppression-unused',
  severity: 'warning',
  paragraphs: [],
  appliesTo: 'parse',
  title: 'Suppression that matches nothing',
  explain:
    'A `cmmc-disable-next-line` comment whose code has no finding on the next line: the problem was fixed or the ' +
    'comment moved. Remove it so the audit trail only lists what is really accepted.',
};
