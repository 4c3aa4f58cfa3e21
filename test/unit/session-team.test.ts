/**
 * The editor side of team use, on a Session in-process: the `.cmmc.yaml` of the workspace (from
 * disk, or its open buffer) sets levels and reloads on change; `cmmc.rules` fills in what it does
 * not set; suppressions hide diagnostics; ignored files stay quiet; the configuration's own
 * problems are its diagnostics; with Red Hat's YAML server, no duplicate syntax/schema
 * diagnostics or schema completions.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { CompletionItemKind, FileChangeType, type Diagnostic } from 'vscode-languageserver';
import { Session, type Output } from '../../server/src/session/session';
import { item, poamYaml } from './helpers';

let dir: string;
let folder: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'cmmc-session-team-'));
  folder = pathToFileURL(dir).href;
});
after(() => rmSync(dir, { recursive: true, force: true }));

function start(initializationOptions: Record<string, unknown> = {}) {
  const published = new Map<string, Diagnostic[]>();
  const warnings: string[] = [];
  const errors: string[] = [];
  const out: Output = {
    publishDiagnostics: (p) => published.set(p.uri, p.diagnostics),
    status: () => undefined,
    error: (m) => errors.push(m),
    warn: (m) => warnings.push(m),
    log: () => undefined,
  };
  const s = new Session(out);
  sessions.push(s);
  s.initialize({
    processId: null,
    rootUri: null,
    workspaceFolders: [{ uri: folder, name: 'ws' }],
    capabilities: {},
    initializationOptions: { today: '2025-05-01', ...initializationOptions },
  });
  const codes = (uri: string) => (published.get(uri) ?? []).map((d) => `${d.code}:${d.severity}`);
  return { s, published, warnings, errors, codes };
}

/** Checks run from timers (0 ms for opens, config changes and file events): wait until no check is pending, then a turn more. */
async function settle(): Promise<void> {
  await new Promise((r) => setTimeout(r, 50));
  for (let i = 0; i < 100 && sessions.some((s) => s.documents.all().some((d) => s.pending(d.uri))); i++) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 20));
}
const sessions: Session[] = [];
const uri = (name: string) => pathToFileURL(join(dir, name)).href;
const noMilestones = poamYaml(2, [item('P-1', 'AC.L2-3.1.3', { milestones: undefined })]);

test('the workspace .cmmc.yaml sets levels; a change on disk (file event) reloads it', async () => {
  writeFileSync(join(dir, '.cmmc.yaml'), 'rules:\n  poam-missing-milestones: error\n');
  const { s, codes, errors } = start();
  s.open(uri('a.poam.yaml'), 'yaml', 1, noMilestones);
  await settle();
  assert.deepEqual(codes(uri('a.poam.yaml')), ['poam-missing-milestones:1']);
  writeFileSync(join(dir, '.cmmc.yaml'), 'rules:\n  poam-missing-milestones: off\n');
  s.filesChanged([{ uri: uri('.cmmc.yaml'), type: FileChangeType.Changed }]);
  await settle();
  assert.deepEqual(codes(uri('a.poam.yaml')), []);
  assert.deepEqual(errors, []);
});

test('cmmc.rules applies to the codes .cmmc.yaml does not set; a lowered regulatory error is refused with a warning', async () => {
  writeFileSync(join(dir, '.cmmc.yaml'), 'rules:\n  poam-missing-milestones: information\n');
  const { s, codes, warnings } = start();
  const text = poamYaml(2, [item('P-1', 'AC.L2-3.1.3', { milestones: undefined }), item('P-1', 'AC.L2-3.1.4')]);
  s.open(uri('b.poam.yaml'), 'yaml', 1, text);
  s.configure({ today: '2025-05-01', rules: { 'poam-missing-milestones': 'error', 'poam-duplicate': 'error', 'poam-practice-excluded': 'off' } });
  await settle();
  assert.deepEqual(codes(uri('b.poam.yaml')).sort(), ['poam-duplicate:1', 'poam-missing-milestones:3']);
  assert.ok(
    warnings.some((w) => /cmmc\.rules\.poam-practice-excluded: it enforces 32 CFR 170\.21\(a\)\(2\)\(iii\) and stays an error/.test(w)),
    warnings.join('\n'),
  );
});

test('an open .cmmc.yaml: its problems are its diagnostics, and editing it re-checks the documents at once', async () => {
  writeFileSync(join(dir, '.cmmc.yaml'), '');
  const { s, codes, published } = start();
  s.open(uri('c.poam.yaml'), 'yaml', 1, noMilestones);
  s.open(uri('.cmmc.yaml'), 'yaml', 1, 'rules:\n  poam-missing-milestones: error\n  poam-practice-excluded: off\n  nope: off\n');
  await settle();
  assert.deepEqual(codes(uri('.cmmc.yaml')).sort(), ['config-invalid:1', 'config-regulatory:1']);
  assert.equal(published.get(uri('.cmmc.yaml'))!.find((d) => d.code === 'config-regulatory')!.range.start.line, 2);
  assert.deepEqual(codes(uri('c.poam.yaml')), ['poam-missing-milestones:1']);
  s.change(uri('.cmmc.yaml'), 2, [{ text: 'rules:\n  poam-missing-milestones: off\n' }]);
  await settle();
  await settle();
  assert.deepEqual(codes(uri('.cmmc.yaml')), []);
  assert.deepEqual(codes(uri('c.poam.yaml')), []);
});

test('a suppression hides the diagnostic in the editor; an unjustified one is a diagnostic itself', async () => {
  writeFileSync(join(dir, '.cmmc.yaml'), '');
  const { s, codes } = start();
  const justified = noMilestones.replace(/^(\s*)- id: P-1$/m, '$1# cmmc-disable-next-line poam-missing-milestones -- in ticket SEC-7\n$1- id: P-1');
  assert.notEqual(justified, noMilestones);
  s.open(uri('d.poam.yaml'), 'yaml', 1, justified);
  await settle();
  assert.deepEqual(codes(uri('d.poam.yaml')), []);
  s.change(uri('d.poam.yaml'), 2, [{ text: justified.replace(' -- in ticket SEC-7', '') }]);
  await settle();
  assert.deepEqual(codes(uri('d.poam.yaml')).sort(), ['poam-missing-milestones:2', 'suppression-invalid:1']);
});

test('a document the repository ignores gets no diagnostics, as it is left out of a CLI run', async () => {
  writeFileSync(join(dir, '.cmmc.yaml'), 'ignore: ["drafts/**"]\n');
  writeFileSync(join(dir, '.gitignore'), 'scratch.poam.yaml\ngenerated/\n');
  const { s, codes, published } = start();
  s.open(uri('drafts/e.poam.yaml'), 'yaml', 1, noMilestones);
  s.open(uri('scratch.poam.yaml'), 'yaml', 1, noMilestones);
  s.open(uri('kept.poam.yaml'), 'yaml', 1, noMilestones);
  s.open(uri('generated/deep/g.poam.yaml'), 'yaml', 1, noMilestones);
  await settle();
  // A file inside an ignored folder is ignored, as the CLI's walk never enters the folder.
  assert.deepEqual(codes(uri('generated/deep/g.poam.yaml')), []);
  assert.deepEqual([published.has(uri('drafts/e.poam.yaml')), codes(uri('drafts/e.poam.yaml'))], [true, []]);
  assert.deepEqual(codes(uri('scratch.poam.yaml')), []);
  assert.deepEqual(codes(uri('kept.poam.yaml')), ['poam-missing-milestones:2']);
  // Every new version of an ignored document is answered (empty), as clients may wait on it.
  published.delete(uri('scratch.poam.yaml'));
  s.change(uri('scratch.poam.yaml'), 2, [{ text: `${noMilestones}\n` }]);
  await settle();
  assert.deepEqual([published.has(uri('scratch.poam.yaml')), codes(uri('scratch.poam.yaml'))], [true, []]);
  writeFileSync(join(dir, '.gitignore'), '');
  s.filesChanged([{ uri: uri('.gitignore'), type: FileChangeType.Changed }]);
  await settle();
  assert.deepEqual(codes(uri('scratch.poam.yaml')), ['poam-missing-milestones:2']);
});

test('with Red Hat YAML (yamlServer): no syntax/schema diagnostics or schema completions where its schema applies; ours stay', async () => {
  writeFileSync(join(dir, '.cmmc.yaml'), '');
  writeFileSync(join(dir, '.gitignore'), '');
  const broken = noMilestones.replace('status: open', 'status: opne');
  const kinded = broken; // also a `kind: poam` file whose name the schema does not match
  for (const yamlServer of [false, true]) {
    const { s, codes } = start({ yamlServer });
    s.open(uri('f.poam.yaml'), 'yaml', 1, broken);
    s.open(uri('plan.yaml'), 'yaml', 1, kinded);
    await settle();
    const named = codes(uri('f.poam.yaml'));
    assert.equal(named.includes('schema:1'), !yamlServer, `${yamlServer}: ${named}`);
    assert.ok(named.includes('poam-missing-milestones:2'), named.join());
    assert.ok(codes(uri('plan.yaml')).includes('schema:1'), 'no schema of the YAML server covers plan.yaml');
    const lines = broken.split('\n');
    const at = lines.findIndex((l) => /^\s+status: opne$/.test(l));
    const items = s.complete(uri('f.poam.yaml'), { line: at, character: lines[at].length });
    const enums = items.filter((i) => i.kind === CompletionItemKind.EnumMember);
    assert.equal(enums.length > 0, !yamlServer, `${yamlServer}: ${items.map((i) => i.label)}`);
    assert.ok(s.complete(uri('plan.yaml'), { line: at, character: lines[at].length }).some((i) => i.kind === CompletionItemKind.EnumMember));
  }
});

test('.cmmc.yaml completes settings, codes under rules (not with the YAML server: it has the schema) and levels', async () => {
  for (const yamlServer of [false, true]) {
    const { s } = start({ yamlServer });
    const text = 'rules:\n  poam-duplicate: off\n  \n  poam-practice-excluded: \n  poam-milestone-overdue: \nclo\n';
    s.open(uri('.cmmc.yaml'), 'yaml', 1, text);
    const labels = (line: number, character: number) => s.complete(uri('.cmmc.yaml'), { line, character }).map((i) => i.label);
    const codes = labels(2, 2);
    assert.ok(codes.includes('poam-missing-milestones') && codes.includes('suppression-unused'), codes.join());
    assert.ok(!codes.includes('poam-duplicate'), 'a code already set is not offered again');
    // Codes are ours alone (the schema cannot list them); settings and levels come from the schema too.
    assert.deepEqual(labels(3, 26), yamlServer ? [] : ['error'], 'a regulatory error can only be error');
    assert.deepEqual(labels(4, 26), yamlServer ? [] : ['off', 'information', 'warning', 'error']);
    assert.deepEqual(labels(5, 3), yamlServer ? [] : ['rules', 'closeoutWarningDays', 'ignore']);
  }
});

test('the editor and the CLI see the same findings: levels, suppressions and config problems alike', async () => {
  const { main } = await import('../../server/src/cli');
  const same = join(dir, 'same');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(same, { recursive: true });
  writeFileSync(join(dir, '.gitignore'), '');
  writeFileSync(join(same, '.cmmc.yaml'), 'rules:\n  poam-missing-milestones: error\n  poam-duplicate: information\n  poam-point-value: off\n');
  const text = poamYaml(2, [
    item('P-1', 'AC.L2-3.1.3', { milestones: undefined }),
    item('P-1', 'AC.L2-3.1.5'),
    item('P-3', 'AC.L2-3.1.6', { milestones: undefined }),
  ]).replace(/^(\s*)- id: P-3$/m, '$1# cmmc-disable-next-line poam-missing-milestones -- tracked in SEC-9\n$1- id: P-3');
  writeFileSync(join(same, 'x.poam.yaml'), text);
  let stdout = '';
  main(
    ['same', '--format', 'json', '--today', '2025-05-01'],
    (s) => (stdout += s),
    () => undefined,
    dir,
  );
  const cli = (JSON.parse(stdout) as { file: string; code: string; severity: string; range: { start: { line: number } }; suppressed?: unknown }[])
    .filter((f) => f.file === join('same', 'x.poam.yaml') && !f.suppressed)
    .map((f) => `${f.range.start.line} ${f.code} ${f.severity}`)
    .sort();
  const config = JSON.parse(stdout).filter((f: { file: string }) => f.file.endsWith('.cmmc.yaml'));
  const { s, published } = start();
  s.open(uri('same/x.poam.yaml'), 'yaml', 1, text);
  // An unsaved, emptied buffer of the config governs while open; closing it goes back to the file.
  s.open(uri('same/.cmmc.yaml'), 'yaml', 1, '');
  await settle();
  s.close(uri('same/.cmmc.yaml'));
  await settle();
  const names = ['error', 'error', 'warning', 'information', 'hint'];
  const editor = (published.get(uri('same/x.poam.yaml')) ?? []).map((d) => `${d.range.start.line} ${d.code} ${names[d.severity!]}`).sort();
  assert.deepEqual(editor, cli);
  assert.ok(cli.some((l) => / poam-missing-milestones error$/.test(l)) && cli.some((l) => / poam-duplicate information$/.test(l)), cli.join('\n'));
  // poam-point-value (AC.L2-3.1.5 is worth 3 points) stays an error: `off` is refused for a regulatory error.
  assert.ok(
    cli.some((l) => / poam-point-value error$/.test(l)),
    cli.join('\n'),
  );
  assert.equal(cli.filter((l) => / poam-missing-milestones /.test(l)).length, 1, 'the suppressed one is not shown');
  assert.deepEqual(
    config.map((f: { code: string }) => f.code),
    ['config-regulatory'],
  );
});
