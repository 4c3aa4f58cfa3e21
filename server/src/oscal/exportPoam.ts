/**
 * A CMMC POA&M (its plain YAML value) as an OSCAL 1.1.3 `plan-of-action-and-milestones`.
 * Items become poam-items, each with a risk (deadline, status, risk-log, milestone tasks) and,
 * when it names a practice, a finding whose target is that practice's statement in our catalog.
 * Mapping table: docs/OSCAL.md.
 */
import {
  DEFAULT_MARK,
  OSCAL_VERSION,
  cmmcProp,
  dateProp,
  oscalDate,
  controlId,
  exportDate,
  isOscalString,
  lastModified,
  list,
  obj,
  text,
  type OscalProp,
  type Warnings,
} from './common';
import { CMMC_UUID_NAMESPACE, UuidScope, uuidV5 } from './uuid';

type Json = Record<string, unknown>;

/** Title of an item that has none of its own: the import leaves a title like this one out. */
export function defaultItemTitle(id: string | undefined, practice: string | undefined, index: number): string {
  return `${id ?? `Item ${index + 1}`}: ${practice ?? 'no practice named'}`;
}

export const NO_WEAKNESS = `No weakness recorded in the POA&M ${DEFAULT_MARK}`;
export const NO_STATEMENT = `The risk is the requirement not met; see the POA&M item ${DEFAULT_MARK}`;
export const NO_TASK = `Milestone without a task ${DEFAULT_MARK}`;
export const REMEDIATION_TITLE = 'Milestones of the POA&M item';

/** The organization as a party with the `prepared-for` role, shared with the SSP export. */
export function organizationMetadata(organization: unknown, scope: UuidScope, warnings: Warnings): Json {
  const name = text(organization);
  if (name === undefined || name.trim() === '') return {};
  if (!isOscalString(name)) {
    warnings.push('organization: line breaks or surrounding spaces, which an OSCAL party name cannot hold; left out');
    return {};
  }
  const uuid = scope.next('party:organization');
  return {
    roles: [{ id: 'prepared-for', title: 'Prepared For' }],
    parties: [{ uuid, type: 'organization', name }],
    'responsible-parties': [{ 'role-id': 'prepared-for', 'party-uuids': [uuid] }],
  };
}

/** Build the OSCAL POA&M. `docKey` names the document for the UUIDs (its file name without extension). */
export function exportPoam(doc: Json, docKey: string, warnings: Warnings): Json {
  const docUuid = uuidV5(CMMC_UUID_NAMESPACE, `poam:${docKey}`);
  const root = new UuidScope(docUuid);
  const assessment = obj(doc.assessment) ?? {};
  const closeout = obj(doc.closeout) ?? {};
  const items = Array.isArray(doc.items) ? doc.items : [];
  const allDates: unknown[] = [assessment.date, doc.conditional_status_date, closeout.date];

  const poamItems: Json[] = [];
  const risks: Json[] = [];
  const findings: Json[] = [];
  items.forEach((raw, index) => {
    const item = obj(raw);
    if (!item) {
      warnings.push(`items[${index}]: not a mapping; left out`);
      return;
    }
    const id = text(item.id)?.trim() ? text(item.id) : undefined;
    const practice = text(item.practice)?.trim() ? text(item.practice) : undefined;
    const where = `item ${id ?? `#${index + 1}`}`;
    const key = id !== undefined ? `item:${id}` : `item@${index}`;
    const itemUuid = root.next(key);
    const riskUuid = root.next(`risk:${key}`);
    const title = text(item.title) ?? defaultItemTitle(id, practice, index);
    const weakness = text(item.weakness);
    const description = weakness ?? NO_WEAKNESS;
    const status = text(item.status);
    allDates.push(item.detected, item.deadline, item.completed);

    const props = list<OscalProp>([
      cmmcProp('item-id', id, warnings, where),
      cmmcProp('practice', practice, warnings, where),
      cmmcProp('status', status, warnings, where),
      cmmcProp('encryption', item.encryption, warnings, where),
      cmmcProp('responsible', item.responsible, warnings, where),
      cmmcProp('resources', item.resources, warnings, where),
      dateProp('detected', item.detected, warnings, where),
      dateProp('completed', item.completed, warnings, where),
    ]);

    let findingUuid: string | undefined;
    if (practice !== undefined) {
      findingUuid = root.next(`finding:${key}`);
      findings.push({
        uuid: findingUuid,
        title: `${practice} not met`,
        description,
        target: { type: 'statement-id', 'target-id': `${controlId(practice)}_smt`, status: { state: 'not-satisfied' } },
        'related-risks': [{ 'risk-uuid': riskUuid }],
      });
    }

    const milestones = Array.isArray(item.milestones) ? item.milestones : undefined;
    const tasks = (milestones ?? []).map((m, j) => milestoneTask(obj(m), root, `${key}/${j}`, `${where} milestone ${j + 1}`, warnings, allDates));
    const deadline = exportDate(item.deadline, warnings, `${where} deadline`);
    const log = list<Json>([
      oscalDate(item.detected)
        ? { uuid: root.next(`log:${key}:open`), title: 'Weakness identified', start: oscalDate(item.detected), 'status-change': 'open' }
        : undefined,
      status === 'completed' && oscalDate(item.completed)
        ? { uuid: root.next(`log:${key}:closed`), title: 'Item completed', start: oscalDate(item.completed), 'status-change': 'closed' }
        : undefined,
    ]);
    risks.push(
      dropUndefined({
        uuid: riskUuid,
        title,
        description,
        statement: NO_STATEMENT,
        status: status === 'completed' ? 'closed' : 'open',
        deadline,
        remediations: milestones
          ? [
              dropUndefined({
                uuid: root.next(`remediation:${key}`),
                lifecycle: 'planned',
                title: REMEDIATION_TITLE,
                description: text(item.resources) ?? `Resources not stated ${DEFAULT_MARK}`,
                tasks: list(tasks),
              }),
            ]
          : undefined,
        'risk-log': log ? { entries: log } : undefined,
      }),
    );
    poamItems.push(
      dropUndefined({
        uuid: itemUuid,
        title,
        description,
        props,
        'related-findings': findingUuid ? [{ 'finding-uuid': findingUuid }] : undefined,
        'related-risks': [{ 'risk-uuid': riskUuid }],
      }),
    );
  });

  const modified = lastModified(undefined, allDates);
  const metaProps = list<OscalProp>([
    cmmcProp('level', typeof doc.level === 'number' ? doc.level : undefined, warnings, 'level'),
    cmmcProp('system', doc.system, warnings, 'system'),
    cmmcProp('assessment-type', assessment.type, warnings, 'assessment'),
    dateProp('assessment-date', assessment.date, warnings, 'assessment'),
    cmmcProp('assessment-score', typeof assessment.score === 'number' ? assessment.score : undefined, warnings, 'assessment'),
    dateProp('conditional-status-date', doc.conditional_status_date, warnings, 'document'),
    dateProp('closeout-date', closeout.date, warnings, 'closeout'),
    cmmcProp('closeout-type', closeout.type, warnings, 'closeout'),
    cmmcProp('closeout-result', closeout.result, warnings, 'closeout'),
  ]);
  const ssp = text(doc.ssp);
  return {
    'plan-of-action-and-milestones': dropUndefined({
      uuid: docUuid,
      metadata: dropUndefined({
        title: `Plan of Action and Milestones${text(doc.system) ? ` for ${doc.system}` : ''}`,
        'last-modified': modified.value,
        version: modified.value.slice(0, 10),
        'oscal-version': OSCAL_VERSION,
        props: metaProps,
        ...organizationMetadata(doc.organization, root, warnings),
        remarks: modified.isDefault ? `The POA&M has no date: last-modified and version are placeholders ${DEFAULT_MARK}.` : undefined,
      }),
      'import-ssp': ssp !== undefined && ssp.trim() !== '' ? { href: ssp } : undefined,
      'system-id': ssp === undefined ? { 'identifier-type': 'http://ietf.org/rfc/rfc4122', id: root.next('system-id') } : undefined,
      findings: list(findings),
      risks: list(risks),
      'poam-items': poamItems,
    }),
  };
}

function milestoneTask(m: Json | undefined, scope: UuidScope, key: string, where: string, warnings: Warnings, allDates: unknown[]): Json {
  const task = text(m?.task);
  const due = exportDate(m?.due, warnings, `${where} due`);
  const done = m?.done;
  if (typeof done === 'string') allDates.push(done);
  allDates.push(m?.due);
  const doneProp = done === true ? cmmcProp('done', 'true', warnings, where) : dateProp('done', done, warnings, where);
  return dropUndefined({
    uuid: scope.next(`task:${key}`),
    type: 'milestone',
    title: task ?? NO_TASK,
    props: list([doneProp]),
    timing: due ? { 'on-date': { date: due } } : undefined,
  });
}

/**
 * A copy without the undefined members (JSON.stringify would drop them too, but tests compare
 * objects). Copied rather than `delete`d: deleting turns objects into slow dictionaries.
 */
export function dropUndefined<T extends Json>(o: T): T {
  const out: Json = {};
  for (const k in o) if (o[k] !== undefined) out[k] = o[k];
  return out as T;
}
