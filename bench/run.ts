/**
 * Side-by-side benchmark: our language server (dist/server.js) against Red Hat's
 * yaml-language-server (configured with our JSON Schemas for the same files), both driven from
 * outside over stdio as an editor drives them. Per document and server, a fresh process per
 * round, the servers alternating (ours, theirs / theirs, ours / ...):
 *
 *   open   didOpen -> the first publishDiagnostics for that uri and version
 *   edit   an incremental didChange of one value in the middle (a POA&M deadline, an SSP
 *          responsible) -> the publishDiagnostics for that version (median of --edits edits)
 *   hover  textDocument/hover on a practice id in the middle (median of --hovers requests)
 *   rss    peak resident memory of the server process (VmHWM from /proc/<pid>/status)
 *
 * and the floor: the `yaml` package's parseDocument plus a walk of every node, alone, in this
 * process (markdown: markdown-it's parse). Markdown documents run through our server only.
 *
 *   npm run bench                      (builds, generates bench/out/, runs everything)
 *   node --import tsx bench/run.ts --sizes 1k,10k --rounds 3 --edits 20 --hovers 20 --json out.json
 *     [--servers ours,yamlls] [--docs poam-10k,ssp] [--timeout 60000] [--no-workspace] [--verbose]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import MarkdownIt from 'markdown-it';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import { generate, SIZES, TODAY, type BenchDoc } from './generate';

// ---- options ----------------------------------------------------------------------------------

const root = resolve(__dirname, '..');
const outDir = join(__dirname, 'out');
function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = process.argv[i + 1];
  if (v === undefined || v.startsWith('--')) throw new Error(`--${name} needs a value`);
  return v;
}
const SIZE_LIST = arg('sizes', Object.keys(SIZES).join(',')).split(',');
const ROUNDS = Number(arg('rounds', '3'));
const EDITS = Number(arg('edits', '20'));
const HOVERS = Number(arg('hovers', '20'));
const JSON_OUT = arg('json', '');
const TIMEOUT = Number(arg('timeout', '60000'));
const SERVERS = arg('servers', 'ours,yamlls').split(',');
const DOC_FILTER = arg('docs', '').split(',').filter(Boolean);
const VERBOSE = process.argv.includes('--verbose');
/** Without a workspace folder (rootUri null): ours then reads no other document when an SSP opens. */
const NO_WORKSPACE = process.argv.includes('--no-workspace');
const FLOOR_RUNS = 7;
/** Settings both servers get; the other sections read as null (defaults). */
const CMMC = { today: TODAY, closeoutWarningDays: 30 };

for (const [k, v] of Object.entries({ rounds: ROUNDS, edits: EDITS, hovers: HOVERS, timeout: TIMEOUT })) {
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${k} must be a positive integer`);
}

interface Server {
  readonly name: 'ours' | 'yamlls';
  readonly label: string;
  readonly cmd: string[];
}
const ALL_SERVERS: Server[] = [
  { name: 'ours', label: 'ours', cmd: [process.execPath, join(root, 'dist/server.js'), '--stdio'] },
  { name: 'yamlls', label: 'yaml-language-server', cmd: [process.execPath, join(root, 'node_modules/yaml-language-server/bin/yaml-language-server'), '--stdio'] },
];

// ---- processes: every one we spawn is killed on the way out ------------------------------------

const live = new Set<ChildProcess>();
function killAll(): void {
  for (const p of live) {
    try {
      p.kill('SIGKILL');
    } catch {
      /* already gone */
    }
  }
  live.clear();
}
process.on('exit', killAll);
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the servers`);
    killAll();
    process.exit(code);
  });
}

// ---- helpers ----------------------------------------------------------------------------------

const median = (xs: number[]): number => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Peak resident set size of a process in MB (Linux: VmHWM). */
function peakRssMb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

function withTimeout<T>(p: Promise<T>, what: string, ms = TIMEOUT): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timeout after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

interface Position {
  line: number;
  character: number;
}
interface Range {
  start: Position;
  end: Position;
}

/** Line start offsets of `text`, to apply LSP ranges locally (the client keeps the text too). */
function offsetAt(text: string, p: Position): number {
  let off = 0;
  for (let l = 0; l < p.line; l++) {
    const nl = text.indexOf('\n', off);
    if (nl < 0) return text.length;
    off = nl + 1;
  }
  const eol = text.indexOf('\n', off);
  return Math.min(off + p.character, eol < 0 ? text.length : eol);
}

// ---- where to edit and hover: the middle of the document ---------------------------------------

interface Target {
  /** The value edited: its line, first character and current length. */
  edit: { line: number; character: number; length: number };
  /** Replacement values, used in turn. */
  values: string[];
  /** Where to hover: a practice id in the middle. */
  hover: Position;
}

/**
 * POA&M: the deadline of the open item nearest the middle (an open item: the deadline and
 * milestone rules apply to it) and a hover on that item's practice. SSP: the `responsible` of the
 * practice in the middle and a hover on its id.
 */
function targetOf(doc: BenchDoc, text: string): Target {
  const lines = text.split('\n');
  const mid = lines.length / 2;
  const nearest = (re: RegExp) => {
    let best = -1;
    lines.forEach((l, i) => {
      if (re.test(l) && (best < 0 || Math.abs(i - mid) < Math.abs(best - mid))) best = i;
    });
    if (best < 0) throw new Error(`${doc.name}: no line matches ${re}`);
    return best;
  };
  const back = (from: number, re: RegExp) => {
    for (let i = from; i >= 0; i--) {
      const m = re.exec(lines[i]);
      if (m) return { line: i, character: m.index + m[0].length - m[1].length, length: m[1].length };
    }
    throw new Error(`${doc.name}: no line matches ${re} before line ${from + 1}`);
  };
  const yaml = doc.syntax === 'yaml';
  if (doc.kind === 'poam') {
    const status = nearest(yaml ? /^ {4}status: open\s*$/ : /^Status: open\s*$/);
    const edit = back(status, yaml ? /^ {4}deadline: (\d{4}-\d{2}-\d{2})/ : /^Deadline: (\d{4}-\d{2}-\d{2})/);
    const practice = back(status, yaml ? /^ {4}practice: ([A-Z]{2}\.L2-[\d.]+)/ : /^Practice: ([A-Z]{2}\.L2-[\d.]+)/);
    // Inside the 180-day window; the earlier ones put a milestone after the deadline (findings change).
    const values = Array.from({ length: 19 }, (_, k) => `2025-0${6 + (k % 3)}-${String(10 + k).padStart(2, '0')}`);
    return { edit, values, hover: { line: practice.line, character: practice.character + 3 } };
  }
  const id = nearest(yaml ? /^ {2}[A-Z]{2}\.L2-[\d.]+:\s*$/ : /^## [A-Z]{2}\.L2-[\d.]+ /);
  let end = id + 1;
  while (end < lines.length && !(yaml ? /^ {2}\S/ : /^## /).test(lines[end])) end++;
  const edit = back(end - 1, yaml ? /^ {4}responsible: (.+?)\s*$/ : /^Responsible: (.+?)\s*$/);
  if (edit.line < id) throw new Error(`${doc.name}: the practice at line ${id + 1} has no responsible`);
  const values = ['ISSO', 'IT Manager', 'Network Engineer', 'Security Architect', 'Compliance Lead'];
  return { edit, values, hover: { line: id, character: yaml ? 4 : 5 } };
}

// ---- one language server process ---------------------------------------------------------------

interface Publish {
  t: number;
  version?: number;
  count: number;
}

class Client {
  readonly proc: ChildProcess;
  readonly conn: MessageConnection;
  readonly publishes = new Map<string, Publish[]>();
  private waiters: { uri: string; from: number; version: number; resolve: (p: Publish) => void }[] = [];
  private failure?: Error;
  private readonly failed: Promise<never>;
  private stderr = '';
  readonly logErrors: string[] = [];
  syncKind = 2;

  constructor(
    readonly server: Server,
    private readonly yamlSettings: unknown,
  ) {
    this.proc = spawn(server.cmd[0], server.cmd.slice(1), { stdio: ['pipe', 'pipe', 'pipe'], cwd: root });
    live.add(this.proc);
    this.proc.stdin!.on('error', () => undefined); // the server may go away before a last write
    this.proc.stderr!.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-4000)));
    this.failed = new Promise<never>((_, reject) => {
      this.proc.on('exit', (code, signal) => {
        live.delete(this.proc);
        this.failure = new Error(`${server.name} exited (code ${code}, signal ${signal})${this.stderr ? `: ${this.stderr.trim().split('\n').slice(-5).join(' | ')}` : ''}`);
        reject(this.failure);
      });
      this.proc.on('error', (e) => reject((this.failure = e)));
    });
    this.failed.catch(() => undefined);
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onError(() => undefined);
    this.conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
      p.items.map((i) => (i.section === 'yaml' ? this.yamlSettings : i.section === 'cmmc' ? CMMC : null)),
    );
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('client/unregisterCapability', () => null);
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onRequest('window/showMessageRequest', () => null);
    this.conn.onRequest('workspace/workspaceFolders', () => (NO_WORKSPACE ? null : [{ uri: pathToFileURL(outDir).href, name: 'out' }]));
    this.conn.onNotification('window/logMessage', (p: { type: number; message: string }) => {
      if (p.type === 1) this.logErrors.push(p.message.slice(0, 300));
      if (VERBOSE) console.error(`  [${server.name} log ${p.type}] ${p.message.slice(0, 200)}`);
    });
    this.conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: { message: string; range: Range }[] }) => {
      const pub: Publish = { t: performance.now(), version: p.version, count: p.diagnostics.length };
      const list = this.publishes.get(p.uri) ?? [];
      list.push(pub);
      this.publishes.set(p.uri, list);
      if (VERBOSE) console.error(`  [${server.name} publish] v${p.version ?? '-'} ${pub.count} diagnostics${p.diagnostics.map((d) => `\n    ${d.range.start.line + 1}: ${d.message.slice(0, 100)}`).join('')}`);
      this.waiters = this.waiters.filter((w) => {
        // The first publish for this version; a server that sends no version (yaml-language-server
        // publishes once per validation) is matched by the first publish after the change.
        if (w.uri !== p.uri || list.length - 1 < w.from || (p.version !== undefined && p.version < w.version)) return true;
        w.resolve(pub);
        return false;
      });
    });
    this.conn.listen();
  }

  /** Resolves with the first publish for `uri` at `version` or later, received after this call. */
  nextPublish(uri: string, version: number, what: string): Promise<Publish> {
    const from = this.publishes.get(uri)?.length ?? 0;
    return this.guard(new Promise<Publish>((resolve) => this.waiters.push({ uri, from, version, resolve })), what);
  }

  /** A promise that also fails when the server dies or the timeout passes. */
  guard<T>(p: Promise<T>, what: string): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    return withTimeout(Promise.race([p, this.failed]), `${this.server.name}: ${what}`);
  }

  request<T>(method: string, params?: unknown): Promise<T> {
    return this.guard(this.conn.sendRequest<T>(method, params), method);
  }

  notify(method: string, params: unknown): void {
    if (this.failure) throw this.failure;
    void this.conn.sendNotification(method, params);
  }

  async initialize(): Promise<void> {
    const rootUri = NO_WORKSPACE ? null : pathToFileURL(outDir).href;
    const result = await this.request<{ capabilities: { textDocumentSync?: number | { change?: number } } }>('initialize', {
      processId: process.pid,
      clientInfo: { name: 'cmmc-bench' },
      rootUri,
      rootPath: NO_WORKSPACE ? null : outDir,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'out' }] : null,
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: true },
          publishDiagnostics: { versionSupport: true, relatedInformation: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
        },
      },
      initializationOptions: { today: TODAY },
    });
    const sync = result.capabilities.textDocumentSync;
    this.syncKind = typeof sync === 'number' ? sync : (sync?.change ?? 0);
    if (this.syncKind === 0) throw new Error(`${this.server.name} takes no document changes (textDocumentSync.change = None)`);
    this.notify('initialized', {});
    // yaml-language-server reads its settings from this notification (and pulls them too).
    this.notify('workspace/didChangeConfiguration', { settings: { yaml: this.yamlSettings, cmmc: CMMC } });
    await sleep(300); // let the configuration settle before anything is timed
  }

  async close(): Promise<void> {
    try {
      if (!this.failure) {
        await withTimeout(this.conn.sendRequest('shutdown'), 'shutdown', 3000).catch(() => undefined);
        void this.conn.sendNotification('exit').catch(() => undefined);
      }
    } finally {
      this.conn.dispose();
      if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill('SIGKILL');
      live.delete(this.proc);
    }
  }
}

// ---- one round: one server, one document --------------------------------------------------------

interface Round {
  open: number;
  edits: number[];
  hovers: number[];
  rss: number;
  /** Diagnostics in the first publish after open (sanity: yaml-language-server's show the schema is applied). */
  openDiagnostics: number;
  /** Publishes received for the document, and versions sent. */
  publishes: number;
  versions: number;
  publishesWithoutVersion: number;
  emptyHovers: number;
  logErrors: string[];
}

function yamlSettingsFor(): unknown {
  const schema = (kind: string) => pathToFileURL(join(root, 'schemas', `${kind}.schema.json`)).href;
  return {
    validate: true,
    hover: true,
    completion: true,
    format: { enable: false },
    schemas: { [schema('poam')]: ['*.poam.yaml'], [schema('ssp')]: ['*.ssp.yaml'] },
    schemaStore: { enable: false },
  };
}

async function runOnce(server: Server, doc: BenchDoc): Promise<Round> {
  let text = readFileSync(doc.path, 'utf8');
  const uri = pathToFileURL(doc.path).href;
  const target = targetOf(doc, text);
  const client = new Client(server, yamlSettingsFor());
  try {
    await client.initialize();

    let version = 1;
    let wait = client.nextPublish(uri, version, 'diagnostics after didOpen');
    let t = performance.now();
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: doc.syntax, version, text } });
    const first = await wait;
    const open = first.t - t;

    const edits: number[] = [];
    let length = target.edit.length;
    for (let k = 0; k < EDITS; k++) {
      version++;
      const value = target.values[k % target.values.length];
      const range: Range = { start: { line: target.edit.line, character: target.edit.character }, end: { line: target.edit.line, character: target.edit.character + length } };
      const a = offsetAt(text, range.start);
      text = text.slice(0, a) + value + text.slice(offsetAt(text, range.end));
      length = value.length;
      const change = client.syncKind === 2 ? { range, text: value } : { text };
      wait = client.nextPublish(uri, version, `diagnostics after edit ${k + 1}`);
      t = performance.now();
      client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      edits.push((await wait).t - t);
    }

    const hovers: number[] = [];
    let emptyHovers = 0;
    for (let k = 0; k < HOVERS; k++) {
      t = performance.now();
      const h = await client.request<{ contents?: unknown } | null>('textDocument/hover', { textDocument: { uri }, position: target.hover });
      hovers.push(performance.now() - t);
      if (!h || !h.contents || (Array.isArray(h.contents) && h.contents.length === 0)) emptyHovers++;
      if (VERBOSE && k === 0) console.error(`  [${server.name} hover] ${JSON.stringify(h).slice(0, 300)}`);
    }

    // Late or duplicate publishes show up here.
    await sleep(250);
    const rss = peakRssMb(client.proc.pid!);
    const list = client.publishes.get(uri) ?? [];
    return {
      open,
      edits,
      hovers,
      rss,
      openDiagnostics: first.count,
      publishes: list.length,
      versions: version,
      publishesWithoutVersion: list.filter((p) => p.version === undefined).length,
      emptyHovers,
      logErrors: client.logErrors,
    };
  } finally {
    await client.close();
  }
}

// ---- the floor ----------------------------------------------------------------------------------

/** The `yaml` package's parseDocument plus a walk over every node (markdown: markdown-it's parse). */
function floor(doc: BenchDoc, text: string): number {
  const md = new MarkdownIt('commonmark');
  const times: number[] = [];
  for (let k = 0; k < FLOOR_RUNS; k++) {
    const t = performance.now();
    if (doc.syntax === 'markdown') {
      md.parse(text, {});
    } else {
      let nodes = 0;
      const walk = (node: unknown): void => {
        nodes++;
        if (isMap(node) || isSeq(node)) for (const it of node.items) walk(it);
        else if (isPair(node)) {
          walk(node.key);
          walk(node.value);
        } else if (isScalar(node)) void node.value;
      };
      walk(parseDocument(text).contents);
      if (nodes < 1) throw new Error('empty document');
    }
    times.push(performance.now() - t);
  }
  return median(times);
}

/** Share of all cores busy (not idle) over `ms` (Linux /proc/stat; NaN elsewhere). */
async function machineBusy(ms: number): Promise<number> {
  const read = () => {
    try {
      const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
      return { idle: f[3] + (f[4] ?? 0), total: f.reduce((a, b) => a + b, 0) };
    } catch {
      return undefined;
    }
  };
  const a = read();
  await sleep(ms);
  const b = read();
  return a && b && b.total > a.total ? 1 - (b.idle - a.idle) / (b.total - a.total) : NaN;
}
const fmtBusy = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(0)}% of ${cpus().length} cores` : 'unknown');

// ---- report -------------------------------------------------------------------------------------

type Figure = 'open' | 'edit' | 'hover' | 'rss';
const FIGURES: Figure[] = ['open', 'edit', 'hover', 'rss'];
const FIGURE_LABEL: Record<Figure, string> = { open: 'open -> diagnostics', edit: 'edit -> diagnostics', hover: 'hover', rss: 'peak RSS' };

interface DocResult {
  doc: BenchDoc;
  floor: number;
  rounds: Record<string, Round[]>;
  errors: string[];
}

/** Median over rounds of each round's figure (edits and hovers: the median of the round). */
function figure(rounds: Round[] | undefined, f: Figure): number {
  if (!rounds?.length) return NaN;
  return median(rounds.map((r) => (f === 'open' ? r.open : f === 'rss' ? r.rss : median(f === 'edit' ? r.edits : r.hovers))));
}

const fmt = (x: number, f: Figure | 'ratio' | 'floor') => {
  if (!Number.isFinite(x)) return '–';
  if (f === 'ratio') return `${x < 0.1 ? x.toPrecision(1) : x.toFixed(2)}x`;
  if (f === 'rss') return `${x.toFixed(0)} MB`;
  if (f === 'hover') return `${x < 10 ? x.toFixed(1) : x.toFixed(0)} ms`;
  return `${x.toFixed(0)} ms`;
};

/** Issue 5's targets, for YAML documents of 10k lines and more. */
function target(res: DocResult, f: Figure, ours: number, theirs: number): string {
  if (res.doc.syntax !== 'yaml' || !['10k', '50k'].includes(res.doc.size) || !Number.isFinite(ours)) return '';
  if (f === 'hover') return res.doc.size === '10k' ? (ours < 10 ? 'ok (< 10 ms)' : 'MISS (< 10 ms)') : '';
  if (!Number.isFinite(theirs)) return '';
  const limit = f === 'rss' ? 1 : 0.5;
  return ours / theirs <= limit ? `ok (<= ${limit}x)` : `MISS (<= ${limit}x)`;
}

function describe(kind: BenchDoc['kind'], syntax: BenchDoc['syntax']): string {
  return `${kind === 'poam' ? 'POA&M' : 'SSP'} (${syntax === 'yaml' ? 'YAML' : 'markdown'})`;
}

function printTable(results: DocResult[]): void {
  const showTheirs = SERVERS.includes('yamlls');
  console.log(`\n| document | lines | figure | ours | ${showTheirs ? 'yaml-language-server | ours/theirs | ' : ''}floor: parse alone | target |`);
  console.log(`|---|---:|---|---:|${showTheirs ? '---:|---:|' : ''}---:|---|`);
  for (const res of results) {
    FIGURES.forEach((f, i) => {
      const ours = figure(res.rounds.ours, f);
      const theirs = figure(res.rounds.yamlls, f);
      const applies = res.doc.syntax === 'yaml';
      const cells = [
        i === 0 ? `${describe(res.doc.kind, res.doc.syntax)} ${res.doc.name}` : '',
        i === 0 ? res.doc.lines.toLocaleString('en-US') : '',
        FIGURE_LABEL[f],
        fmt(ours, f),
        ...(showTheirs ? [applies ? fmt(theirs, f) : 'n/a', applies ? fmt(ours / theirs, 'ratio') : ''] : []),
        i === 0 ? `${fmt(res.floor, 'floor')}${res.doc.syntax === 'markdown' ? ' (markdown-it)' : ''}` : '',
        target(res, f, ours, theirs),
      ];
      console.log(`| ${cells.join(' | ')} |`);
    });
  }
}

function printNotes(results: DocResult[]): void {
  const notes: string[] = [];
  for (const res of results) {
    for (const [name, rounds] of Object.entries(res.rounds)) {
      if (!rounds.length) continue;
      const r0 = rounds[0];
      const extra = rounds.map((r) => r.publishes - r.versions);
      const noVersion = r0.publishesWithoutVersion;
      const empty = rounds.reduce((a, r) => a + r.emptyHovers, 0);
      const parts = [`${r0.openDiagnostics} diagnostics on open`, `${r0.publishes} publishes for ${r0.versions} versions`];
      if (extra.some((e) => e !== 0)) parts.push(`publishes - versions per round: ${extra.join(', ')}`);
      if (noVersion) parts.push(`${noVersion} publishes without a version`);
      if (empty) parts.push(`${empty} empty hovers`);
      const errs = new Set(rounds.flatMap((r) => r.logErrors));
      if (errs.size) parts.push(`logged errors: ${[...errs].slice(0, 2).join(' / ')}`);
      const maxEdit = Math.max(...rounds.flatMap((r) => r.edits));
      parts.push(`slowest edit ${maxEdit.toFixed(0)} ms`);
      notes.push(`- ${res.doc.name} ${name}: ${parts.join('; ')}`);
    }
    for (const e of res.errors) notes.push(`- ${res.doc.name}: FAILED ${e}`);
  }
  console.log(`\nPer server and document (round 1 unless said):\n${notes.join('\n')}`);
}

// ---- main ---------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const started = performance.now();
  const servers = ALL_SERVERS.filter((s) => SERVERS.includes(s.name));
  if (!servers.length) throw new Error(`--servers: ours and/or yamlls`);
  const yamllsVersion = JSON.parse(readFileSync(join(root, 'node_modules/yaml-language-server/package.json'), 'utf8')).version;
  const ours = join(root, 'dist/server.js');
  if (servers.some((s) => s.name === 'ours') && !existsSync(ours)) throw new Error('dist/server.js is missing: run `npm run build` first');
  console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(1)} GB, node ${process.version}, ${process.platform}`);
  console.log(`servers: ours = dist/server.js (built ${existsSync(ours) ? statSync(ours).mtime.toISOString() : '–'}); yaml-language-server ${yamllsVersion} with schemas/*.schema.json`);
  console.log(`${ROUNDS} rounds (fresh process each, servers alternating), ${EDITS} edits, ${HOVERS} hovers per round; medians; today ${TODAY}`);

  let docs = generate(outDir, SIZE_LIST);
  if (DOC_FILTER.length) docs = docs.filter((d) => DOC_FILTER.some((f) => d.name.includes(f)));
  // Let this process's garbage collection after generating settle, and see whether anything
  // else keeps the machine busy (a benchmark beside a test run measures the test run).
  const busy = await machineBusy(1000);
  console.log(`machine busy before the run: ${fmtBusy(busy)}${busy > 0.15 ? ' -- something else is running: expect noise' : ''}`);
  // Smallest first, YAML before markdown within a size.
  const results: DocResult[] = [];
  for (const doc of docs) {
    const res: DocResult = { doc, floor: NaN, rounds: {}, errors: [] };
    const forDoc = servers.filter((s) => s.name === 'ours' || doc.syntax === 'yaml');
    for (let r = 0; r < ROUNDS; r++) {
      for (const s of r % 2 ? [...forDoc].reverse() : forDoc) {
        try {
          (res.rounds[s.name] ??= []).push(await runOnce(s, doc));
        } catch (e) {
          const msg = `${s.name} round ${r + 1}: ${(e as Error).message}`;
          res.errors.push(msg);
          console.error(`${doc.name} ${msg}`);
        }
      }
    }
    results.push(res);
    const brief = FIGURES.map((f) => `${f} ${fmt(figure(res.rounds.ours, f), f)}${res.rounds.yamlls ? ` / ${fmt(figure(res.rounds.yamlls, f), f)}` : ''}`).join(', ');
    console.log(`done ${doc.name} (${doc.lines} lines): ${brief}`);
  }

  // The floors last, so that this process's own parsing and collecting never runs beside a server.
  for (const res of results) res.floor = floor(res.doc, readFileSync(res.doc.path, 'utf8'));

  printTable(results);
  printNotes(results);
  console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(0)} s`);
  if (JSON_OUT) {
    const json = results.map((r) => ({
      document: r.doc.name,
      kind: r.doc.kind,
      syntax: r.doc.syntax,
      size: r.doc.size,
      lines: r.doc.lines,
      floor: r.floor,
      medians: Object.fromEntries(Object.keys(r.rounds).map((s) => [s, Object.fromEntries(FIGURES.map((f) => [f, figure(r.rounds[s], f)]))])),
      rounds: r.rounds,
      errors: r.errors,
    }));
    writeFileSync(JSON_OUT, JSON.stringify({ machine: { cores: cpus().length, model: cpus()[0]?.model, node: process.version }, yamlLanguageServer: yamllsVersion, rounds: ROUNDS, edits: EDITS, hovers: HOVERS, results: json }, null, 2));
    console.log(`wrote ${JSON_OUT}`);
  }
  return results.some((r) => r.errors.length) ? 1 : 0;
}

main().then(
  (code) => {
    killAll();
    process.exit(code);
  },
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    killAll();
    process.exit(2);
  },
);
