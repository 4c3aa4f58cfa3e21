/**
 * OSCAL import: export -> import gives the same model and the same findings for every valid
 * document (samples and generated ones, YAML and markdown); the public NIST and FedRAMP examples
 * import without crashing, keeping titles and deadlines.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { poamMarkdown as benchPoamMd, poamYaml as benchPoamYaml } from '../../bench/generate';
import { toPlain } from '../../server/src/documents/tree';
import { exportOscal } from '../../server/src/oscal/exportOscal';
import { importOscal, type OscalImport } from '../../server/src/oscal/importOscal';
import { check, item, poamDoc, poamMarkdown, sspDoc, sspMarkdown } from './helpers';
import { FIXTURES } from './oscalSchemas';
import { parse } from './oscalUtil';
import { stringify } from 'yaml';

const sample = (f: string) => readFileSync(join(__dirname, '..', '..', 'samples', f), 'utf8');
const yaml = (o: unknown) => stringify(o, { lineWidth: 0 });

/** Export then import one document; the import result. */
function roundTrip(name: string, text: string): OscalImport {
  const r = importOscal(exportOscal(parse(name, text)).json);
  if ('error' in r) throw new Error(r.error);
  return r;
}

/** The model's values without positions and syntax: what must survive the round trip. */
function values(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(values);
  if (!node || typeof node !== 'object') return node;
  const o = node as Record<string, unknown>;
  if ('value' in o && 'span' in o) return values(o.value);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o))
    if (!['span', 'keySpan', 'anchor', 'itemsAnchor', 'assessmentKey', 'scoreKey', 'syntax'].includes(k)) out[k] = values(v);
  return out;
}

const yamlName = (name: string) => name.replace(/\.md$/, '.yaml');
const findingsOf = (files: Record<string, string>, name: string, words = true) =>
  check(files, name)
    .map((f) => `${f.code} ${f.severity}${words ? ` ${f.message}` : ''}`)
    .sort();

/**
 * Assert the round trip of a set of documents: same plain value (but `kind`), same model, and
 * the same findings for each, in a workspace where the others are there too. Markdown documents
 * come back as YAML under the .yaml name; the links they hold still name the originals, which
 * stay in the workspace.
 */
function assertRoundTrip(files: Record<string, string>): void {
  const imported: Record<string, string> = {};
  for (const [name, text] of Object.entries(files)) {
    const before = parse(name, text);
    const back = roundTrip(name, text);
    const after = parse(yamlName(name), back.yaml);
    const strip = (p: unknown) => {
      const { kind: _k, ...rest } = p as Record<string, unknown>;
      return rest;
    };
    assert.deepEqual(strip(toPlain(after.root!)), strip(toPlain(before.root!)), `${name}: plain value`);
    assert.deepEqual(values(after.model), values(before.model), `${name}: model`);
    imported[yamlName(name)] = back.yaml;
  }
  for (const name of Object.keys(files)) {
    // YAML: every document replaced by its import; markdown: the import beside the originals.
    const ws = name.endsWith('.md') ? { ...files, [yamlName(name)]: imported[yamlName(name)] } : { ...files, ...imported };
    // A markdown document comes back as YAML, and messages speak the document's syntax
    // ("a `Deadline:` line" / "`deadline:`"): there the codes and severities must match.
    const words = !name.endsWith('.md');
    assert.deepEqual(findingsOf(ws, yamlName(name), words), findingsOf(files, name, words), `${name}: findings`);
  }
}

describe('OSCAL round trip: export -> import', () => {
  test('the YAML samples, with the ssp: link', () => {
    assertRoundTrip({ 'acme.ssp.yaml': sample('acme.ssp.yaml'), 'acme.poam.yaml': sample('acme.poam.yaml') });
    const back = roundTrip('acme.poam.yaml', sample('acme.poam.yaml'));
    assert.equal(back.value.ssp, 'acme.ssp.yaml');
    assert.equal(back.summary, '');
  });

  test('the markdown samples', () => {
    assertRoundTrip({ 'acme.ssp.md': sample('markdown/acme.ssp.md'), 'acme.poam.md': sample('markdown/acme.poam.md') });
  });

  test('the findings sample (regulatory findings survive; its impossible date is the one loss)', () => {
    const back = roundTrip('widgets.poam.yaml', sample('findings/widgets.poam.yaml'));
    const original = toPlain(parse('widgets.poam.yaml', sample('findings/widgets.poam.yaml')).root!) as any;
    const dropped = original.items.findIndex((i: any) => i.deadline === '2025-04-31');
    delete original.items[dropped].deadline;
    assert.deepEqual((back.value as any).items, original.items);
    assertRoundTrip({ 'widgets.ssp.yaml': sample('findings/widgets.ssp.yaml') });
  });

  const ssp = sspDoc(
    2,
    {
      'AC.L2-3.1.3': { status: 'not-met', responsible: 'ISSO' },
      'IA.L2-3.5.3': { status: 'not-met', mfa: 'remote-and-privileged' },
      'SC.L2-3.13.11': { status: 'not-met', encryption: 'not-fips-validated' },
      'PE.L2-3.10.6': { status: 'not-applicable', justification: 'No alternate sites.' },
      'SI.L2-3.14.3': { status: 'not-met', implementation: 'Alerts triaged.\n\nSecond paragraph.', operational_plan: 'OPA-1', evidence: ['a.pdf', 'b.png'] },
      'AC.L2-3.1.9': null,
    },
    {
      date: '2025-02-10',
      description: 'Engineering enclave',
      authorization_boundary: 'The lab VLAN',
      information_types: [{ title: 'CUI//SP-CTI', description: 'Drawings' }],
      users: [{ title: 'Engineer', description: 'Designs' }, { title: 'Admin' }],
      components: [{ title: 'File server', type: 'hardware' }],
    },
  );
  const poam = poamDoc(
    2,
    [
      item('P-1', 'AC.L2-3.1.3', {
        title: 'Flow control',
        responsible: 'ISSO',
        resources: '4 hours',
        detected: '2025-03-01',
        milestones: [{ task: 'Draft', due: '2025-04-01', done: '2025-03-30' }, { task: 'Deploy', due: '2025-05-01', done: true }, { due: '2025-05-02' }],
      }),
      item('P-1', 'SC.L2-3.13.11', { encryption: 'not-fips-validated', milestones: [] }),
      item('P-3', 'AC.L2-3.1.4', { status: 'completed', completed: '2025-04-20', weakness: 'Two\nlines' }),
      item('P-4', 'AC.L2-3.1.20'),
      { id: 'P-5', practice: 'XX.L2-9.9.9', status: 'open' },
    ],
    { ssp: 's.ssp.yaml', assessment: { type: 'c3pao', date: '2025-03-01', score: 104 } },
  );

  test('generated documents: every field, duplicates, not-deferrable and unknown practices', () => {
    assertRoundTrip({ 's.ssp.yaml': yaml(ssp), 'p.poam.yaml': yaml(poam) });
  });

  test('generated markdown twins', () => {
    const items = [item('P-1', 'AC.L2-3.1.3', { responsible: 'ISSO' }), item('P-2', 'AC.L2-3.1.4', { status: 'completed', completed: '2025-04-20' })];
    const md = poamDoc(2, items, { ssp: 's.ssp.md' });
    assertRoundTrip({ 's.ssp.md': sspMarkdown(sspDoc(2, { 'AC.L2-3.1.3': { status: 'not-met' } })), 'p.poam.md': poamMarkdown(md) });
  });

  test('Level 1 and Level 3 documents, and a POA&M with a closeout record', () => {
    assertRoundTrip({ 'one.ssp.yaml': yaml(sspDoc(1)), 'three.ssp.yaml': yaml(sspDoc(3, { 'AC.L3-3.1.2e': { status: 'not-met' } })) });
    assertRoundTrip({ 'c.poam.yaml': yaml(poamDoc(3, [item('P-1', 'AC.L3-3.1.2e')], { closeout: { date: '2025-08-20', type: 'dibcac', result: 'passed' } })) });
  });

  test('the 1k-line benchmark POA&Ms (YAML and markdown)', () => {
    assertRoundTrip({ 'b.poam.yaml': benchPoamYaml(1_000), 'b.poam.md': benchPoamMd(1_000) });
  });
});

describe('OSCAL import: documents that are not CMMC', () => {
  const load = (f: string) => readFileSync(join(FIXTURES, f), 'utf8');
  const imp = (f: string) => {
    const r = importOscal(load(f));
    if ('error' in r) throw new Error(r.error);
    return r;
  };
  const dayOf = (s: string) => s.slice(0, 10);

  for (const f of ['ifa_poam.json', 'fedramp-poam-template.json']) {
    test(`${f}: items keep their titles and deadlines; a one-line summary of what did not map`, () => {
      const source = JSON.parse(load(f))['plan-of-action-and-milestones'];
      const r = imp(f);
      const items = r.value.items as any[];
      assert.deepEqual(
        items.map((i) => i.title),
        source['poam-items'].map((i: any) => i.title),
      );
      const risks = new Map<string, any>(source.risks.map((x: any) => [x.uuid, x]));
      for (const x of source.risks) for (const m of x['mitigating-factors'] ?? []) risks.set(m.uuid, x);
      assert.deepEqual(
        items.map((i) => i.deadline),
        source['poam-items'].map((i: any) => dayOf(risks.get(i['related-risks'][0]['risk-uuid']).deadline)),
      );
      assert.match(r.summary, /^imported \d+ items; not mapped: .*observations/);
      assert.ok(!r.summary.includes('\n'));
      assert.ok(check({ 'x.poam.yaml': r.yaml }, 'x.poam.yaml').length > 0);
    });
  }

  test("FedRAMP's 800-53 control ids become practices with unknown-practice findings", () => {
    const r = imp('fedramp-poam-template.json');
    assert.deepEqual(
      (r.value.items as any[]).map((i) => [i.id, i.practice]),
      [
        ['V-1', 'ac-2'],
        ['V-2', 'ac-2'],
      ],
    );
    const unknown = check({ 'x.poam.yaml': r.yaml }, 'x.poam.yaml').filter((f) => f.code === 'unknown-practice');
    assert.equal(unknown.length, 2);
  });

  for (const f of ['ifa_ssp.json', 'ssp-example.json', 'fedramp-ssp-template.json']) {
    test(`${f}: imports, with unknown-practice findings for its control ids`, () => {
      const r = imp(f);
      const source = JSON.parse(load(f))['system-security-plan'];
      assert.equal(r.kind, 'ssp');
      assert.equal(r.value.system, source['system-characteristics']['system-name']);
      const ids = source['control-implementation']['implemented-requirements'].map((x: any) => x['control-id']);
      assert.deepEqual(Object.keys(r.value.practices as object), [...new Set(ids)]);
      const findings = check({ 'x.ssp.yaml': r.yaml }, 'x.ssp.yaml');
      assert.equal(findings.filter((x) => x.code === 'unknown-practice').length, new Set(ids).size);
      assert.match(r.summary, /CMMC level/);
    });
  }

  test('not JSON, or JSON that is not an OSCAL SSP or POA&M, is refused with a reason', () => {
    assert.match((importOscal('{ nope') as { error: string }).error, /^not JSON/);
    assert.match((importOscal(load('oscal_catalog_schema.json')) as { error: string }).error, /not an OSCAL POA&M or SSP/);
    assert.match((importOscal('[]') as { error: string }).error, /not an OSCAL POA&M or SSP/);
  });

  test('odd values never crash the import: wrong types are skipped', () => {
    const odd = JSON.stringify({
      'plan-of-action-and-milestones': {
        uuid: 1,
        metadata: 'x',
        risks: [null, 3, { uuid: 'r', deadline: 5, remediations: 'no' }],
        'poam-items': [null, { title: 7, 'related-risks': [{ 'risk-uuid': 'r' }, 4], props: 'p' }],
      },
    });
    const r = importOscal(odd) as OscalImport;
    assert.equal((r.value.items as unknown[]).length, 1);
    const reqs = [{ 'control-id': 'ac-1', 'by-components': 'x' }, {}];
    const ssp = importOscal(JSON.stringify({ 'system-security-plan': { 'control-implementation': { 'implemented-requirements': reqs } } })) as OscalImport;
    assert.deepEqual(Object.keys(ssp.value.practices as object), ['ac-1']);
  });
});
