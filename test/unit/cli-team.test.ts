/**
 * cmmc-check for teams: .cmmc.yaml found from the checked folder up (or --config), .gitignore and
 * `ignore` in the walk, suppressions in every format, --max-warnings, --format github, SARIF
 * validated against the official 2.1.0 schema for awkward file names, the `$cmmc` problem matcher.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { USAGE } from '../../server/src/cli/options';
import { escapeData, escapeProperty, formatGithub, type CliFinding } from '../../server/src/cli/formats';
import { item, poamYaml, sspYaml, runCli } from './helpers';

let repo: string;
const noMilestones = (id = 'P-1', practice = 'AC.L2-3.1.3') => poamYaml(2, [item(id, practice, { milestones: undefined })]);

before(() => {
  repo = mkdtempSync(join(tmpdir(), 'cmmc-team-'));
  mkdirSync(join(repo, '.git'));
  for (const d of ['docs/odd', 'dist', 'archive', 'build', 'node_modules/pkg']) mkdirSync(join(repo, d), { recursive: true });
  writeFileSync(join(repo, '.gitignore'), 'build/\n');
  writeFileSync(join(repo, '.cmmc.yaml'), 'rules:\n  poam-missing-milestones: error\ncloseoutWarningDays: 10\nignore: ["archive/**"]\n');
  writeFileSync(join(repo, 'docs/odd/with space.poam.yaml'), noMilestones());
  writeFileSync(join(repo, 'docs/odd/hash#1.poam.yaml'), noMilestones('P-2', 'AC.L2-3.1.4'));
  writeFileSync(join(repo, 'docs/odd/ünïcødé.poam.yaml'), noMilestones('P-3', 'AC.L2-3.1.5'));
  writeFileSync(join(repo, 'dist/shipped.poam.yaml'), noMilestones('P-4', 'AC.L2-3.1.6'));
  writeFileSync(join(repo, 'archive/old.poam.yaml'), noMilestones('P-5', 'AC.L2-3.1.7'));
  writeFileSync(join(repo, 'build/gen.poam.yaml'), noMilestones('P-6', 'AC.L2-3.1.8'));
  writeFileSync(join(repo, 'node_modules/pkg/readme.md'), '# not ours\n');
});
after(() => rmSync(repo, { recursive: true, force: true }));

const run = (args: string[], cwd = repo) => runCli(args, cwd);

describe('cmmc-check with a repository configuration', () => {
  test('the nearest .cmmc.yaml applies; .gitignore and ignore leave files out; a folder called dist is checked', () => {
    const r = run(['docs', 'dist', 'archive', 'build', '--today', '2025-05-01', '--format', 'json']);
    const out = JSON.parse(r.stdout) as CliFinding[];
    const files = [...new Set(out.map((f) => f.file))].sort();
    assert.deepEqual(files, ['dist/shipped.poam.yaml', 'docs/odd/hash#1.poam.yaml', 'docs/odd/with space.poam.yaml', 'docs/odd/ünïcødé.poam.yaml']);
    assert.ok(out.every((f) => f.code !== 'poam-missing-milestones' || f.severity === 'error'));
    assert.equal(r.code, 1);
  });

  test('a folder whose documents are all ignored has nothing to check: exit 2 with the reason', () => {
    const r = run(['archive']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^cmmc-check: no SSP or POA&M document found in archive \(nothing was checked\)\n$/);
    assert.equal(r.stdout, '');
  });

  test('a file named explicitly is checked even when ignored', () => {
    const r = run(['archive/old.poam.yaml', '--today', '2025-05-01']);
    assert.match(r.stdout, /^archive\/old\.poam\.yaml:\d+:\d+ error poam-missing-milestones /m);
  });

  test('--config FILE replaces the nearest file; an unreadable one is exit 2; its problems are findings of the config', () => {
    writeFileSync(join(repo, 'other.yaml'), 'rules:\n  poam-missing-milestones: off\n  poam-practice-excluded: warning\n');
    const r = run(['--config', 'other.yaml', 'docs', '--today=2025-05-01']);
    assert.doesNotMatch(r.stdout, /poam-missing-milestones/);
    assert.match(r.stdout, /^other\.yaml:3:27 error config-regulatory "poam-practice-excluded" stays an error/m);
    assert.equal(r.code, 1);
    const missing = run(['--config', 'nope.yaml', 'docs']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--config .*nope\.yaml: cannot be read/);
  });

  test('suppressed: hidden in text and github, kept in JSON with the justification, not counted for the exit code', () => {
    const dir = join(repo, 'sup');
    mkdirSync(dir, { recursive: true });
    const text = noMilestones('P-9', 'AC.L2-3.1.9').replace(
      /^(\s*)- id: P-9$/m,
      '$1# cmmc-disable-next-line poam-missing-milestones -- milestones are tracked in SEC-42\n$1- id: P-9',
    );
    assert.match(text, /cmmc-disable-next-line/);
    writeFileSync(join(dir, 'a.poam.yaml'), text);
    const t = run(['sup', '--today', '2025-05-01']);
    assert.doesNotMatch(t.stdout, /poam-missing-milestones/);
    assert.match(t.stdout, /, 1 finding suppressed\n$/);
    assert.equal(t.code, 0, t.stdout);
    const j = JSON.parse(run(['sup', '--today', '2025-05-01', '-f', 'json']).stdout);
    assert.deepEqual(
      j.map((f: CliFinding) => [f.code, f.suppressed]),
      [['poam-missing-milestones', { justification: 'milestones are tracked in SEC-42' }]],
    );
    const g = run(['sup', '--today', '2025-05-01', '-f', 'github']);
    assert.doesNotMatch(g.stdout, /::/);
    const s = JSON.parse(run(['sup', '--today', '2025-05-01', '-f', 'sarif']).stdout);
    assert.deepEqual(s.runs[0].results[0].suppressions, [{ kind: 'inSource', justification: 'milestones are tracked in SEC-42' }]);
  });

  test('--max-warnings N: exit 1 only when the warnings exceed N', () => {
    const dir = join(repo, 'warn');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'a.poam.yaml'), poamYaml(2, [item('P-1', 'AC.L2-3.1.3', { milestones: [{ task: 'x' }] })]));
    const base = run(['warn', '--today', '2025-05-01', '--config', join(repo, 'other.yaml')]);
    const warnings = Number(/(\d+) warnings?,/.exec(base.stdout)![1]);
    assert.ok(warnings >= 1, base.stdout);
    const ok = run(['warn', '--today', '2025-05-01', '--max-warnings', String(warnings), '--config', 'other.yaml']);
    const over = run(['warn', '--today', '2025-05-01', '--max-warnings', String(warnings - 1), '--config', 'other.yaml']);
    // other.yaml has its config-regulatory error: compare with a clean configuration.
    writeFileSync(join(repo, 'clean.yaml'), 'rules: {}\n');
    const okClean = run(['warn', '--today', '2025-05-01', '--max-warnings', String(warnings), '--config', 'clean.yaml']);
    const overClean = run(['warn', '--today', '2025-05-01', '--max-warnings', String(warnings - 1), '--config', 'clean.yaml']);
    assert.deepEqual([ok.code, over.code, okClean.code, overClean.code], [1, 1, 0, 1]);
    assert.match(overClean.stderr, new RegExp(`${warnings} warnings, more than --max-warnings ${warnings - 1}`));
    assert.equal(run(['warn', '--max-warnings', 'many']).code, 2);
  });

  test('-- ends the options: a path that starts with a dash', () => {
    const dir = join(repo, '-odd');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'a.ssp.yaml'), sspYaml(2));
    const r = run(['--today', '2025-05-01', '--', '-odd']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^-odd\/a\.ssp\.yaml:\d+:\d+ information ssp-score /m);
    assert.equal(run(['-odd']).code, 2);
  });
});

describe('SARIF for code scanning', () => {
  const schema = JSON.parse(readFileSync(join(__dirname, '../fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8'));
  // With the formats: `uri-reference` is what rejects a raw space, `#` or non-ASCII character.
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);

  test('the schema check has teeth: raw names are rejected, encoded ones accepted', () => {
    const doc = (uri: string) => ({
      version: '2.1.0',
      runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, locations: [{ physicalLocation: { artifactLocation: { uri } } }] }] }],
    });
    assert.deepEqual(
      ['with space.yaml', 'hash#1#2.yaml', 'ü.yaml'].map((u) => validate(doc(u))),
      [false, false, false],
    );
    assert.deepEqual(
      ['with%20space.yaml', 'hash%231.yaml', '%C3%BC.yaml'].map((u) => validate(doc(u))),
      [true, true, true],
    );
  });

  test('valid against the official schema for names with spaces, # and non-ASCII; URIs from the repository root, percent-encoded', () => {
    // Run from a subfolder: paths are still from the git root.
    const r = run(['.', '-f', 'sarif', '--today', '2025-05-01', '--category', 'cmmc/docs'], join(repo, 'docs'));
    const sarif: any = JSON.parse(r.stdout);
    const valid: boolean = validate(sarif);
    assert.ok(valid, JSON.stringify(validate.errors, null, 2));
    const run0 = sarif.runs[0];
    const uris = [...new Set(run0.results.map((x: any) => x.locations[0].physicalLocation.artifactLocation.uri))].sort();
    assert.deepEqual(uris, ['docs/odd/hash%231.poam.yaml', 'docs/odd/with%20space.poam.yaml', 'docs/odd/%C3%BCn%C3%AFc%C3%B8d%C3%A9.poam.yaml'].sort());
    assert.ok(run0.results.every((x: any) => x.locations[0].physicalLocation.artifactLocation.uriBaseId === '%SRCROOT%'));
    assert.equal(run0.originalUriBaseIds['%SRCROOT%'].uri, pathToFileURL(repo).href + '/');
    for (const u of uris as string[]) assert.ok(new URL(u, run0.originalUriBaseIds['%SRCROOT%'].uri).href.startsWith(pathToFileURL(repo).href));
    assert.equal(run0.automationDetails.id, 'cmmc/docs');
    assert.deepEqual(run0.invocations, [
      { executionSuccessful: true, exitCode: 1, commandLine: 'cmmc-check . -f sarif --today 2025-05-01 --category cmmc/docs' },
    ]);
    assert.equal(r.code, 1);
    const rule = run0.tool.driver.rules.find((x: any) => x.id === 'poam-practice-excluded');
    assert.match(
      rule.help.markdown,
      /\[32 CFR 170\.21\(a\)\(2\)\(iii\)\]\(https:\/\/www\.ecfr\.gov\/current\/title-32\/part-170\/section-170\.21#p-170\.21\(a\)\(2\)\(iii\)\)/,
    );
  });

  test('partialFingerprints: stable when unrelated lines move, different per item', () => {
    const dir = join(repo, 'fp');
    mkdirSync(dir, { recursive: true });
    const text = poamYaml(2, [item('P-1', 'AC.L2-3.1.3', { milestones: undefined }), item('P-2', 'AC.L2-3.1.4', { milestones: undefined })]);
    const fingerprints = () => {
      const s = JSON.parse(run(['fp', '-f', 'sarif', '--today', '2025-05-01']).stdout);
      return s.runs[0].results.map((x: any) => [x.ruleId, x.locations[0].physicalLocation.region.startLine, x.partialFingerprints['cmmcFinding/v1']]);
    };
    writeFileSync(join(dir, 'a.poam.yaml'), text);
    const first = fingerprints();
    writeFileSync(join(dir, 'a.poam.yaml'), `# a comment\n# and another\n${text}`);
    const moved = fingerprints();
    assert.equal(first.length, 2);
    assert.deepEqual(
      moved.map((x: any) => x[1]),
      first.map((x: any) => x[1] + 2),
      'the findings moved down',
    );
    assert.deepEqual(
      moved.map((x: any) => x[2]),
      first.map((x: any) => x[2]),
      'their fingerprints did not',
    );
    assert.notEqual(first[0][2], first[1][2]);
  });

  test('a run that fails on a usage error writes nothing to stdout', () => {
    const r = run(['-f', 'sarif', '--today', 'soon']);
    assert.deepEqual([r.code, r.stdout], [2, '']);
  });
});

describe('--format github', () => {
  test('workflow commands with the path from the repository root, line, col and the code as title', () => {
    const r = run(['odd', '-f', 'github', '--today', '2025-05-01'], join(repo, 'docs'));
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0], /^::error file=docs\/odd\/hash#1\.poam\.yaml,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=poam-missing-milestones::.+/);
    assert.ok(lines.some((l) => l.startsWith('::error file=docs/odd/with space.poam.yaml,')));
    assert.match(lines.at(-1)!, /^\d+ errors?, \d+ warnings?, \d+ information in 3 documents$/);
  });

  test('escaping per GitHub: % CR LF in messages, also : and , in properties', () => {
    assert.equal(escapeData('50% done\r\nnext: a, b'), '50%25 done%0D%0Anext: a, b');
    assert.equal(escapeProperty('a:b,c%\n'), 'a%3Ab%2Cc%25%0A');
    const f: CliFinding = {
      file: 'x',
      path: '/r/we,ird:name.poam.yaml',
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
      severity: 'information',
      code: 'ssp-score',
      message: 'a\nb',
      citation: '',
    };
    assert.equal(formatGithub([f], '/r').split('\n')[0], '::notice file=we%2Cird%3Aname.poam.yaml,line=1,col=1,endLine=1,endColumn=2,title=ssp-score::a%0Ab');
  });
});

describe('help and the problem matcher', () => {
  test('--help explains every flag', () => {
    const r = run(['--help']);
    assert.equal(r.code, 0);
    for (const flag of [
      '--format',
      '-f',
      '--today',
      '--warning-days',
      '--max-warnings',
      '--category',
      '--config',
      '--help',
      '-h',
      '--version',
      'github',
      'sarif',
      'json',
      'text',
    ]) {
      assert.ok(r.stdout.includes(flag), flag);
    }
    assert.equal(r.stdout, `${USAGE}\n`);
  });

  test('the $cmmc problem matcher reads the real text output, and not the summary', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8'));
    const matcher = pkg.contributes.problemMatchers.find((m: any) => m.name === 'cmmc');
    const re = new RegExp(matcher.pattern.regexp);
    const r = run(['docs', 'dist', '--today', '2025-05-01'], repo);
    const lines = r.stdout.trim().split('\n');
    const matched = lines.map((l) => re.exec(l)).filter((m) => m !== null);
    assert.equal(matched.length, lines.length - 1);
    assert.equal(re.exec(lines.at(-1)!), null);
    const space = matched.find((m) => m[1] === 'docs/odd/with space.poam.yaml')!;
    assert.ok(space, lines.join('\n'));
    const severities = new Set(matched.map((m) => m[matcher.pattern.severity]));
    for (const s of severities) assert.ok(['error', 'warning', 'info'].includes(s), s);
    const g = matcher.pattern;
    const first = lines[0].split(' ');
    const m0 = matched[0];
    assert.equal(`${m0[g.file]}:${m0[g.line]}:${m0[g.column]}`, first[0]);
    assert.equal(m0[g.code], first[2]);
    assert.equal(m0[g.message], first.slice(3).join(' '));
    const info = re.exec('a b.ssp.yaml:3:1 information ssp-score score 110 of 110')!;
    assert.deepEqual([info[1], info[4], info[5], info[6]], ['a b.ssp.yaml', 'info', 'ssp-score', 'score 110 of 110']);
  });
});
