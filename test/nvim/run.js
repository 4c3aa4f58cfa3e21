// Runs the Neovim client against dist/server.js on a sample POA&M and checks it receives the
// same diagnostics as VS Code: codes, positions, source "cmmc". Exit 0 on success.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const file = process.argv[2] || path.join(root, 'samples/findings/widgets.poam.yaml');
const r = spawnSync('nvim', ['--headless', '-u', 'NONE', '-c', `luafile ${path.join(__dirname, 'lsp-diag.lua')}`], {
  cwd: root,
  env: { ...process.env, CMMC_FILE: file, CMMC_SERVER: path.join(root, 'dist/server.js') },
  encoding: 'utf8',
  timeout: 60000,
});
if (r.status !== 0) {
  console.error(`nvim exited ${r.status}: ${r.stderr || ''}${r.stdout || ''}`);
  process.exit(1);
}
const out = JSON.parse(r.stdout.trim().split('\n').pop());
const codes = new Set(out.diagnostics.map((d) => d.code));
const at = (code) => out.diagnostics.find((d) => d.code === code);
const checks = [
  ['diagnostics published', out.ok],
  ['all from source cmmc', out.diagnostics.every((d) => d.source === 'cmmc')],
  ['poam-practice-excluded on line 18, col 15', at('poam-practice-excluded')?.line === 18 && at('poam-practice-excluded')?.col === 15],
  ['poam-missing-deadline on line 13, col 9', at('poam-missing-deadline')?.line === 13 && at('poam-missing-deadline')?.col === 9],
  ['invalid-date, poam-point-value, poam-closeout-due-soon present', ['invalid-date', 'poam-point-value', 'poam-closeout-due-soon'].every((c) => codes.has(c))],
];
let failed = 0;
for (const [name, ok] of checks) {
  console.log(`${ok ? 'ok' : 'FAILED'} - neovim: ${name}`);
  if (!ok) failed++;
}
console.log(`neovim received ${out.diagnostics.length} diagnostics (${[...codes].sort().join(', ')})`);
process.exit(failed ? 1 : 0);
