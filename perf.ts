import { parseDocument } from 'yaml';
import { performance } from 'node:perf_hooks';
import { parseYaml } from './server/src/documents/yaml';
import { validateSchema } from './server/src/documents/schema';
import { readPoam } from './server/src/documents/model';
import { createCmmcService } from './server/src/service';
import { toPlain } from './server/src/documents/tree';
function gen(lines: number) {
  const out = ['kind: poam', 'level: 2', 'conditional_status_date: 2025-03-15', 'items:'];
  let i = 0;
  while (out.length < lines) {
    i++;
    out.push(`  - id: POAM-${i}`, `    practice: AC.L2-3.1.${3 + (i % 5)}`, `    weakness: Weakness number ${i} found in the assessment`, '    responsible: ISSO', '    resources: 4 staff hours', '    detected: 2025-03-01', '    deadline: 2025-06-30', '    status: open', '    milestones:', '      - task: First task', '        due: 2025-06-15', '        done: true', '      - task: Second task', '        due: 2025-06-20');
  }
  return out.join('\n') + '\n';
}
const time = (label: string, f: () => unknown, n = 5) => { const ts: number[] = []; let r; for (let k = 0; k < n; k++) { const t = performance.now(); r = f(); ts.push(performance.now() - t); } ts.sort((a, b) => a - b); console.log(label.padEnd(28), ts[Math.floor(n / 2)].toFixed(1), 'ms'); return r; };
for (const n of [10000, 50000]) {
  const text = gen(n);
  console.log(`--- ${n} lines, ${(text.length / 1e6).toFixed(2)} MB`);
  time('yaml parseDocument', () => parseDocument(text));
  const tree = time('parseYaml (ours)', () => parseYaml(text)) as any;
  time('toPlain', () => toPlain(tree.root));
  time('validateSchema', () => validateSchema('poam', tree.root));
  time('readPoam', () => readPoam(tree.root, 'yaml'));
  const svc = createCmmcService({ workspace: { read: () => text, uris: () => ['file:///x.poam.yaml'] }, settings: () => ({ today: '2025-05-01' }) });
  time('service.validate (full)', () => { svc.forget(); return svc.validate('file:///x.poam.yaml'); });
}
