/**
 * The language server: LSP wiring only. Every handler calls one function of features/ over the
 * language service; this file owns the connection, the open documents, the settings and the
 * scheduling of diagnostics (debounced per document; a newer version replaces a pending run, runs
 * are never queued), and re-validates the documents that depend on one that changed (the POA&Ms
 * of an SSP, the SSP of a POA&M). `node dist/server.js --stdio` (or --node-ipc, --socket=N).
 */
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions } from './features/codeActions';
import { codeLenses, statusFor } from './features/codeLens';
import { completions } from './features/completion';
import { diagnosticsOf } from './features/diagnostics';
import { hover } from './features/hover';
import { Debouncer } from './features/scheduler';
import { readSettings, type ServerSettings } from './features/settings';
import { documentSymbols } from './features/symbols';
import { renderHtml } from './report/html';
import { buildReport } from './report/model';
import { createCmmcService, type Analysis } from './service';
import { LspWorkspace } from './workspace';

/**
 * Quiet time after the last keystroke before a document is checked: twice what its last check
 * cost, between 25 and 150 ms. Small documents answer at once; large ones still merge a burst of
 * keystrokes into one check (a newer version always replaces the pending check).
 */
const DEBOUNCE_MIN_MS = 25;
const DEBOUNCE_MAX_MS = 150;
const lastCost = new Map<string, number>();
const debounceFor = (uri: string) => Math.min(DEBOUNCE_MAX_MS, Math.max(DEBOUNCE_MIN_MS, 2 * (lastCost.get(uri) ?? DEBOUNCE_MAX_MS)));


/**
 * Over stdio, vscode-jsonrpc's reader stops at a header without Content-Length and leaves the
 * messages behind it in its buffer until more bytes arrive; a reader that resumes after such an
 * error keeps a client's junk from stalling the requests that follow it. Other transports
 * (--node-ipc, --socket) are set up by createConnection from the command line.
 */
function connect() {
  if (!process.argv.includes('--stdio')) return createConnection(ProposedFeatures.all);
  const reader = new StreamMessageReader(process.stdin);
  const resume = (reader as unknown as { onData?: (data: Buffer) => void }).onData;
  if (typeof resume === 'function') reader.onError(() => setImmediate(() => resume.call(reader, Buffer.alloc(0))));
  const conn = createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(process.stdout));
  // stdout carries the protocol: stray console output goes to the client's log instead.
  console.log = console.info = console.debug = (...args: unknown[]) => conn.console.log(args.map(String).join(' '));
  return conn;
}

const connection = connect();
const documents = new TextDocuments(TextDocument);
const workspace = new LspWorkspace(documents, { log: (m) => connection.console.warn(m) });
let fromInit: ServerSettings = {};
let settings: ServerSettings = {};
const service = createCmmcService({ workspace, settings: () => settings, log: (m) => connection.console.error(m) });

let canPullConfiguration = false;
let clientCapabilities: InitializeParams['capabilities'] | undefined;

/** Run a handler; a failure is logged and answered with `fallback`, never thrown at the client. */
function guard<T>(what: string, fallback: T, run: () => T): T {
  try {
    return run();
  } catch (e) {
    connection.console.error(`cmmc: ${what} failed: ${(e as Error)?.stack ?? e}`);
    return fallback;
  }
}

// ---- settings ---------------------------------------------------------------------------------

function settingsFrom(raw: unknown, where: string): ServerSettings {
  const { settings: read, warnings } = readSettings(raw, where);
  for (const w of warnings) connection.console.warn(`cmmc: ${w}`);
  return read;
}

async function refreshSettings(pushed?: unknown): Promise<void> {
  let fromClient: ServerSettings = {};
  if (canPullConfiguration) {
    try {
      fromClient = settingsFrom(await connection.workspace.getConfiguration('cmmc'), 'cmmc.');
    } catch (e) {
      connection.console.warn(`cmmc: could not read the configuration: ${(e as Error).message}`);
    }
  } else if (pushed && typeof pushed === 'object') {
    fromClient = settingsFrom((pushed as Record<string, unknown>).cmmc, 'cmmc.');
  }
  settings = { ...fromInit, ...fromClient };
  validateAll();
}

// ---- diagnostics ------------------------------------------------------------------------------

/** Checks of open documents, debounced per document; `schedule(uri, 0)` checks at once. */
const checks = new Debouncer(validate);
const schedule = (uri: string, delay = debounceFor(uri)) => checks.schedule(uri, delay);
/** The analysis last published per document (to skip publishing what did not change). */
const published = new Map<string, Analysis | undefined>();
const publishedVersion = new Map<string, number>();

function validate(uri: string): void {
  const doc = documents.get(uri);
  if (!doc) return;
  const started = Date.now();
  const analysis = guard(`checking ${uri}`, undefined, () => service.analyze(uri));
  lastCost.set(uri, Date.now() - started);
  const before = published.get(uri);
  // Publish when the findings may differ, and for every new version (clients may wait on it).
  if (published.has(uri) && before === analysis && publishedVersion.get(uri) === doc.version) return;
  published.set(uri, analysis);
  publishedVersion.set(uri, doc.version);
  connection.sendDiagnostics({ uri, version: doc.version, diagnostics: guard('diagnostics', [], () => diagnosticsOf(analysis)) });
  const status = guard('status', undefined, () => statusFor(analysis));
  if (status || before) connection.sendNotification('cmmc/status', { uri, text: status?.text ?? '', tooltip: status?.tooltip ?? '' });
  if (settings.trace === 'verbose') connection.console.log(`cmmc: checked ${uri} v${doc.version} in ${Date.now() - started} ms: ${analysis?.findings.length ?? 0} findings`);
  for (const other of dependantsOf(uri, analysis ?? before)) schedule(other, 0);
}

/** Open documents whose findings may change with `uri`: POA&Ms for an SSP, SSPs for a POA&M. */
function dependantsOf(uri: string, analysis: Analysis | undefined): string[] {
  const kind = analysis?.parsed.kind;
  const out: string[] = [];
  for (const d of documents.all()) {
    if (d.uri === uri) continue;
    const other = published.get(d.uri)?.parsed.kind;
    if (!other) continue;
    if (!kind || other !== kind) out.push(d.uri);
  }
  return out;
}

function validateAll(): void {
  for (const d of documents.all()) {
    published.delete(d.uri);
    schedule(d.uri, 0);
  }
}

/** Documents just opened: TextDocuments reports their content as a change too, which must not delay the first check. */
const opening = new Set<string>();
documents.onDidOpen((e) => {
  service.forget(e.document.uri);
  published.delete(e.document.uri);
  opening.add(e.document.uri);
  schedule(e.document.uri, 0);
});
documents.onDidChangeContent((e) => {
  if (opening.delete(e.document.uri)) return;
  schedule(e.document.uri);
});
documents.onDidClose((e) => {
  const uri = e.document.uri;
  checks.cancel(uri);
  const last = published.get(uri);
  published.delete(uri);
  publishedVersion.delete(uri);
  lastCost.delete(uri);
  service.forget(uri);
  connection.sendDiagnostics({ uri, diagnostics: [] });
  if (last) connection.sendNotification('cmmc/status', { uri, text: '', tooltip: '' });
  // Its dependants now read the file on disk instead of the buffer.
  for (const other of dependantsOf(uri, last)) schedule(other, 0);
});

// ---- lifecycle --------------------------------------------------------------------------------

connection.onInitialize((params: InitializeParams): InitializeResult => {
  fromInit = settingsFrom(params.initializationOptions, 'initializationOptions.');
  settings = { ...fromInit };
  clientCapabilities = params.capabilities;
  canPullConfiguration = !!params.capabilities.workspace?.configuration;
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  workspace.setFolders(folders);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      completionProvider: { triggerCharacters: [':', ' ', '.', '-'] },
      documentSymbolProvider: true,
      codeLensProvider: { resolveProvider: false },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'cmmc-language-server', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  void registerDynamic();
  if (canPullConfiguration) void refreshSettings();
  // Without a fixed `cmmc.today` the day turns over at midnight: the clock findings follow.
  let day = service.today();
  setInterval(() => {
    const now = service.today();
    if (now !== day) {
      day = now;
      validateAll();
    }
  }, 60_000).unref();
});

async function registerDynamic(): Promise<void> {
  try {
    if (clientCapabilities?.workspace?.didChangeConfiguration?.dynamicRegistration) {
      await connection.client.register(DidChangeConfigurationNotification.type, { section: 'cmmc' });
    }
    if (clientCapabilities?.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml,md,markdown}' }] });
    }
    if (clientCapabilities?.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(async () => {
        const folders = (await connection.workspace.getWorkspaceFolders()) ?? [];
        workspace.setFolders(folders.map((f) => f.uri));
        validateAll();
      });
    }
  } catch (e) {
    connection.console.warn(`cmmc: dynamic registration failed: ${(e as Error).message}`);
  }
}

connection.onDidChangeConfiguration((params) => void refreshSettings(params.settings));

connection.onDidChangeWatchedFiles((params) => {
  guard('file events', undefined, () => {
    for (const change of params.changes) {
      const kind = change.type === FileChangeType.Created ? 'created' : change.type === FileChangeType.Deleted ? 'deleted' : 'changed';
      workspace.fileChanged(change.uri, kind);
      if (!documents.get(change.uri)) service.forget(change.uri);
    }
    // A linked SSP or POA&M may have changed on disk: re-check every open document.
    for (const d of documents.all()) schedule(d.uri, 0);
  });
});

// ---- features ---------------------------------------------------------------------------------

// Each request is answered synchronously from the cached parse/analysis of the current text; a
// request the client cancelled while it waited in the queue is not computed at all.
connection.onHover((p, token) => (token.isCancellationRequested ? null : guard('hover', null, () => hover(service.analyze(p.textDocument.uri), p.position))));
connection.onCodeAction((p, token) => (token.isCancellationRequested ? [] : guard('code actions', [], () => codeActions(service.analyze(p.textDocument.uri), p.range, p.context))));
connection.onCompletion((p, token) => (token.isCancellationRequested ? [] : guard('completion', [], () => completions(service.parse(p.textDocument.uri), p.position, service.today()))));
connection.onDocumentSymbol((p, token) => (token.isCancellationRequested ? [] : guard('document symbols', [], () => documentSymbols(service.parse(p.textDocument.uri)))));
connection.onCodeLens((p, token) => (token.isCancellationRequested ? [] : guard('code lens', [], () => codeLenses(service.analyze(p.textDocument.uri)))));
// The readiness report as HTML (client command "CMMC: Show readiness report"): the set holding `uri`, else every set.
connection.onRequest('cmmc/report', (p: { uri?: string; nonce?: string } | undefined) =>
  guard('report', '', () => renderHtml(buildReport(service, workspace.uris(), { focus: p?.uri }), { nonce: p?.nonce })));

// A bug must not take the server down with the editor's work in it: log and keep serving.
process.on('uncaughtException', (e) => connection.console.error(`cmmc: unexpected error: ${e?.stack ?? e}`));

documents.listen(connection);
connection.listen();
