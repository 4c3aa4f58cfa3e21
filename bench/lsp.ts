/**
 * The benchmark's editor: one language server process driven over stdio as an editor drives it
 * (initialize with a workspace folder, settings pushed and pulled, didOpen/didChange, publish
 * or pull diagnostics, hover), with every wait bounded and every process killed on the way out.
 * The servers compared and what each needs from its client are in peers.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

export const median = (xs: number[]): number => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Peak resident set size of a process in MB (Linux: VmHWM). */
export function peakRssMb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

export function withTimeout<T>(p: Promise<T>, what: string, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timeout after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

/** Offset of an LSP position in `text` (the client keeps the text too, to apply its own edits). */
export function offsetAt(text: string, p: Position): number {
  let off = 0;
  for (let l = 0; l < p.line; l++) {
    const nl = text.indexOf('\n', off);
    if (nl < 0) return text.length;
    off = nl + 1;
  }
  const eol = text.indexOf('\n', off);
  return Math.min(off + p.character, eol < 0 ? text.length : eol);
}

// ---- processes: every one we spawn is killed on the way out ------------------------------------

const live = new Set<ChildProcess>();
export function killAll(): void {
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
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the servers`);
    killAll();
    process.exit(code);
  });
}

/** A server under test: how to start it, what to answer it, how it reports diagnostics. */
export interface Server {
  readonly name: string;
  readonly label: string;
  readonly cmd: string[];
  /** Diagnostics are pulled (textDocument/diagnostic) rather than published. */
  readonly pull?: boolean;
  /** Settings sections answered to workspace/configuration and pushed after initialized. */
  readonly settings: Record<string, unknown>;
  readonly initializationOptions?: unknown;
  /** Extra requests the server sends its client (markdown/parse, ...). */
  install?(conn: MessageConnection, client: Client): void;
}

export interface Publish {
  t: number;
  version?: number;
  count: number;
}

export class Client {
  readonly proc: ChildProcess;
  readonly conn: MessageConnection;
  readonly publishes = new Map<string, Publish[]>();
  /** Texts of the open documents (the client's copy). */
  readonly texts = new Map<string, string>();
  readonly logErrors: string[] = [];
  syncKind = 2;
  /** The workspace folder on disk, if any. */
  get rootDir(): string | undefined {
    return this.opts.rootUri ? fileURLToPath(this.opts.rootUri) : undefined;
  }
  /** Spawn -> the initialize answer, in ms. */
  startup = NaN;
  private readonly spawnedAt = performance.now();
  private waiters: { uri: string; from: number; version: number; resolve: (p: Publish) => void }[] = [];
  private failure?: Error;
  private readonly failed: Promise<never>;
  private stderr = '';

  constructor(
    readonly server: Server,
    private readonly opts: { rootUri: string | null; timeout: number; verbose: boolean },
  ) {
    this.proc = spawn(server.cmd[0], server.cmd.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
    live.add(this.proc);
    this.proc.stdin!.on('error', () => undefined); // the server may go away before a last write
    this.proc.stderr!.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-4000)));
    this.failed = new Promise<never>((_, reject) => {
      this.proc.on('exit', (code, signal) => {
        live.delete(this.proc);
        const tail = this.stderr ? `: ${this.stderr.trim().split('\n').slice(-5).join(' | ')}` : '';
        this.failure = new Error(`${server.name} exited (code ${code}, signal ${signal})${tail}`);
        reject(this.failure);
      });
      this.proc.on('error', (e) => reject((this.failure = e)));
    });
    this.failed.catch(() => undefined);
    const conn = (this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!)));
    conn.onError(() => undefined);
    conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
      p.items.map((i) => (i.section ? (server.settings[i.section] ?? null) : null)),
    );
    const ignored = ['client/registerCapability', 'client/unregisterCapability', 'window/workDoneProgress/create', 'window/showMessageRequest'];
    for (const m of [...ignored, 'workspace/diagnostic/refresh']) {
      conn.onRequest(m, () => null);
    }
    conn.onRequest('workspace/workspaceFolders', () => (opts.rootUri ? [{ uri: opts.rootUri, name: 'bench' }] : null));
    conn.onNotification('window/logMessage', (p: { type: number; message: string }) => {
      if (p.type === 1) this.logErrors.push(p.message.slice(0, 300));
      if (opts.verbose) console.error(`  [${server.name} log ${p.type}] ${p.message.slice(0, 200)}`);
    });
    conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: { message: string; range: Range }[] }) => {
      const pub: Publish = { t: performance.now(), version: p.version, count: p.diagnostics.length };
      const list = this.publishes.get(p.uri) ?? [];
      list.push(pub);
      this.publishes.set(p.uri, list);
      if (opts.verbose) console.error(`  [${server.name} publish ${p.uri.split('/').pop()}] v${p.version ?? '-'} ${pub.count} diagnostics`);
      this.waiters = this.waiters.filter((w) => {
        // The first publish for this version; a server that sends no version (yaml-language-server
        // publishes once per validation) is matched by the first publish after the change.
        if (w.uri !== p.uri || list.length - 1 < w.from || (p.version !== undefined && p.version < w.version)) return true;
        w.resolve(pub);
        return false;
      });
    });
    server.install?.(conn, this);
    conn.listen();
  }

  /** Resolves with the first publish for `uri` at `version` or later, received after this call. */
  nextPublish(uri: string, version: number, what: string): Promise<Publish> {
    const from = this.publishes.get(uri)?.length ?? 0;
    return this.guard(new Promise<Publish>((resolve) => this.waiters.push({ uri, from, version, resolve })), what);
  }

  /** Diagnostics for `uri` at `version`: the next publish, or (pull servers) the answer to a pull sent now. */
  diagnostics(uri: string, version: number, what: string): Promise<Publish> {
    if (!this.server.pull) return this.nextPublish(uri, version, what);
    const pulled = this.request<{ items?: unknown[] }>('textDocument/diagnostic', { textDocument: { uri } });
    return pulled.then((r) => ({ t: performance.now(), version, count: r?.items?.length ?? 0 }));
  }

  /** Resolves when no publish for `uri` came for `quietMs` (or one satisfies `done`); returns the last publish. */
  async settled(uri: string, quietMs: number, done?: (p: Publish) => boolean): Promise<Publish | undefined> {
    const started = performance.now();
    for (;;) {
      const last = this.publishes.get(uri)?.at(-1);
      if (last && done?.(last)) return last;
      const since = performance.now() - Math.max(last?.t ?? started, started);
      if (since >= quietMs) return last;
      if (performance.now() - started > this.opts.timeout) throw new Error(`${this.server.name}: publishes for ${uri} never settled`);
      await this.guard(sleep(Math.min(50, quietMs - since)), 'settle');
    }
  }

  /** A promise that also fails when the server dies or the timeout passes. */
  guard<T>(p: Promise<T>, what: string): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    return withTimeout(Promise.race([p, this.failed]), `${this.server.name}: ${what}`, this.opts.timeout);
  }

  request<T>(method: string, params?: unknown): Promise<T> {
    return this.guard(this.conn.sendRequest<T>(method, params), method);
  }

  notify(method: string, params: unknown): void {
    if (this.failure) throw this.failure;
    void this.conn.sendNotification(method, params);
  }

  open(uri: string, languageId: string, text: string, version = 1): void {
    this.texts.set(uri, text);
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /** Replace `length` characters at `at` with `value` (incremental when the server takes it). */
  change(uri: string, version: number, at: Position, length: number, value: string): void {
    const text = this.texts.get(uri)!;
    const range: Range = { start: at, end: { line: at.line, character: at.character + length } };
    const a = offsetAt(text, range.start);
    const next = text.slice(0, a) + value + text.slice(offsetAt(text, range.end));
    this.texts.set(uri, next);
    const change = this.syncKind === 2 ? { range, text: value } : { text: next };
    this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
  }

  async initialize(): Promise<void> {
    const rootUri = this.opts.rootUri;
    const result = await this.request<{ capabilities: { textDocumentSync?: number | { change?: number } } }>('initialize', {
      processId: process.pid,
      clientInfo: { name: 'cmmc-bench' },
      rootUri,
      rootPath: rootUri ? fileURLToPath(rootUri) : null,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'bench' }] : null,
      capabilities: {
        workspace: {
          configuration: true,
          workspaceFolders: true,
          didChangeConfiguration: { dynamicRegistration: true },
          diagnostics: { refreshSupport: true },
        },
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: true },
          publishDiagnostics: { versionSupport: true, relatedInformation: true },
          diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
          hover: { contentFormat: ['markdown', 'plaintext'] },
        },
      },
      initializationOptions: this.server.initializationOptions,
    });
    this.startup = performance.now() - this.spawnedAt;
    const sync = result.capabilities.textDocumentSync;
    this.syncKind = typeof sync === 'number' ? sync : (sync?.change ?? 0);
    if (this.syncKind === 0) throw new Error(`${this.server.name} takes no document changes (textDocumentSync.change = None)`);
    this.notify('initialized', {});
    // yaml-language-server and the markdown server read their settings from this notification.
    this.notify('workspace/didChangeConfiguration', { settings: this.server.settings });
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
