/**
 * An OSCAL `plan-of-action-and-milestones` as the plain value of our POA&M. Our own exports come
 * back field for field (our namespace's props carry what OSCAL has no place for); other POA&Ms
 * (NIST's IFA example, FedRAMP's template) keep their item titles, deadlines, statuses and
 * milestones, and their control ids become `practice` values (an 800-53 id is then an
 * `unknown-practice` finding). What does not map is counted in `unmapped`.
 */
import { requirement, REQUIREMENTS } from '../catalog/requirements';
import { CMMC_NS, controlId, dayOf, obj, ourProp, text } from './common';
import { defaultItemTitle, NO_TASK, NO_WEAKNESS, REMEDIATION_TITLE } from './exportPoam';

type Json = Record<string, unknown>;

/** What an import could not carry over, counted by kind ("observations" -> 2). */
export type Unmapped = Map<string, number>;

export function note(unmapped: Unmapped, what: string, n = 1): void {
  unmapped.set(what, (unmapped.get(what) ?? 0) + n);
}

const arr = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj).filter((x): x is Json => x !== undefined) : []);
const byControl = new Map(REQUIREMENTS.map((r) => [controlId(r.id), r.id]));

/** A practice id from an OSCAL control id: ours when it names one of our controls, else the id as written. */
export function practiceOf(control: string): string {
  const id = control.replace(/_smt(\..*)?$/, '');
  return byControl.get(id) ?? requirement(id)?.id ?? id;
}

/** The organization: the party with the `prepared-for` role. */
export function organizationOf(metadata: Json): string | undefined {
  const parties = arr(metadata.parties);
  for (const rp of arr(metadata['responsible-parties'])) {
    if (rp['role-id'] !== 'prepared-for') continue;
    const uuid = Array.isArray(rp['party-uuids']) ? rp['party-uuids'][0] : undefined;
    const name = text(parties.find((p) => p.uuid === uuid)?.name);
    if (name !== undefined) return name;
  }
  return undefined;
}

const POAM_KEYS = new Set(['uuid', 'metadata', 'import-ssp', 'system-id', 'findings', 'risks', 'poam-items']);
const CMMC_DOC = /\.(ya?ml|md|markdown)$/i;

/** Convert the POA&M object (the value of `plan-of-action-and-milestones`). */
export function importPoam(poam: Json, ours: boolean, unmapped: Unmapped): Json {
  const metadata = obj(poam.metadata) ?? {};
  const mp = metadata.props;
  for (const k of Object.keys(poam)) if (!POAM_KEYS.has(k)) note(unmapped, k, Array.isArray(poam[k]) ? (poam[k] as unknown[]).length : 1);

  const risks = riskIndex(arr(poam.risks));
  const findings = new Map(arr(poam.findings).map((f) => [String(f.uuid), f]));
  const items = arr(poam['poam-items']).map((item, index) => importItem(item, index, risks, findings, ours, unmapped));

  const level = Number(ourProp(mp, 'level'));
  const href = text(obj(poam['import-ssp'])?.href);
  let ssp: string | undefined;
  if (href !== undefined && (ours || (!href.startsWith('#') && CMMC_DOC.test(href)))) ssp = href;
  else if (href !== undefined) note(unmapped, `import-ssp ${href} (not a CMMC SSP document)`);
  const assessment = section({
    type: ourProp(mp, 'assessment-type'),
    date: ourProp(mp, 'assessment-date'),
    score: ourProp(mp, 'assessment-score') !== undefined ? Number(ourProp(mp, 'assessment-score')) : undefined,
  });
  const closeout = section({ date: ourProp(mp, 'closeout-date'), type: ourProp(mp, 'closeout-type'), result: ourProp(mp, 'closeout-result') });
  if (!Number.isInteger(level)) note(unmapped, 'CMMC level (not stated; set `level`)');
  return prune({
    kind: 'poam',
    level: Number.isInteger(level) ? level : undefined,
    organization: organizationOf(metadata),
    system: ourProp(mp, 'system'),
    ssp,
    assessment,
    conditional_status_date: ourProp(mp, 'conditional-status-date'),
    closeout,
    items,
  });
}

function importItem(item: Json, index: number, risks: Map<string, RiskHit>, findings: Map<string, Json>, ours: boolean, unmapped: Unmapped): Json {
  const props = item.props;
  const itemRisks: Json[] = [];
  for (const ref of arr(item['related-risks'])) {
    const hit = risks.get(String(ref['risk-uuid']));
    if (!hit) note(unmapped, 'risk references that resolve to nothing');
    else if (!itemRisks.includes(hit.risk)) itemRisks.push(hit.risk);
    if (hit?.nested) note(unmapped, 'risk references to a part of a risk (read as that risk)');
  }
  const related = arr(item['related-findings'])
    .map((ref) => findings.get(String(ref['finding-uuid'])))
    .filter((f): f is Json => f !== undefined);
  // Findings that name the item's risks count as related too (other tools link them that way only).
  for (const r of itemRisks) {
    for (const f of findings.values()) if (!related.includes(f) && arr(f['related-risks']).some((x) => x['risk-uuid'] === r.uuid)) related.push(f);
  }

  const id = ourProp(props, 'item-id') ?? anyProp(props, 'POAM-ID');
  const controls = [
    ...related.map((f) => text(obj(f.target)?.['target-id'])),
    ...itemRisks.flatMap((r) => anyProps(r.props, 'impacted-control-id')),
    ...anyProps(props, 'impacted-control-id'),
  ]
    .filter((c): c is string => c !== undefined)
    .map(practiceOf);
  const own = ourProp(props, 'practice');
  const practice = own ?? controls[0];
  const extra = new Set(own === undefined ? controls.filter((c) => c !== practice) : []);
  if (extra.size > 0) note(unmapped, 'further control ids of an item (one practice per item)', extra.size);

  const title = text(item.title);
  const ourTitle = ours && title === defaultItemTitle(ourProp(props, 'item-id'), ourProp(props, 'practice'), index);
  const description = text(item.description);
  const weakness = ours ? (description === NO_WEAKNESS ? undefined : description) : (description ?? text(itemRisks[0]?.description));
  const closed = itemRisks.length > 0 && itemRisks.every((r) => r.status === 'closed');
  const status = ourProp(props, 'status') ?? (ours ? undefined : closed ? 'completed' : 'open');
  const log = itemRisks.flatMap((r) => arr(obj(r['risk-log'])?.entries));
  const completed = ourProp(props, 'completed') ?? (ours || !closed ? undefined : dayOf(log.find((e) => e['status-change'] === 'closed')?.start));
  const detected = ourProp(props, 'detected') ?? (ours ? undefined : dayOf(log.find((e) => e['status-change'] === 'open')?.start));
  const deadline = itemRisks.map((r) => dayOf(r.deadline)).find((d) => d !== undefined);
  if (!ours && id === undefined) note(unmapped, 'item ids (none in OSCAL; numbered OSCAL-<n>)');

  return prune({
    id: id ?? `OSCAL-${index + 1}`,
    title: ourTitle ? undefined : title,
    practice,
    encryption: ourProp(props, 'encryption'),
    weakness,
    responsible: ourProp(props, 'responsible'),
    resources: ourProp(props, 'resources'),
    detected,
    deadline,
    status,
    completed,
    milestones: milestonesOf(itemRisks, ours),
  });
}

function milestonesOf(risks: Json[], ours: boolean): Json[] | undefined {
  const remediations = risks.flatMap((r) => arr(r.remediations));
  const tasks = remediations.flatMap((r) => arr(r.tasks)).filter((t) => t.type === 'milestone');
  if (tasks.length === 0 && !(ours && remediations.some((r) => r.title === REMEDIATION_TITLE))) return undefined;
  return tasks.map((t) => {
    const timing = obj(t.timing) ?? {};
    const done = ourProp(t.props, 'done');
    return prune({
      task: ours && t.title === NO_TASK ? undefined : text(t.title),
      due: dayOf(obj(timing['on-date'])?.date) ?? dayOf(obj(timing['within-date-range'])?.end),
      done: done === 'true' ? true : done,
    });
  });
}

interface RiskHit {
  readonly risk: Json;
  /** The UUID named a part of the risk (a mitigating factor, a remediation), not the risk itself. */
  readonly nested: boolean;
}

/**
 * Risks by UUID, and by the UUIDs of their parts: NIST's IFA example points a poam-item's
 * risk-uuid at a risk's mitigating factor, which is read as a reference to that risk.
 */
function riskIndex(risks: Json[]): Map<string, RiskHit> {
  const out = new Map<string, RiskHit>();
  const visit = (node: unknown, risk: Json): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n, risk);
      return;
    }
    const o = obj(node);
    if (!o) return;
    if (typeof o.uuid === 'string' && o !== risk && !out.has(o.uuid)) out.set(o.uuid, { risk, nested: true });
    for (const v of Object.values(o)) if (typeof v === 'object') visit(v, risk);
  };
  for (const r of risks) if (typeof r.uuid === 'string') out.set(r.uuid, { risk: r, nested: false });
  for (const r of risks) visit(r, r);
  return out;
}

/** A prop of any namespace by name (FedRAMP's POAM-ID, impacted-control-id). */
function anyProp(props: unknown, name: string): string | undefined {
  return anyProps(props, name)[0];
}

function anyProps(props: unknown, name: string): string[] {
  return arr(props)
    .filter((p) => p.name === name && p.ns !== CMMC_NS && typeof p.value === 'string')
    .map((p) => p.value as string);
}

/** The object without its undefined members. */
export function prune(o: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out;
}

/** The object without undefined members, or undefined when none is left (so empty sections stay out). */
export function section(o: Json): Json | undefined {
  const out = prune(o);
  return Object.keys(out).length > 0 ? out : undefined;
}
