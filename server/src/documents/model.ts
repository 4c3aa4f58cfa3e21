/**
 * The document model: SspDoc and PoamDoc, read from the located tree of either syntax. Every
 * value is Located (value + span), so rules never look at text and features never re-parse.
 * Only values of the right type make it into the model; wrong types are `schema` findings.
 */
import type { Level } from '../catalog/requirements';
import { entry as exactEntry, type LMapEntry, type LNode, type Span } from './tree';

export interface Located<T> {
  readonly value: T;
  readonly span: Span;
  /** The span of the key that holds the value (YAML key, markdown field name). */
  readonly keySpan?: Span;
}

export type Syntax = 'yaml' | 'markdown';
export type PracticeStatus = 'met' | 'not-met' | 'not-applicable';
export type ItemStatus = 'open' | 'completed';
export type AssessorType = 'self' | 'c3pao' | 'dibcac';
export type CloseoutResult = 'passed' | 'failed';
const ASSESSORS = ['self', 'c3pao', 'dibcac'] as const;

export interface SspPractice {
  /** The practice id as written, located on its key (markdown: its heading). */
  readonly id: Located<string>;
  /** The whole practice entry. */
  readonly span: Span;
  readonly status?: Located<PracticeStatus>;
  readonly implementation?: Located<string>;
  readonly justification?: Located<string>;
  readonly mfa?: Located<string>;
  readonly encryption?: Located<string>;
  readonly operationalPlan?: Located<string>;
  readonly responsible?: Located<string>;
}

export interface SspDoc {
  readonly kind: 'ssp';
  readonly syntax: Syntax;
  readonly level?: Located<Level>;
  /** Where document-level findings sit: the `practices` key (markdown: the front matter's `kind` line). */
  readonly anchor: Span;
  readonly practices: readonly SspPractice[];
  readonly organization?: Located<string>;
  readonly system?: Located<string>;
  /** The system description (optional; the OSCAL export's system-characteristics). */
  readonly description?: Located<string>;
  /** The SSP version date (`date`). */
  readonly date?: Located<string>;
  /** What the assessment covers (`scope`), as entered in SPRS. */
  readonly scope?: Located<SspScope>;
  /** The CAGE codes the assessment applies to (`cage_codes`; only the string entries). */
  readonly cageCodes?: Located<readonly string[]>;
  /** Every date-valued field, for the calendar-date check. */
  readonly dates: readonly Located<string>[];
}

/** The `closeout:` record of a POA&M: the closeout assessment, once it has happened (170.21(b)). */
export interface CloseoutRecord {
  /** The `closeout` key. */
  readonly keySpan: Span;
  readonly date?: Located<string>;
  readonly type?: Located<AssessorType>;
  readonly result?: Located<CloseoutResult>;
}

export type SspScope = 'enterprise' | 'enclave' | 'contract';

export interface Milestone {
  readonly span: Span;
  readonly task?: Located<string>;
  readonly due?: Located<string>;
  /** `true`, or the day it was done. */
  readonly done?: Located<true | string>;
}

export interface PoamItem {
  readonly index: number;
  readonly span: Span;
  /** Where findings about the item as a whole sit: its `id` value (markdown: heading), else its first key. */
  readonly anchor: Span;
  readonly id?: Located<string>;
  /** A short name (optional; OSCAL poam-item titles are kept here on import). */
  readonly title?: Located<string>;
  readonly practice?: Located<string>;
  readonly status?: Located<ItemStatus>;
  readonly deadline?: Located<string>;
  readonly completed?: Located<string>;
  readonly encryption?: Located<string>;
  /** The milestones list (undefined when the item has no `milestones`). */
  readonly milestones?: Located<readonly Milestone[]>;
}

export interface PoamDoc {
  readonly kind: 'poam';
  readonly syntax: Syntax;
  readonly level?: Located<Level>;
  readonly ssp?: Located<string>;
  /** The `assessment` key, when present. */
  readonly assessmentKey?: Span;
  readonly assessmentType?: Located<AssessorType>;
  readonly assessmentDate?: Located<string>;
  /** `assessment.score`: the recorded result of the assessment. */
  readonly score?: Located<number>;
  /** The `score` key under `assessment`, present even when its value is of the wrong type. */
  readonly scoreKey?: Span;
  readonly conditionalDate?: Located<string>;
  readonly closeout?: CloseoutRecord;
  /** The `items` key (markdown: the front matter's `kind` line). */
  readonly itemsAnchor: Span;
  readonly items: readonly PoamItem[];
  readonly organization?: Located<string>;
  readonly system?: Located<string>;
  readonly dates: readonly Located<string>[];
}

export type CmmcDoc = SspDoc | PoamDoc;

// ---- reading the located tree ---------------------------------------------------------------

/** The entry for `key`, or one written in another case (`Status:`): the schema says how to write it, the model reads it. */
function entry(map: LNode | undefined, key: string): LMapEntry | undefined {
  return exactEntry(map, key) ?? (map?.kind === 'map' ? map.entries.find((e) => e.key.toLowerCase() === key) : undefined);
}

function str(e: LMapEntry | undefined): Located<string> | undefined {
  if (!e || e.value.kind !== 'scalar' || typeof e.value.value !== 'string') return undefined;
  return { value: e.value.value, span: e.value.span, keySpan: e.keySpan };
}

function nonEmpty(e: LMapEntry | undefined): Located<string> | undefined {
  const s = str(e);
  return s && s.value.trim() !== '' ? s : undefined;
}

/** An enumerated value; another spelling (`Met`, `NOT-MET`) is read as the value meant, and the schema says how to write it. */
function oneOf<T extends string>(e: LMapEntry | undefined, values: readonly T[]): Located<T> | undefined {
  const s = str(e);
  const folded = s?.value
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  return s && folded !== undefined && (values as readonly string[]).includes(folded) ? { ...s, value: folded as T } : undefined;
}

function int(e: LMapEntry | undefined): Located<number> | undefined {
  if (!e || e.value.kind !== 'scalar' || typeof e.value.value !== 'number' || !Number.isInteger(e.value.value)) return undefined;
  return { value: e.value.value, span: e.value.span, keySpan: e.keySpan };
}

function level(root: LNode): Located<Level> | undefined {
  const l = int(entry(root, 'level'));
  return l && (l.value === 1 || l.value === 2 || l.value === 3) ? (l as Located<Level>) : undefined;
}

/** Date fields: any string is kept here; the date rule judges form and calendar. */
function date(e: LMapEntry | undefined, into: Located<string>[]): Located<string> | undefined {
  const s = str(e);
  if (s) into.push(s);
  return s;
}

/** A span covering just the first line of a multi-line span (for anchors). */
function firstKeyOr(node: LNode): Span {
  if (node.kind === 'map' && node.entries.length > 0) return node.entries[0].keySpan;
  return node.span;
}

/** Read an SSP from its located tree. `anchor` overrides where document findings sit (markdown). */
export function readSsp(root: LNode, syntax: Syntax, anchorOverride?: Span): SspDoc {
  const dates: Located<string>[] = [];
  const practicesEntry = entry(root, 'practices');
  const practices: SspPractice[] = [];
  if (practicesEntry && practicesEntry.value.kind === 'map') {
    // SPEC 2.1: a practice listed twice (YAML duplicate key, second markdown section) is scored
    // from its later entry, in both syntaxes; the parser reports the second occurrence.
    const last = new Map<string, LMapEntry>();
    for (const p of practicesEntry.value.entries) last.set(p.key, p);
    for (const p of practicesEntry.value.entries) {
      if (last.get(p.key) !== p) continue;
      const body = p.value;
      practices.push({
        id: { value: p.key, span: p.keySpan, keySpan: p.keySpan },
        span: { start: p.keySpan.start, end: Math.max(p.keySpan.end, body.span.end) },
        status: oneOf(entry(body, 'status'), ['met', 'not-met', 'not-applicable'] as const),
        implementation: nonEmpty(entry(body, 'implementation')),
        justification: nonEmpty(entry(body, 'justification')),
        mfa: str(entry(body, 'mfa')),
        encryption: str(entry(body, 'encryption')),
        operationalPlan: nonEmpty(entry(body, 'operational_plan')),
        responsible: str(entry(body, 'responsible')),
      });
    }
  }
  const sspDate = date(entry(root, 'date'), dates);
  return {
    kind: 'ssp',
    syntax,
    level: level(root),
    anchor: anchorOverride ?? practicesEntry?.keySpan ?? firstKeyOr(root),
    practices,
    organization: str(entry(root, 'organization')),
    system: str(entry(root, 'system')),
    description: str(entry(root, 'description')),
    date: sspDate,
    scope: oneOf(entry(root, 'scope'), ['enterprise', 'enclave', 'contract'] as const),
    cageCodes: strings(entry(root, 'cage_codes')),
    dates,
  };
}

/** Read the `closeout:` record, if the POA&M has one (a mapping). */
function closeoutRecord(root: LNode, dates: Located<string>[]): CloseoutRecord | undefined {
  const e = entry(root, 'closeout');
  if (!e || e.value.kind !== 'map') return undefined;
  return {
    keySpan: e.keySpan,
    date: date(entry(e.value, 'date'), dates),
    type: oneOf(entry(e.value, 'type'), ASSESSORS),
    result: oneOf(entry(e.value, 'result'), ['passed', 'failed'] as const),
  };
}

/** A list of strings (non-string entries are left out; the schema reports them). */
function strings(e: LMapEntry | undefined): Located<readonly string[]> | undefined {
  if (!e || e.value.kind !== 'seq') return undefined;
  const list: string[] = [];
  for (const n of e.value.items) if (n.kind === 'scalar' && typeof n.value === 'string') list.push(n.value);
  return { value: list, span: e.value.span, keySpan: e.keySpan };
}

/** Read a POA&M from its located tree. */
export function readPoam(root: LNode, syntax: Syntax, anchorOverride?: Span): PoamDoc {
  const dates: Located<string>[] = [];
  const itemsEntry = entry(root, 'items');
  const items: PoamItem[] = [];
  if (itemsEntry && itemsEntry.value.kind === 'seq') {
    itemsEntry.value.items.forEach((node, index) => {
      if (node.kind !== 'map') return;
      const id = nonEmpty(entry(node, 'id'));
      date(entry(node, 'detected'), dates);
      const milestonesEntry = entry(node, 'milestones');
      let milestones: Located<Milestone[]> | undefined;
      if (milestonesEntry && milestonesEntry.value.kind === 'seq') {
        const list: Milestone[] = [];
        for (const m of milestonesEntry.value.items) {
          if (m.kind !== 'map') continue;
          const doneEntry = entry(m, 'done');
          let done: Located<true | string> | undefined;
          if (doneEntry?.value.kind === 'scalar' && doneEntry.value.value === true)
            done = { value: true, span: doneEntry.value.span, keySpan: doneEntry.keySpan };
          else done = date(doneEntry, dates);
          list.push({ span: m.span, task: str(entry(m, 'task')), due: date(entry(m, 'due'), dates), done });
        }
        milestones = { value: list, span: milestonesEntry.value.span, keySpan: milestonesEntry.keySpan };
      } else if (milestonesEntry) {
        milestones = { value: [], span: milestonesEntry.value.span, keySpan: milestonesEntry.keySpan };
      }
      items.push({
        index,
        span: node.span,
        anchor: id?.span ?? firstKeyOr(node),
        id,
        title: str(entry(node, 'title')),
        practice: nonEmpty(entry(node, 'practice')),
        status: oneOf(entry(node, 'status'), ['open', 'completed'] as const),
        deadline: date(entry(node, 'deadline'), dates),
        completed: date(entry(node, 'completed'), dates),
        encryption: str(entry(node, 'encryption')),
        milestones,
      });
    });
  }
  const assessmentEntry = entry(root, 'assessment');
  const assessment = assessmentEntry?.value;
  const assessmentDate = date(entry(assessment, 'date'), dates);
  return {
    kind: 'poam',
    syntax,
    level: level(root),
    ssp: nonEmpty(entry(root, 'ssp')),
    assessmentKey: assessmentEntry?.keySpan,
    assessmentType: oneOf(entry(assessment, 'type'), ASSESSORS),
    assessmentDate,
    score: int(entry(assessment, 'score')),
    scoreKey: entry(assessment, 'score')?.keySpan,
    conditionalDate: date(entry(root, 'conditional_status_date'), dates),
    closeout: closeoutRecord(root, dates),
    itemsAnchor: anchorOverride ?? itemsEntry?.keySpan ?? firstKeyOr(root),
    items,
    organization: str(entry(root, 'organization')),
    system: str(entry(root, 'system')),
    dates,
  };
}
