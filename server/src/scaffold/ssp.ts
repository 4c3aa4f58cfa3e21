/**
 * The SSP skeleton of `cmmc-check init ssp`, the "New SSP" command and the "Add the N missing
 * practices" fix: every requirement of a level in catalog order (a Level 3 SSP lists the 110
 * Level 2 and the 24 Level 3 requirements), grouped by family, each with `status: not-met`. An
 * SSP left like this reads as an unfilled skeleton (domain/skeleton.ts). Pure: catalog in, text out.
 */
import { requirementsForSsp, type Level, type Requirement } from '../catalog/requirements';
import type { Syntax } from '../documents/model';

export interface SspScaffoldOptions {
  readonly level: Level;
  readonly syntax: Syntax;
  /** The SSP version date (`date:`), YYYY-MM-DD. */
  readonly date: string;
}

/** The status every scaffolded practice starts with (scored as not met until the author assesses it). */
export const SKELETON_STATUS = 'not-met';

/** The family heading of a group: at Level 3 the level is named, since families repeat. */
export function familyTitle(req: Requirement, ssp: Level): string {
  return ssp === 3 ? `${req.family} (Level ${req.level})` : req.family;
}

/**
 * One practice as the skeleton writes it. YAML: the key (title as a comment) and its status,
 * `inner` columns deeper; markdown: the `##` heading with the title and the `Status:` line.
 */
export function practiceLines(req: Requirement, syntax: Syntax, inner = 2, statusKey = 'Status'): string[] {
  if (syntax === 'yaml') return [`${req.id}: # ${req.title}`, `${' '.repeat(inner)}status: ${SKELETON_STATUS}`];
  return [`## ${req.id} ${req.title}`, '', `${statusKey}: ${SKELETON_STATUS}`];
}

/** Requirements in catalog order, cut into runs of one family (the skeleton's groups). */
export function familyGroups(reqs: readonly Requirement[], ssp: Level): { title: string; reqs: Requirement[] }[] {
  const groups: { title: string; reqs: Requirement[] }[] = [];
  for (const r of reqs) {
    const title = familyTitle(r, ssp);
    const last = groups[groups.length - 1];
    if (last && last.title === title) last.reqs.push(r);
    else groups.push({ title, reqs: [r] });
  }
  return groups;
}

const HINT = [
  'Written by `cmmc-check init ssp`. Every practice starts as not-met: set its status (met, not-met or',
  'not-applicable) and say how it is implemented (or why it does not apply). Until one practice is filled',
  'in, the checker reads this file as a skeleton and reports only how many practices are assessed.',
];

/** The whole SSP skeleton of a level, in one syntax (lines end with `\n`). */
export function sspScaffold(opts: SspScaffoldOptions): string {
  const reqs = requirementsForSsp(opts.level);
  const groups = familyGroups(reqs, opts.level);
  const pad = (field: string, comment: string) => `${field.padEnd(33)} # ${comment}`;
  const header = [
    'kind: ssp',
    pad(`level: ${opts.level}`, 'target CMMC level: 1, 2 or 3'),
    pad('# organization: Your organization', 'the Organization Seeking Assessment'),
    pad('# system: Your CUI enclave', 'the assessed system'),
    pad(`date: ${opts.date}`, 'SSP version date'),
  ];
  const out: string[] = [];
  if (opts.syntax === 'yaml') {
    out.push(...HINT.map((l) => `# ${l}`), ...header, pad('practices:', `${reqs.length} requirements, in catalog order`));
    groups.forEach((g, i) => {
      if (i > 0) out.push('');
      out.push(`  # ${g.title}`);
      for (const r of g.reqs) out.push(...practiceLines(r, 'yaml').map((l) => `  ${l}`));
    });
  } else {
    out.push('---', ...header, '---', '', `# CMMC Level ${opts.level} System Security Plan`, '', `<!-- ${HINT.join(' ')} -->`);
    for (const g of groups) {
      out.push('', `# ${g.title}`);
      for (const r of g.reqs) out.push('', ...practiceLines(r, 'markdown'));
    }
  }
  return out.join('\n') + '\n';
}
