/** OSCAL export: every export validates against NIST's 1.1.3 schemas and the Metaschema checks; mapping, determinism, edge cases. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { poamMarkdown as benchPoamMd, poamYaml as benchPoam, sspMarkdown as benchSspMd, sspYaml as benchSsp } from '../../bench/generate';
import { exportOscal, exportRefusal } from '../../server/src/oscal/exportOscal';
import { CMMC_NS } from '../../server/src/oscal/common';
import { item, poamYaml, sspYaml } from './helpers';
import { constraintErrors, schemaErrors } from './oscalSchemas';
import { exportText, parse, valuesOf } from './oscalUtil';

const SAMPLES = ['acme.ssp.yaml', 'acme.poam.yaml', 'markdown/acme.ssp.md', 'markdown/acme.poam.md', 'findings/widgets.ssp.yaml', 'findings/widgets.poam.yaml'];
const sample = (f: string) => readFileSync(join(__dirname, '..', '..', 'samples', f), 'utf8');
const TZ_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function assertValid(e: { kind: 'ssp' | 'poam'; doc: unknown }): void {
  assert.deepEqual(schemaErrors(e.kind, e.doc), []);
  assert.deepEqual(constraintErrors(e.doc), []);
}

describe('OSCAL export: the samples', () => {
  for (const f of SAMPLES) {
    test(`${f} validates against the OSCAL 1.1.3 schema and the reference checks`, () => {
      const e = exportText(f.split('/').pop()!, sample(f));
      assertValid(e);
      for (const key of ['last-modified', 'deadline', 'date', 'start']) for (const v of valuesOf(e.doc, key)) assert.match(String(v), TZ_DATE, `${key} ${v}`);
    });
  }

  test('the 1k-line benchmark documents (YAML and markdown; with their deliberate findings) validate too', () => {
    const docs: Array<[string, string]> = [
      ['b.poam.yaml', benchPoam(1_000)],
      ['b.poam.md', benchPoamMd(1_000)],
      ['b.ssp.yaml', benchSsp(1_000)],
      ['b.ssp.md', benchSspMd(1_000)],
    ];
    for (const [name, text] of docs) assertValid(exportText(name, text));
  });

  test('exporting an unchanged document twice is byte-identical', () => {
    const a = exportOscal(parse('acme.poam.yaml', sample('acme.poam.yaml'))).json;
    const b = exportOscal(parse('acme.poam.yaml', sample('acme.poam.yaml'))).json;
    assert.equal(a, b);
    assert.ok(a.endsWith('}\n'));
  });

  test('the YAML and markdown forms of one document share the document UUID; another file name does not', () => {
    const yaml = exportText('acme.poam.yaml', sample('acme.poam.yaml')).doc['plan-of-action-and-milestones'].uuid;
    const md = exportText('acme.poam.md', sample('markdown/acme.poam.md')).doc['plan-of-action-and-milestones'].uuid;
    const other = exportText('other.poam.yaml', sample('acme.poam.yaml')).doc['plan-of-action-and-milestones'].uuid;
    assert.equal(yaml, md);
    assert.notEqual(yaml, other);
  });

  test('a document with regulatory findings still exports (widgets breaks 170.21 several ways)', () => {
    const e = exportText('widgets.poam.yaml', sample('findings/widgets.poam.yaml'));
    assertValid(e);
    assert.ok(e.doc['plan-of-action-and-milestones']['poam-items'].length >= 5);
  });
});

describe('OSCAL export: POA&M mapping', () => {
  const text = poamYaml(
    2,
    [
      item('P-1', 'AC.L2-3.1.3', {
        responsible: 'ISSO',
        resources: '4 hours',
        detected: '2025-03-01',
        milestones: [
          { task: 'Draft', due: '2025-04-01', done: '2025-03-30' },
          { task: 'Deploy', due: '2025-05-01', done: true },
        ],
      }),
      item('P-2', 'AC.L2-3.1.4', { status: 'completed', completed: '2025-04-20', detected: '2025-03-01' }),
    ],
    { ssp: 'a.ssp.yaml', assessment: { type: 'c3pao', date: '2025-03-01', score: 108 } },
  );
  const e = exportText('a.poam.yaml', text);
  const poam = e.doc['plan-of-action-and-milestones'];

  test('valid, with import-ssp from the ssp: link and our props for the assessment', () => {
    assertValid(e);
    assert.deepEqual(poam['import-ssp'], { href: 'a.ssp.yaml' });
    const props = Object.fromEntries(poam.metadata.props.map((p: any) => [p.name, p.value]));
    assert.deepEqual(props, {
      level: '2',
      system: 'Enclave',
      'assessment-type': 'c3pao',
      'assessment-date': '2025-03-01',
      'assessment-score': '108',
      'conditional-status-date': '2025-03-15',
    });
    assert.ok(poam.metadata.props.every((p: any) => p.ns === CMMC_NS));
    assert.equal(poam.metadata.parties[0].name, 'Acme');
  });

  test('items -> poam-items with a risk each; deadline -> risk.deadline; status -> risk status and risk-log', () => {
    assert.equal(poam['poam-items'].length, 2);
    const [r1, r2] = poam.risks;
    assert.equal(poam['poam-items'][0]['related-risks'][0]['risk-uuid'], r1.uuid);
    assert.equal(r1.deadline, '2025-06-30T00:00:00Z');
    assert.equal(r1.status, 'open');
    assert.equal(r2.status, 'closed');
    const log = r2['risk-log'].entries.map((x: any) => [x['status-change'], x.start]);
    assert.deepEqual(log, [
      ['open', '2025-03-01T00:00:00Z'],
      ['closed', '2025-04-20T00:00:00Z'],
    ]);
  });

  test('milestones -> remediation tasks of type milestone with their dates and done state', () => {
    const tasks = poam.risks[0].remediations[0].tasks;
    assert.deepEqual(
      tasks.map((t: any) => [t.type, t.title, t.timing['on-date'].date, t.props[0].value]),
      [
        ['milestone', 'Draft', '2025-04-01T00:00:00Z', '2025-03-30'],
        ['milestone', 'Deploy', '2025-05-01T00:00:00Z', 'true'],
      ],
    );
  });

  test('the practice is a control reference (a finding targeting its statement) and a prop', () => {
    const f = poam.findings[0];
    assert.deepEqual(f.target, { type: 'statement-id', 'target-id': 'ac.l2-3.1.3_smt', status: { state: 'not-satisfied' } });
    assert.equal(poam['poam-items'][0]['related-findings'][0]['finding-uuid'], f.uuid);
    const props = Object.fromEntries(poam['poam-items'][0].props.map((p: any) => [p.name, p.value]));
    assert.equal(props.practice, 'AC.L2-3.1.3');
    assert.equal(props.responsible, 'ISSO');
    assert.equal(props.resources, '4 hours');
    assert.equal(poam['poam-items'][0].description, 'Weakness of AC.L2-3.1.3');
  });

  test('last-modified comes from the latest date in the document, never the clock', () => {
    assert.equal(poam.metadata['last-modified'], '2025-06-30T00:00:00Z');
    const none = exportText('n.poam.yaml', 'kind: poam\nlevel: 2\nitems:\n  - id: P-1\n    practice: AC.L2-3.1.3\n    status: open\n').doc;
    assert.equal(none['plan-of-action-and-milestones'].metadata['last-modified'], '1970-01-01T00:00:00Z');
    assert.match(none['plan-of-action-and-milestones'].metadata.remarks, /cmmc-check default/);
  });
});

describe('OSCAL export: edge cases', () => {
  test('duplicate item ids still get distinct UUIDs, and every reference resolves', () => {
    const e = exportText('d.poam.yaml', poamYaml(2, [item('P-1', 'AC.L2-3.1.3'), item('P-1', 'AC.L2-3.1.4'), { practice: 'AC.L2-3.1.6', status: 'open' }]));
    assertValid(e);
    const uuids = e.doc['plan-of-action-and-milestones']['poam-items'].map((i: any) => i.uuid);
    assert.equal(new Set(uuids).size, 3);
  });

  test('an impossible date is left out with a warning; the rest of the item stays', () => {
    const e = exportText('x.poam.yaml', poamYaml(2, [item('P-1', 'AC.L2-3.1.3', { deadline: '2025-02-30', milestones: [{ task: 'A', due: '1850-01-01' }] })]));
    assertValid(e);
    assert.equal(e.warnings.length, 2);
    assert.ok(
      e.warnings.some((w) => /^item P-1 deadline: "2025-02-30" is not a calendar date/.test(w)),
      e.warnings.join('\n'),
    );
    assert.ok(
      e.warnings.some((w) => /^item P-1 milestone 1 due: "1850-01-01"/.test(w)),
      e.warnings.join('\n'),
    );
    const risk = e.doc['plan-of-action-and-milestones'].risks[0];
    assert.equal(risk.deadline, undefined);
    assert.equal(risk.remediations[0].tasks[0].timing, undefined);
    assert.equal(risk.remediations[0].tasks[0].title, 'A');
  });

  test('a clean document exports without warnings', () => {
    assert.deepEqual(exportText('acme.poam.yaml', sample('acme.poam.yaml')).warnings, []);
  });

  test('a value with line breaks cannot be an OSCAL prop: left out with a warning', () => {
    const e = exportText('x.poam.yaml', poamYaml(2, [item('P-1', 'AC.L2-3.1.3', { resources: 'two\nlines' })]));
    assertValid(e);
    assert.match(e.warnings.join('\n'), /item P-1: resources has line breaks/);
  });

  test('a document that does not parse is refused', () => {
    assert.match(exportRefusal(parse('b.poam.yaml', 'kind: poam\nlevel: [2\nitems: {\n'))!, /does not parse/);
    assert.equal(exportRefusal(parse('acme.poam.yaml', sample('acme.poam.yaml'))), undefined);
    assert.throws(() => exportOscal(parse('b.poam.yaml', 'kind: poam\nlevel: [2\n')));
  });
});

describe('OSCAL export: SSP mapping', () => {
  test('practices -> implemented-requirements with the status on the this-system component', () => {
    const e = exportText(
      's.ssp.yaml',
      sspYaml(
        2,
        {
          'AC.L2-3.1.3': { status: 'not-met', responsible: 'ISSO' },
          'PE.L2-3.10.6': { status: 'not-applicable', justification: 'No alternate sites.' },
          'SI.L2-3.14.3': { status: 'met', implementation: 'Alerts triaged.', operational_plan: 'OPA-1', evidence: ['a.pdf', 'b.png'] },
        },
        { date: '2025-02-10' },
      ),
    );
    assertValid(e);
    const ssp = e.doc['system-security-plan'];
    const thisSystem = ssp['system-implementation'].components.find((c: any) => c.type === 'this-system');
    const reqs = ssp['control-implementation']['implemented-requirements'];
    assert.equal(reqs.length, 110);
    const byId = new Map(reqs.map((r: any) => [r['control-id'], r]));
    const bc = (id: string) => (byId.get(id) as any)['by-components'][0];
    assert.equal(bc('ac.l2-3.1.1')['component-uuid'], thisSystem.uuid);
    assert.deepEqual(bc('ac.l2-3.1.1')['implementation-status'], { state: 'implemented' });
    assert.deepEqual(bc('ac.l2-3.1.3')['implementation-status'], { state: 'planned' });
    assert.deepEqual(bc('pe.l2-3.10.6')['implementation-status'], { state: 'not-applicable', remarks: 'No alternate sites.' });
    const si = (byId.get('si.l2-3.14.3') as any).props.map((p: any) => `${p.name}=${p.value}`);
    assert.deepEqual(si, ['practice=SI.L2-3.14.3', 'status=met', 'operational-plan=OPA-1', 'evidence=a.pdf', 'evidence=b.png']);
    assert.equal(ssp['import-profile'].href, 'https://cmmc-as-code.example/oscal/cmmc-level-2-profile.json');
    assert.equal(ssp.metadata['last-modified'], '2025-02-10T00:00:00Z');
  });

  test('what OSCAL requires and the SSP lacks is a marked default; the new optional fields fill it', () => {
    const bare = exportText('s.ssp.yaml', sspYaml(1)).doc['system-security-plan'];
    assert.match(bare['system-characteristics'].description, /\(cmmc-check default\)$/);
    assert.match(bare['system-implementation'].users[0].title, /\(cmmc-check default\)$/);
    assert.match(bare['system-characteristics']['system-information']['information-types'][0].title, /\(cmmc-check default\)$/);
    const full = exportText(
      's.ssp.yaml',
      sspYaml(
        1,
        {},
        {
          description: 'Engineering enclave',
          authorization_boundary: 'The lab VLAN',
          information_types: [{ title: 'FCI', description: 'Contract data' }],
          users: [{ title: 'Engineer' }],
          components: [{ title: 'File server', type: 'hardware', description: 'Holds FCI' }],
        },
      ),
    );
    assertValid(full);
    const ssp = full.doc['system-security-plan'];
    assert.equal(ssp['system-characteristics'].description, 'Engineering enclave');
    assert.equal(ssp['system-characteristics']['authorization-boundary'].description, 'The lab VLAN');
    assert.deepEqual(
      ssp['system-characteristics']['system-information']['information-types'].map((t: any) => t.title),
      ['FCI'],
    );
    assert.deepEqual(
      ssp['system-implementation'].users.map((u: any) => u.title),
      ['Engineer'],
    );
    assert.deepEqual(
      ssp['system-implementation'].components.map((c: any) => c.type),
      ['this-system', 'hardware'],
    );
    assert.equal(ssp['import-profile'].href, 'https://cmmc-as-code.example/oscal/cmmc-level-1-profile.json');
  });
});

describe('OSCAL checks the schemas cannot make', () => {
  test('the validators catch what they are for (so the tests above can fail)', () => {
    const e = exportText('a.poam.yaml', poamYaml(2, [item('P-1', 'AC.L2-3.1.3')]));
    const broken = JSON.parse(e.json);
    const poam = broken['plan-of-action-and-milestones'];
    poam.risks[0].deadline = '2025-06-30';
    assert.ok(schemaErrors('poam', broken).some((m) => m.includes('/deadline')));
    poam.risks[0].deadline = '2025-06-30T00:00:00Z';
    poam.risks[0].status = 'done';
    poam['poam-items'][0]['related-risks'][0]['risk-uuid'] = '00000000-0000-4000-8000-000000000000';
    const errors = constraintErrors(broken);
    assert.ok(errors.some((m) => m.includes('not an OSCAL risk status')));
    assert.ok(errors.some((m) => m.includes('resolves to nothing')));
  });
});

describe('OSCAL export: speed', () => {
  // CPU time, not wall time: on a shared machine the wall clock measures the neighbours.
  test('the 50k-line benchmark POA&M exports in under 2 s of CPU time', () => {
    const text = benchPoam(50_000);
    const parsed = parse('poam-50k.poam.yaml', text);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const e = exportOscal(parsed);
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const ms = (cpu.user + cpu.system) / 1000;
    console.log(`# 50k-line POA&M export: ${ms.toFixed(0)} ms CPU, ${wall.toFixed(0)} ms wall, ${(e.json.length / 1e6).toFixed(1)} MB of OSCAL`);
    assert.ok(ms < 2000, `export took ${ms} ms of CPU time`);
    assert.deepEqual(schemaErrors('poam', JSON.parse(e.json)), []);
  });
});

describe('the cmmc/exportOscal request (the editor command)', () => {
  test('answers the JSON for an SSP or POA&M, a reason otherwise', async () => {
    const { exportOscalRequest } = await import('../../server/src/oscal/request');
    const ok = exportOscalRequest(parse('acme.poam.yaml', sample('acme.poam.yaml')));
    assert.ok('json' in ok && ok.kind === 'poam' && ok.warnings.length === 0);
    assert.deepEqual(exportOscalRequest(undefined), { error: 'This file is not an SSP or POA&M.' });
    const bad = exportOscalRequest(parse('b.poam.yaml', 'kind: poam\nlevel: [2\n'));
    assert.ok('error' in bad && /^Not exported: the document does not parse/.test(bad.error));
  });
});

describe('OSCAL export: names OSCAL cannot hold', () => {
  test('an organization or component type with surrounding spaces is left out or written as other, with a warning', () => {
    const e = exportText('s.ssp.yaml', sspYaml(1, {}, { organization: ' Acme ', components: [{ title: 'Box', type: 'hard ware ' }] }));
    assertValid(e);
    assert.equal(e.doc['system-security-plan'].metadata.parties, undefined);
    assert.equal(e.doc['system-security-plan']['system-implementation'].components[1].type, 'other');
    assert.equal(e.warnings.length, 2);
  });
});
