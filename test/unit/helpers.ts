/**
 * Test helpers: build SSP/POA&M texts from small descriptions, run the language service over an
 * in-memory workspace, and look at findings by code, line and covered text.
 */
import { stringify } from 'yaml';
import { requirementsForSsp, type Level } from '../../server/src/catalog/requirements';
import type { Finding } from '../../server/src/documents/findings';
import { main } from '../../server/src/cli';
import { createCmmcService, type Settings } from '../../server/src/service';

export interface Seen extends Finding {
  /** 1-based line of the start. */
  readonly line: number;
  /** 1-based column of the start. */
  readonly col: number;
  /** The text the finding's range covers. */
  readonly covered: string;
}

export const BASE = 'file:///ws/';

/** Run the service on `files` (name -> text) and return the findings of `name`. */
export function check(files: Record<string, string>, name: string, settings: Settings = { today: '2025-05-01' }): Seen[] {
  const map = new Map(Object.entries(files).map(([k, v]) => [BASE + k, v]));
  const service = createCmmcService({
    workspace: { read: (u) => map.get(u), uris: () => map.keys() },
    settings: () => settings,
    log: (m) => {
      throw new Error(m);
    },
  });
  const text = map.get(BASE + name) ?? '';
  return service.validate(BASE + name).map((f) => {
    const before = text.slice(0, f.span.start);
    const line = before.split('\n').length;
    const col = f.span.start - before.lastIndexOf('\n');
    return { ...f, line, col, covered: text.slice(f.span.start, f.span.end) };
  });
}

export const codes = (fs: readonly Finding[]) => fs.map((f) => f.code);
export const only = (fs: readonly Seen[], code: string) => fs.filter((f) => f.code === code);

type PracticeSpec = Record<string, unknown>;

/**
 * A YAML SSP listing every requirement of `level` as met with an implementation statement,
 * with `over` replacing entries (null removes one).
 */
export function sspYaml(level: Level, over: Record<string, PracticeSpec | null> = {}, extra: Record<string, unknown> = {}): string {
  return stringify(sspDoc(level, over, extra), { lineWidth: 0 });
}

/** The SSP object sspYaml writes (for markdown twins). */
export function sspDoc(level: Level, over: Record<string, PracticeSpec | null> = {}, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const practices: Record<string, PracticeSpec> = {};
  for (const r of requirementsForSsp(level)) {
    if (over[r.id] === null) continue;
    practices[r.id] = over[r.id] ?? { status: 'met', implementation: `How ${r.id} is met.` };
  }
  for (const [id, p] of Object.entries(over)) if (p && !practices[id]) practices[id] = p;
  return { kind: 'ssp', level, organization: 'Acme', system: 'Enclave', ...extra, practices };
}

/** A complete, clean open POA&M item for `practice`. */
export function item(id: string, practice: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    practice,
    weakness: `Weakness of ${practice}`,
    deadline: '2025-06-30',
    status: 'open',
    milestones: [{ task: 'Fix it', due: '2025-06-15' }],
    ...extra,
  };
}

/**
 * A YAML POA&M (conditional date 2025-03-15 unless overridden; no SSP link unless given). Without
 * an `ssp` link a Level 2/3 POA&M records its assessment (`DEFAULT_ASSESSMENT`) so that
 * poam-missing-score stays quiet; pass `assessment: undefined` to leave it out.
 */
export function poamYaml(level: Level, items: Record<string, unknown>[], extra: Record<string, unknown> = {}): string {
  return stringify(poamDoc(level, items, extra), { lineWidth: 0 });
}

/** The POA&M object poamYaml writes (for markdown twins). */
export function poamDoc(level: Level, items: Record<string, unknown>[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  const assessment = level !== 1 && !('ssp' in extra) ? { assessment: DEFAULT_ASSESSMENT[level] } : {};
  const doc = { kind: 'poam', level, organization: 'Acme', system: 'Enclave', ...assessment, conditional_status_date: '2025-03-15', ...extra, items };
  return JSON.parse(JSON.stringify(doc));
}

/** The assessment an unlinked test POA&M records: a passing score no test item set rules out. */
export const DEFAULT_ASSESSMENT = {
  2: { type: 'c3pao', date: '2025-03-01', score: 100 },
  3: { type: 'dibcac', date: '2025-03-01', score: 20 },
} as const;

/** `n` one-point, deferrable Level 2 requirements not met. */
export function onePointers(n: number, skip: string[] = []): string[] {
  return requirementsForSsp(2)
    .filter((r) => r.points === 1 && r.poam === 'yes' && !skip.includes(r.id))
    .slice(0, n)
    .map((r) => r.id);
}

// ---- markdown twins ------------------------------------------------------------------------

/** Front matter for a markdown twin: the YAML document's fields other than practices/items. */
function frontMatter(doc: Record<string, unknown>): string {
  const { practices: _p, items: _i, ...rest } = doc;
  return `---\n${stringify(rest, { lineWidth: 0 })}---\n`;
}

const fieldName = (k: string) => k.charAt(0).toUpperCase() + k.slice(1).replace(/_/g, ' ');

/** The markdown form (SPEC 1.3) of an SSP given as the object sspYaml would write. */
export function sspMarkdown(doc: Record<string, unknown>): string {
  const out = [frontMatter(doc), '# System Security Plan', ''];
  for (const [id, p] of Object.entries((doc.practices ?? {}) as Record<string, Record<string, unknown>>)) {
    out.push(`## ${id}`, '');
    const { implementation, ...fields } = p;
    for (const [k, v] of Object.entries(fields)) out.push(`${fieldName(k)}: ${Array.isArray(v) ? v.join(', ') : String(v)}`);
    out.push('');
    if (implementation) out.push(String(implementation).trim(), '');
  }
  return out.join('\n');
}

/** The markdown form of a POA&M given as the object poamYaml would write. */
export function poamMarkdown(doc: Record<string, unknown>): string {
  const out = [frontMatter(doc), '# Plan of Action and Milestones', ''];
  for (const it of (doc.items ?? []) as Record<string, unknown>[]) {
    const { id, weakness, milestones, ...fields } = it;
    out.push(`## ${String(id)} ${String(weakness ?? '')}`.trimEnd(), '');
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) out.push(`${fieldName(k)}: ${String(v)}`);
    out.push('');
    if (weakness) out.push(String(weakness), '');
    if (Array.isArray(milestones)) {
      out.push('### Milestones', '');
      for (const m of milestones as Record<string, unknown>[])
        out.push(`- [${m.done ? 'x' : ' '}] ${m.due ? `${String(m.due)} ` : ''}${String(m.task ?? '')}`.trimEnd());
      out.push('');
    }
  }
  return out.join('\n');
}

/** The seeded PRNG of the fuzz tests (shared with the benchmark's document generator). */
export { rng } from '../../bench/rng';

/**
 * Check a POA&M (and optionally its SSP, linked as `a.ssp.*` when the POA&M says `ssp: 'LINK'`)
 * in YAML and as markdown twins; returns the findings of `target` in each syntax.
 */
export function checkTwins(
  docs: { ssp?: Record<string, unknown>; poam?: Record<string, unknown> },
  target: 'ssp' | 'poam',
  today = '2025-05-01',
): { yaml: Seen[]; md: Seen[] } {
  const one = (ext: 'yaml' | 'md') => {
    const files: Record<string, string> = {};
    if (docs.ssp) files[`a.ssp.${ext}`] = ext === 'yaml' ? stringify(docs.ssp, { lineWidth: 0 }) : sspMarkdown(docs.ssp);
    if (docs.poam) {
      const p = docs.poam.ssp === 'LINK' ? { ...docs.poam, ssp: `a.ssp.${ext}` } : docs.poam;
      files[`a.poam.${ext}`] = ext === 'yaml' ? stringify(p, { lineWidth: 0 }) : poamMarkdown(p);
    }
    return check(files, `a.${target}.${ext}`, { today });
  };
  return { yaml: one('yaml'), md: one('md') };
}

/** Run the command line in-process in `cwd`: its exit code and what it wrote to stdout and stderr. */
export function runCli(args: readonly string[], cwd: string): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = main(
    args,
    (s) => (stdout += s),
    (s) => (stderr += s),
    cwd,
  );
  return { code, stdout, stderr };
}
