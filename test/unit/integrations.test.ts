/**
 * The ready-made integrations, run as far as this machine allows: the check step of action.yml
 * executed by bash exactly as GitHub's composite runner would (`bash -eo pipefail`, inputs in the
 * environment, $GITHUB_OUTPUT), and .pre-commit-hooks.yaml's fields. Needs dist/ (npm run build).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parse } from 'yaml';
import { item, poamYaml, sspYaml } from './helpers';

const root = join(__dirname, '../..');
const action = parse(readFileSync(join(root, 'action.yml'), 'utf8'));
let work: string;

before(() => {
  work = mkdtempSync(join(tmpdir(), 'cmmc-action-'));
  mkdirSync(join(work, 'plans with space'));
  writeFileSync(join(work, 'plans with space/a.ssp.yaml'), sspYaml(2));
  writeFileSync(join(work, 'bad.poam.yaml'), poamYaml(2, [item('P-1', 'AC.L2-3.1.20')]));
});
after(() => rmSync(work, { recursive: true, force: true }));

/** Run the `check` step's script with the action's inputs (defaults filled in from action.yml). */
function checkStep(inputs: Record<string, string>) {
  const step = action.runs.steps.find((s: { id?: string }) => s.id === 'check');
  const value = (name: string) => inputs[name] ?? String(action.inputs[name].default ?? '');
  const output = join(work, `out-${Math.random().toString(36).slice(2)}`);
  writeFileSync(output, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    GITHUB_OUTPUT: output,
    RUNNER_TEMP: work,
    CMMC_PATHS: value('paths'),
    CMMC_FORMAT: value('format'),
    CMMC_CATEGORY: value('category'),
    CMMC_CONFIG: value('config'),
    CMMC_MAX_WARNINGS: value('max-warnings'),
    CMMC_TODAY: value('today'),
    CMMC_CLI: join(root, 'dist/cli.js'),
  };
  // The env block of the step maps inputs to these names; keep the test honest about it.
  for (const [k, v] of Object.entries(step.env as Record<string, string>)) {
    if (k === 'CMMC_CLI') assert.equal(v, '${{ github.action_path }}/dist/cli.js');
    else
      assert.equal(
        v,
        `\${{ inputs.${k
          .replace(/^CMMC_/, '')
          .toLowerCase()
          .replace(/_/g, '-')} }}`,
        k,
      );
  }
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], { cwd: work, env, encoding: 'utf8' });
  const outputs = Object.fromEntries(
    readFileSync(output, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split(/=(.*)/s).slice(0, 2)),
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, outputs };
}

test('action.yml is a composite action that builds, checks, uploads SARIF or annotates, and fails on findings', () => {
  assert.equal(action.runs.using, 'composite');
  const names = action.runs.steps.map((s: { name?: string; uses?: string }) => s.uses ?? s.name);
  assert.deepEqual(names, ['actions/setup-node@v4', 'Build cmmc-check', 'Check', 'github/codeql-action/upload-sarif@v3', 'Fail on findings']);
  const upload = action.runs.steps[3];
  assert.equal(upload.with.category, '${{ inputs.category }}');
});

test('format sarif: writes SARIF with the category for the upload step; the exit code is an output, not a failure of the step', () => {
  const r = checkStep({ paths: 'bad.poam.yaml\nplans with space\n', today: '2025-05-01', category: 'cmmc/plans' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.outputs['exit-code'], '1');
  const sarif = JSON.parse(readFileSync(r.outputs['sarif-file'], 'utf8'));
  assert.equal(sarif.runs[0].automationDetails.id, 'cmmc/plans');
  assert.ok(sarif.runs[0].results.some((x: { ruleId: string }) => x.ruleId === 'poam-practice-excluded'));
  assert.ok(sarif.runs[0].results.some((x: any) => x.locations[0].physicalLocation.artifactLocation.uri === 'plans%20with%20space/a.ssp.yaml'));
  assert.match(r.stdout, /^\d+ errors?, \d+ warnings?, \d+ information in 2 documents$/m);
});

test('format github: annotations in the log', () => {
  const r = checkStep({ paths: 'bad.poam.yaml', format: 'github', today: '2025-05-01' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.outputs['exit-code'], '1');
  assert.match(r.stdout, /^::error file=bad\.poam\.yaml,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=poam-practice-excluded::/m);
});

test('nothing to check, or a bad input, fails the step with exit 2', () => {
  mkdirSync(join(work, 'empty'), { recursive: true });
  const r = checkStep({ paths: 'empty' });
  assert.equal(r.status, 2);
  assert.equal(r.outputs['exit-code'], '2');
  assert.equal(checkStep({ paths: '.', format: 'xml' }).status, 2);
});

test('.pre-commit-hooks.yaml: one node hook that checks the folder once (cross-file rules need every document)', () => {
  const hooks = parse(readFileSync(join(root, '.pre-commit-hooks.yaml'), 'utf8'));
  assert.equal(hooks.length, 1);
  const [h] = hooks;
  assert.deepEqual([h.id, h.entry, h.language, h.pass_filenames, h.args], ['cmmc-check', 'cmmc-check', 'node', false, ['.']]);
  assert.ok(new RegExp(h.files).test('plans/acme.poam.md') && new RegExp(h.files).test('.cmmc.yaml') && !new RegExp(h.files).test('src/x.ts'));
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  // pre-commit installs the hook with `npm pack`: the packed files must hold the bin, and its stdout only the tarball name.
  assert.equal(pkg.bin['cmmc-check'], 'dist/cli.js');
  const packed = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' });
  const files = (JSON.parse(packed.stdout)[0].files as { path: string }[]).map((f) => f.path).sort();
  assert.deepEqual(
    files.filter((f) => f.startsWith('dist/')),
    ['dist/cli.js', 'dist/server.js'],
  );
  assert.ok(files.includes('schemas/cmmc-config.schema.json'));
  assert.match(readFileSync(join(root, '.npmrc'), 'utf8'), /^foreground-scripts=false$/m);
});
