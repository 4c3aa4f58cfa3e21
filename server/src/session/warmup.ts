/**
 * Warm-up: right after `initialized`, while no document of the user's is open, the server checks
 * documents of its own (an SSP and a POA&M that links it, in YAML and in markdown) through a
 * throwaway language service, one document per turn of the event loop, so messages from the
 * client are served between the turns. The parsers, the rules and the features then run compiled
 * when the user's first document opens, which is what the user waits for. Nothing is published,
 * nothing is read from disk, and the session's own caches are untouched.
 *
 * Not before the initialize answer: measured, a synchronous warm-up there added about 60 ms to
 * start-up and saved about 30 ms of the first open.
 */
import { REQUIREMENTS, requirementsOfLevel } from '../catalog/requirements';
import { diagnosticsOf } from '../features/diagnostics';
import { statusFor } from '../features/codeLens';
import { createCmmcService } from '../service';

const ROOT = 'file:///cmmc-warm-up';
const DEFERRABLE = REQUIREMENTS.filter((r) => r.level === 2 && r.poam === 'yes');

/** An SSP with `practices` Level 2 requirements (a few not met) and a POA&M of `items` items linking it. */
export function warmupDocuments(items = 40, practices = 110): { uri: string; text: string }[] {
  const reqs = requirementsOfLevel(2).slice(0, practices);
  const open = new Set(DEFERRABLE.slice(0, 5).map((r) => r.id));
  const status = (id: string) => (open.has(id) ? 'not-met' : 'met');
  // Written as SSPs are: a statement of a few lines, a second paragraph, evidence on some.
  const statement = (title: string) => [
    `The enclave enforces "${title}" for every user and device in scope,`,
    'with the settings kept in the configuration baseline and reviewed each quarter;',
    'the review record is filed in the compliance repository.',
  ];
  const evidence = (i: number, id: string) => (i % 2 === 0 ? [`${id.toLowerCase()}-config.pdf, ${id.toLowerCase()}-review.xlsx`] : []);
  const sspYaml = ['kind: ssp', 'level: 2', 'organization: Warm-up', 'date: 2025-02-10', 'practices:'];
  const sspMd = ['---', 'kind: ssp', 'level: 2', 'organization: Warm-up', 'date: 2025-02-10', '---', '', '# System Security Plan', ''];
  reqs.forEach((r, i) => {
    const ev = evidence(i, r.id);
    sspYaml.push(`  ${r.id}:`, `    status: ${status(r.id)}`, '    responsible: ISSO', ...ev.map((e) => `    evidence: [${e}]`));
    sspYaml.push('    implementation: |-', ...statement(r.title).map((l) => `      ${l}`), '', '      Exceptions are recorded in the risk register.');
    sspMd.push(`## ${r.id} ${r.title}`, '', `Status: ${status(r.id)}`, 'Responsible: ISSO', ...ev.map((e) => `Evidence: ${e}`), '');
    sspMd.push(...statement(r.title), '', 'Exceptions are recorded in the risk register.', '');
  });
  const head = [
    'kind: poam',
    'level: 2',
    'ssp: system.ssp.yaml',
    'assessment:',
    '  type: c3pao',
    '  date: 2025-03-01',
    '  score: 100',
    'conditional_status_date: 2025-03-15',
  ];
  const poamYaml = [...head, 'items:'];
  const poamMd = ['---', ...head.map((l) => l.replace('system.ssp.yaml', 'system.ssp.md')), '---', '', '# Plan of Action and Milestones', ''];
  for (let i = 0; i < items; i++) {
    const r = DEFERRABLE[i % DEFERRABLE.length];
    const id = `POAM-${String(i + 1).padStart(3, '0')}`;
    const done = !open.has(r.id) || i >= DEFERRABLE.length;
    const st = done ? 'completed' : 'open';
    poamYaml.push(
      `  - id: ${id}`,
      `    practice: ${r.id}`,
      `    weakness: ${r.title} is not yet in place`,
      '    responsible: ISSO',
      '    resources: 8 staff hours',
    );
    poamYaml.push('    detected: 2025-03-01', '    deadline: 2025-08-30', `    status: ${st}`, ...(done ? ['    completed: 2025-04-02'] : []));
    poamYaml.push(
      '    milestones:',
      '      - task: Configure it',
      '        due: 2025-04-01',
      '        done: true',
      '      - task: Review it',
      '        due: 2025-06-01',
    );
    poamMd.push(
      `## ${id} ${r.title}`,
      '',
      `Practice: ${r.id}`,
      'Responsible: ISSO',
      'Resources: 8 staff hours',
      'Detected: 2025-03-01',
      'Deadline: 2025-08-30',
      `Status: ${st}`,
    );
    poamMd.push(
      ...(done ? ['Completed: 2025-04-02'] : []),
      '',
      `${r.title} is not yet in place.`,
      '',
      '### Milestones',
      '',
      '- [x] 2025-04-01 Configure it',
      '- [ ] 2025-06-01 Review it',
      '',
    );
  }
  const doc = (name: string, lines: string[]) => ({ uri: `${ROOT}/${name}`, text: `${lines.join('\n')}\n` });
  return [doc('system.ssp.yaml', sspYaml), doc('plan.poam.yaml', poamYaml), doc('system.ssp.md', sspMd), doc('plan.poam.md', poamMd)];
}

type Doc = { uri: string; text: string };

function serviceOf(texts: Map<string, string>) {
  return createCmmcService({ workspace: { read: (u) => texts.get(u), uris: () => texts.keys() }, settings: () => ({ today: '2025-05-01' }) });
}

/** What an open runs: parse, rules, diagnostics, status, a hover, symbols and lenses. Failures are swallowed: the warm-up only ever saves time. */
function checkOne(service: ReturnType<typeof serviceOf>, texts: Map<string, string>, doc: Doc, round: number): void {
  try {
    // A new text each round, so the parse runs again instead of answering from the cache.
    const mark = doc.uri.endsWith('.md') ? `<!-- ${round} -->` : `# ${round}`;
    texts.set(doc.uri, `${doc.text}${mark}\n`);
    service.forget(doc.uri);
    const analysis = service.analyze(doc.uri);
    diagnosticsOf(analysis);
    statusFor(analysis);
    const lines = doc.text.split('\n');
    const line = lines.findIndex((l) => /[A-Z]{2}\.L2-3\.\d+\.\d+/.test(l));
    service.hover(doc.uri, { line, character: lines[line].search(/[A-Z]{2}\.L2/) + 2 });
    service.symbols(doc.uri);
    service.codeLens(doc.uri);
  } catch {
    /* only time was to be saved */
  }
}

/** The warm-up ends after this long (ms of wall time) even if rounds are left: an editor that opens a document a moment after start-up finds the server idle. */
export const WARM_UP_BUDGET_MS = 250;

/**
 * Check the warm-up documents, one per macrotask (setImmediate), until done, until `stop()` says
 * a real document needs the time (its own check warms the code as well), or until the budget is
 * spent: small ones first, so that the first steps, which run cold and are the slowest, are
 * short; then the larger ones `rounds` times, markdown first (its margin over the peer is the
 * thinner one).
 */
export function warmUp(opts: { rounds?: number; budget?: number; stop?: () => boolean; done?: () => void } = {}): void {
  const md = (d: Doc) => d.uri.endsWith('.md');
  const small = warmupDocuments(3, 6).map((d) => ({ ...d, uri: d.uri.replace(ROOT, `${ROOT}/small`) }));
  const large = warmupDocuments().sort((a, b) => Number(md(b)) - Number(md(a)));
  const texts = new Map([...small, ...large].map((d) => [d.uri, d.text]));
  const service = serviceOf(texts);
  const steps = [...small, ...Array.from({ length: (opts.rounds ?? 2) * large.length }, (_, i) => large[i % large.length])];
  let end = Number.POSITIVE_INFINITY;
  const step = () => {
    end = Math.min(end, performance.now() + (opts.budget ?? WARM_UP_BUDGET_MS));
    const next = steps.shift();
    if (!next || opts.stop?.() || performance.now() >= end) return opts.done?.();
    checkOne(service, texts, next, steps.length);
    setImmediate(step);
  };
  setImmediate(step);
}
