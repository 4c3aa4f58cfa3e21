/**
 * cmmc-check on hostile trees (issue 11, items 1, 2, 5, 6): non-regular paths, symbolic links
 * and loops, files that vanish or turn into FIFOs mid-run, unreadable files, links outside the
 * repository, control characters in names and values, a closed stdout and a full disk. Every
 * tree is generated here, in a tmp folder.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { check, parseArgs, type CliOptions } from '../../server/src/cli/check';
import { escapeText } from '../../server/src/cli/formats';
import { main } from '../../server/src/cli';
import { item, poamYaml, sspYaml } from './helpers';

const root = mkdtempSync(join(tmpdir(), 'cmmc-clih-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
/** A fresh folder under the tmp root. */
function folder(): string {
  const d = join(root, `t${n++}`);
  mkdirSync(d, { recursive: true });
  return d;
}

function run(args: string[], cwd = root) {
  let stdout = '';
  let stderr = '';
  const code = main(
    [...args, '--today', '2025-05-01'],
    (s) => (stdout += s),
    (s) => (stderr += s),
    cwd,
  );
  return { code, stdout, stderr };
}

const opts = (paths: string[], extra: Partial<CliOptions> = {}): CliOptions => ({
  ...(parseArgs([...paths, '--today', '2025-05-01']) as CliOptions),
  ...extra,
});

test('a command-line path naming /dev/zero, /dev/stdin or a FIFO is exit 2 at once', () => {
  const fifo = join(folder(), 'a.ssp.yaml');
  execFileSync('mkfifo', [fifo]);
  for (const p of ['/dev/zero', '/dev/stdin', fifo]) {
    const t0 = Date.now();
    const r = run([p]);
    assert.equal(r.code, 2, `${p}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, /not a regular file/);
    assert.equal(r.stderr.trim().split('\n').length, 1, 'one line, no stack trace');
    assert.ok(Date.now() - t0 < 1000);
  }
});

test('symbolic links to documents and folders are checked, each file once; loops end', () => {
  const d = folder();
  const real = join(d, 'real');
  mkdirSync(join(real, 'sub'), { recursive: true });
  writeFileSync(join(real, 'sub/a.ssp.yaml'), sspYaml(2, { 'AC.L2-3.1.3': { status: 'not-met' } }));
  const outside = folder();
  writeFileSync(join(outside, 'b.poam.yaml'), poamYaml(2, [item('P-1', 'AC.L2-3.1.20')]));
  const checked = join(d, 'checked');
  mkdirSync(checked);
  symlinkSync(join(real, 'sub'), join(checked, 'linked-folder'));
  symlinkSync(join(real, 'sub/a.ssp.yaml'), join(checked, 'again.ssp.yaml'));
  symlinkSync(join(outside, 'b.poam.yaml'), join(checked, 'b.poam.yaml'));
  symlinkSync(checked, join(checked, 'linked-folder-loop'));
  symlinkSync(join(checked, 'loop'), join(checked, 'loop')); // a link to itself, not named like a document
  const r = check(opts([checked]), root);
  assert.equal(r.documents, 2, 'the SSP once (two links to it), the POA&M through its link');
  assert.ok(r.findings.some((f) => f.code === 'poam-practice-excluded'));
  // A dangling link named like a document would be a document silently left out: exit 2.
  symlinkSync(join(d, 'gone.poam.yaml'), join(checked, 'gone.poam.yaml'));
  const gone = run([checked]);
  assert.equal(gone.code, 2);
  assert.match(gone.stderr, /gone\.poam\.yaml: does not exist/);
});

test('a file that vanishes or becomes a FIFO between the walk and the read: exit 2, no hang', () => {
  for (const swap of ['vanish', 'fifo'] as const) {
    const d = folder();
    writeFileSync(join(d, 'a.ssp.yaml'), sspYaml(2));
    writeFileSync(join(d, 'b.poam.yaml'), poamYaml(2, [item('P-1', 'AC.L2-3.1.3')]));
    // The walk meets a.ssp.yaml first; when it reaches b, a is replaced behind its back.
    const ignore = (path: string) => {
      if (path.endsWith('b.poam.yaml')) {
        unlinkSync(join(d, 'a.ssp.yaml'));
        if (swap === 'fifo') execFileSync('mkfifo', [join(d, 'a.ssp.yaml')]);
      }
      return false;
    };
    const t0 = Date.now();
    assert.throws(() => check(opts([d], { ignore }), root), swap === 'vanish' ? /a\.ssp\.yaml: does not exist/ : /a\.ssp\.yaml: is not a regular file/);
    assert.ok(Date.now() - t0 < 2000);
  }
});

test('an unreadable file or folder is exit 2 with one line', { skip: process.getuid?.() === 0 ? 'root reads every file' : false }, () => {
  const d = folder();
  writeFileSync(join(d, 'a.ssp.yaml'), sspYaml(2));
  chmodSync(join(d, 'a.ssp.yaml'), 0);
  const file = run([d]);
  assert.equal(file.code, 2);
  assert.match(file.stderr, /permission denied/);
  chmodSync(join(d, 'a.ssp.yaml'), 0o644);
  mkdirSync(join(d, 'closed'));
  chmodSync(join(d, 'closed'), 0);
  const dir = run([d]);
  chmodSync(join(d, 'closed'), 0o755);
  assert.equal(dir.code, 2);
  assert.match(dir.stderr, /closed: the folder cannot be read/);
});

test('links are read only inside the repository (or the common folder); --allow-outside lifts it', () => {
  const d = folder();
  const repo = join(d, 'repo');
  mkdirSync(join(repo, '.git'), { recursive: true });
  mkdirSync(join(repo, 'plans'));
  writeFileSync(join(d, 'secret.ssp.yaml'), sspYaml(2));
  writeFileSync(join(repo, 'inside.ssp.yaml'), sspYaml(2));
  writeFileSync(join(repo, 'plans/a.poam.yaml'), poamYaml(2, [item('P-1', 'AC.L2-3.1.10')], { ssp: '../../secret.ssp.yaml' }));
  writeFileSync(join(repo, 'plans/b.poam.yaml'), poamYaml(2, [item('P-1', 'AC.L2-3.1.10')], { ssp: '../../absent.ssp.yaml' }));
  writeFileSync(join(repo, 'plans/c.poam.yaml'), poamYaml(2, [item('P-1', 'AC.L2-3.1.10')], { ssp: '../inside.ssp.yaml' }));
  // Checking only plans/: the repository root is still the boundary, so ../inside is read.
  const r = check(opts([join(repo, 'plans')]), root);
  const message = (file: string) => r.findings.find((f) => f.file.endsWith(file) && f.code === 'poam-ssp-not-found')?.message;
  assert.match(message('a.poam.yaml') ?? '', /outside the workspace/);
  assert.equal(message('a.poam.yaml')!.replace('secret', 'X'), message('b.poam.yaml')!.replace('absent', 'X'), 'existence is not revealed');
  assert.equal(message('c.poam.yaml'), undefined);
  assert.ok(r.findings.some((f) => f.file.endsWith('c.poam.yaml') && f.code === 'poam-practice-met-in-ssp'));
  const allowed = check(opts([join(repo, 'plans')], { allowOutside: true }), root);
  assert.ok(
    allowed.findings.some((f) => f.file.endsWith('a.poam.yaml') && f.code === 'poam-practice-met-in-ssp'),
    'linked with --allow-outside',
  );
  assert.equal((parseArgs(['--allow-outside', 'x']) as CliOptions).allowOutside, true);
  // Without a repository: the common folder of the paths given.
  const loose = folder();
  mkdirSync(join(loose, 'x'));
  mkdirSync(join(loose, 'y'));
  writeFileSync(join(loose, 'y/s.ssp.yaml'), sspYaml(2));
  writeFileSync(join(loose, 'x/p.poam.yaml'), poamYaml(2, [item('P-1', 'AC.L2-3.1.10')], { ssp: '../y/s.ssp.yaml' }));
  writeFileSync(join(loose, 'x/q.poam.yaml'), poamYaml(2, [item('P-1', 'AC.L2-3.1.10')], { ssp: '../../secret.ssp.yaml' }));
  const both = check(opts([join(loose, 'x/p.poam.yaml'), join(loose, 'x/q.poam.yaml'), join(loose, 'y')]), root);
  assert.ok(both.findings.some((f) => f.file.endsWith('p.poam.yaml') && f.code === 'poam-practice-met-in-ssp'));
  assert.ok(both.findings.some((f) => f.file.endsWith('q.poam.yaml') && /outside the workspace/.test(f.message)));
});

test('text output escapes control characters and newlines from file names and documents', () => {
  assert.equal(escapeText('a\nb\r\tc\u001b[31m\u202e'), 'a\\nb\\r\\tc\\u001b[31m\\u202e');
  const d = folder();
  const key = '"bad\\e[31mkey\\nfake.poam.yaml:1:1 error x": 1';
  writeFileSync(join(d, 'evil\nname\u001b[2J.poam.yaml'), `kind: poam\nlevel: 2\nconditional_status_date: 2025-03-15\n${key}\nitems: []\n`);
  const r = run([d]);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 2, r.stdout);
  assert.ok(!/[\u0000-\u0008\u000b-\u001f]/.test(r.stdout), 'no raw control characters');
  assert.match(lines[0], /evil\\nname\\u001b\[2J\.poam\.yaml:4:1 error schema .*bad\\u001b\[31mkey\\nfake/);
});

test('a UTF-16 document on the command line is one finding, not a silent skip', () => {
  const d = folder();
  writeFileSync(join(d, 'a.poam.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(poamYaml(2, [item('P-1', 'AC.L2-3.1.3')]), 'utf16le')]));
  const r = run([d]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /a\.poam\.yaml:1:1 error syntax UTF-16 is not supported: save as UTF-8\./);
});

test('the binary: a closed stdout (| head) and a full disk are exit 2 with one line', () => {
  const d = folder();
  // Enough findings that the report outgrows the pipe's buffer.
  writeFileSync(
    join(d, 'a.poam.yaml'),
    poamYaml(
      2,
      Array.from({ length: 3000 }, (_, i) => item(`P-${i}`, 'AC.L2-3.1.20')),
    ),
  );
  const cli = join(__dirname, '../../dist/cli.js');
  const head = spawnSync('bash', ['-c', `node "${cli}" "${d}" --today 2025-05-01 | head -c 10 >/dev/null; echo "rc=\${PIPESTATUS[0]}"`], { encoding: 'utf8' });
  assert.match(head.stdout, /rc=2/, head.stdout + head.stderr);
  assert.match(head.stderr, /^cmmc-check: cannot write the output: .*EPIPE/);
  assert.equal(head.stderr.trim().split('\n').length, 1, head.stderr);
  const full = spawnSync('bash', ['-c', `node "${cli}" "${d}" --today 2025-05-01 >/dev/full`], { encoding: 'utf8' });
  assert.equal(full.status, 2, full.stderr);
  assert.match(full.stderr, /^cmmc-check: cannot write the output: the disk is full \(ENOSPC\)\n$/);
});
