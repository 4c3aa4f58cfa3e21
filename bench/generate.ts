/**
 * Deterministic generator of realistic large documents for the benchmark (seeded PRNG: the same
 * bytes on every machine and every run):
 *
 * - POA&Ms, YAML and markdown (SPEC 1.2, 1.3), of about 1k, 10k and 50k lines: an enterprise
 *   POA&M that keeps its history. Every item has id, practice (a real 1-point Level 2
 *   requirement), weakness, responsible, resources, detected, deadline (inside the 180-day
 *   window), status and 2-4 milestones with task/due/done. Exactly 22 items are open (110 - 88:
 *   the most a Conditional status can leave open), one per practice, spread evenly through the
 *   file; the rest are completed, with their completion date. `assessment.score` is 88.
 * - SSPs, YAML and markdown, of about 1k and 10k lines: all 110 Level 2 requirements, each with a
 *   multi-paragraph implementation statement (one paragraph per component), some with evidence.
 *
 * Mostly clean, as a real document under work: with today = 2025-05-01 each POA&M has exactly
 * four findings (a completed item without its completion date -> `schema`, a milestone without a
 * due date, an overdue milestone, a milestone after its item's deadline), each
 * SSP has `ssp-score` (107 of 110), one met practice without a statement and one misspelt field
 * (`schema`). The `schema` finding is also what yaml-language-server reports: it proves that the
 * schema is applied to the file in the benchmark.
 *
 * - The workspace scenario (`ws/`): a 1k-line SSP, 20 POA&Ms of about 1k lines (tens of items)
 *   that link it (`ssp: ../system.ssp.yaml`) and 2,000 unrelated files (Kubernetes-style YAML
 *   manifests and markdown pages), as a real repository holds them.
 * - The CLI corpus (`cli/`, with --cli): 1,000 documents of about 1k lines (1M lines): 10 SSPs and
 *   990 POA&Ms, each linking one of them.
 *
 *   node --import tsx bench/generate.ts [--out bench/out] [--sizes 1k,10k,50k] [--cli]
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REQUIREMENTS } from '../server/src/catalog/requirements';
import { rng } from './rng';

export const TODAY = '2025-05-01';
export const CONDITIONAL = '2025-03-15';
/** Open items: 110 - 88, the most 1-point requirements a Conditional status can leave open. */
const OPEN_ITEMS = 22;
const SCORE = 110 - OPEN_ITEMS;

/** Real Level 2 requirements that may go on a POA&M: every one is worth 1 point. */
const DEFERRABLE = REQUIREMENTS.filter((r) => r.level === 2 && r.poam === 'yes');
const LEVEL2 = REQUIREMENTS.filter((r) => r.level === 2);
const PEOPLE = [
  'ISSO',
  'IT Manager',
  'Network Engineer',
  'Facilities Security Officer',
  'HR Director',
  'Help Desk Lead',
  'Security Architect',
  'Compliance Lead',
];
const THINGS = [
  'firewall rule base',
  'endpoint agent',
  'configuration baseline',
  'audit log pipeline',
  'VPN portal',
  'CUI file share',
  'badge reader',
  'backup job',
  'SIEM correlation rule',
  'patch window',
  'MDM profile',
  'jump host',
  'password policy',
  'session lock GPO',
];
const COMPONENTS = [
  'Active Directory',
  'Microsoft Intune',
  'the Palo Alto firewalls',
  'Splunk Enterprise',
  'Veeam Backup',
  'the CUI file server',
  'the badge system',
  'the VPN concentrator',
  'the engineering workstations',
  'the Azure Government tenant',
];
const VERBS = ['Review', 'Configure', 'Deploy', 'Document', 'Test', 'Verify', 'Approve', 'Train staff on'];
const GAPS = [
  'does not yet enforce the requirement on every host',
  'is configured but not documented in the SSP',
  'was found partially implemented during the assessment',
  'lacks evidence of periodic review',
  'is missing on the legacy segment',
];

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
/** Fisher-Yates with the seeded PRNG. */
function shuffle<T>(r: () => number, xs: readonly T[]): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
const int = (r: () => number, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
/** The day `offset` days after the conditional status date, as YYYY-MM-DD. */
const day = (offset: number) => new Date(Date.UTC(2025, 2, 15) + offset * 86_400_000).toISOString().slice(0, 10);
/** Days from the conditional status date to today (2025-05-01). */
const TODAY_OFFSET = 47;

interface Milestone {
  task: string;
  due?: string;
  done?: true | string;
}
interface Item {
  id: string;
  practice: string;
  title: string;
  weakness: string;
  responsible: string;
  resources: string;
  detected: string;
  deadline: string;
  status: 'open' | 'completed';
  completed?: string;
  milestones: Milestone[];
}

/**
 * `count` items; `open` holds the indexes of the open ones. Deliberate findings, by open item:
 * the 4th has a milestone without a due date, the 9th an overdue milestone, the 15th a milestone
 * due after its deadline; the completed item at a third of the file lacks its completion date.
 */
function makeItems(count: number, seed: number): Item[] {
  const r = rng(seed);
  const open = new Map<number, number>(); // item index -> rank among the open items
  for (let k = 0; k < OPEN_ITEMS; k++) open.set(Math.floor(((k + 0.5) * count) / OPEN_ITEMS), k);
  // The open items' practices: distinct (two open items for one practice are poam-duplicate).
  const practices = shuffle(r, DEFERRABLE)
    .slice(0, OPEN_ITEMS)
    .map((q) => q.id);
  const noCompletion = open.has(Math.floor(count / 3)) ? Math.floor(count / 3) + 1 : Math.floor(count / 3);
  const out: Item[] = [];
  for (let i = 0; i < count; i++) {
    const rank = open.get(i);
    const thing = pick(r, THINGS);
    const component = pick(r, COMPONENTS);
    const detected = day(-int(r, 14, 60));
    const deadline = int(r, 60, 175); // conditional date + 180 is the closeout: inside the window
    const n = int(r, 2, 4);
    const base = () => ({
      id: `POAM-${String(i + 1).padStart(5, '0')}`,
      practice: pick(r, DEFERRABLE).id,
      title: `${thing} on ${component}`,
      weakness: `The ${thing} on ${component} ${pick(r, GAPS)} (assessment finding ${i + 1}).`,
      responsible: pick(r, PEOPLE),
      resources: `${int(r, 2, 80)} staff hours`,
      detected,
      deadline: day(deadline),
    });
    const milestones: Milestone[] = [];
    if (rank === undefined) {
      // Completed, before today; its milestones are done, most with the day.
      const completed = int(r, 10, TODAY_OFFSET - 1);
      for (let k = 0; k < n; k++) {
        const due = Math.floor(((k + 1) * completed) / n);
        milestones.push({ task: `${pick(r, VERBS)} the ${pick(r, THINGS)}`, due: day(due), done: r() < 0.8 ? day(due - int(r, 0, 3)) : true });
      }
      out.push({ ...base(), status: 'completed', ...(i === noCompletion ? {} : { completed: day(completed) }), milestones });
    } else {
      for (let k = 0; k < n; k++) {
        const due = Math.floor(((k + 1) * deadline) / (n + 1));
        const m: Milestone = { task: `${pick(r, VERBS)} the ${pick(r, THINGS)}`, due: day(due) };
        if (due < TODAY_OFFSET) m.done = day(due - int(r, 0, 3));
        milestones.push(m);
      }
      if (rank === 3) delete milestones[n - 1].due; // poam-milestone-missing-date
      if (rank === 8) milestones[0] = { task: milestones[0].task, due: day(30) }; // poam-milestone-overdue
      if (rank === 14) milestones[n - 1].due = day(deadline + 10); // poam-milestone-after-deadline
      out.push({ ...base(), practice: practices[rank], status: 'open', milestones });
    }
  }
  return out;
}

/** Render `count` items; `lines` reports the line count, so a size can be searched for. */
function sized(target: number, render: (items: Item[]) => string): string {
  // Items are about 15-20 lines: search the count whose rendering is closest to the target.
  let lo = 1;
  let hi = Math.ceil(target / 4);
  const lines = (n: number) => render(makeItems(n, 1)).split('\n').length - 1;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (lines(mid) < target) lo = mid + 1;
    else hi = mid;
  }
  return render(makeItems(Math.max(lo, OPEN_ITEMS * 2), 1));
}

const poamHeader = [
  'kind: poam',
  'level: 2',
  'organization: Acme Widgets LLC',
  'system: Acme CUI Enclave',
  'assessment:',
  '  type: c3pao',
  '  date: 2025-03-01',
  `  score: ${SCORE}`,
  `conditional_status_date: ${CONDITIONAL}`,
];

function renderPoamYaml(items: Item[]): string {
  const out = [...poamHeader, 'items:'];
  for (const it of items) {
    out.push(
      `  - id: ${it.id}`,
      `    practice: ${it.practice}`,
      `    weakness: ${it.weakness}`,
      `    responsible: ${it.responsible}`,
      `    resources: ${it.resources}`,
      `    detected: ${it.detected}`,
      `    deadline: ${it.deadline}`,
      `    status: ${it.status}`,
    );
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

function renderPoamMarkdown(items: Item[]): string {
  const out = [
    '---',
    ...poamHeader,
    '---',
    '',
    '# Plan of Action and Milestones — Acme CUI Enclave',
    '',
    'Open and closed items of the enterprise POA&M, newest last.',
    '',
  ];
  for (const it of items) {
    out.push(
      `## ${it.id} ${it.title}`,
      '',
      `Practice: ${it.practice}`,
      `Responsible: ${it.responsible}`,
      `Resources: ${it.resources}`,
      `Detected: ${it.detected}`,
      `Deadline: ${it.deadline}`,
      `Status: ${it.status}`,
    );
    if (it.completed) out.push(`Completed: ${it.completed}`);
    out.push('', it.weakness, '', '### Milestones', '');
    for (const m of it.milestones) out.push(`- [${m.done ? 'x' : ' '}] ${m.due ? `${m.due} ` : ''}${m.task}`);
    out.push('');
  }
  return out.join('\n');
}

export const poamYaml = (lines: number) => sized(lines, renderPoamYaml);
export const poamMarkdown = (lines: number) => sized(lines, renderPoamMarkdown);

interface Practice {
  id: string;
  status: 'met' | 'not-met' | 'not-applicable';
  responsible: string;
  /** Paragraphs of the implementation statement (none: `ssp-missing-implementation`). */
  paragraphs: string[][];
  justification?: string;
  evidence?: string[];
  /** A misspelt field (`responsable:`): `schema`, for both servers. */
  typo?: boolean;
}

/**
 * All 110 Level 2 requirements, about `lines` lines in all: 3 deferrable ones not met (score
 * 107), PE.L2-3.10.6 not applicable with a justification, the others met with one paragraph of
 * 3 lines per component; one met practice has no statement, one a misspelt field.
 */
function sspPractices(lines: number, syntax: 'yaml' | 'markdown'): Practice[] {
  const r = rng(7);
  const notMet = new Set(
    shuffle(r, DEFERRABLE)
      .slice(0, 3)
      .map((q) => q.id),
  );
  // Per requirement: id, status, responsible, `implementation: |-` = 4 lines, 4 per paragraph
  // (3 lines and a blank one), evidence sometimes: spread the budget evenly.
  const budget = (lines - 12) / LEVEL2.length;
  let spent = 0;
  return LEVEL2.map((req, i) => {
    const p: Practice = { id: req.id, status: 'met', responsible: pick(r, PEOPLE), paragraphs: [] };
    if (r() < 0.3) p.evidence = [`${req.id.toLowerCase()}-config.pdf`, `${req.id.toLowerCase()}-review-2025Q1.xlsx`];
    if (notMet.has(req.id)) p.status = 'not-met';
    if (req.id === 'PE.L2-3.10.6') {
      p.status = 'not-applicable';
      p.justification = 'No alternate work sites are permitted; CUI is processed in the enclave only.';
    }
    const target = Math.round(budget * (i + 1)) - spent;
    // YAML: key, status, responsible, `implementation: |-`, evidence key + 2; paragraphs 4 - 1.
    // Markdown: heading, blank, Status, Responsible, Evidence, trailing blank; paragraphs 4.
    const fixed = syntax === 'yaml' ? 3 + (p.evidence ? 3 : 0) + (p.justification ? 1 : 0) : 5 + (p.evidence ? 1 : 0) + (p.justification ? 1 : 0);
    const count = Math.max(1, Math.floor((target - fixed) / 4));
    for (let c = 0; c < count; c++) {
      const comp = pick(r, COMPONENTS);
      p.paragraphs.push([
        `On ${comp} the ${pick(r, THINGS)} enforces "${req.title}" for every user and device in scope,`,
        `with the settings kept in the configuration baseline and reviewed each quarter by the ${pick(r, PEOPLE)};`,
        `evidence (screenshots, exports and the review record) is filed in the compliance repository.`,
      ]);
    }
    spent += fixed + count * 4;
    return p;
  });
}

/** Deliberate SSP findings: the met practice at a quarter has no statement, the one at two thirds a typo. */
function withSspFindings(ps: Practice[]): Practice[] {
  const quarter = ps.findIndex((p, i) => i >= ps.length / 4 && p.status === 'met');
  const twoThirds = ps.findIndex((p, i) => i >= (2 * ps.length) / 3 && p.status === 'met');
  return ps.map((p, i) => (i === quarter ? { ...p, paragraphs: [] } : i === twoThirds ? { ...p, typo: true } : p));
}

export function sspYaml(lines: number): string {
  const out = ['kind: ssp', 'level: 2', 'organization: Acme Widgets LLC', 'system: Acme CUI Enclave', 'date: 2025-02-10', 'practices:'];
  for (const p of withSspFindings(sspPractices(lines, 'yaml'))) {
    out.push(`  ${p.id}:`, `    status: ${p.status}`, `    ${p.typo ? 'responsable' : 'responsible'}: ${p.responsible}`);
    if (p.justification) out.push(`    justification: ${p.justification}`);
    if (p.paragraphs.length) {
      out.push('    implementation: |-');
      p.paragraphs.forEach((para, k) => {
        if (k > 0) out.push('');
        for (const l of para) out.push(`      ${l}`);
      });
    }
    if (p.evidence) out.push('    evidence:', ...p.evidence.map((e) => `      - ${e}`));
  }
  return out.join('\n') + '\n';
}

export function sspMarkdown(lines: number): string {
  const out = [
    '---',
    'kind: ssp',
    'level: 2',
    'organization: Acme Widgets LLC',
    'system: Acme CUI Enclave',
    'date: 2025-02-10',
    '---',
    '',
    '# System Security Plan — Acme CUI Enclave',
    '',
  ];
  for (const p of withSspFindings(sspPractices(lines, 'markdown'))) {
    const title = REQUIREMENTS.find((q) => q.id === p.id)!.title;
    out.push(`## ${p.id} ${title}`, '', `Status: ${p.status}`, `${p.typo ? 'Responsable' : 'Responsible'}: ${p.responsible}`);
    if (p.justification) out.push(`Justification: ${p.justification}`);
    if (p.evidence) out.push(`Evidence: ${p.evidence.join(', ')}`);
    for (const para of p.paragraphs) out.push('', ...para);
    out.push('');
  }
  return out.join('\n');
}

export const SIZES: Record<string, number> = { '1k': 1_000, '10k': 10_000, '50k': 50_000 };

export interface BenchDoc {
  name: string;
  path: string;
  kind: 'poam' | 'ssp';
  syntax: 'yaml' | 'markdown';
  size: string;
  lines: number;
  /** The workspace scenario: the folder the servers get, and a linking POA&M to edit. */
  workspace?: { root: string; poam: string };
}

/** A POA&M of about `lines` lines that links `ssp`. */
const linkingPoam = (lines: number, ssp: string) => poamYaml(lines).replace(/^kind: poam\n/, `kind: poam\nssp: ${ssp}\n`);

/** A Kubernetes-style manifest and a markdown page: the unrelated files of a real repository. */
function unrelated(i: number): { yaml: string; md: string } {
  const name = `svc-${String(i).padStart(4, '0')}`;
  const yaml = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    '  labels:',
    `    app: ${name}`,
    'spec:',
    `  replicas: ${1 + (i % 3)}`,
    '  selector:',
    '    matchLabels:',
    `      app: ${name}`,
    '  template:',
    '    metadata:',
    '      labels:',
    `        app: ${name}`,
    '    spec:',
    '      containers:',
    `        - name: ${name}`,
    `          image: registry.example/${name}:1.${i % 10}.0`,
    '          ports:',
    '            - containerPort: 8080',
    '          resources:',
    '            limits:',
    '              cpu: 500m',
    '              memory: 256Mi',
    '          env:',
    '            - name: LOG_LEVEL',
    '              value: info',
  ].join('\n');
  const md = [
    `# ${name}`,
    '',
    `The ${name} service handles part of the order flow.`,
    '',
    '## Running it',
    '',
    '```sh',
    `make run SERVICE=${name}`,
    '```',
    '',
    '## Configuration',
    '',
    '- `LOG_LEVEL`: info, debug or warn',
    '- `PORT`: 8080',
    '',
    `See [the runbook](../runbooks/${name}.md) for on-call notes.`,
    '',
  ].join('\n');
  return { yaml: yaml + '\n', md };
}

/** The workspace scenario under `dir`: one SSP, 20 POA&Ms linking it, 2,000 unrelated files. */
export function generateWorkspace(dir: string): BenchDoc {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'compliance', 'poams'), { recursive: true });
  const ssp = sspYaml(1_000);
  writeFileSync(join(dir, 'compliance', 'system.ssp.yaml'), ssp);
  for (let i = 1; i <= 20; i++)
    writeFileSync(join(dir, 'compliance', 'poams', `team-${String(i).padStart(2, '0')}.poam.yaml`), linkingPoam(1_000, '../system.ssp.yaml'));
  for (let i = 0; i < 1_000; i++) {
    const { yaml, md } = unrelated(i);
    const svc = join(dir, 'services', `svc-${String(i).padStart(4, '0')}`);
    mkdirSync(svc, { recursive: true });
    writeFileSync(join(svc, 'deployment.yaml'), yaml);
    writeFileSync(join(svc, 'README.md'), md);
  }
  const path = join(dir, 'compliance', 'system.ssp.yaml');
  return {
    name: 'ws-ssp.ssp.yaml',
    path,
    kind: 'ssp',
    syntax: 'yaml',
    size: 'ws',
    lines: ssp.split('\n').length - 1,
    workspace: { root: dir, poam: join(dir, 'compliance', 'poams', 'team-01.poam.yaml') },
  };
}

/** The CLI corpus under `dir` (1,000 documents, about 1M lines); kept between runs. Returns the line count. */
export function generateCliCorpus(dir: string): number {
  const marker = join(dir, '.complete');
  const poam = (k: number) => linkingPoam(1_000, `ssp-${k % 10}.ssp.yaml`);
  const ssp = sspYaml(1_000);
  const lines = 10 * (ssp.split('\n').length - 1) + 990 * (poam(0).split('\n').length - 1);
  if (existsSync(marker)) return lines;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (let k = 0; k < 10; k++) writeFileSync(join(dir, `ssp-${k}.ssp.yaml`), ssp);
  for (let i = 0; i < 990; i++) writeFileSync(join(dir, `p-${String(i).padStart(3, '0')}.poam.yaml`), poam(i));
  writeFileSync(marker, '');
  return lines;
}

/**
 * Write the benchmark documents of these sizes (SSPs at 1k and 10k only); returns them in order.
 * Documents of other sizes left in `outDir` by an earlier run are removed: `outDir` is the
 * servers' workspace folder, and ours reads the POA&Ms there when an SSP is opened (to find the
 * ones that link it), so it must hold exactly this run's documents.
 */
export function generate(outDir: string, sizes: string[]): BenchDoc[] {
  mkdirSync(outDir, { recursive: true });
  for (const f of readdirSync(outDir)) if (/^(poam|ssp)-\w+\.(poam|ssp)\.(yaml|md)$/.test(f)) rmSync(join(outDir, f));
  const docs: BenchDoc[] = [];
  for (const size of sizes) {
    const n = SIZES[size];
    if (!n) throw new Error(`unknown size ${size} (one of ${Object.keys(SIZES).join(', ')})`);
    const write = (name: string, kind: BenchDoc['kind'], syntax: BenchDoc['syntax'], text: string) => {
      const path = join(outDir, name);
      writeFileSync(path, text);
      docs.push({ name, path, kind, syntax, size, lines: text.split('\n').length - 1 });
    };
    write(`poam-${size}.poam.yaml`, 'poam', 'yaml', poamYaml(n));
    write(`poam-${size}.poam.md`, 'poam', 'markdown', poamMarkdown(n));
    if (n <= 10_000) {
      write(`ssp-${size}.ssp.yaml`, 'ssp', 'yaml', sspYaml(n));
      write(`ssp-${size}.ssp.md`, 'ssp', 'markdown', sspMarkdown(n));
    }
  }
  return docs;
}

if (require.main === module) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const out = arg('out') ?? join(__dirname, 'out');
  const sizes = (arg('sizes') ?? Object.keys(SIZES).join(',')).split(',');
  generateWorkspace(join(out, 'ws'));
  if (process.argv.includes('--cli')) console.log(`cli/: ${generateCliCorpus(join(out, 'cli'))} lines`);
  for (const d of generate(join(out, 'docs'), sizes)) {
    const bytes = Buffer.byteLength(require('node:fs').readFileSync(d.path, 'utf8'));
    console.log(`${d.name.padEnd(20)} ${String(d.lines).padStart(6)} lines ${(bytes / 1024).toFixed(0).padStart(6)} KB`);
  }
}
