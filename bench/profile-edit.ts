/**
 * CPU profile of opening and editing a large POA&M through the language service (no LSP), the
 * measurement issue 5 starts from. Prints median timings of each step and the functions with
 * the most self time; writes the .cpuprofile for Chrome DevTools.
 *
 *   node --import tsx bench/profile-edit.ts [--lines 10000] [--edits 30] [--out bench/out]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseDocument } from 'yaml';
import { parseYamlFull } from '../server/src/documents/yaml';
import { createCmmcService } from '../server/src/service';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const lines = Number(arg('lines', '10000'));
const edits = Number(arg('edits', '30'));
const outDir = arg('out', join(__dirname, 'out'));

/** A POA&M of about `n` lines: 14-line items with two milestones each. */
function poam(n: number): string {
  const out = ['kind: poam', 'level: 2', 'conditional_status_date: 2025-03-15', 'items:'];
  for (let i = 1; out.length < n; i++) {
    out.push(
      `  - id: POAM-${i}`,
      `    practice: AC.L2-3.1.${3 + (i % 5)}`,
      `    weakness: Weakness number ${i} found in the assessment`,
      '    responsible: ISSO',
      '    resources: 4 staff hours',
      '    detected: 2025-03-01',
      '    deadline: 2025-06-30',
      '    status: open',
      '    milestones:',
      '      - task: First task',
      '        due: 2025-06-15',
      '        done: true',
      '      - task: Second task',
      '        due: 2025-06-20',
    );
  }
  return out.join('\n') + '\n';
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function post<T>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) => session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res as T))));
}

async function main() {
  let text = poam(lines);
  const uri = 'file:///bench/profile.poam.yaml';
  const service = createCmmcService({ workspace: { read: () => text, uris: () => [uri] }, settings: () => ({ today: '2025-05-01' }) });
  const session = new Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.start');

  let t = performance.now();
  service.validate(uri);
  const open = performance.now() - t;
  const editTimes: number[] = [];
  const mid = text.indexOf('deadline: 2025-06-30', text.length / 2);
  for (let k = 0; k < edits; k++) {
    text = text.slice(0, mid) + `deadline: 2025-06-${String(10 + (k % 19)).padStart(2, '0')}` + text.slice(mid + 20);
    t = performance.now();
    service.validate(uri);
    editTimes.push(performance.now() - t);
  }
  const { profile } = await post<{ profile: { nodes: any[]; samples: number[]; timeDeltas: number[] } }>(session, 'Profiler.stop');
  const floor: number[] = [];
  const full: number[] = [];
  for (let k = 0; k < 5; k++) {
    t = performance.now();
    parseDocument(text);
    floor.push(performance.now() - t);
    t = performance.now();
    parseYamlFull(text);
    full.push(performance.now() - t);
  }

  console.log(`${lines} lines, ${(text.length / 1e6).toFixed(2)} MB, node ${process.version}`);
  console.log(`open (parse + every rule), first run: ${open.toFixed(1)} ms`);
  console.log(`edit (one value in the middle) + validate, median of ${edits}: ${median(editTimes).toFixed(1)} ms (max ${Math.max(...editTimes).toFixed(1)})`);
  console.log(`yaml parseDocument alone (floor), median: ${median(floor).toFixed(1)} ms; our composer path: ${median(full).toFixed(1)} ms`);

  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const f = byId.get(id).callFrame;
    const key = `${f.functionName || '(anonymous)'} ${String(f.url).split('/').slice(-2).join('/')}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log('\nself time (profile of open + edits):');
  for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15))
    console.log(`${(us / 1000).toFixed(1).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`);
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `edit-${lines}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  console.log(`\nprofile written to ${file}`);
  session.disconnect();
}

void main();
