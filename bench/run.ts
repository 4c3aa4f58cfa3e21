/**
 * Side-by-side benchmark: our language server (dist/server.js) against the peer for each syntax,
 * both installed from npm: yaml-language-server for YAML (with our JSON Schemas) and
 * vscode-markdown-languageserver for markdown (peers.ts). Per document and server, a fresh
 * process per round, the servers alternating:
 *
 *   start-up   spawn -> the initialize answer
 *   open       didOpen -> the first diagnostics for that version (published, or pulled)
 *   edit       an incremental didChange of one value in the middle -> its diagnostics (median)
 *   hover      textDocument/hover on a practice id in the middle (median)
 *   rss        peak resident memory of the server process (VmHWM)
 *
 * The workspace scenario (an SSP, 20 POA&Ms linking it, 2,000 unrelated files) adds "open ->
 * cross-file diagnostics" (the last publish of the first version) and "POA&M edit -> SSP
 * diagnostics". With --cli, the command line checks 1,000 documents (1M lines): time and peak
 * memory against a floor that parses each document alone. See bench/README.md.
 *
 *   npm run bench -- [--sizes 1k,10k,50k] [--rounds 3] [--edits 20] [--hovers 20] [--json out.json]
 *     [--servers ours,yamlls,mdls] [--docs poam-10k,ws] [--before old/server.js] [--cli]
 *     [--timeout 60000] [--no-workspace] [--verbose]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { generate, generateCliCorpus, generateWorkspace, SIZES, TODAY, type BenchDoc } from './generate';
import { Client, killAll, peakRssMb, sleep, type Server } from './lsp';
import { peerOf, servers as allServers } from './peers';
import { figure, FIGURES, fmt, printCli, printNotes, printTable, type CliResult, type DocResult, type Round } from './report';
import { floor, targetOf } from './targets';

const root = resolve(__dirname, '..');
/**
 * The benchmark's workspace lives outside the repository: the repository's .gitignore ignores
 * bench/out/, and the server (like cmmc-check) leaves ignored documents alone, so documents there
 * would measure nothing. `--out DIR` puts them elsewhere.
 */
const outDirArg = process.argv.indexOf('--out');
const outDir = outDirArg > 0 ? resolve(process.argv[outDirArg + 1]) : join(tmpdir(), 'cmmc-bench');
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
const SERVERS = arg('servers', 'ours,yamlls,mdls').split(',');
const DOC_FILTER = arg('docs', '').split(',').filter(Boolean);
const BEFORE = arg('before', '');
const CLI = process.argv.includes('--cli');
const VERBOSE = process.argv.includes('--verbose');
/** Without a workspace folder (rootUri null): ours then reads no other document when an SSP opens. */
const NO_WORKSPACE = process.argv.includes('--no-workspace');
/** The cross-file phase is over when its finding is in, or when an SSP's publishes have been quiet this long. */
const QUIET_MS = 5000;

for (const [k, v] of Object.entries({ rounds: ROUNDS, edits: EDITS, hovers: HOVERS, timeout: TIMEOUT })) {
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${k} must be a positive integer`);
}

/** Ours, or an earlier build of ours: they publish an SSP's findings in phases and link POA&Ms. */
const isOurs = (s: Server) => s.name === 'ours' || s.name === 'before';

async function runOnce(server: Server, doc: BenchDoc, docsDir: string): Promise<Round> {
  const uri = pathToFileURL(doc.path).href;
  const text = readFileSync(doc.path, 'utf8');
  const target = targetOf(doc, text);
  const rootUri = NO_WORKSPACE ? null : pathToFileURL(doc.workspace?.root ?? docsDir).href;
  const client = new Client(server, { rootUri, timeout: TIMEOUT, verbose: VERBOSE });
  try {
    await client.initialize();
    let version = 1;
    // A publishing server is listened to before the open; a pulling one is asked after it (a pull
    // sent first would be answered for a document the server does not have yet).
    let wait = server.pull ? undefined : client.diagnostics(uri, version, 'diagnostics after didOpen');
    let t = performance.now();
    client.open(uri, doc.syntax, text, version);
    wait ??= client.diagnostics(uri, version, 'diagnostics after didOpen');
    const first = await wait;
    const open = first.t - t;
    let full: number | undefined;
    // Ours publishes the SSP's own findings first; the cross-file phase adds the generated
    // workspace's one ssp-not-met-without-poam (or, for a server without phases, nothing comes).
    if (doc.workspace) full = isOurs(server) ? ((await client.settled(uri, QUIET_MS, (p) => p.count !== first.count))?.t ?? NaN) - t : open;

    const edits: number[] = [];
    let length = target.edit.length;
    for (let k = 0; k < EDITS; k++) {
      version++;
      const value = target.values[k % target.values.length];
      if (!server.pull) wait = client.nextPublish(uri, version, `diagnostics after edit ${k + 1}`);
      t = performance.now();
      client.change(uri, version, { line: target.edit.line, character: target.edit.character }, length, value);
      if (server.pull) wait = client.diagnostics(uri, version, `diagnostics after edit ${k + 1}`);
      edits.push((await wait).t - t);
      length = value.length;
    }

    // The workspace scenario: edit a linking POA&M, time the SSP's next publish (ours only: the
    // peers do not check across files).
    let crossEdits: number[] | undefined;
    if (doc.workspace && isOurs(server)) {
      const poamUri = pathToFileURL(doc.workspace.poam).href;
      const poamText = readFileSync(doc.workspace.poam, 'utf8');
      const poamTarget = targetOf({ name: 'linking POA&M', kind: 'poam', syntax: 'yaml' }, poamText);
      const opened = client.nextPublish(poamUri, 1, 'the linking POA&M');
      client.open(poamUri, 'yaml', poamText);
      await opened;
      await client.settled(uri, 300);
      crossEdits = [];
      let len = poamTarget.edit.length;
      for (let k = 0; k < EDITS; k++) {
        const value = poamTarget.values[k % poamTarget.values.length];
        const sspPublish = client.nextPublish(uri, 0, `the SSP after POA&M edit ${k + 1}`);
        t = performance.now();
        client.change(poamUri, k + 2, { line: poamTarget.edit.line, character: poamTarget.edit.character }, len, value);
        crossEdits.push((await sspPublish).t - t);
        len = value.length;
        await client.settled(uri, 50);
      }
    }

    const hovers: number[] = [];
    let emptyHovers = 0;
    for (let k = 0; k < HOVERS; k++) {
      t = performance.now();
      const h = await client.request<{ contents?: unknown } | null>('textDocument/hover', { textDocument: { uri }, position: target.hover });
      hovers.push(performance.now() - t);
      if (!h?.contents || (Array.isArray(h.contents) && h.contents.length === 0)) emptyHovers++;
    }

    // Late or duplicate publishes show up here.
    await sleep(250);
    const list = client.publishes.get(uri) ?? [];
    return {
      startup: client.startup,
      open,
      full,
      edits,
      crossEdits,
      hovers,
      rss: peakRssMb(client.proc.pid!),
      openDiagnostics: first.count,
      publishes: server.pull ? version : list.length,
      versions: version,
      emptyHovers,
      logErrors: client.logErrors,
    };
  } finally {
    await client.close();
  }
}

/** One measured process: wall time and peak RSS (from bench/maxrss.cjs). */
function measure(args: string[]): { ms: number; rss: number } {
  const t = performance.now();
  const r = spawnSync(process.execPath, ['-r', join(__dirname, 'maxrss.cjs'), ...args], { encoding: 'utf8', maxBuffer: 1 << 30, timeout: 20 * TIMEOUT });
  const ms = performance.now() - t;
  const m = /maxrss-kb (\d+)/.exec(r.stderr ?? '');
  if (!m || (r.status !== 0 && r.status !== 1)) throw new Error(`${args.join(' ')}: exit ${r.status}: ${(r.stderr ?? '').slice(-300)}`);
  return { ms, rss: Number(m[1]) / 1024 };
}

function runCli(): CliResult {
  const dir = join(outDir, 'cli');
  const lines = generateCliCorpus(dir);
  const res: CliResult = { lines, documents: 1000, ours: [], floor: [], before: BEFORE ? [] : undefined };
  const cliOf = (serverJs: string) => join(serverJs, '..', 'cli.js');
  for (let r = 0; r < ROUNDS; r++) {
    res.floor.push(measure([join(__dirname, 'cli-floor.cjs'), dir]));
    res.ours.push(measure([join(root, 'dist/cli.js'), dir, '--today', TODAY, '--format', 'json']));
    if (BEFORE) res.before!.push(measure([cliOf(BEFORE), dir, '--today', TODAY, '--format', 'json']));
  }
  return res;
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

async function main(): Promise<number> {
  const started = performance.now();
  const servers = allServers(BEFORE ? resolve(BEFORE) : undefined).filter((s) => SERVERS.includes(s.name) || s.name === 'before');
  const ours = join(root, 'dist/server.js');
  if (!existsSync(ours)) throw new Error('dist/server.js is missing: run `npm run build` first');
  const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(1)} GB`;
  console.log(`machine: ${machine}, node ${process.version}, ${process.platform}`);
  const others = servers.filter((s) => s.name !== 'ours').map((s) => s.label);
  console.log(`servers: ours = dist/server.js (built ${statSync(ours).mtime.toISOString()}); ${others.join('; ')}`);
  console.log(`${ROUNDS} rounds (fresh process each, servers alternating), ${EDITS} edits, ${HOVERS} hovers per round; medians (min–max); today ${TODAY}`);

  const docsDir = join(outDir, 'docs');
  let docs = [...generate(docsDir, SIZE_LIST), generateWorkspace(join(outDir, 'ws'))];
  if (DOC_FILTER.length) docs = docs.filter((d) => DOC_FILTER.some((f) => d.name.includes(f)));
  const busy = await machineBusy(1000);
  const noise = busy > 0.15 ? ' -- something else is running: expect noise' : '';
  console.log(`machine busy before the run: ${Number.isFinite(busy) ? `${(100 * busy).toFixed(0)}%` : 'unknown'}${noise}`);
  const results: DocResult[] = [];
  for (const doc of docs) {
    const res: DocResult = { doc, floor: NaN, rounds: {}, errors: [] };
    const forDoc = servers.filter((s) => isOurs(s) || s.name === peerOf(doc.syntax));
    for (let r = 0; r < ROUNDS; r++) {
      for (const s of r % 2 ? [...forDoc].reverse() : forDoc) {
        try {
          (res.rounds[s.name] ??= []).push(await runOnce(s, doc, docsDir));
        } catch (e) {
          const msg = `${s.name} round ${r + 1}: ${(e as Error).message}`;
          res.errors.push(msg);
          console.error(`${doc.name} ${msg}`);
        }
      }
    }
    results.push(res);
    const brief = FIGURES.map((f) => `${f} ${forDoc.map((s) => fmt(figure(res.rounds[s.name], f), f)).join(' / ')}`).join(', ');
    console.log(`done ${doc.name} (${doc.lines} lines; ${forDoc.map((s) => s.name).join(' / ')}): ${brief}`);
  }
  const cli = CLI ? runCli() : undefined;

  // The floors last, so that this process's own parsing and collecting never runs beside a server.
  for (const res of results) res.floor = floor(res.doc, readFileSync(res.doc.path, 'utf8'));

  printTable(results, Boolean(BEFORE));
  if (cli) printCli(cli);
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
    const machine = { cores: cpus().length, model: cpus()[0]?.model, node: process.version };
    const all = { machine, servers: servers.map((s) => s.label), rounds: ROUNDS, edits: EDITS, hovers: HOVERS, results: json, cli };
    writeFileSync(JSON_OUT, JSON.stringify(all, null, 2));
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
