/**
 * An OSCAL `system-security-plan` as the plain value of our SSP. Implemented requirements become
 * practices (OSCAL control ids of our catalog become practice ids; other ids, such as 800-53's,
 * are kept as written and reported as `unknown-practice` by the checks); the implementation
 * status comes from our `status` prop or from OSCAL's implementation-status.
 */
import { dayOf, obj, ourProp, ourProps, text, unlessDefault } from './common';
import { NO_SYSTEM_NAME } from './exportSsp';
import { note, organizationOf, practiceOf, prune, type Unmapped } from './importPoam';

type Json = Record<string, unknown>;

const arr = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj).filter((x): x is Json => x !== undefined) : []);

/** Our practice status of an OSCAL implementation state (conservative: anything short of implemented is not met). */
const STATUS: Record<string, string> = {
  implemented: 'met',
  'not-applicable': 'not-applicable',
  partial: 'not-met',
  planned: 'not-met',
  alternative: 'not-met',
};

const SSP_KEYS = new Set(['uuid', 'metadata', 'import-profile', 'system-characteristics', 'system-implementation', 'control-implementation']);
const PROFILE = /cmmc-level-([123])-profile\.json$/;

/** Convert the SSP object (the value of `system-security-plan`). */
export function importSsp(ssp: Json, ours: boolean, unmapped: Unmapped): Json {
  const metadata = obj(ssp.metadata) ?? {};
  const chars = obj(ssp['system-characteristics']) ?? {};
  const impl = obj(ssp['system-implementation']) ?? {};
  for (const k of Object.keys(ssp)) if (!SSP_KEYS.has(k)) note(unmapped, k);

  const profile = text(obj(ssp['import-profile'])?.href) ?? '';
  const level = Number(ourProp(metadata.props, 'level') ?? PROFILE.exec(profile)?.[1]);
  if (!Number.isInteger(level)) note(unmapped, `CMMC level (the profile ${profile || 'is missing'}; set \`level\`)`);
  const name = text(chars['system-name']);
  const system = ourProp(chars.props, 'system') ?? (ours ? undefined : name !== NO_SYSTEM_NAME ? name : undefined);

  const thisSystem = new Set(
    arr(impl.components)
      .filter((c) => c.type === 'this-system')
      .map((c) => c.uuid),
  );
  const components = arr(impl.components)
    .filter((c) => c.type !== 'this-system')
    .map((c) => prune({ title: text(c.title), type: text(c.type), description: unlessDefault(c.description) }));
  const users = arr(impl.users).flatMap((u) => {
    if (unlessDefault(u.title) === undefined) {
      if (!ours) note(unmapped, 'users without a title');
      return [];
    }
    return [prune({ title: text(u.title), description: unlessDefault(u.description) })];
  });
  const infoTypes = arr(obj(chars['system-information'])?.['information-types'])
    .filter((t) => unlessDefault(t.title) !== undefined)
    .map((t) => prune({ title: text(t.title), description: unlessDefault(t.description) }));

  const practices: Json = {};
  for (const req of arr(obj(ssp['control-implementation'])?.['implemented-requirements'])) {
    const id = ourProp(req.props, 'practice') ?? practiceOf(String(req['control-id'] ?? ''));
    if (id === '' || Object.hasOwn(practices, id)) {
      note(unmapped, id === '' ? 'implemented requirements without a control id' : 'implemented requirements repeating a control id');
      continue;
    }
    practices[id] = practice(req, thisSystem, ours, unmapped);
  }

  return prune({
    kind: 'ssp',
    level: Number.isInteger(level) ? level : undefined,
    organization: organizationOf(metadata),
    system,
    date: ourProp(metadata.props, 'date') ?? (ours ? undefined : dayOf(metadata['last-modified'])),
    description: unlessDefault(chars.description),
    authorization_boundary: unlessDefault(obj(chars['authorization-boundary'])?.description),
    information_types: infoTypes.length > 0 ? infoTypes : undefined,
    users: users.length > 0 ? users : undefined,
    components: components.length > 0 ? components : undefined,
    practices,
  });
}

function practice(req: Json, thisSystem: Set<unknown>, ours: boolean, unmapped: Unmapped): Json {
  const byComponents = [...arr(req['by-components']), ...arr(req.statements).flatMap((s) => arr(s['by-components']))];
  // The status sits on the this-system entry; other tools put it on any component, or as a prop.
  const main = byComponents.find((b) => thisSystem.has(b['component-uuid'])) ?? byComponents[0];
  const state =
    text(obj(main?.['implementation-status'])?.state) ??
    text(byComponents.map((b) => obj(b['implementation-status'])?.state).find((s) => s !== undefined)) ??
    text(arr(req.props).find((p) => p.name === 'implementation-status')?.value);
  const status = ourProp(req.props, 'status') ?? (ours ? undefined : state !== undefined ? STATUS[state] : undefined);
  if (!ours && state !== undefined && STATUS[state] === undefined) note(unmapped, `implementation states other than OSCAL's (${state})`);
  const descriptions = ours ? [unlessDefault(main?.description)] : byComponents.map((b) => unlessDefault(b.description));
  const implementation = descriptions.filter((d): d is string => d !== undefined && d.trim() !== '').join('\n\n') || undefined;
  const evidence = ourProps(req.props, 'evidence');
  return prune({
    status,
    implementation,
    justification: text(obj(main?.['implementation-status'])?.remarks) ?? (ours ? text(main?.remarks) : undefined),
    mfa: ourProp(req.props, 'mfa'),
    encryption: ourProp(req.props, 'encryption'),
    operational_plan: ourProp(req.props, 'operational-plan'),
    evidence: evidence.length > 0 ? evidence : undefined,
    responsible: ourProp(main?.props, 'responsible'),
  });
}
