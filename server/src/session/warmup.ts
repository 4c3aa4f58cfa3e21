/**
 * Warm-up: right after start-up, the server checks a few small documents of its own (an SSP and a
 * POA&M that links it, in YAML and in markdown) through a throwaway language service, one
 * document per turn of the event loop. The parsers, the rules and the features then run compiled
 * when the user's first document opens, which is what the user waits for; messages from the
 * client are served between the turns. Nothing is published, nothing is read from disk, and the
 * session's own caches are untouched.
 */
import { REQUIREMENTS, requirementsOfLevel } from '../catalog/requirements';
import { diagnosticsOf } from '../features/diagnostics';
import { statusFor } from '../features/codeLens';
import { createCmmcService } from '../service';

const ROOT = 'file:///cmmc-warm-up';
const DEFERRABLE = REQUIREMENTS.filter((r) => r.level === 2 && r.poam === 'yes');

/** An SSP with every Level 2 requirement (a few not met) and a POA&M of `items` items linking it. */
export function warmupDocuments(items = 40): { uri: string; text: string }[] {
  const reqs = requirementsOfLevel(2);
  const open = new Set(DEFERRABLE.slice(0, 5).map((r) => r.id));
  const status = (id: string) => (open.has(id) ? 'not-met' : 'met');
  const statement = (title: string) => `The enclave enforces "${title}" with settings kept in the baseline and reviewed each quarter.`;
  const sspYaml = ['kind: ssp', 'level: 2', 'organization: Warm-up', 'date: 2025-02-10', 'practices:'];
  const sspMd = ['---', 'kind: ssp', 'level: 2', 'organization: Warm-up', 'date: 2025-02-10', '---', '', '# System Security Plan', ''];
  for (const r of reqs) {
    sspYaml.push(`  ${r.id}:`, `    status: ${status(r.id)}`, '    responsible: ISSO', `    implementation: |-`, `      ${statement(r.title)}`);
    sspMd.push(`## ${r.id} ${r.title}`, '', `Status: ${status(r.id)}`, 'Responsible: ISSO', '', statement(r.title), '');
  }
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

/**
 * Check the warm-up documents, each `rounds` times, one per macrotask (setImmediate), until done
 * or until `stop()` says a real document needs the time (its own check warms the code as well).
 * Failures are swallowed: the warm-up only ever saves time.
 */
export function warmUp(opts: { rounds?: number; stop?: () => boolean; done?: () => void } = {}): void {
  const docs = warmupDocuments();
  const texts = new Map(docs.map((d) => [d.uri, d.text]));
  const service = createCmmcService({ workspace: { read: (u) => texts.get(u), uris: () => texts.keys() }, settings: () => ({ today: '2025-05-01' }) });
  const steps = Array.from({ length: (opts.rounds ?? 3) * docs.length }, (_, i) => docs[i % docs.length]);
  const step = () => {
    const next = steps.shift();
    if (!next || opts.stop?.()) return opts.done?.();
    try {
      // A new text each round, so the parse runs again instead of answering from the cache.
      const mark = next.uri.endsWith('.md') ? `<!-- ${steps.length} -->` : `# ${steps.length}`;
      texts.set(next.uri, `${next.text}${mark}\n`);
      service.forget(next.uri);
      const analysis = service.analyze(next.uri);
      diagnosticsOf(analysis);
      statusFor(analysis);
      const lines = next.text.split('\n');
      const line = lines.findIndex((l) => /[A-Z]{2}\.L2-3\.\d+\.\d+/.test(l));
      service.hover(next.uri, { line, character: lines[line].search(/[A-Z]{2}\.L2/) + 2 });
      service.symbols(next.uri);
      service.codeLens(next.uri);
    } catch {
      /* only time was to be saved */
    }
    setImmediate(step);
  };
  setImmediate(step);
}
