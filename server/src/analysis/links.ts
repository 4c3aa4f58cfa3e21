/**
 * The workspace link graph: which documents name which SSP in their `ssp:` field. An SSP check
 * asks it for the POA&Ms that may link the SSP instead of reading the workspace, and the session
 * asks it which open documents a change affects.
 *
 * - Built once, lazily (on the first question), from a cheap scan of each candidate file for a
 *   top-level `ssp:` line (YAML; markdown: in the front matter). Nothing is parsed and the texts
 *   are not kept. What the scan cannot read for sure (a flow-style document, a value on the next
 *   line, an alias) makes the file a candidate for every SSP: the analyzer parses candidates and
 *   keeps only those whose parsed link names the SSP, so the scan may over-report, never miss.
 * - Kept current by events: `touch` (a file event, an opened or closed buffer) queues a re-scan,
 *   `record` stores the exact link of a document just parsed (buffer edits), `remove` drops one.
 *   Queued scans run in bounded slices (`pump`), so a storm of 10,000 file events never blocks
 *   the server for long; a question answers after the queue is empty.
 * - Sources that report no file events are re-listed and re-statted at most every `refreshMs`.
 */
import { syntaxOf } from '../documents/syntax';
import { normalizeUri, resolveLink as resolveFrom } from '../documents/uri';

export { normalizeUri };

/** The normalised URI an `ssp:` value names, seen from the document `from` (documents/uri.ts). */
const resolveLink = (value: string, from: string): string | undefined => resolveFrom(from, value);

/** A scan result: the `ssp:` value, none, or "cannot tell without parsing". */
export const UNKNOWN = Symbol('unknown link');
export type ScannedLink = string | null | typeof UNKNOWN;

const KEY_LINE = /^([ \t]*)(?:ssp|"ssp"|'ssp')[ \t]*:(?=[ \t]|$)(.*)$/gm;

/** The value after `ssp:` on one line, unquoted; UNKNOWN for forms a line cannot settle. */
function lineValue(rest: string): ScannedLink {
  const v = rest.trim();
  if (v === '' || '|>&*!{[@`%'.includes(v[0])) return UNKNOWN;
  if (v[0] === '"') {
    const m = /^"(?:[^"\\]|\\.)*"/.exec(v);
    if (!m) return UNKNOWN;
    try {
      return JSON.parse(m[0]) as string;
    } catch {
      return UNKNOWN;
    }
  }
  if (v[0] === "'") {
    const m = /^'((?:[^']|'')*)'/.exec(v);
    return m ? m[1].replace(/''/g, "'") : UNKNOWN;
  }
  const hash = v.search(/\s#/);
  return hash >= 0 ? v.slice(0, hash).trimEnd() : v;
}

/** The top-level `ssp:` value of a YAML text (or front matter) starting at `from`. */
function scanYaml(text: string, from: number, to: number): ScannedLink {
  // The indentation of the first content line is the top level's.
  const first = /^([ \t]*)([^\s#].*)$/gm;
  first.lastIndex = from;
  let base = '';
  for (let m = first.exec(text); m && m.index < to; m = first.exec(text)) {
    if (m[2].startsWith('---') || m[2].startsWith('%')) continue;
    if (m[2][0] === '{' || m[2][0] === '[' || m[2][0] === '?') return text.includes('ssp', m.index) ? UNKNOWN : null;
    base = m[1];
    break;
  }
  let found: ScannedLink = null;
  KEY_LINE.lastIndex = from;
  for (let m = KEY_LINE.exec(text); m && m.index < to; m = KEY_LINE.exec(text)) {
    if (m[1] !== base) continue;
    // A second top-level `ssp:` is a duplicate key: let the parser decide.
    if (found !== null) return UNKNOWN;
    found = lineValue(m[2]);
  }
  return found;
}

/** The `ssp:` value a text carries, found without parsing it (markdown: only in the front matter). */
export function scanSspLink(text: string, uri: string): ScannedLink {
  if (!text.includes('ssp')) return null;
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (syntaxOf(uri) !== 'markdown') return scanYaml(text, start, text.length);
  const open = /^---[ \t]*\r?\n/.exec(text.slice(start, start + 8));
  if (!open) return null;
  const body = start + open[0].length;
  const close = /^(?:---|\.\.\.)[ \t]*\r?$/m;
  const end = close.exec(text.slice(body));
  return scanYaml(text, body, end ? body + end.index : text.length);
}

/** Where the index reads from: the editor's buffers and the disk, or the CLI's files. */
export interface LinkSource {
  /** Every document that may link an SSP. */
  uris(): Iterable<string>;
  /** The text of a document, for a scan only (a source should not keep it); undefined when unreadable. */
  peek(uri: string): string | undefined;
  /** Does the source report file events? When false, the index re-lists and re-stats now and then. */
  watched?(): boolean;
  /** Something that changes when the file changes on disk (mtime and size), for the re-stat. */
  stamp?(uri: string): string | undefined;
}

interface Entry {
  /** The URI as first spelled (what the analyzer reads). */
  readonly uri: string;
  /** The normalised SSP URI it links, null for none, UNKNOWN for "parse to know". */
  target: string | null | typeof UNKNOWN;
  stamp?: string;
}

/** The link graph of one workspace (see the file header). */
export class LinkIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly linkersOf = new Map<string, Set<string>>();
  private readonly unknown = new Set<string>();
  /** Normalised URI -> spelled URI, waiting for a scan (`verify`: re-stat first, re-read only if changed). */
  private readonly queue = new Map<string, { uri: string; verify: boolean }>();
  private readonly dirtyTargets = new Set<string>();
  private built = false;
  private refreshedAt = 0;
  /** Scans done since creation (for tests and the trace). */
  scans = 0;

  constructor(
    private readonly source: LinkSource,
    private readonly options: { refreshMs?: number; now?: () => number } = {},
  ) {}

  /** Forget everything (new workspace folders): the next question lists and scans again. */
  reset(): void {
    for (const e of this.entries.values()) if (typeof e.target === 'string') this.dirtyTargets.add(e.target);
    this.entries.clear();
    this.linkersOf.clear();
    this.unknown.clear();
    this.queue.clear();
    this.built = false;
  }

  /** A document may have changed (file event, buffer opened or closed): scan it again before the next answer. */
  touch(uri: string): void {
    if (!syntaxOf(uri)) return;
    const n = normalizeUri(uri);
    const e = this.entries.get(n);
    if (e && typeof e.target === 'string') this.dirtyTargets.add(e.target);
    this.queue.set(n, { uri: e?.uri ?? uri, verify: false });
  }

  /** A document is gone (deleted). */
  remove(uri: string): void {
    const n = normalizeUri(uri);
    this.queue.delete(n);
    this.set(n, undefined);
  }

  /** The exact link of a document just parsed (`value` undefined: it links nothing). */
  record(uri: string, value: string | undefined): void {
    const n = normalizeUri(uri);
    this.queue.delete(n);
    const target = value === undefined ? null : (resolveLink(value, uri) ?? null);
    this.set(n, { uri: this.entries.get(n)?.uri ?? uri, target, stamp: this.entries.get(n)?.stamp });
  }

  /** Is every question answerable without scanning? */
  settled(): boolean {
    return this.built && this.queue.size === 0 && !this.refreshDue();
  }

  /** Do queued scans for at most `budgetMs` (Infinity: all); true when nothing is left. */
  pump(budgetMs = Infinity): boolean {
    const now = this.options.now ?? Date.now;
    const started = now();
    if (!this.built) {
      this.built = true;
      this.refreshedAt = started;
      for (const uri of this.source.uris()) {
        const n = normalizeUri(uri);
        if (!this.entries.has(n) && !this.queue.has(n)) this.queue.set(n, { uri, verify: false });
      }
    } else if (this.refreshDue()) {
      this.refreshedAt = started;
      const listed = new Set<string>();
      for (const uri of this.source.uris()) {
        const n = normalizeUri(uri);
        listed.add(n);
        if (!this.queue.has(n)) this.queue.set(n, { uri: this.entries.get(n)?.uri ?? uri, verify: this.entries.has(n) });
      }
      for (const n of [...this.entries.keys()]) if (!listed.has(n)) this.remove(n);
    }
    let done = 0;
    for (const [n, job] of this.queue) {
      this.queue.delete(n);
      this.scan(n, job.uri, job.verify);
      if (++done % 16 === 0 && now() - started >= budgetMs) break;
    }
    return this.queue.size === 0;
  }

  /** The documents whose `ssp:` may name `sspUri` (spelled as listed): exact links plus those the scan could not read. */
  linkers(sspUri: string): string[] {
    this.pump();
    const n = normalizeUri(sspUri);
    const out: string[] = [];
    for (const k of this.linkersOf.get(n) ?? []) if (k !== n) out.push(this.entries.get(k)!.uri);
    for (const k of this.unknown) if (k !== n && !this.linkersOf.get(n)?.has(k)) out.push(this.entries.get(k)!.uri);
    return out;
  }

  /** The normalised SSP URI a document links, as far as the index knows (no scan). */
  targetOf(uri: string): string | undefined {
    const t = this.entries.get(normalizeUri(uri))?.target;
    return typeof t === 'string' ? t : undefined;
  }

  /** Does the index know a document links something it cannot name without a parse? */
  uncertain(uri: string): boolean {
    return this.unknown.has(normalizeUri(uri));
  }

  /**
   * An order to check `uris` in with little memory (the CLI): each SSP that documents of the list
   * link, then those documents, then the rest. `closes` maps the last document of each group to
   * its SSP, which nothing later needs.
   */
  checkOrder(uris: readonly string[]): { order: string[]; closes: Map<string, string> } {
    const listed = new Set(uris);
    const order = new Set<string>();
    const closes = new Map<string, string>();
    for (const u of uris) {
      if (order.has(u)) continue;
      const group = [u, ...this.linkers(u).filter((l) => listed.has(l) && !order.has(l))];
      if (group.length < 2) continue;
      for (const x of group) order.add(x);
      closes.set(group.at(-1)!, u);
    }
    for (const u of uris) order.add(u);
    return { order: [...order], closes };
  }

  /** SSP URIs (normalised) whose set of linking documents changed since the last call. */
  takeDirtyTargets(): Set<string> {
    const out = new Set(this.dirtyTargets);
    this.dirtyTargets.clear();
    return out;
  }

  private refreshDue(): boolean {
    if (!this.built || this.source.watched?.() !== false) return false;
    return (this.options.now ?? Date.now)() - this.refreshedAt > (this.options.refreshMs ?? 10_000);
  }

  private scan(n: string, uri: string, verify: boolean): void {
    const old = this.entries.get(n);
    const stamp = this.source.stamp?.(uri);
    if (verify && old && stamp !== undefined && stamp === old.stamp) return;
    this.scans++;
    const text = this.source.peek(uri);
    if (text === undefined) return this.set(n, undefined);
    const link = scanSspLink(text, uri);
    const target = typeof link === 'string' ? (resolveLink(link, uri) ?? null) : link;
    this.set(n, { uri: old?.uri ?? uri, target, stamp });
  }

  private set(n: string, entry: Entry | undefined): void {
    const old = this.entries.get(n);
    if (old) {
      if (typeof old.target === 'string') this.linkersOf.get(old.target)?.delete(n);
      this.unknown.delete(n);
    }
    if (old && (entry === undefined || old.target !== entry.target)) {
      if (typeof old.target === 'string') this.dirtyTargets.add(old.target);
      if (old.target === UNKNOWN) this.markAllDirty();
    }
    if (!entry) {
      this.entries.delete(n);
      return;
    }
    this.entries.set(n, entry);
    if (typeof entry.target === 'string') {
      let set = this.linkersOf.get(entry.target);
      if (!set) this.linkersOf.set(entry.target, (set = new Set()));
      set.add(n);
      if (old?.target !== entry.target) this.dirtyTargets.add(entry.target);
    } else if (entry.target === UNKNOWN) {
      this.unknown.add(n);
      if (old?.target !== UNKNOWN) this.markAllDirty();
    }
  }

  /** A document that may link anything changed: every SSP with linkers may be affected. */
  private markAllDirty(): void {
    this.dirtyTargets.add('*');
  }
}
