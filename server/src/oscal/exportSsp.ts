/**
 * A CMMC SSP (its plain YAML value) as an OSCAL 1.1.3 `system-security-plan`. Practices become
 * implemented-requirements whose implementation status sits on a by-component entry of the
 * `this-system` component; the baseline is our CMMC profile of the SSP's level. What OSCAL
 * requires and the SSP lacks is filled with texts marked "(cmmc-check default)". Mapping: docs/OSCAL.md.
 */
import {
  CMMC_OSCAL_BASE,
  DEFAULT_MARK,
  OSCAL_VERSION,
  cmmcProp,
  controlId,
  exportDate,
  isOscalString,
  lastModified,
  list,
  obj,
  profileName,
  text,
  type OscalProp,
  type Warnings,
} from './common';
import { dropUndefined, organizationMetadata } from './exportPoam';
import { CMMC_UUID_NAMESPACE, UuidScope, uuidV5 } from './uuid';

type Json = Record<string, unknown>;

export const NO_SYSTEM_NAME = `Unnamed system ${DEFAULT_MARK}`;
export const NO_DESCRIPTION = `No system description in the SSP ${DEFAULT_MARK}`;
export const NO_BOUNDARY = `The authorization boundary is not described in the SSP ${DEFAULT_MARK}`;
export const NO_INFORMATION_TYPE = `Information types not listed in the SSP ${DEFAULT_MARK}`;
export const NO_USERS = `Users not listed in the SSP ${DEFAULT_MARK}`;
export const NO_IMPLEMENTATION = `No implementation statement in the SSP ${DEFAULT_MARK}`;
export const NOT_STATED = `The SSP does not state the operational status ${DEFAULT_MARK}`;
export const THIS_SYSTEM_TITLE = 'This system';

/** OSCAL implementation-status state of our practice status (our exact status is kept as a prop too). */
export const IMPLEMENTATION_STATE: Record<string, string> = { met: 'implemented', 'not-met': 'planned', 'not-applicable': 'not-applicable' };

/** Build the OSCAL SSP. `docKey` names the document for the UUIDs (its file name without extension). */
export function exportSsp(doc: Json, docKey: string, warnings: Warnings): Json {
  const docUuid = uuidV5(CMMC_UUID_NAMESPACE, `ssp:${docKey}`);
  const root = new UuidScope(docUuid);
  const level = typeof doc.level === 'number' && [1, 2, 3].includes(doc.level) ? doc.level : undefined;
  if (level === undefined) warnings.push(`level: missing or not 1, 2 or 3; the export imports the Level 2 profile ${DEFAULT_MARK}`);
  const date = exportDate(doc.date, warnings, 'date');
  const modified = lastModified(date ? doc.date : undefined, []);
  const thisSystem = root.next('component:this-system');

  const components: Json[] = [
    {
      uuid: thisSystem,
      type: 'this-system',
      title: THIS_SYSTEM_TITLE,
      description: `The system this SSP covers${text(doc.system) ? `: ${doc.system}` : ''}.`,
      status: { state: 'other', remarks: NOT_STATED },
    },
  ];
  listOf(doc.components, 'components', warnings).forEach((c, i) => {
    components.push(
      dropUndefined({
        uuid: root.next(`component:${i}`),
        type: componentType(c.type, i, warnings),
        title: text(c.title) ?? `Component ${i + 1} ${DEFAULT_MARK}`,
        description: text(c.description) ?? `Not described in the SSP ${DEFAULT_MARK}`,
        status: { state: 'other', remarks: NOT_STATED },
      }),
    );
  });
  const users = listOf(doc.users, 'users', warnings).map((u, i) =>
    dropUndefined({ uuid: root.next(`user:${i}`), title: text(u.title), description: text(u.description) }),
  );
  const infoTypes = listOf(doc.information_types, 'information_types', warnings).map((t, i) => ({
    uuid: root.next(`information-type:${i}`),
    title: text(t.title) ?? `Information type ${i + 1} ${DEFAULT_MARK}`,
    description: text(t.description) ?? `Not described in the SSP ${DEFAULT_MARK}`,
  }));

  const requirements: Json[] = [];
  const practices = obj(doc.practices) ?? {};
  for (const [id, raw] of Object.entries(practices)) {
    const p = obj(raw) ?? {};
    const where = `practice ${id}`;
    const status = text(p.status);
    const state = status !== undefined ? IMPLEMENTATION_STATE[status] : undefined;
    const justification = text(p.justification);
    const evidence = Array.isArray(p.evidence) ? p.evidence : [];
    const key = `requirement:${id}`;
    requirements.push(
      dropUndefined({
        uuid: root.next(key),
        'control-id': controlId(id),
        props: list<OscalProp>([
          cmmcProp('practice', id, warnings, where),
          cmmcProp('status', status, warnings, where),
          cmmcProp('mfa', p.mfa, warnings, where),
          cmmcProp('encryption', p.encryption, warnings, where),
          cmmcProp('operational-plan', p.operational_plan, warnings, where),
          ...evidence.map((e) => cmmcProp('evidence', e, warnings, where)),
        ]),
        'by-components': [
          dropUndefined({
            'component-uuid': thisSystem,
            uuid: root.next(`by-component:${id}`),
            description: text(p.implementation) ?? NO_IMPLEMENTATION,
            props: list([cmmcProp('responsible', p.responsible, warnings, where)]),
            'implementation-status': state ? dropUndefined({ state, remarks: justification }) : undefined,
            remarks: !state && justification !== undefined ? justification : undefined,
          }),
        ],
      }),
    );
  }
  if (requirements.length === 0) warnings.push('practices: none listed; OSCAL needs at least one implemented requirement, so the export cannot be valid');

  const system = text(doc.system);
  return {
    'system-security-plan': {
      uuid: docUuid,
      metadata: dropUndefined({
        title: `System Security Plan${system ? ` for ${system}` : ''}`,
        'last-modified': modified.value,
        version: modified.value.slice(0, 10),
        'oscal-version': OSCAL_VERSION,
        props: list<OscalProp>([cmmcProp('level', level, warnings, 'level'), date ? cmmcProp('date', doc.date, warnings, 'date') : undefined]),
        ...organizationMetadata(doc.organization, root, warnings),
        remarks: modified.isDefault ? `The SSP has no date: last-modified and version are placeholders ${DEFAULT_MARK}.` : undefined,
      }),
      'import-profile': { href: CMMC_OSCAL_BASE + profileName(level ?? 2) },
      'system-characteristics': dropUndefined({
        'system-ids': [{ 'identifier-type': 'http://ietf.org/rfc/rfc4122', id: root.next('system-id') }],
        'system-name': isOscalString(system) ? system : NO_SYSTEM_NAME,
        description: text(doc.description) ?? NO_DESCRIPTION,
        props: list([system !== undefined ? cmmcProp('system', system, warnings, 'system') : undefined]),
        'system-information': {
          'information-types':
            infoTypes.length > 0 ? infoTypes : [{ uuid: root.next('information-type:default'), title: NO_INFORMATION_TYPE, description: NO_INFORMATION_TYPE }],
        },
        status: { state: 'other', remarks: NOT_STATED },
        'authorization-boundary': { description: text(doc.authorization_boundary) ?? NO_BOUNDARY },
      }),
      'system-implementation': {
        users: users.length > 0 ? users : [{ uuid: root.next('user:default'), title: NO_USERS }],
        components,
      },
      'control-implementation': {
        description: `Implementation of the CMMC Level ${level ?? 2} requirements, one implemented requirement per SSP practice.`,
        'implemented-requirements': requirements,
      },
    },
  };
}

/** A component's OSCAL type: as written when OSCAL can hold it, else `other` with a warning. */
function componentType(type: unknown, index: number, warnings: Warnings): string {
  if (isOscalString(type)) return type;
  if (type !== undefined) warnings.push(`components[${index}]: type "${String(type)}" is not an OSCAL token; written as other`);
  return 'other';
}

/** The mappings of an optional list field (non-mappings are skipped with a warning). */
function listOf(value: unknown, field: string, warnings: Warnings): Json[] {
  if (!Array.isArray(value)) return [];
  const out: Json[] = [];
  value.forEach((v, i) => {
    const o = obj(v);
    if (o) out.push(o);
    else warnings.push(`${field}[${i}]: not a mapping; left out`);
  });
  return out;
}
