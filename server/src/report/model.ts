/**
 * The readiness report as data: what the HTML and the JSON show, built from the language service
 * (its analyses, scores and links) and the domain (verdict, deferral, clock, path to Conditional).
 * Documents are grouped into sets: one per SSP with the POA&Ms that link it, and one per POA&M that
 * links no readable SSP. Every date is a `YYYY-MM-DD` string, so the model is the JSON as is.
 */
import { requirementsOfLevel, type Level } from '../catalog/requirements';
import { formatDay, parseDay } from '../documents/dates';
import type { PoamDoc, SspDoc } from '../documents/model';
import { closeoutDay, isOpen } from '../domain/clock';
import { deferral } from '../domain/deferral';
import { gainOf, pathToConditional } from '../domain/pathToConditional';
import { thresholdScore, type NotMet, type SspScore } from '../domain/scoring';
import { counted, verdictOf, type VerdictKind } from '../domain/verdict';
import { cite } from '../regulation/citations';
import { normalizeUri, type Analysis, type CmmcService } from '../service';

export interface Report {
  /** The day the report is computed for (`--today`, `cmmc.today`, or the machine's date). */
  readonly today: string;
  readonly sets: readonly ReportSet[];
}

export interface DocRef {
  readonly uri: string;
  /** How the report names the file (a path relative to the folder checked, or the file name). */
  readonly file: string;
  readonly errors: number;
  readonly warnings: number;
}

export interface ReportSet {
  /** The system's name (or the organization's, or the file name). */
  readonly title: string;
  readonly ssp?: DocRef & { readonly level?: Level; readonly system?: string; readonly organization?: string; readonly date?: string };
  readonly poams: readonly (DocRef & { readonly conditionalDate?: string; readonly closeout?: string })[];
  readonly verdict: { readonly kind: VerdictKind | 'unknown'; readonly line: string; readonly reasons: readonly string[] };
  /** The SSP's score (undefined without a linked SSP with a level). */
  readonly score?: { readonly level: Level; readonly score: number; readonly max: number; readonly threshold: number; readonly open: number };
  readonly families: readonly FamilyRow[];
  readonly blockers: readonly Blocker[];
  readonly path?: PathStep & { readonly none: boolean; readonly target: 'conditional' | 'final'; readonly steps: readonly Step[]; readonly needed: number };
  readonly timelines: readonly Timeline[];
  readonly sprs: Sprs;
}

interface PathStep {
  /** Points of work: what the steps give back to the score. */
  readonly points: number;
  /** The score once every step is met. */
  readonly reaches: number;
}

export interface FamilyRow {
  /** AC, AT, AU, ... SI. */
  readonly code: string;
  readonly name: string;
  readonly requirements: number;
  readonly notMet: number;
  /** Points open (Level 3 and Level 1: requirements open, one each). */
  readonly pointsOpen: number;
  readonly pointsMax: number;
}

export interface Blocker {
  readonly id: string;
  readonly title: string;
  /** Points it takes from this assessment's score (a Level 2 requirement takes none from a Level 3 score). */
  readonly points: number;
  /** Why it may not be deferred, in words. */
  readonly reason: string;
  readonly paragraph: string;
  /** "32 CFR 170.21(a)(2)(iii)(A)". */
  readonly citation: string;
}

export interface Step {
  readonly id: string;
  readonly title: string;
  readonly points: number;
  /** Must be met whatever the score (it may not be deferred). */
  readonly forced: boolean;
}

export type ItemState = 'open' | 'completed' | 'overdue' | 'late';

export interface Timeline {
  readonly file: string;
  /** The Conditional CMMC Status Date and the closeout date (day 180); undefined when not set. */
  readonly start?: string;
  readonly closeout?: string;
  readonly items: readonly TimelineItem[];
}

export interface TimelineItem {
  readonly id: string;
  readonly practice?: string;
  readonly deadline?: string;
  readonly completed?: string;
  /** overdue: open past its deadline (or past closeout); late: its deadline falls after closeout. */
  readonly state: ItemState;
  readonly milestones: readonly { readonly task: string; readonly due?: string; readonly done: boolean; readonly overdue: boolean }[];
}

export interface Sprs {
  readonly assessmentDate?: string;
  readonly score?: number;
  readonly max?: number;
  readonly level?: Level;
  readonly scope?: string;
  /** The latest deadline of an open POA&M item (undefined when none is open). */
  readonly planOfActionDate?: string;
  readonly sspName?: string;
  readonly sspDate?: string;
  readonly cageCodes?: readonly string[];
  /** What the documents do not say and the tool cannot know. */
  readonly cannotKnow: readonly string[];
}

export interface ReportOptions {
  /** How to name a file (default: its file name). */
  readonly label?: (uri: string) => string;
  /** Only the set holding this document (all sets when it is in none). */
  readonly focus?: string;
}

const fileName = (uri: string) =>
  decodeURIComponent(
    uri
      .replace(/[?#].*$/, '')
      .split('/')
      .pop() ?? uri,
  );

/** Build the report over the documents at `uris` (files that are not SSPs or POA&Ms are skipped). */
export function buildReport(service: CmmcService, uris: Iterable<string>, options: ReportOptions = {}): Report {
  const label = options.label ?? fileName;
  const today = service.today();
  const sspSets = new Map<string, { uri: string; analysis: Analysis; poams: Map<string, Analysis> }>();
  const orphans: { uri: string; analysis: Analysis }[] = [];
  const sspSet = (uri: string, analysis: Analysis) => {
    const key = normalizeUri(uri);
    let set = sspSets.get(key);
    if (!set) {
      set = { uri, analysis, poams: new Map() };
      sspSets.set(key, set);
      for (const p of analysis.poams ?? []) {
        const a = service.analyze(p.uri);
        if (a) set.poams.set(normalizeUri(p.uri), a);
      }
    }
    return set;
  };
  for (const uri of uris) {
    const analysis = service.analyze(uri);
    const model = analysis?.parsed.model;
    if (!analysis || !model) continue;
    if (model.kind === 'ssp') sspSet(uri, analysis);
    else if (analysis.ssp?.state === 'ok') {
      const target = service.analyze(analysis.ssp.uri);
      if (target) sspSet(analysis.ssp.uri, target).poams.set(normalizeUri(uri), analysis);
      else orphans.push({ uri, analysis });
    } else orphans.push({ uri, analysis });
  }
  let sets = [
    ...[...sspSets.values()].map((s) => ({
      uris: [s.uri, ...[...s.poams.values()].map((a) => a.parsed.uri)],
      build: () => buildSet(s.analysis, [...s.poams.values()], today, label),
    })),
    ...orphans.map((o) => ({ uris: [o.uri], build: () => buildSet(undefined, [o.analysis], today, label) })),
  ];
  if (options.focus) {
    const f = normalizeUri(options.focus);
    const hit = sets.filter((s) => s.uris.some((u) => normalizeUri(u) === f));
    if (hit.length) sets = hit;
  }
  return { today: formatDay(today), sets: sets.map((s) => s.build()) };
}

function docRef(a: Analysis, label: (uri: string) => string): DocRef {
  return {
    uri: a.parsed.uri,
    file: label(a.parsed.uri),
    errors: a.findings.filter((f) => f.severity === 'error').length,
    warnings: a.findings.filter((f) => f.severity === 'warning').length,
  };
}

const valid = (d: string | undefined) => (d !== undefined && parseDay(d) !== undefined ? d : undefined);

function buildSet(sspA: Analysis | undefined, poamAs: readonly Analysis[], today: number, label: (uri: string) => string): ReportSet {
  const ssp = sspA?.parsed.model?.kind === 'ssp' ? (sspA.parsed.model as SspDoc) : undefined;
  const poams = poamAs.map((a) => ({ a, doc: a.parsed.model as PoamDoc })).sort((x, y) => label(x.a.parsed.uri).localeCompare(label(y.a.parsed.uri)));
  const score = sspA?.score;
  const title =
    ssp?.system?.value ?? ssp?.organization?.value ?? poams[0]?.doc.system?.value ?? poams[0]?.doc.organization?.value ?? label((sspA ?? poamAs[0]).parsed.uri);
  const timelines = poams.map(({ a, doc }) => timeline(doc, label(a.parsed.uri), today));
  return {
    title,
    ssp:
      sspA && ssp
        ? { ...docRef(sspA, label), level: ssp.level?.value, system: ssp.system?.value, organization: ssp.organization?.value, date: valid(ssp.date?.value) }
        : undefined,
    poams: poams.map(({ a, doc }) => {
      const closeout = closeoutDay(doc);
      return { ...docRef(a, label), conditionalDate: valid(doc.conditionalDate?.value), closeout: closeout === undefined ? undefined : formatDay(closeout) };
    }),
    verdict: verdictLine(sspA, ssp, score),
    score: score
      ? { level: score.level, score: score.score, max: score.max, threshold: score.level === 1 ? score.max : thresholdScore(score.level), open: score.open }
      : undefined,
    families: score ? families(score) : [],
    blockers: score ? verdictOf(score).blocked.map((n) => blocker(n, score.level)) : [],
    path: score ? path(score) : undefined,
    timelines,
    sprs: sprs(
      ssp,
      score,
      poams.map((p) => p.doc),
    ),
  };
}

function verdictLine(sspA: Analysis | undefined, ssp: SspDoc | undefined, score: SspScore | undefined): ReportSet['verdict'] {
  if (!sspA) return { kind: 'unknown', line: 'No SSP linked: the score and the verdict come from the SSP (link it with `ssp:`)', reasons: [] };
  if (!ssp) return { kind: 'unknown', line: 'The SSP could not be read: fix its syntax errors first', reasons: [] };
  if (!score) return { kind: 'unknown', line: 'The SSP has no valid `level` (1, 2 or 3): it cannot be scored', reasons: [] };
  const v = verdictOf(score);
  const of = `${score.score} of ${score.max}`;
  if (v.kind === 'final') return { kind: 'final', line: `Final Level ${score.level}: every requirement met (${of})`, reasons: [] };
  if (v.kind === 'conditional') {
    return { kind: 'conditional', line: `Conditional Level ${score.level} eligible: score ${of}, every gap may go on the POA&M`, reasons: [] };
  }
  if (score.level === 1) return { kind: 'not-eligible', line: `Not eligible: Level 1 needs all 15 requirements met (${of} met)`, reasons: [...v.reasons] };
  return { kind: 'not-eligible', line: `Not Conditional eligible: score ${of}; ${v.reasons.join('; ')}`, reasons: [...v.reasons] };
}

const familyCode = (id: string) => id.slice(0, id.indexOf('.'));

function families(s: SspScore): FamilyRow[] {
  const rows = new Map<string, { code: string; name: string; requirements: number; notMet: number; pointsOpen: number; pointsMax: number }>();
  for (const r of requirementsOfLevel(s.level)) {
    const code = familyCode(r.id);
    const row = rows.get(code) ?? { code, name: r.family, requirements: 0, notMet: 0, pointsOpen: 0, pointsMax: 0 };
    row.requirements++;
    row.pointsMax += s.level === 2 ? (r.points ?? 0) : 1;
    rows.set(code, row);
  }
  for (const n of s.notMet) {
    if (n.requirement.level !== s.level) continue;
    const row = rows.get(familyCode(n.requirement.id))!;
    row.notMet++;
    row.pointsOpen += s.level === 2 ? n.deduction : 1;
  }
  return [...rows.values()];
}

const REASONS = {
  level1: 'Level 1 allows no POA&M: every requirement must be met',
  'wrong-level': 'a Level 2 requirement must be met in full for Level 3',
  excluded: 'named as never deferrable',
} as const;

function blocker(n: NotMet, level: Level): Blocker {
  const d = deferral(n.requirement, level, n.practice?.encryption?.value);
  const paragraph = d.deferrable ? n.requirement.poamParagraph : d.paragraph;
  let reason: string;
  if (d.deferrable) reason = 'may be deferred';
  else if (d.reason === 'points') {
    reason =
      n.requirement.poam === 'conditional'
        ? 'may be deferred only when encryption is used but not FIPS-validated (`encryption: not-fips-validated`)'
        : `${
            n.deduction === n.requirement.points
              ? `worth ${counted(n.deduction, 'point')}`
              : `a ${n.requirement.points}-point requirement (${n.deduction} with partial credit)`
          }: only 1-point requirements may be deferred`;
  } else reason = REASONS[d.reason];
  return { id: n.requirement.id, title: n.requirement.title, points: gainOf(n, level), reason, paragraph, citation: cite(paragraph).label };
}

function path(s: SspScore): ReportSet['path'] {
  const p = pathToConditional(s);
  const forced = new Set(p.forced.map((n) => n.requirement.id));
  return {
    none: p.none,
    target: p.target,
    points: p.points,
    reaches: p.reaches,
    needed: p.needed,
    steps: p.steps.map((n) => ({
      id: n.requirement.id,
      title: n.requirement.title,
      points: gainOf(n, s.level),
      forced: forced.has(n.requirement.id),
    })),
  };
}

function timeline(doc: PoamDoc, file: string, today: number): Timeline {
  const close = closeoutDay(doc);
  const items = doc.items.map((it, i): TimelineItem => {
    const deadline = valid(it.deadline?.value);
    const due = deadline === undefined ? undefined : parseDay(deadline)!;
    const open = isOpen(it);
    let state: ItemState = open ? 'open' : 'completed';
    if (open && ((due !== undefined && due < today) || (close !== undefined && close < today))) state = 'overdue';
    else if (open && due !== undefined && close !== undefined && due > close) state = 'late';
    return {
      id: it.id?.value ?? `item ${i + 1}`,
      practice: it.practice?.value,
      deadline,
      completed: valid(it.completed?.value),
      state,
      milestones: (it.milestones?.value ?? []).map((m) => {
        const mdue = valid(m.due?.value);
        const done = m.done !== undefined || !open;
        return { task: m.task?.value ?? '(no task)', due: mdue, done, overdue: !done && mdue !== undefined && parseDay(mdue)! < today };
      }),
    };
  });
  return { file, start: valid(doc.conditionalDate?.value), closeout: close === undefined ? undefined : formatDay(close), items };
}

function sprs(ssp: SspDoc | undefined, score: SspScore | undefined, poams: readonly PoamDoc[]): Sprs {
  const withDate = poams.find((p) => valid(p.assessmentDate?.value));
  let latest: number | undefined;
  for (const p of poams) {
    for (const it of p.items) {
      const d = it.deadline ? parseDay(it.deadline.value) : undefined;
      if (isOpen(it) && d !== undefined && (latest === undefined || d > latest)) latest = d;
    }
  }
  const cage = ssp?.cageCodes?.value.filter((c) => c.trim() !== '');
  const cannotKnow = [
    cage?.length ? undefined : 'the CAGE codes the assessment covers (list them in the SSP as `cage_codes`)',
    ssp?.scope ? undefined : 'the assessment scope (set `scope: enterprise|enclave|contract` in the SSP)',
    withDate ? undefined : 'the assessment date (set `assessment.date` in the POA&M)',
    'whether the affirming official has affirmed the results in SPRS (32 CFR 170.22)',
    'whether the SSP and POA&M match the systems actually in scope: the tool reads the documents, not the network',
  ].filter((x): x is string => x !== undefined);
  return {
    assessmentDate: withDate?.assessmentDate?.value,
    score: score?.score ?? poams.find((p) => p.score)?.score?.value,
    max: score?.max,
    level: score?.level ?? poams.find((p) => p.level)?.level?.value,
    scope: ssp?.scope?.value,
    planOfActionDate: latest === undefined ? undefined : formatDay(latest),
    sspName: ssp?.system?.value,
    sspDate: valid(ssp?.date?.value),
    cageCodes: cage?.length ? cage : undefined,
    cannotKnow,
  };
}
