/**
 * The language server: LSP wiring only. It creates the connection and one Session (the editor's
 * state, session/session.ts), then turns each LSP message into one Session call.
 * `node dist/server.js --stdio` (or --node-ipc, --socket=N).
 */
import {
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  type Connection,
  type InitializeParams,
} from 'vscode-languageserver/node';
import {
  EXPORT_OSCAL_REQUEST,
  type ExportOscalParams,
  REPORT_REQUEST,
  type ReportParams,
  SCAFFOLD_REQUEST,
  type ScaffoldParams,
  STATUS_NOTIFICATION,
} from './protocol';
import * as requests from './session/requests';
import { Session } from './session/session';

/**
 * Over stdio, vscode-jsonrpc's reader stops at a header without Content-Length and leaves the
 * messages behind it in its buffer until more bytes arrive; a reader that resumes after such an
 * error keeps a client's junk from stalling the requests that follow it. Other transports
 * (--node-ipc, --socket) are set up by createConnection from the command line.
 */
function connect(): Connection {
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
const session = new Session({
  publishDiagnostics: (p) => void connection.sendDiagnostics(p),
  status: (p) => void connection.sendNotification(STATUS_NOTIFICATION, p),
  error: (m) => connection.console.error(m),
  warn: (m) => connection.console.warn(m),
  log: (m) => connection.console.log(m),
});
let capabilities: InitializeParams['capabilities'] = {};

connection.onInitialize((params) => {
  capabilities = params.capabilities;
  return session.initialize(params);
});

connection.onInitialized(() => {
  void register();
  session.warmUp();
  setInterval(() => session.tick(), 60_000).unref();
});

/** Pull the `cmmc` settings where the client can answer; else use what it pushed. */
async function configure(pushed?: unknown): Promise<void> {
  if (!capabilities.workspace?.configuration) return session.configure((pushed as { cmmc?: unknown } | undefined)?.cmmc);
  try {
    session.configure(await connection.workspace.getConfiguration('cmmc'));
  } catch (e) {
    connection.console.warn(`cmmc: could not read the configuration: ${(e as Error).message}`);
  }
}

async function register(): Promise<void> {
  try {
    if (capabilities.workspace?.configuration) await configure();
    if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
      await connection.client.register(DidChangeConfigurationNotification.type, { section: 'cmmc' });
    }
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      await connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{yaml,yml,md,markdown}' }, { globPattern: '**/{.cmmc.yaml,.gitignore}' }],
      });
    }
    if (capabilities.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(async () =>
        session.setFolders(((await connection.workspace.getWorkspaceFolders()) ?? []).map((f) => f.uri)),
      );
    }
  } catch (e) {
    connection.console.warn(`cmmc: dynamic registration failed: ${(e as Error).message}`);
  }
}

connection.onDidChangeConfiguration((p) => void configure(p.settings));
connection.onDidChangeWatchedFiles((p) => session.guard('file events', undefined, () => session.filesChanged(p.changes)));
connection.onDidOpenTextDocument((p) =>
  session.guard('open', undefined, () => session.open(p.textDocument.uri, p.textDocument.languageId, p.textDocument.version, p.textDocument.text)),
);
connection.onDidChangeTextDocument((p) =>
  session.guard('change', undefined, () => session.change(p.textDocument.uri, p.textDocument.version, p.contentChanges)),
);
connection.onDidCloseTextDocument((p) => session.guard('close', undefined, () => session.close(p.textDocument.uri)));

// A request the client cancelled while it waited in the queue is not computed at all.
connection.onHover((p, token) => (token.isCancellationRequested ? null : session.hover(p.textDocument.uri, p.position)));
connection.onCodeAction((p, token) => (token.isCancellationRequested ? [] : session.codeActions(p)));
connection.onCompletion((p, token) => (token.isCancellationRequested ? [] : session.complete(p.textDocument.uri, p.position)));
connection.onDocumentSymbol((p, token) => (token.isCancellationRequested ? [] : session.symbols(p.textDocument.uri)));
connection.onCodeLens((p, token) => (token.isCancellationRequested ? [] : session.codeLens(p.textDocument.uri)));
connection.onRequest(EXPORT_OSCAL_REQUEST, (p: ExportOscalParams) => requests.exportOscal(session, p.uri));
connection.onRequest(SCAFFOLD_REQUEST, (p: ScaffoldParams) => requests.scaffold(session, p));
connection.onRequest(REPORT_REQUEST, (p: ReportParams | undefined) => requests.report(session, p));

// A bug must not take the server down with the editor's work in it: log and keep serving.
process.on('uncaughtException', (e) => connection.console.error(`cmmc: unexpected error: ${e?.stack ?? e}`));

connection.listen();
