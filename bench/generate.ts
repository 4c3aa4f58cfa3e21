/**
 * Deterministic generator of realistic large documents for the benchmark: YAML and markdown
 * POA&Ms of about 1k, 10k and 50k lines (items with milestones, a handful of findings), and YAML
 * SSPs listing all 110 Level 2 requirements with multi-component implementation statements.
 *
 *   node --import tsx bench/generate.ts [--out bench/out] [--sizes 1k,10k,50k]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requirementsOfLevel } from '../server/src/catalog/requirements';
import { rng } from './rng';

const DEFERRABLE = requirementsOfLevel(2).filter((r) => r.poam === 'yes');
const PEOPLE = ['ISSO', 'IT Manager', 'Network Engineer', 'Facilities Security Officer', 'HR Director', 'Help Desk Lead'];
const WORDS = ['firewall', 'endpoint', 'baseline', 'audit log', 'VPN portal', 'file share', 'badge reader', 'backup job', 'SIEM rule', 'patch window', 'MDM profile', 'jump host'];
const COMPONENTS = ['Active Directory', 'Intune', 'Palo Alto firewalls', 'Splunk', 'Veeam backups', 'the CUI file server', 'the badge system', 'the VPN concentrator'];

const pick = <T>(r: () => number, xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
const day = (offset: number) => new Date(Date.UTC(2025, 2, 15) + offset * 86400000).toISOString().slice(0, 10);

interface Item {
  id: string;
  practice: string;
  weakness: string;
  responsible: string;
  resources: string;
  detected: string;
  deadline: string;
  status: 'open' | 'completed';
  completed?: string;
  milestones: { task: string; due?: string; done?: true | string }[];
}

function items(lines: number, seed: number, linesPerItem: number): Item[] {
  const r = rng(seed);
  const out: Item[] = [];
  for (let i = 1; out.length * linesPerItem < lines; i++) {
    const n = 2 + Math.floor(r() * 3);
    const deadline = 60 + Math.floor(r() * 115); // inside the 180-day window
    const completed = r() < 0.1;
    const milestones: Item['milestones'] = [];
    for (let k = 0; k < n; k++) {
      const due = Math.floor(((k + 1) * deadline) / (n + 1));
      milestones.push({ task: `${pick(r, ['Review', 'Configure', 'Deploy', 'Document', 'Test', 'Verify'])} the ${pick(r, WORDS)}`, due: day(due), ...(due < 47 || completed ? { done: true as const } : {}) });
    }
    // A realistic handful of findings: a missing due date and an overdue milestone now and then.
    if (i % 97 === 0) delete milestones[0].due;
    if (i % 113 === 0) delete milestones[n - 1].done;
    out.push({
      id: `POAM-${String(i).padStart(5, '0')}`,
      practice: pick(r, DEFERRABLE).id,
      weakness: `The ${pick(r, WORDS)} on ${pick(r, COMPONENTS)} does not yet meet the requirement (finding ${i}).`,
      responsible: pick(r, PEOPLE),
      resources: `${1 + Math.floor(r() * 40)} staff hours`,
      detected: '2025-03-01',
      deadline: day(deadline),
      status: completed ? 'completed' : 'open',
      ...(completed ? { completed: day(40) } : {}),
      milestones,
    });
  }
  return out;
}

const HEADER = { kind: 'poam', level: 2, organization: 'Acme Widgets LLC', system: 'Acme CUI Enclave', conditional: '2025-03-15' };

export function poamYaml(lines: number): string {
  const out = ['kind: poam', 'level: 2', `organization: ${HEADER.organization}`, `system: ${HEADER.system}`, 'assessment:', '  type: c3pao', '  date: 2025-03-01', '  score: 100', `conditional_status_date: ${HEADER.conditional}`, 'items:'];
  for (const it of items(lines, 1, 16)) {
    out.push(`  - id: ${it.id}`, `    practice: ${it.practice}`, `    weakness: ${it.weakness}`, `    responsible: ${it.responsible}`, `    resources: ${it.resources}`, `    detected: ${it.detected}`);
    if (it.status === 'open') out.push(`    deadline: ${it.deadline}`);
    out.push(`    status: ${it.status}`);
    if (it.completed) out.push(`    completed: ${it.completed}`);
    out.push('    milestones:');
    for (const m of it.milestones) {
      out.push(`      - task: ${m.task}`);
      if (m.due) out.push(`        due: ${m.due}`);
      if (m.done) out.push(`        done: ${m.done}`);
    }
  }
  return out.join('\n') + '\n';
}

export function poamMarkdown(lines: number): string {
  const out = ['---', 'kind: poam', 'level: 2', `organization: ${HEADER.organization}`, `system: ${HEADER.system}`, 'assessment:', '  type: c3pao', '  date: 2025-03-01', '  score: 100', `conditional_status_date: ${HEADER.conditional}`, '---', '', '# Plan of Action and Milestones', ''];
  for (const it of items(lines, 1, 18)) {
    out.push(`## ${it.id} ${it.weakness.slice(4, 40)}`, '', `Practice: ${it.practice}`, `Responsible: ${it.responsible}`, `Resources: ${it.resources}`, `Detected: ${it.detected}`);
    if (it.status === 'open') out.push(`Deadline: ${it.deadline}`);
    out.push(`Status: ${it.status}`);
    if (it.completed) out.push(`Completed: ${it.completed}`);
    out.push('', it.weakness, '', '### Milestones', '');
    for (const m of it.milestones) out.push(`- [${m.done ? 'x' : ' '}] ${m.due ? `${m.due} ` : ''}${m.task}`);
    out.push('');
  }
  return out.join('\n');
}

/** An SSP with all 110 Level 2 requirements, each implemented across several components. */
export function sspYaml(lines: number): string {
  const r = rng(7);
  const reqs = requirementsOfLevel(2);
  const perReq = Math.max(1, Math.round((lines - 10) / reqs.length / 3 - 2));
  const out = ['kind: ssp', 'level: 2', `organization: ${HEADER.organization}`, `system: ${HEADER.system}`, 'date: 2025-02-10', 'practices:'];
  for (const req of reqs) {
    out.push(`  ${req.id}:`, '    status: met', '    responsible: ' + pick(r, PEOPLE), '    implementation: |-');
    for (let c = 0; c < perReq; c++) {
      const comp = pick(r, COMPONENTS);
      out.push(`      ${comp}: the ${pick(r, WORDS)} enforces "${req.title}" for every user and device in scope;`, `      configuration is kept in the baseline and reviewed each quarter by the ${pick(r, PEOPLE)},`, `      with evidence exported to the compliance repository.`);
    }
  }
  return out.join('\n') + '\n';
}

export const SIZES: Record<string, number> = { '1k': 1_000, '10k': 10_000, '50k': 50_000 };

/** Write every benchmark document; returns their paths by name. */
export function generate(outDir: string, sizes: string[]): Record<string, string> {
  mkdirSync(outDir, { recursive: true });
  const files: Record<string, string> = {};
  for (const s of sizes) {
    const n = SIZES[s];
    const write = (name: string, text: string) => {
      const p = join(outDir, name);
      writeFileSync(p, text);
      files[name] = p;
    };
    write(`poam-${s}.poam.yaml`, poamYaml(n));
    write(`poam-${s}.poam.md`, poamMarkdown(n));
    if (n <= 10_000) write(`ssp-${s}.ssp.yaml`, sspYaml(n));
  }
  return files;
}

if (require.main === module) {
  const i = process.argv.indexOf('--out');
  const out = i > 0 ? process.argv[i + 1] : join(__dirname, 'out');
  const j = process.argv.indexOf('--sizes');
  const sizes = j > 0 ? process.argv[j + 1].split(',') : Object.keys(SIZES);
  for (const [name, p] of Object.entries(generate(out, sizes))) {
    const text = require('node:fs').readFileSync(p, 'utf8') as string;
    console.log(`${name.padEnd(22)} ${String(text.split('\n').length - 1).padStart(6)} lines  ${(text.length / 1024).toFixed(0).padStart(5)} KB`);
  }
}
