/** OSCAL catalog and profiles generated from our catalog; UUID v5; the fixtures' provenance; the CLI subcommands. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { REQUIREMENTS, requirementsForSsp } from '../../server/src/catalog/requirements';
import { cmmcCatalog, cmmcProfile, oscalCatalogFiles } from '../../server/src/oscal/catalog';
import { profileName } from '../../server/src/oscal/common';
import { UuidScope, uuidV5 } from '../../server/src/oscal/uuid';
import { item, poamYaml, sspYaml, runCli } from './helpers';
import { FIXTURES, constraintErrors, schemaErrors } from './oscalSchemas';

describe('UUID v5', () => {
  test('matches RFC 4122 (Python uuid.uuid5(NAMESPACE_DNS, "python.org"))', () => {
    assert.equal(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org'), '886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });
  test('a scope gives repeated keys distinct UUIDs, the same ones every time', () => {
    const a = new UuidScope('6ba7b810-9dad-11d1-80b4-00c04fd430c8');
    const b = new UuidScope('6ba7b810-9dad-11d1-80b4-00c04fd430c8');
    const first = [a.next('item:P-1'), a.next('item:P-1'), a.next('item:P-2')];
    assert.equal(new Set(first).size, 3);
    assert.deepEqual([b.next('item:P-1'), b.next('item:P-1'), b.next('item:P-2')], first);
  });
});

describe('CMMC catalog and profiles in OSCAL', () => {
  const catalog = cmmcCatalog() as any;
  const controls = catalog.catalog.groups.flatMap((g: any) => g.controls);

  test('the catalog validates against the OSCAL 1.1.3 catalog schema and holds every requirement once', () => {
    assert.deepEqual(schemaErrors('catalog', catalog), []);
    assert.deepEqual(constraintErrors(catalog), []);
    assert.equal(controls.length, REQUIREMENTS.length);
    assert.equal(new Set(controls.map((c: any) => c.id)).size, REQUIREMENTS.length);
  });

  test('points, POA&M eligibility and their paragraphs are props in our namespace', () => {
    const c = controls.find((x: any) => x.id === 'sc.l2-3.13.11');
    const props = Object.fromEntries(c.props.map((p: any) => [p.name, p.value]));
    assert.deepEqual(props, {
      label: 'SC.L2-3.13.11',
      level: '2',
      'nist-requirement': '3.13.11',
      'poam-eligibility': 'conditional',
      'poam-paragraph': '32 CFR 170.21(a)(2)(ii)',
      points: '5',
      'points-paragraph': '32 CFR 170.24(c)(2)(i)(B)(4)(ii)',
      'partial-credit': 'encryption=not-fips-validated:3',
    });
    const l1 = controls.find((x: any) => x.id === 'ac.l1-b.1.i');
    assert.equal(
      l1.props.find((p: any) => p.name === 'points'),
      undefined,
    );
  });

  for (const level of [1, 2, 3] as const) {
    test(`the Level ${level} profile validates and selects exactly the requirements a Level ${level} SSP lists`, () => {
      const profile = cmmcProfile(level) as any;
      assert.deepEqual(schemaErrors('complete', profile), []);
      const ids = profile.profile.imports[0]['include-controls'][0]['with-ids'];
      assert.equal(ids.length, requirementsForSsp(level).length);
      const known = new Set(controls.map((c: any) => c.id));
      assert.ok(ids.every((id: string) => known.has(id)));
      assert.equal(profile.profile.imports[0].href, 'cmmc-catalog.json');
    });
  }

  test('the build writes the catalog and the three profiles, the same bytes every time', () => {
    const files = oscalCatalogFiles();
    assert.deepEqual(Object.keys(files).sort(), ['cmmc-catalog.json', profileName(1), profileName(2), profileName(3)].sort());
    assert.deepEqual(oscalCatalogFiles(), files);
  });

  test('the complete schema is not permissive (a profile without imports fails)', () => {
    const bad = cmmcProfile(2) as any;
    delete bad.profile.imports;
    assert.ok(schemaErrors('complete', bad).length > 0);
  });
});

test('the product never loads the OSCAL schemas or fixtures (tests compile them; the server does not)', () => {
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : [join(dir, e.name)]));
  for (const file of sources(join(__dirname, '..', '..', 'server', 'src'))) {
    assert.doesNotMatch(readFileSync(file, 'utf8'), /oscal_\w+_schema|fixtures/, file);
  }
});

describe('the OSCAL fixtures are the files PROVENANCE.md names', () => {
  const table = readFileSync(join(FIXTURES, 'PROVENANCE.md'), 'utf8');
  for (const row of table.split('\n').filter((l) => /^\| [\w.-]+\.json \|/.test(l))) {
    const cells = row.split('|').map((c) => c.trim());
    test(cells[1], () => {
      assert.equal(
        createHash('sha256')
          .update(readFileSync(join(FIXTURES, cells[1])))
          .digest('hex'),
        cells[cells.length - 2],
      );
    });
  }
});

describe('cmmc-check export oscal / import oscal', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cmmc-oscal-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const run = (args: string[]) => runCli(args, dir);
  writeFileSync(join(dir, 'a.ssp.yaml'), sspYaml(2, { 'AC.L2-3.1.3': { status: 'not-met' } }));
  writeFileSync(join(dir, 'a.poam.yaml'), poamYaml(2, [item('P-1', 'AC.L2-3.1.3', { deadline: '2025-09-31' })], { ssp: 'a.ssp.yaml' }));
  writeFileSync(join(dir, 'broken.poam.yaml'), 'kind: poam\nlevel: [2\n');
  writeFileSync(join(dir, 'notes.yaml'), 'name: not ours\n');

  test('export to stdout: the JSON only; an impossible date is a warning on stderr, exit 0', () => {
    const r = run(['export', 'oscal', 'a.poam.yaml']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(JSON.parse(r.stdout)['plan-of-action-and-milestones']);
    assert.equal(r.stderr, 'cmmc-check: a.poam.yaml: warning: item P-1 deadline: "2025-09-31" is not a calendar date OSCAL can hold; left out\n');
  });

  test('export --out writes the file; import --out reads it back into YAML', () => {
    assert.equal(run(['export', 'oscal', 'a.ssp.yaml', '--out', 'a.ssp.json']).code, 0);
    const r = run(['import', 'oscal', 'a.ssp.json', '--out', 'back.ssp.yaml']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    const back = readFileSync(join(dir, 'back.ssp.yaml'), 'utf8');
    assert.match(back, /^# Imported from OSCAL: System Security Plan for Enclave \(cmmc-check import oscal\)\n/);
    assert.match(back, /AC\.L2-3\.1\.3:\n {4}status: not-met/);
  });

  test('import of a non-CMMC POA&M: one summary line on stderr, YAML on stdout', () => {
    writeFileSync(join(dir, 'ifa.json'), readFileSync(join(FIXTURES, 'ifa_poam.json')));
    const r = run(['import', 'oscal', 'ifa.json']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^# Imported from OSCAL: IFA GoodRead/);
    assert.equal(r.stderr.split('\n').length, 2);
    assert.match(r.stderr, /^cmmc-check: ifa\.json: imported 2 items; not mapped: /);
  });

  test('exit 2: a document that does not parse, a file that is not ours, a missing file, bad usage, not OSCAL', () => {
    const cases: Array<[string[], RegExp]> = [
      [['export', 'oscal', 'broken.poam.yaml'], /broken\.poam\.yaml: not exported: the document does not parse/],
      [['export', 'oscal', 'notes.yaml'], /notes\.yaml is not an SSP or POA&M/],
      [['export', 'oscal', 'missing.ssp.yaml'], /cannot read missing\.ssp\.yaml: ENOENT/],
      [['export', 'sarif', 'a.ssp.yaml'], /export knows one format: oscal/],
      [['export', 'oscal'], /export oscal needs a file/],
      [['import', 'oscal', 'a.ssp.yaml'], /a\.ssp\.yaml: not JSON/],
      [['import', 'oscal', 'x.json', '--bogus'], /unknown option --bogus/],
    ];
    for (const [args, message] of cases) {
      const r = run(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, message);
      assert.equal(r.stdout, '');
    }
  });

  test('--help prints the usage, exit 0', () => {
    assert.match(run(['export', '--help']).stdout, /^Usage: cmmc-check export oscal/);
    assert.match(run(['import', 'oscal', '-h']).stdout, /^Usage: cmmc-check import oscal/);
  });
});
