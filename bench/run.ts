/**
 * Side-by-side benchmark: our language server (dist/server.js) against Red Hat's
 * yaml-language-server (configured with our JSON Schema for the same file), driven from outside
 * over stdio as an editor would. Per document and server, fresh process per round, alternating:
 *   open   -> time from didOpen to the first publishDiagnostics for it
 *   edit   -> time from an incremental didChange of one value to the diagnostics for it (median)
 *   hover  -> hover latency on a practice id in the middle of the file (median)
 *   rss    -> peak resident memory of the server process (VmHWM)
 * and the floor: the `yaml` package's parseDocument (+ a walk) alone on the same text.
 *
 *   npm run bench                                   (generates bench/out/, then runs)
 *   node --import tsx bench/run.ts --sizes 10k,50k --rounds 3 --edits 20 --json bench/out/result.json
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseDocument, isMap, isSeq, type Node as YNode } from 'yaml';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { generate } from './generate';

const root = resolve(__dirname, '..');
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const SIZES = arg('sizes', '1k,10k,50k').split(',');
const ROUNDS = Number(arg('rounds', '3'));
const EDITS = Number(arg('edits', '20'));
const HOVERS = Number(arg('hovers', '20'));
const JSON_OUT = arg('json', '');
const TODAY = '2025-05-01';
const TIMEOUT = 60_000;

interface Server {
  readonly name: 'ours' | 'yamlls';
  readonly cmd: string[];
}
const OURS: Server = { name: 'ours', cmd: [process.execPath, join(root, 'dist/server.js'), '--stdio'] };
const THEIRS: Server = { name: 'yamlls', cmd: [process.execPath, join(root, 'node_modules/yaml-language-server/bin/yaml-language-server'), '--stdio'] };

interface Figures {
  open: number;
  edit: number;
  hover: number;
  rss: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};
const now = () => Number(process.hrtime.bigint()) / 1e6;
const live = new Set<ChildProcess>();
const killAll = () => {
  for (const p of live) p.kill('SIGKILL');
};
process.on('exit', killAll);
process.on('SIGINT', () => {
  killAll();
  process.exit(130);
});

function peakRss(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

function withTimeout<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`timeout: ${what}`)), TIMEOUT)))]).finally(() => clearTimeout(timer));
}

/** The position of the middle occurrence of a `marker` line's value, and the value itself. */
function middleValue(text: string, marker: RegExp): { line: number; character: number; length: number } {
  const lines = text.split('\n');
  const hits = lines.map((l, i) => ({ m: marker.exec(l), i })).filter((h) => h.m);
  const h = hits[Math.floor(hits.length / 2)];
  return { line: h.i, character: h.m!.index + h.m![0].length - h.m![1].length, length: h.m![1].length };
}

async function runOnce(server: Server, file: string, kind: 'poam' | 'ssp', syntax: 'yaml' | 'markdown'): Promise<Figures> {
  const text = readFileSync(file, 'utf8');
  const uri = pathToFileURL(file).href;
  const proc = spawn(server.cmd[0], server.cmd.slice(1), { stdio: ['pipe', 'pipe', 'ignore'] });
  live.add(proc);
  proc.stdin!.on('error', () => undefined); // the server may go away before a last write
  const conn: MessageConnection = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const schema = pathToFileURL(join(root, 'schemas', `${kind}.schema.json`)).href;
  const yamlSettings = { validate: true, hover: true, completion: true, schemas: { [schema]: [`*.${kind}.yaml`] }, schemaStore: { enable: false }, format: { enable: false } };
  conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
    p.items.map((i) => (i.section === 'yaml' ? yamlSettings : i.section === 'cmmc' ? { today: TODAY, closeoutWarningDays: 30 } : null)),
  );
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  let waiter: { version?: number; resolve: () => void } | undefined;
  conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number }) => {
    if (p.uri !== uri || !waiter) return;
    // Ours says which version it checked; yaml-language-server publishes once per validation.
    if (p.version !== undefined && waiter.version !== undefined && p.version < waiter.version) return;
    const w = waiter;
    waiter = undefined;
    w.resolve();
  });
  conn.listen();
  const published = (version: number) => new Promise<void>((resolve) => (waiter = { version, resolve }));
  try {
    await withTimeout(
      conn.sendRequest('initialize', {
        processId: process.pid,
        rootUri: null,
        workspaceFolders: null,
        capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: { versionSupport: true }, hover: { contentFormat: ['markdown', 'plaintext'] }, synchronization: { didSave: true } } },
        initializationOptions: { today: TODAY },
      }),
      'initialize',
    );
    conn.sendNotification('initialized', {});
    conn.sendNotification('workspace/didChangeConfiguration', { settings: { yaml: yamlSettings, cmmc: { today: TODAY } } });
    await new Promise((r) => setTimeout(r, 300)); // let configuration settle before timing

    // open -> diagnostics
    let version = 1;
    let t = now();
    let wait = published(version);
    conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: syntax, version, text } });
    await withTimeout(wait, `${server.name} open`);
    const open = now() - t;

    // single-value edits -> diagnostics
    const at = kind === 'ssp' ? middleValue(text, /responsible: (.+)$/) : syntax === 'yaml' ? middleValue(text, /deadline: (\d{4}-\d{2}-\d{2})/) : middleValue(text, /Deadline: (\d{4}-\d{2}-\d{2})/);
    const edits: number[] = [];
    for (let k = 0; k < EDITS; k++) {
      version++;
      const newText = kind === 'ssp' ? `Owner ${k}` : `2025-06-${String(10 + (k % 19)).padStart(2, '0')}`;
      wait = published(version);
      t = now();
      conn.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: { line: at.line, character: at.character }, end: { line: at.line, character: at.character + at.length } }, text: newText }],
      });
      await withTimeout(wait, `${server.name} edit`);
      edits.push(now() - t);
    }

    // hover on a practice id
    const hp = syntax === 'yaml' ? middleValue(text, kind === 'poam' ? /practice: ([A-Z]{2}\.L2-[\d.]+)/ : /^ {2}([A-Z]{2}\.L2-[\d.]+):/) : middleValue(text, /Practice: ([A-Z]{2}\.L2-[\d.]+)/);
    const hovers: number[] = [];
    for (let k = 0; k < HOVERS; k++) {
      t = now();
      await withTimeout(conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: hp.line, character: hp.character + 2 } }), `${server.name} hover`);
      hovers.push(now() - t);
    }
    const rss = peakRss(proc.pid!);
    await withTimeout(conn.sendRequest('shutdown'), 'shutdown').catch(() => undefined);
    return { open, edit: median(edits), hover: median(hovers), rss };
  } finally {
    conn.dispose();
    proc.kill('SIGKILL');
    live.delete(proc);
  }
}

/** The floor: yaml's parseDocument plus a walk over every node, in this process. */
function floor(text: string): number {
  const times: number[] = [];
  for (let k = 0; k < 5; k++) {
    const t = now();
    const doc = parseDocument(text);
    let n = 0;
    const walk = (node: unknown): void => {
      n++;
      if (isMap(node) || isSeq(node)) for (const it of (node as { items: unknown[] }).items) walk((it as { value?: YNode }).value ?? it);
    };
    walk(doc.contents);
    times.push(now() - t);
  }
  return median(times);
}

const fmt = (x: number, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '–');

async function main() {
  console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), node ${process.version}; ${ROUNDS} rounds, ${EDITS} edits, ${HOVERS} hovers; medians`);
  const files = generate(join(__dirname, 'out'), SIZES);
  const results: Record<string, unknown>[] = [];
  const rows: string[] = [];
  for (const [name, file] of Object.entries(files)) {
    const syntax = name.endsWith('.md') ? 'markdown' : 'yaml';
    const kind = name.includes('.ssp.') ? 'ssp' : 'poam';
    const servers = syntax === 'yaml' ? [OURS, THEIRS] : [OURS];
    const runs: Record<string, Figures[]> = { ours: [], yamlls: [] };
    for (let r = 0; r < ROUNDS; r++) {
      for (const s of r % 2 ? [...servers].reverse() : servers) {
        try {
          runs[s.name].push(await runOnce(s, file, kind, syntax));
        } catch (e) {
          console.error(`${name} ${s.name} round ${r + 1}: ${(e as Error).message}`);
        }
      }
    }
    const m = (s: string, k: keyof Figures) => median(runs[s].map((f) => f[k]));
    const text = readFileSync(file, 'utf8');
    const fl = syntax === 'yaml' ? floor(text) : NaN;
    const lines = text.split('\n').length - 1;
    const row = { document: name, lines, floor: fl, ours: Object.fromEntries((['open', 'edit', 'hover', 'rss'] as const).map((k) => [k, m('ours', k)])), yamlls: Object.fromEntries((['open', 'edit', 'hover', 'rss'] as const).map((k) => [k, m('yamlls', k)])) };
    results.push(row);
    const ratio = (k: keyof Figures) => (syntax === 'yaml' ? `${fmt(m('ours', k) / m('yamlls', k), 2)}x` : '');
    for (const k of ['open', 'edit', 'hover', 'rss'] as const) {
      const unit = k === 'rss' ? 'MB' : 'ms';
      rows.push(`| ${name} | ${lines} | ${k} -> ${k === 'rss' ? 'peak RSS' : 'diagnostics'} | ${fmt(m('ours', k), k === 'hover' ? 1 : 0)} ${unit} | ${syntax === 'yaml' ? `${fmt(m('yamlls', k), k === 'hover' ? 1 : 0)} ${unit}` : 'n/a'} | ${ratio(k)} | ${k === 'open' && syntax === 'yaml' ? `${fmt(fl)} ms` : ''} |`.replace('hover -> diagnostics', 'hover').replace('edit -> diagnostics', 'edit -> diagnostics'));
    }
    console.log(`done: ${name}`);
  }
  console.log('\n| document | lines | figure | ours | yaml-language-server | ours/theirs | yaml parse+walk (floor) |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
  if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify(results, null, 2));
}

main().then(
  () => {
    killAll();
    process.exit(0);
  },
  (e) => {
    console.error(e);
    killAll();
    process.exit(1);
  },
);
