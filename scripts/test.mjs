// `npm test`: every layer in turn (build, typecheck, the real-editor layer, unit, protocol),
// stopping at the first that fails, then one line saying where the time went:
//   timing: build 4 s, typecheck 11 s, e2e 128 s, unit 41 s, protocol 18 s (total 202 s)
import { spawnSync } from 'node:child_process';

const LAYERS = [
  ['build', 'node', ['esbuild.mjs']],
  ['typecheck', 'npx', ['tsc', '--noEmit', '-p', '.']],
  ['e2e', 'bash', ['test/e2e/run-all.sh']],
  ['unit', 'node', ['--import', 'tsx', '--test', '--test-reporter=spec', 'test/unit/*.test.ts']],
  ['protocol', 'node', ['--import', 'tsx', '--test', '--test-reporter=spec', 'test/protocol/*.test.ts']],
];

const times = [];
let failed;
const start = Date.now();
for (const [name, cmd, args] of LAYERS) {
  const t0 = Date.now();
  // A shell expands the test globs the way npm scripts always have.
  const r = spawnSync([cmd, ...args].join(' '), { stdio: 'inherit', shell: true });
  times.push(`${name} ${Math.round((Date.now() - t0) / 1000)} s`);
  if (r.status !== 0) {
    failed = name;
    break;
  }
}
console.log(`timing: ${times.join(', ')} (total ${Math.round((Date.now() - start) / 1000)} s)${failed ? `; ${failed} FAILED` : ''}`);
process.exitCode = failed ? 1 : 0;
