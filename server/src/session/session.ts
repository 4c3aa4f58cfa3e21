/**
 * One client connection's editor state in one object: the open documents, the settings, the
 * language service, the debounced checks and what was last published. Everything the LSP
 * handlers do goes through a Session method, so tests create one in-process with a fake Output
 * and drive it without spawning a server. server.ts only turns LSP messages into these calls.
 *
 * Scheduling: a document just opened is checked at once; edits are debounced by the measured
 * cost of the last check (see debounceFor); a newer version replaces a pending check (checks are
 * never queued, and a check is synchronous, so an older one is never still running). When a
 * document is checked, the open documents that may depend on it are re-checked too.
 */
import {
  CodeActionKind,
  CompletionItemKind,
  type CodeAction,
  type CodeActionParams,
  type CodeLens,
  type CompletionItem,
  type Diagnostic,
  type DocumentSymbol,
  type FileEvent,
  FileChangeType,
  type Hover,
  type InitializeParams,
  type InitializeResult,
  type Position,
  type TextDocumentContentChangeEvent,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import { kindFromName } from '../documents/detect';
import { configCompletions } from '../features/configCompletion';
import { toDiagnostic } from '../features/diagnostics';
import { readSettings, type ServerSettings } from '../features/settings';
import { exportOscalRequest } from '../oscal/request';
import type { ExportOscalResult, ReportParams, ScaffoldParams, ScaffoldResult, StatusParams } from '../protocol';
import { renderHtml } from '../report/html';
import { buildReport } from '../report/model';
import { scaffoldRequest } from '../features/scaffoldRequest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createCmmcService, type Analysis, type CmmcService } from '../service';
import { LspWorkspace } from '../workspace';
import { EditorConfigs } from './configs';
import { Debouncer } from './scheduler';
import { DocumentStore } from './documents';

/** What the session says to the client. */
export interface Output {
  publishDiagnostics(params: { uri: string; version?: number; diagnostics: Diagnostic[] }): void;
  status(params: StatusParams): void;
  error(message: string): void;
  warn(message: string): void;
  log(message: string): void;
}

/**
 * Quiet time after the last keystroke before a document is checked: twice what its last check
 * cost, between 25 and 150 ms. Small documents answer at once; large ones still merge a burst of
 * keystrokes into one check.
 */
const DEBOUNCE_MIN_MS = 25;
const DEBOUNCE_MAX_MS = 150;

export const SERVER_INFO = { name: 'cmmc-language-server', version: '0.1.0' };

export class Session {
  readonly documents = new DocumentStore();
  readonly workspace: LspWorkspace;
  readonly service: CmmcService;
  /** The `.cmmc.yaml` of each document and what the repository ignores. */
  readonly configs: EditorConfigs;
  private folders: readonly string[] = [];
  /** The text of each open configuration last checked (its dependants are re-checked when it changes). */
  private readonly configTexts = new Map<string, string>();
  private fromInit: ServerSettings = {};
  private settings: ServerSettings = {};
  private readonly checks = new Debouncer((uri) => this.check(uri));
  private readonly lastCost = new Map<string, number>();
  /** The analysis last published per document (to skip publishing what did not change). */
  private readonly published = new Map<string, Analysis | undefined>();
  private readonly publishedVersion = new Map<string, number>();
  private day = 0;

  constructor(private readonly out: Output) {
    this.workspace = new LspWorkspace(this.documents, { log: (m) => out.warn(m) });
    this.configs = new EditorConfigs((uri) => this.workspace.read(uri), () => this.folders);
    this.service = createCmmcService({
      workspace: this.workspace,
      settings: () => this.settings,
      config: (uri) => this.configs.of(uri),
      log: (m) => out.error(m),
    });
  }

  /** Run `fn`; a failure is logged and answered with `fallback`, never thrown at the client. */
  guard<T>(what: string, fallback: T, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      this.out.error(`cmmc: ${what} failed: ${(e as Error)?.stack ?? e}`);
      return fallback;
    }
  }

  // ---- lifecycle ------------------------------------------------------------------------------

  initialize(params: InitializeParams): InitializeResult {
    this.fromInit = this.readSettings(params.initializationOptions, 'initializationOptions.');
    this.settings = { ...this.fromInit };
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.folders = folders;
    this.workspace.setFolders(folders);
    this.day = this.service.today();
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
      serverInfo: SERVER_INFO,
    };
  }

  /** New settings from the client (`cmmc` section, pulled or pushed): every open document is re-checked. */
  configure(fromClient: unknown): void {
    this.settings = { ...this.fromInit, ...this.readSettings(fromClient, 'cmmc.') };
    this.checkAll();
  }

  setFolders(folders: readonly string[]): void {
    this.folders = folders;
    this.configs.changed();
    this.workspace.setFolders(folders);
    this.checkAll();
  }

  /** Called now and then: without a fixed `cmmc.today` the day turns over at midnight, and the clock findings follow. */
  tick(): void {
    const now = this.service.today();
    if (now === this.day) return;
    this.day = now;
    this.checkAll();
  }

  private readSettings(raw: unknown, where: string): ServerSettings {
    const { settings, warnings } = readSettings(raw, where);
    for (const w of warnings) this.out.warn(`cmmc: ${w}`);
    return settings;
  }

  // ---- documents ------------------------------------------------------------------------------

  open(uri: string, languageId: string, version: number, text: string): void {
    this.documents.open(uri, languageId, version, text);
    if (EditorConfigs.isConfig(uri)) this.configs.changed();
    this.service.forget(uri);
    this.published.delete(uri);
    this.checks.schedule(uri, 0);
  }

  change(uri: string, version: number, changes: readonly TextDocumentContentChangeEvent[]): void {
    if (!this.documents.change(uri, version, changes)) return;
    this.checks.schedule(uri, this.debounceFor(uri));
  }

  close(uri: string): void {
    this.documents.close(uri);
    if (EditorConfigs.isConfig(uri)) {
      // Its dependants now read the file on disk (or none, if it was never saved).
      this.configs.changed();
      this.configTexts.delete(uri);
      this.checkAll();
    }
    this.checks.cancel(uri);
    const last = this.published.get(uri);
    this.published.delete(uri);
    this.publishedVersion.delete(uri);
    this.lastCost.delete(uri);
    this.service.forget(uri);
    this.out.publishDiagnostics({ uri, diagnostics: [] });
    if (last) this.out.status({ uri, text: '', tooltip: '' });
    // Its dependants now read the file on disk instead of the buffer.
    for (const other of this.dependantsOf(uri, last)) this.checks.schedule(other, 0);
  }

  /** Files changed on disk (workspace/didChangeWatchedFiles). */
  filesChanged(changes: readonly FileEvent[]): void {
    // A configuration or .gitignore that changed on disk: look again, and re-publish everything.
    if (changes.some((c) => EditorConfigs.isConfig(c.uri) || c.uri.endsWith('/.gitignore'))) {
      this.configs.changed();
      for (const d of this.documents.all()) this.published.delete(d.uri);
    }
    for (const change of changes) {
      const kind = change.type === FileChangeType.Created ? 'created' : change.type === FileChangeType.Deleted ? 'deleted' : 'changed';
      this.workspace.fileChanged(change.uri, kind);
      if (!this.documents.get(change.uri)) this.service.forget(change.uri);
    }
    // A linked SSP or POA&M may have changed on disk: re-check every open document.
    for (const d of this.documents.all()) this.checks.schedule(d.uri, 0);
  }

  /** Is a check pending for a document? (For tests and the trace.) */
  pending(uri: string): boolean {
    return this.checks.has(uri);
  }

  private debounceFor(uri: string): number {
    return Math.min(DEBOUNCE_MAX_MS, Math.max(DEBOUNCE_MIN_MS, 2 * (this.lastCost.get(uri) ?? DEBOUNCE_MAX_MS)));
  }

  private checkAll(): void {
    for (const d of this.documents.all()) {
      this.published.delete(d.uri);
      this.checks.schedule(d.uri, 0);
    }
  }

  /** Check one open document now and publish its diagnostics and status. */
  check(uri: string): void {
    const doc = this.documents.get(uri);
    if (!doc) return;
    if (EditorConfigs.isConfig(uri)) return this.checkConfig(uri);
    if (this.guard('ignore files', false, () => this.configs.ignored(uri))) {
      // Left out by .gitignore or `ignore:`, as in a command-line run: nothing to show.
      if (this.published.get(uri) !== undefined || !this.published.has(uri)) {
        const before = this.published.get(uri);
        this.published.set(uri, undefined);
        this.out.publishDiagnostics({ uri, version: doc.version, diagnostics: [] });
        if (before) this.out.status({ uri, text: '', tooltip: '' });
      }
      return;
    }
    const started = Date.now();
    const analysis = this.guard(`checking ${uri}`, undefined, () => this.service.analyze(uri));
    this.lastCost.set(uri, Date.now() - started);
    const before = this.published.get(uri);
    // Publish when the findings may differ, and for every new version (clients may wait on it).
    if (this.published.has(uri) && before === analysis && this.publishedVersion.get(uri) === doc.version) return;
    this.published.set(uri, analysis);
    this.publishedVersion.set(uri, doc.version);
    const diagnostics = this.guard('diagnostics', [], () => this.withoutYamlServers(uri, this.service.diagnostics(uri)));
    this.out.publishDiagnostics({ uri, version: doc.version, diagnostics });
    const status = this.guard('status', undefined, () => this.service.status(uri));
    if (status || before) this.out.status({ uri, text: status?.text ?? '', tooltip: status?.tooltip ?? '' });
    if (this.settings.trace === 'verbose') this.out.log(`cmmc: checked ${uri} v${doc.version} in ${Date.now() - started} ms: ${analysis?.findings.length ?? 0} findings`);
    for (const other of this.dependantsOf(uri, analysis ?? before)) this.checks.schedule(other, 0);
  }

  /** An open `.cmmc.yaml`: its own problems as diagnostics; when its text changed, every other document again. */
  private checkConfig(uri: string): void {
    const doc = this.documents.get(uri)!;
    const text = doc.getText();
    const config = this.guard('reading the configuration', undefined, () => this.configs.load(uri));
    const td = TextDocument.create(uri, 'yaml', doc.version, text);
    const own = (config?.findings ?? []).filter((f) => !(this.settings.yamlServer && (f.data?.origin === 'syntax' || f.data?.origin === 'schema')));
    this.out.publishDiagnostics({ uri, version: doc.version, diagnostics: own.map((f) => toDiagnostic(f, td)) });
    if (this.configTexts.get(uri) === text) return;
    this.configTexts.set(uri, text);
    this.configs.changed();
    for (const d of this.documents.all()) {
      if (d.uri === uri) continue;
      this.published.delete(d.uri);
      this.checks.schedule(d.uri, 0);
    }
  }

  /**
   * With another YAML language server validating our contributed schemas (Red Hat's, told by the
   * client), its syntax and schema diagnostics of the files the schemas cover are not repeated.
   */
  private withoutYamlServers(uri: string, diagnostics: Diagnostic[]): Diagnostic[] {
    if (!this.settings.yamlServer || !coveredByYamlServer(uri)) return diagnostics;
    return diagnostics.filter((d) => d.code !== 'syntax' && d.code !== 'schema');
  }

  /** Open documents whose findings may change with `uri`: POA&Ms for an SSP, SSPs for a POA&M. */
  private dependantsOf(uri: string, analysis: Analysis | undefined): string[] {
    const kind = analysis?.parsed.kind;
    const out: string[] = [];
    for (const d of this.documents.all()) {
      if (d.uri === uri) continue;
      const other = this.published.get(d.uri)?.parsed.kind;
      if (!other) continue;
      if (!kind || other !== kind) out.push(d.uri);
    }
    return out;
  }

  // ---- features -------------------------------------------------------------------------------
  // Each request is answered synchronously from the cached parse/analysis of the current text.

  hover(uri: string, position: Position): Hover | null {
    return this.guard('hover', null, () => this.service.hover(uri, position));
  }

  codeActions(params: CodeActionParams): CodeAction[] {
    return this.guard('code actions', [], () => this.service.codeActions(params.textDocument.uri, params.range, params.context));
  }

  complete(uri: string, position: Position): CompletionItem[] {
    const items = this.guard('completion', [], () =>
      EditorConfigs.isConfig(uri) ? configCompletions(this.documents.get(uri)?.getText() ?? '', position) : this.service.complete(uri, position),
    );
    if (!this.settings.yamlServer || !coveredByYamlServer(uri)) return items;
    // Field names and enum values come from the schema, which the YAML server completes too.
    return items.filter((i) => i.kind !== CompletionItemKind.Property && i.kind !== CompletionItemKind.EnumMember);
  }

  symbols(uri: string): DocumentSymbol[] {
    return this.guard('document symbols', [], () => this.service.symbols(uri));
  }

  codeLens(uri: string): CodeLens[] {
    return this.guard('code lens', [], () => this.service.codeLens(uri));
  }

  /** `cmmc/exportOscal`: the OSCAL JSON of a document, or why it cannot be exported. */
  exportOscal(uri: string): ExportOscalResult {
    return this.guard('export oscal', { error: 'The export failed (see the CMMC output).' }, () => exportOscalRequest(this.service.parse(uri)));
  }

  /** `cmmc/scaffold`: the scaffolds of the New SSP / New POA&M commands. */
  scaffold(params: ScaffoldParams): ScaffoldResult {
    return this.guard('scaffold', { error: 'The scaffold failed (see the CMMC output).' }, () => scaffoldRequest(params, this.service.parse, this.service.today()));
  }

  /** `cmmc/report`: the readiness report as HTML, of the set holding `uri` (else every set). */
  report(params: ReportParams | undefined): string {
    return this.guard('report', '', () => renderHtml(buildReport(this.service, this.workspace.uris(), { focus: params?.uri }), { nonce: params?.nonce }));
  }
}

/** Files our package.json `yamlValidation` gives a schema: `*.ssp.yaml|yml`, `*.poam.yaml|yml`, `.cmmc.yaml`. */
export function coveredByYamlServer(uri: string): boolean {
  const name = uri.split('/').pop() ?? '';
  return /\.ya?ml$/i.test(name) && (kindFromName(name) !== undefined || EditorConfigs.isConfig(uri));
}
