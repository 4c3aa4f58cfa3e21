// `npm test`: every layer in turn (build, typecheck, lint, the real-editor layer), stopping at the
// first that fails, a line saying where the time went, then the unit, fuzz and protocol tests in one
// run of node's test runner, whose summary ends the output (its duration_ms is their time):
//   timing: build 4 s, typecheck 11 s, lint 2 s, e2e 128 s; unit + fuzz + protocol tests follow
import { spawnSync } from 'node:child_process';

const LAYERS = [
  ['build', 'node', ['esbuild.mjs']],
  ['typecheck', 'npx', ['tsc', '--noEmit', '-p', '.']],
  ['lint', 'npm', ['run', '--silent', 'lint']],
  ['e2e', 'bash', ['test/e2e/run-all.sh']],
];

const times = [];
const start = Date.now();
for (const [name, cmd, args] of LAYERS) {
  const t0 = Date.now();
  // A shell expands the test globs the way npm scripts always have.
  const r = spawnSync([cmd, ...args].join(' '), { stdio: 'inherit', shell: true });
  times.push(`${name} ${Math.round((Date.now() - t0) / 1000)} s`);
  if (r.status !== 0) {
    console.log(`timing: ${times.join(', ')}; ${name} FAILED`);
    process.exit(1);
  }
}
console.log(`timing: ${times.join(', ')} (${Math.round((Date.now() - start) / 1000)} s); unit + fuzz + protocol tests follow`);
const r = spawnSync('node --import tsx --test --test-reporter=spec test/unit/*.test.ts test/fuzz/*.test.ts test/protocol/*.test.ts', {
  stdio: 'inherit',
  shell: true,
});
process.exitCode = r.status ?? 1;
