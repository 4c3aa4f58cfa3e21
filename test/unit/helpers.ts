/**
 * Test helpers: build SSP/POA&M texts from small descriptions, run the language service over an
 * in-memory workspace, and look at findings by code, line and covered text.
 */
import { stringify } from 'yaml';
import { requirementsForSsp, type Level } from '../../server/src/catalog/requirements';
import type { Finding } from '../../server/src/documents/findings';
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
  const service = createCmmcService({ workspace: { read: (u) => map.get(u), uris: () => map.keys() }, settings: () => settings, log: (m) => { throw new Error(m); } });
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
  const practices: Record<string, PracticeSpec> = {};
  for (const r of requirementsForSsp(level)) {
    if (over[r.id] === null) continue;
    practices[r.id] = over[r.id] ?? { status: 'met', implementation: `How ${r.id} is met.` };
  }
  for (const [id, p] of Object.entries(over)) if (p && !practices[id]) practices[id] = p;
  return stringify({ kind: 'ssp', level, organization: 'Acme', system: 'Enclave', ...extra, practices }, { lineWidth: 0 });
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

/** A YAML POA&M (conditional date 2025-03-15 unless overridden; no SSP link unless given). */
export function poamYaml(level: Level, items: Record<string, unknown>[], extra: Record<string, unknown> = {}): string {
  return stringify({ kind: 'poam', level, organization: 'Acme', system: 'Enclave', conditional_status_date: '2025-03-15', ...extra, items }, { lineWidth: 0 });
}

/** `n` one-point, deferrable Level 2 requirements not met. */
export function onePointers(n: number, skip: string[] = []): string[] {
  return requirementsForSsp(2)
    .filter((r) => r.points === 1 && r.poam === 'yes' && !skip.includes(r.id))
    .slice(0, n)
    .map((r) => r.id);
}
