/**
 * Hostile inputs, measured (issue 11, items 1 and 3): each case runs in its own process with a
 * time limit and reports its wall time and peak memory (max RSS, heap). Not part of `npm test`:
 * `node --import tsx bench/hostile.ts` runs all, `node --import tsx bench/hostile.ts <case>` one.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCmmcService } from '../server/src/service';
import { fileSystemWorkspace } from '../server/src/workspace';

const poamHead = 'kind: poam\nlevel: 2\nconditional_status_date: 2025-03-15\n';

/** One-line JSON POA&M with `n` items, about `bytes` long. */
function oneLineJson(n: number, bytes: number): string {
  const pad = 'x'.repeat(Math.max(0, Math.floor(bytes / n) - 150));
  const items = Array.from({ length: n }, (_, i) => ({
    id: `P-${i}`,
    practice: 'AC.L2-3.1.3',
    weakness: pad,
    deadline: '2025-06-30',
    status: 'open',
    milestones: [{ task: 't', due: '2025-06-01' }],
  }));
  return JSON.stringify({ kind: 'poam', level: 2, conditional_status_date: '2025-03-15', items });
}

const CASES: Record<string, () => string> = {
  'alias-fanout-10k': () => `${poamHead}a: &a x\nitems: []\nb: [${Array(10_000).fill('*a').join(',')}]\n`,
  'brackets-600k': () => `${poamHead}items: ${'['.repeat(300_000)}${']'.repeat(300_000)}\n`,
  'brackets-6m': () => `${poamHead}items: ${'['.repeat(3_000_000)}${']'.repeat(3_000_000)}\n`,
  'dashes-6m': () => `${poamHead}items:\n${'- '.repeat(3_000_000)}x\n`,
  'json-1m-3000': () => oneLineJson(3000, 1_000_000),
};

function runCase(name: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'cmmc-hostile-'));
  try {
    if (name.startsWith('link-')) {
      const target = name === 'link-dev-zero' ? '/dev/zero' : join(dir, 'fifo.ssp.yaml');
      if (name === 'link-fifo') execFileSync('mkfifo', [target]);
      const poam = join(dir, 'a.poam.yaml');
      writeFileSync(poam, `${poamHead}ssp: ${target}\nitems: []\n`);
      const uri = pathToFileURL(poam).href;
      const service = createCmmcService({ workspace: fileSystemWorkspace([uri]), settings: () => ({ today: '2025-05-01' }) });
      service.validate(pathToFileURL(join(dir, 'warm.poam.yaml')).href);
      const t0 = performance.now();
      const codes = service.validate(uri).map((f) => f.code);
      report(name, performance.now() - t0, codes);
      return;
    }
    const text = CASES[name]();
    const uri = `file://${dir}/a.poam.yaml`;
    let current = text;
    const service = createCmmcService({ workspace: { read: () => current, uris: () => [uri] }, settings: () => ({ today: '2025-05-01' }) });
    // Warm up (schema compilation, JIT) on a small document, so the time is the case's own.
    current = `${poamHead}items: []\n`;
    service.validate(uri);
    service.forget();
    current = text;
    const t0 = performance.now();
    const codes = service.validate(uri).map((f) => f.code);
    const open = performance.now() - t0;
    let edit = 0;
    if (name.startsWith('json')) {
      const at = current.lastIndexOf('"t"');
      current = current.slice(0, at) + '"tt"' + current.slice(at + 3);
      const t1 = performance.now();
      service.validate(uri);
      edit = performance.now() - t1;
    }
    report(name, open, [...new Set(codes)], edit);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(name: string, ms: number, codes: string[], edit = 0): void {
  const heap = process.memoryUsage().heapUsed / 2 ** 20;
  const rss = process.resourceUsage().maxRSS / 1024;
  const times = `${ms.toFixed(0)} ms${edit ? `, edit ${edit.toFixed(0)} ms` : ''}`;
  console.log(`${name}: ${times}, peak RSS ${rss.toFixed(0)} MB, heap ${heap.toFixed(0)} MB, findings ${codes.join(',') || '-'}`);
}

const all = [...Object.keys(CASES), 'link-dev-zero', 'link-fifo'];
const which = process.argv[2];
if (which) runCase(which);
else {
  for (const name of all) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', __filename, name], { encoding: 'utf8', timeout: 30_000 });
    const out = r.stdout.trim() || `${name}: ${r.error ? 'TIMEOUT (30 s)' : `exit ${r.status}`} ${r.stderr.split('\n').find((l) => /Error/.test(l)) ?? ''}`;
    console.log(out);
  }
}
