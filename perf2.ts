import { Parser, Lexer, Composer, CST } from 'yaml';
import { performance } from 'node:perf_hooks';
function gen(lines: number) {
  const out = ['kind: poam', 'level: 2', 'conditional_status_date: 2025-03-15', 'items:'];
  let i = 0;
  while (out.length < lines) { i++; out.push(`  - id: POAM-${i}`, `    practice: AC.L2-3.1.${3 + (i % 5)}`, `    weakness: Weakness number ${i} found in the assessment`, '    responsible: ISSO', '    resources: 4 staff hours', '    detected: 2025-03-01', '    deadline: 2025-06-30', '    status: open', '    milestones:', '      - task: First task', '        due: 2025-06-15', '        done: true', '      - task: Second task', '        due: 2025-06-20'); }
  return out.join('\n') + '\n';
}
const time = (label: string, f: () => unknown, n = 5) => { const ts: number[] = []; for (let k = 0; k < n; k++) { const t = performance.now(); f(); ts.push(performance.now() - t); } ts.sort((a, b) => a - b); console.log(label.padEnd(28), ts[Math.floor(n / 2)].toFixed(1), 'ms'); };
for (const n of [10000, 50000]) {
  const text = gen(n);
  console.log(`--- ${n}`);
  time('lexer only', () => { let c = 0; for (const _ of new Lexer().lex(text)) c++; });
  time('CST parser', () => { const docs = [...new Parser().parse(text)]; });
  time('CST + composer', () => { const docs = [...new Composer().compose(new Parser().parse(text))]; });
  time('CST + resolveAsScalar walk', () => {
    for (const tok of new Parser().parse(text)) {
      const walk = (t: any): void => {
        if (!t) return;
        if (t.type === 'block-map' || t.type === 'block-seq' || t.type === 'flow-collection') for (const it of t.items) { walk(it.key); walk(it.value); }
        else if (t.type === 'scalar' || t.type === 'block-scalar' || t.type === 'single-quoted-scalar' || t.type === 'double-quoted-scalar') CST.resolveAsScalar(t);
      };
      walk((tok as any).value);
    }
  });
}
