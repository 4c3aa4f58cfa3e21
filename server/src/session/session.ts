/**
 * One client connection's editor state in one object: the open documents, the settings, the
 * language service, the debounced checks and what was last published. Everything the LSP
 * handlers do goes through a Session method, so tests create one in-process with a fake Output
 * and drive it without spawning a server. server.ts only turns LSP messages into these calls.
 *
 * Scheduling: a document just opened is checked at once; an edit waits for what is left of the
 * measured cost of its last check (scheduler.ts checkDelay), so checking takes at most about half
 * the time while the user types; a newer version replaces a pending check (checks are never
 * queued, and a check is synchronous, so an older one is never still running).
 * Two phases for an SSP whose linking POA&Ms are not all parsed yet (or whose link index is still
 * being built): its own findings are published at once, then the link work runs in slices of
 * LINK_SLICE_MS between other messages, and the full findings are published when it is done.
 * Dependants come from the link index: checking a document re-checks the open documents that link
 * it and the SSP it links (before and after the change), nothing else. File events are applied to
 * the index at once and scanned in slices; then only the open documents they affect are re-checked.
 */
import {
  CodeActionKind,
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
import { configCompletions } from '../features/configCompletion';
import { statusFor } from '../features/codeLens';
import { diagnosticsOf, toDiagnostic } from '../features/diagnostics';
import { readSettings, type ServerSettings } from '../features/settings';
import type { StatusParams } from '../protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createCmmcService, normalizeUri, type Analysis, type CmmcService } from '../service';
import { LspWorkspace } from '../workspace';
import { EditorConfigs } from './configs';
import { checkDelay, Debouncer } from './scheduler';
import { warmUp } from './warmup';
import { withoutYamlServerCompletions, withoutYamlServerDiagnostics } from './yamlServer';

export { coveredByYamlServer } from './yamlServer';
import { DocumentStore } from './documents';

/** What the session says to the client. */
export interface Output {
  publishDiagnostics(params: { uri: string; version?: number; diagnostics: Diagnostic[] }): void;
  status(params: StatusParams): void;
  error(message: string): void;
  warn(message: string): void;
  log(message: string): void;
}

/** Link work (index scans, parses of linking POA&Ms) runs in slices this long, so requests get in between. */
const LINK_SLICE_MS = 10;

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
  /** When each document's last check ended (performance.now()). */
  private readonly checkedAt = new Map<string, number>();
  /** The analysis last published per document (to skip publishing what did not change). */
  private readonly published = new Map<string, Analysis | undefined>();
  private readonly publishedVersion = new Map<string, number>();
  /** The SSP each open document linked at its last check (normalised), to re-check it when the link moves. */
  private readonly targets = new Map<string, string | undefined>();
  /** SSPs whose cross-file phase is under way. */
  private readonly linking = new Set<string>();
  /** Files changed on disk whose events are still being scanned into the index (normalised). */
  private readonly changedOnDisk = new Set<string>();
  private settling = false;
  private day = 0;

  constructor(private readonly out: Output) {
    this.workspace = new LspWorkspace(this.documents, { log: (m) => out.warn(m) });
    this.configs = new EditorConfigs(
      (uri) => this.workspace.read(uri),
      () => this.folders,
    );
    this.service = createCmmcService({
      workspace: this.workspace,
      settings: () => this.settings,
      config: (uri) => this.configs.of(uri),
      log: (m) => out.error(m),
      slimLinked: true,
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

  /** After `initialized`: warm the code up on documents of our own while no real one is open (warmup.ts). */
  warmUp(): void {
    warmUp({ stop: () => this.documents.all().length > 0 });
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
    this.service.links.reset();
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
    const since = performance.now() - (this.checkedAt.get(uri) ?? Number.NEGATIVE_INFINITY);
    this.checks.schedule(uri, checkDelay(this.lastCost.get(uri), since));
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
    // Its dependants now read the file on disk instead of the buffer.
    const dependants = this.dependantsOf(uri);
    this.published.delete(uri);
    this.publishedVersion.delete(uri);
    this.lastCost.delete(uri);
    this.checkedAt.delete(uri);
    this.targets.delete(uri);
    this.service.forget(uri);
    this.out.publishDiagnostics({ uri, diagnostics: [] });
    if (last) this.out.status({ uri, text: '', tooltip: '' });
    for (const other of dependants) this.checks.schedule(other, 0);
  }

  /** Files changed on disk (workspace/didChangeWatchedFiles). */
  filesChanged(changes: readonly FileEvent[]): void {
    // A configuration or .gitignore that changed on disk: look again, and re-publish everything.
    if (changes.some((c) => EditorConfigs.isConfig(c.uri) || c.uri.endsWith('/.gitignore'))) {
      this.configs.changed();
      for (const d of this.documents.all()) this.published.delete(d.uri);
    }
    const configChanged = changes.some((c) => EditorConfigs.isConfig(c.uri) || c.uri.endsWith('/.gitignore'));
    for (const change of changes) {
      const kind = change.type === FileChangeType.Created ? 'created' : change.type === FileChangeType.Deleted ? 'deleted' : 'changed';
      this.workspace.fileChanged(change.uri, kind);
      // An open document's buffer wins over its file.
      if (this.documents.get(change.uri)) continue;
      this.service.forget(change.uri);
      this.changedOnDisk.add(normalizeUri(change.uri));
    }
    if (configChanged) for (const d of this.documents.all()) this.checks.schedule(d.uri, 0);
    this.settleFiles();
  }

  /** Scan the changed files into the link index in slices, then re-check the open documents they affect. */
  private settleFiles(): void {
    if (this.settling) return;
    this.settling = true;
    const step = () => {
      if (!this.guard('file events', true, () => this.service.links.pump(LINK_SLICE_MS))) return void setImmediate(step);
      this.settling = false;
      const dirty = this.service.links.takeDirtyTargets();
      const changed = new Set(this.changedOnDisk);
      this.changedOnDisk.clear();
      for (const d of this.documents.all()) {
        const n = normalizeUri(d.uri);
        const target = this.service.links.targetOf(d.uri);
        // An SSP whose linking documents changed, or a document whose linked SSP changed on disk.
        if (dirty.has('*') || dirty.has(n) || (target !== undefined && changed.has(target))) this.checks.schedule(d.uri, 0);
      }
    };
    setImmediate(step);
  }

  /** Is a check pending for a document? (For tests and the trace.) */
  pending(uri: string): boolean {
    return this.checks.has(uri);
  }

  /** Nothing scheduled: no pending check, no cross-file phase, no file events being scanned. (For tests.) */
  idle(): boolean {
    return this.checks.size === 0 && this.linking.size === 0 && !this.settling;
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
      // Left out by .gitignore or `ignore:`, as in a command-line run: nothing to show, for every
      // new version too (clients may wait on the version).
      const before = this.published.get(uri);
      if (this.published.has(uri) && before === undefined && this.publishedVersion.get(uri) === doc.version) return;
      this.published.set(uri, undefined);
      this.publishedVersion.set(uri, doc.version);
      this.out.publishDiagnostics({ uri, version: doc.version, diagnostics: [] });
      if (before) this.out.status({ uri, text: '', tooltip: '' });
      return;
    }
    const started = performance.now();
    // The parse tells the link index this document's link before the readiness question.
    const parsed = this.guard(`parsing ${uri}`, undefined, () => this.service.parse(uri));
    const ready = parsed?.model?.kind !== 'ssp' || this.guard('links', true, () => this.service.linksReady(uri));
    const analysis = this.guard(`checking ${uri}`, undefined, () => this.service.analyze(uri, { local: !ready }));
    this.checkedAt.set(uri, performance.now());
    this.lastCost.set(uri, this.checkedAt.get(uri)! - started);
    const before = this.published.get(uri);
    // Publish when the findings may differ, and for every new version (clients may wait on it).
    if (this.published.has(uri) && before === analysis && this.publishedVersion.get(uri) === doc.version) {
      if (!ready) this.completeLinks(uri);
      return;
    }
    this.published.set(uri, analysis);
    this.publishedVersion.set(uri, doc.version);
    const diagnostics = this.guard('diagnostics', [], () => withoutYamlServerDiagnostics(this.settings.yamlServer, uri, diagnosticsOf(analysis)));
    this.out.publishDiagnostics({ uri, version: doc.version, diagnostics });
    const status = this.guard('status', undefined, () => statusFor(analysis));
    if (status || before) this.out.status({ uri, text: status?.text ?? '', tooltip: status?.tooltip ?? '' });
    if (this.settings.trace === 'verbose') {
      const what = `${ready ? '' : ' (own findings)'} in ${Math.round(performance.now() - started)} ms: ${analysis?.findings.length ?? 0} findings`;
      this.out.log(`cmmc: checked ${uri} v${doc.version}${what}`);
    }
    // After the publish: the connection writes on a later turn, and the link work queued first
    // would run ahead of the write, holding the SSP's own findings back.
    if (!ready) this.completeLinks(uri);
    // Others read this document's model, not its findings: only a new parse concerns them.
    if (before?.parsed !== analysis?.parsed) for (const other of this.dependantsOf(uri)) this.checks.schedule(other, 0);
  }

  /** The cross-file phase of an SSP: link work in slices between other messages, then the full check. */
  private completeLinks(uri: string): void {
    if (this.linking.has(uri)) return;
    this.linking.add(uri);
    const step = () => {
      if (!this.documents.get(uri)) return void this.linking.delete(uri);
      if (!this.guard('links', true, () => this.service.prepareLinks(uri, LINK_SLICE_MS))) return void setImmediate(step);
      this.linking.delete(uri);
      // A newer edit already has a check of its own waiting.
      if (!this.checks.has(uri)) this.check(uri);
    };
    setImmediate(step);
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
   * Open documents whose findings may change with `uri`: those whose link names it, and the SSP
   * it links now and linked at its last check (from the link index; nothing is scanned).
   */
  private dependantsOf(uri: string): string[] {
    const links = this.service.links;
    const self = normalizeUri(uri);
    const target = this.documents.get(uri) ? links.targetOf(uri) : undefined;
    const previous = this.targets.get(uri);
    if (this.documents.get(uri)) this.targets.set(uri, target);
    const out: string[] = [];
    for (const d of this.documents.all()) {
      if (d.uri === uri || !this.published.has(d.uri)) continue;
      const n = normalizeUri(d.uri);
      if (n === target || n === previous || links.targetOf(d.uri) === self || links.uncertain(d.uri)) out.push(d.uri);
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
    return withoutYamlServerCompletions(this.settings.yamlServer, uri, items);
  }

  symbols(uri: string): DocumentSymbol[] {
    return this.guard('document symbols', [], () => this.service.symbols(uri));
  }

  codeLens(uri: string): CodeLens[] {
    return this.guard('code lens', [], () => this.service.codeLens(uri));
  }
}
