/**
 * The POA&M scaffold of `cmmc-check init poam`, the "New POA&M" command and the "Add a POA&M item"
 * / "Create a POA&M for this SSP" code actions: a POA&M linked to an SSP, with one open item per
 * NOT MET practice that may be deferred (domain/deferral.ts decides), each with a deadline and a
 * milestone skeleton. The deadline is the closeout date (conditional_status_date + 180 days) when
 * the Conditional date is known, else 180 days from today, as the `poam-missing-deadline` fix
 * does. Pure: SSP model in, text out.
 */
import type { Level, Requirement } from '../catalog/requirements';
import { formatDay, parseDay } from '../documents/dates';
import type { SspDoc, Syntax } from '../documents/model';
import { CLOSEOUT_DAYS } from '../domain/clock';
import { deferral } from '../domain/deferral';
import { scoreSsp } from '../domain/scoring';

/** Placeholders the author replaces (markdown: plain words, since `<...>` would read as HTML). */
export const WEAKNESS_PLACEHOLDER = { yaml: '<describe the weakness>', markdown: 'Describe the weakness found at assessment.' } as const;
export const TASK_PLACEHOLDER = { yaml: '<describe the task>', markdown: 'Describe the task' } as const;

/** One POA&M item to write. */
export interface ItemSpec {
  readonly id: string;
  readonly requirement: Requirement;
  readonly deadline: string;
  /** SC.L2-3.13.11: the SSP's `encryption: not-fips-validated` is carried onto the item. */
  readonly encryption?: string;
}

/** What the SSP says about its gaps, sorted for the POA&M. */
export interface Gaps {
  readonly level?: Level;
  /** NOT MET practices listed in the SSP that may go on a POA&M, in catalog order. */
  readonly deferrable: readonly { requirement: Requirement; encryption?: string }[];
  /** NOT MET practices listed in the SSP that may not (with the paragraph that says so). */
  readonly blocked: readonly { requirement: Requirement; paragraph: string }[];
  /** Requirements of the level the SSP does not list (scored not met, not scaffolded). */
  readonly missing: readonly Requirement[];
}

/** Sort the SSP's NOT MET requirements into deferrable, blocked and missing. */
export function gapsOf(ssp: SspDoc): Gaps {
  const score = scoreSsp(ssp);
  if (!score) return { deferrable: [], blocked: [], missing: [] };
  const deferrable: { requirement: Requirement; encryption?: string }[] = [];
  const blocked: { requirement: Requirement; paragraph: string }[] = [];
  const missing: Requirement[] = [];
  for (const n of score.notMet) {
    if (!n.practice) {
      missing.push(n.requirement);
      continue;
    }
    if (n.practice.status?.value !== 'not-met') continue;
    const encryption = n.practice.encryption?.value;
    const d = deferral(n.requirement, score.level, encryption);
    if (d.deferrable) deferrable.push({ requirement: n.requirement, encryption: n.requirement.poam === 'conditional' ? encryption : undefined });
    else blocked.push({ requirement: n.requirement, paragraph: d.paragraph });
  }
  return { level: score.level, deferrable, blocked, missing };
}

/** The deadline a new item gets: the closeout date when the Conditional date is known, else today + 180. */
export function itemDeadline(conditionalDate: string | undefined, today: number): string {
  const start = conditionalDate ? parseDay(conditionalDate) : undefined;
  return formatDay((start ?? today) + CLOSEOUT_DAYS);
}

/** The next item id after `existing` (POAM-007 after POAM-006; same prefix and zero padding). */
export function nextItemId(existing: readonly string[]): string {
  let prefix = 'POAM-';
  let width = 3;
  let max = 0;
  for (const id of existing) {
    const m = /^(.*?)(\d+)$/.exec(id);
    if (!m) continue;
    const n = Number(m[2]);
    if (n >= max) {
      max = n;
      prefix = m[1];
      width = m[2].length;
    }
  }
  return `${prefix}${String(max + 1).padStart(width, '0')}`;
}

/**
 * One item, as lines. YAML: a sequence entry (`- id: ...`), `dash` columns in from the `items`
 * key and `inner` columns from the dash to its fields; markdown: an `##` section.
 */
export function itemLines(spec: ItemSpec, syntax: Syntax, style: { dash: number; inner: number } = { dash: 2, inner: 2 }): string[] {
  const r = spec.requirement;
  if (syntax === 'markdown') {
    return [
      `## ${spec.id} ${r.id} ${r.title}`,
      '',
      `Practice: ${r.id}`,
      ...(spec.encryption ? [`Encryption: ${spec.encryption}`] : []),
      `Deadline: ${spec.deadline}`,
      'Status: open',
      '',
      WEAKNESS_PLACEHOLDER.markdown,
      '',
      '### Milestones',
      '',
      `- [ ] ${spec.deadline} ${TASK_PLACEHOLDER.markdown}`,
    ];
  }
  const d = ' '.repeat(style.dash);
  const f = ' '.repeat(style.dash + style.inner);
  const m = ' '.repeat(style.dash + style.inner + 2);
  return [
    `${d}-${' '.repeat(style.inner - 1)}id: ${spec.id}`,
    `${f}practice: ${r.id} # ${r.title}`,
    ...(spec.encryption ? [`${f}encryption: ${spec.encryption}`] : []),
    `${f}weakness: ${WEAKNESS_PLACEHOLDER.yaml}`,
    `${f}deadline: ${spec.deadline}`,
    `${f}status: open`,
    `${f}milestones:`,
    `${m}- task: ${TASK_PLACEHOLDER.yaml}`,
    `${m}  due: ${spec.deadline}`,
  ];
}

export interface PoamScaffoldOptions {
  readonly ssp: SspDoc;
  /** The `ssp:` link: the SSP's path relative to the POA&M (forward slashes). */
  readonly link: string;
  readonly syntax: Syntax;
  /** The Conditional CMMC Status Date, if known: written, and the deadlines follow from it. */
  readonly conditionalDate?: string;
  /** Today's day number (deadlines fall back to today + 180 days). */
  readonly today: number;
}

/** The POA&M scaffold text and the SSP's gaps it was written from. */
export function poamScaffold(opts: PoamScaffoldOptions): { text: string; gaps: Gaps } {
  const gaps = gapsOf(opts.ssp);
  const level = gaps.level ?? opts.ssp.level?.value ?? 2;
  const deadline = itemDeadline(opts.conditionalDate, opts.today);
  const items: ItemSpec[] = gaps.deferrable.map((g, i) => ({
    id: `POAM-${String(i + 1).padStart(3, '0')}`,
    requirement: g.requirement,
    deadline,
    encryption: g.encryption,
  }));
  // Plain when that is safe YAML (a letter, `.` or `/` first: no anchor, alias, number or date), else JSON-quoted.
  const quote = (s: string) => (/^[A-Za-z._/][\w .,&()/-]*$/.test(s) && !/\s$/.test(s) ? s : JSON.stringify(s));
  const header = [
    'kind: poam',
    `level: ${level}`,
    ...(opts.ssp.organization ? [`organization: ${quote(opts.ssp.organization.value)}`] : []),
    ...(opts.ssp.system ? [`system: ${quote(opts.ssp.system.value)}`] : []),
    `ssp: ${quote(opts.link)}`,
    '# assessment:                     # the assessment that found these gaps',
    '#   type: c3pao                   # self | c3pao | dibcac',
    '#   date: YYYY-MM-DD',
    '#   score: 0                      # its result (the Conditional threshold is checked on it)',
    opts.conditionalDate
      ? `conditional_status_date: ${opts.conditionalDate}   # the 180-day closeout clock starts here`
      : '# conditional_status_date: YYYY-MM-DD   # the day Conditional status was posted; deadlines follow from it',
  ];
  const out: string[] = [];
  const hint = `Written by \`cmmc-check init poam\`: one item per not-met practice of the SSP that may be deferred. Describe each weakness and its milestones.`;
  if (opts.syntax === 'yaml') {
    out.push(`# ${hint}`, ...header, items.length ? 'items:' : 'items: []');
    for (const it of items) out.push(...itemLines(it, 'yaml'));
  } else {
    out.push('---', ...header, '---', '', '# Plan of Action and Milestones', '', `<!-- ${hint} -->`);
    for (const it of items) out.push('', ...itemLines(it, 'markdown'));
  }
  return { text: out.join('\n') + '\n', gaps };
}
