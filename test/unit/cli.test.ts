/** cmmc-check: formats, exit codes, folders, options in any order (SPEC section 4). */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { RULES } from '../../server/src/rules';
import { item, poamYaml, sspYaml, runCli } from './helpers';
import { formatJson, jsonChunks, type CliFinding } from '../../server/src/cli/formats';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'cmmc-cli-'));
  mkdirSync(join(dir, 'clean/deep'), { recursive: true });
  mkdirSync(join(dir, 'bad'), { recursive: true });
  writeFileSync(join(dir, 'clean/deep/a.ssp.yaml'), sspYaml(2, { 'AC.L2-3.1.3': { status: 'not-met' } }));
  writeFileSync(join(dir, 'clean/deep/a.poam.yaml'), poamYaml(2, [item('P-1', 'AC.L2-3.1.3')], { ssp: 'a.ssp.yaml' }));
  writeFileSync(join(dir, 'clean/other.yaml'), 'name: not ours\nitems: [1, 2]\n');
  writeFileSync(join(dir, 'clean/notes.md'), '# Notes\n\nNothing to see.\n');
  writeFileSync(
    join(dir, 'bad/b.poam.yaml'),
    poamYaml(2, [item('P-1', 'AC.L2-3.1.20'), { id: 'P-2', practice: 'AC.L2-3.1.3', status: 'open', milestones: [{ task: 't', due: '2025-06-01' }] }]),
  );
});
after(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[]) => runCli(args, dir);

describe('cmmc-check', () => {
  test('text: file:line:col severity code message, information included, exit 0 without errors', () => {
    const r = run([join(dir, 'clean'), '--today', '2025-05-01']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.match(
      lines[0],
      /^clean\/deep\/a\.ssp\.yaml:\d+:1 information ssp-score score 109 of 110 \(1 points open\); conditional eligible \(32 CFR 170\.24\(c\)\(2\)\)$/,
    );
    assert.equal(lines.at(-1), '0 errors, 0 warnings, 1 information in 2 documents');
  });

  test('errors give exit 1; options before paths work too', () => {
    const r = run(['--today', '2025-05-01', '--format', 'text', join(dir, 'bad')]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^bad\/b\.poam\.yaml:\d+:\d+ error poam-practice-excluded .*\(32 CFR 170\.21\(a\)\(2\)\(iii\)\(A\)\)$/m);
    assert.match(r.stdout, /^bad\/b\.poam\.yaml:\d+:\d+ error poam-missing-deadline /m);
  });

  test('json: only the array on stdout, 0-based ranges, citation strings', () => {
    const r = run([join(dir, 'bad'), '--format=json', '--today=2025-05-01']);
    const out = JSON.parse(r.stdout) as Array<Record<string, any>>;
    const ex = out.find((f) => f.code === 'poam-practice-excluded')!;
    assert.deepEqual(Object.keys(ex).sort(), ['citation', 'code', 'file', 'message', 'range', 'severity']);
    assert.equal(ex.citation, '32 CFR 170.21(a)(2)(iii)(A)');
    assert.equal(ex.severity, 'error');
    // line 11: the helper's unlinked POA&M records its assessment in four lines above the items
    assert.deepEqual(ex.range, { start: { line: 11, character: 14 }, end: { line: 11, character: 26 } });
    const md = out.find((f) => f.code === 'poam-missing-milestones');
    assert.equal(md, undefined);
    // A clean document prints `[]`; a named file that is not an SSP/POA&M is exit 2 (SPEC section 4).
    const clean = run([join(dir, 'clean/deep/a.poam.yaml'), '--format', 'json', '--today', '2025-05-01']);
    assert.deepEqual(JSON.parse(clean.stdout), [], clean.stdout);
    const notOurs = run([join(dir, 'clean/notes.md'), '--format', 'json']);
    assert.equal(notOurs.code, 2);
    assert.equal(notOurs.stdout, '');
    assert.match(notOurs.stderr, /^cmmc-check: clean\/notes\.md: not an SSP or POA&M document/);
  });

  test('sarif: valid 2.1.0 shape with rule metadata and help URIs', () => {
    const r = run([join(dir, 'bad'), '--format', 'sarif', '--today', '2025-05-01']);
    assert.equal(r.code, 1);
    const sarif = JSON.parse(r.stdout);
    assert.equal(sarif.version, '2.1.0');
    const runObj = sarif.runs[0];
    assert.equal(runObj.tool.driver.name, 'cmmc-check');
    assert.equal(runObj.tool.driver.rules.length, RULES.length);
    const rule = runObj.tool.driver.rules.find((x: any) => x.id === 'poam-practice-excluded');
    assert.match(rule.helpUri, /^https:\/\/www\.ecfr\.gov\/current\/title-32\/part-170\/section-170\.21#p-170\.21\(a\)\(2\)\(iii\)$/);
    assert.ok(rule.shortDescription.text && rule.fullDescription.text);
    const res = runObj.results.find((x: any) => x.ruleId === 'poam-practice-excluded');
    assert.equal(res.level, 'error');
    assert.equal(runObj.tool.driver.rules[res.ruleIndex].id, 'poam-practice-excluded');
    assert.deepEqual(res.locations[0].physicalLocation.region, { startLine: 12, startColumn: 15, endLine: 12, endColumn: 27 });
    assert.equal(res.locations[0].physicalLocation.artifactLocation.uri, 'bad/b.poam.yaml');
  });

  test('exit 2 for a bad flag, a bad date, a missing path; a broken ssp: link is a finding', () => {
    assert.equal(run(['--nope']).code, 2);
    assert.equal(run(['--format', 'xml']).code, 2);
    assert.equal(run(['--today', '2025-02-30']).code, 2);
    const missing = run([join(dir, 'does-not-exist')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no such file/);
    writeFileSync(join(dir, 'bad/c.poam.yaml'), poamYaml(2, [item('P-1', 'AC.L2-3.1.3')], { ssp: 'gone.ssp.yaml' }));
    const link = run([join(dir, 'bad/c.poam.yaml'), '--today', '2025-05-01']);
    assert.equal(link.code, 0);
    assert.match(link.stdout, /warning poam-ssp-not-found/);
  });

  test('the bundled binary runs on the samples (README run command)', () => {
    const r = spawnSync(process.execPath, ['dist/cli.js', 'samples', '--today', '2025-05-01'], { encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /samples\/findings\/widgets\.poam\.yaml:\d+:\d+ error poam-practice-excluded .*32 CFR 170\.21\(a\)\(2\)\(iii\)\(A\)/);
    assert.doesNotMatch(r.stdout, /samples\/acme\.(ssp|poam)\.yaml:\d+:\d+ (error|warning)/);
    const clean = spawnSync(process.execPath, ['dist/cli.js', 'samples/acme.ssp.yaml', 'samples/acme.poam.yaml', '--today', '2025-05-01'], {
      encoding: 'utf8',
    });
    assert.equal(clean.status, 0, clean.stdout);
  });
});

test('JSON output in pieces is byte for byte JSON.stringify of the whole array, at every piece boundary', () => {
  const finding = (i: number): CliFinding => ({
    file: `docs/p-${i}.poam.yaml`,
    range: { start: { line: i, character: 2 }, end: { line: i, character: 9 } },
    severity: i % 2 ? 'warning' : 'error',
    code: 'poam-overdue',
    message: `Item "POAM-${i}"\nis overdue — "quoted" \\ text`,
    citation: '32 CFR 170.21(a)(2)',
    ...(i % 3 === 0 ? { suppressed: { justification: 'accepted by the ISSO' } } : {}),
  });
  for (const n of [0, 1, 2, 4, 5, 6, 11]) {
    const all = Array.from({ length: n }, (_, i) => finding(i));
    const whole = `${JSON.stringify(
      all.map(({ file, range, severity, code, message, citation, suppressed }) => ({
        file,
        range,
        severity,
        code,
        message,
        citation,
        ...(suppressed ? { suppressed } : {}),
      })),
      null,
      2,
    )}\n`;
    assert.equal([...jsonChunks(all, 5)].join(''), whole, `${n} findings`);
    assert.equal(formatJson(all), whole);
    assert.deepEqual(JSON.parse([...jsonChunks(all, 5)].join('')).length, n);
  }
});
