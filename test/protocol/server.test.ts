/**
 * The language server over real LSP, without an editor: `node dist/server.js --stdio` driven by
 * vscode-languageserver-protocol. Diagnostics, hover, every quick fix (apply the edit, send it
 * back, wait for the new diagnostics: the finding is gone and nothing new appears), completion,
 * symbols, CodeLens, re-checking dependants, settings, garbage input, 1,000 rapid edits and a
 * clean shutdown. Nothing sleeps: every wait is on a message, with a timeout.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  ExitNotification,
  FileChangeType,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  type CodeAction,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type DocumentSymbol,
  type Hover,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { diagnosticsOf } from '../../server/src/features/diagnostics';
import { createCmmcService } from '../../server/src/service';
import { item as unitItem, poamYaml, sspYaml } from '../unit/helpers';

const ROOT = resolve(__dirname, '../..');
const SERVER = join(ROOT, 'dist/server.js');
const WAIT_MS = 10_000;

/** Build dist/server.js when it is missing or older than a server source file. */
function ensureBuilt(): void {
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce(
      (m, e) => Math.max(m, e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs),
      0,
    );
  if (existsSync(SERVER) && statSync(SERVER).mtimeMs >= newest(join(ROOT, 'server/src'))) return;
  const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, `build failed: ${r.stderr}`);
}

type Status = { uri: string; text: string; tooltip: string };

/** One server process and a protocol connection to it, recording what the server sends. */
class Client {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  readonly statuses: Status[] = [];
  readonly logs: string[] = [];
  readonly texts = new Map<string, TextDocument>();
  readonly exited: Promise<number | null>;
  private waiters: { check: () => boolean; resolve: () => void }[] = [];

  private constructor(
    readonly proc: ChildProcessWithoutNullStreams,
    readonly conn: ProtocolConnection,
  ) {
    this.exited = new Promise((res) => proc.on('exit', (code) => res(code)));
    conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      const list = this.diagnostics.get(p.uri) ?? [];
      list.push(p);
      this.diagnostics.set(p.uri, list);
      this.poke();
    });
    conn.onNotification('cmmc/status', (s: Status) => {
      this.statuses.push(s);
      this.poke();
    });
    conn.onNotification('window/logMessage', (m: { message: string }) => this.logs.push(m.message));
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map(() => this.configuration));
    conn.listen();
  }

  /** What `workspace/configuration` answers (section `cmmc`). */
  configuration: Record<string, unknown> | null = null;

  static spawned: ChildProcessWithoutNullStreams[] = [];

  static async start(initializationOptions: unknown, capabilities: Record<string, unknown> = {}, rootUri: string | null = null): Promise<Client> {
    const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' });
    Client.spawned.push(proc);
    const conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    const client = new Client(proc, conn);
    const result = await conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      capabilities,
      initializationOptions,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'ws' }] : null,
    });
    assert.ok(result.capabilities.hoverProvider);
    await conn.sendNotification(InitializedNotification.type, {});
    return client;
  }

  private poke(): void {
    this.waiters = this.waiters.filter((w) => {
      if (!w.check()) return true;
      w.resolve();
      return false;
    });
  }

  /** Resolve when `check` holds (checked now and after every message), or fail after a timeout. */
  until(what: string, check: () => boolean, ms = WAIT_MS): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
      this.waiters.push({ check, resolve: () => (clearTimeout(timer), res()) });
    });
  }

  last(uri: string): PublishDiagnosticsParams | undefined {
    return this.diagnostics.get(uri)?.at(-1);
  }

  /** The diagnostics published for this exact version of the document. */
  async diagnosticsFor(uri: string, version = this.texts.get(uri)!.version): Promise<Diagnostic[]> {
    await this.until(`diagnostics of ${uri} v${version}`, () => this.last(uri)?.version === version);
    return this.last(uri)!.diagnostics;
  }

  async open(uri: string, text: string): Promise<Diagnostic[]> {
    const doc = TextDocument.create(uri, uri.endsWith('.md') ? 'markdown' : 'yaml', 1, text);
    this.texts.set(uri, doc);
    await this.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: doc.languageId, version: 1, text } });
    return this.diagnosticsFor(uri, 1);
  }

  /** Send changes (not awaiting diagnostics); returns the new version. */
  change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    const old = this.texts.get(uri)!;
    const doc = TextDocument.update(old, changes, old.version + 1);
    this.texts.set(uri, doc);
    return this.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: doc.version }, contentChanges: changes });
  }

  text(uri: string): string {
    return this.texts.get(uri)!.getText();
  }

  async stop(): Promise<number | null> {
    await this.conn.sendRequest(ShutdownRequest.type);
    await this.conn.sendNotification(ExitNotification.type);
    return this.exited;
  }
}

after(() => {
  for (const p of Client.spawned) if (p.exitCode === null && p.signalCode === null) p.kill();
});

const lines = (...ls: string[]) => ls.join('\n') + '\n';
const codes = (ds: readonly Diagnostic[]) => ds.map((d) => String(d.code)).sort();

function poam(items: string[], head: string[] = ['conditional_status_date: 2025-03-15']): string {
  return lines('kind: poam', 'level: 2', 'organization: Acme', ...head, 'items:', ...items);
}

function item(id: string, practice: string, opts: { deadline?: string | null; milestones?: string[] | null; extra?: string[] } = {}): string[] {
  const deadline = opts.deadline === undefined ? '2025-06-30' : opts.deadline;
  const milestones = opts.milestones === undefined ? ['      - task: Fix it', '        due: 2025-06-15'] : opts.milestones;
  return [
    `  - id: ${id}`,
    `    practice: ${practice}`,
    ...(opts.extra ?? []),
    `    weakness: Weakness of ${practice}`,
    ...(deadline ? [`    deadline: ${deadline}`] : []),
    '    status: open',
    ...(milestones ? ['    milestones:', ...milestones] : []),
  ];
}

let dir: string;
let client: Client;
const uriOf = (name: string) => pathToFileURL(join(dir, name)).href;

before(async () => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'cmmc-protocol-'));
  client = await Client.start({ today: '2025-05-01' }, {}, pathToFileURL(dir).href);
});

after(async () => {
  if (client && client.proc.exitCode === null) client.proc.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('language server over stdio', () => {
  test('diagnostics on open: codes, ranges, source, eCFR links, fix data; status notification', async () => {
    const uri = uriOf('first.poam.yaml');
    const text = poam([...item('P-1', 'AC.L2-3.1.20'), ...item('P-2', 'AC.L2-3.1.3', { deadline: null })]);
    const diags = await client.open(uri, text);
    // poam-missing-score: no assessment.score and no SSP (SPEC 2, issue 17)
    assert.deepEqual(codes(diags), ['poam-missing-deadline', 'poam-missing-score', 'poam-practice-excluded']);
    const excluded = diags.find((d) => d.code === 'poam-practice-excluded')!;
    assert.deepEqual(excluded.range, { start: { line: 6, character: 14 }, end: { line: 6, character: 26 } });
    assert.equal(excluded.source, 'cmmc');
    assert.equal(excluded.severity, 1);
    assert.match(excluded.message, /AC\.L2-3\.1\.20 \(External Connections \[CUI Data\]\) may never be on a POA&M/);
    assert.equal(excluded.codeDescription?.href, 'https://www.ecfr.gov/current/title-32/part-170/section-170.21#p-170.21(a)(2)(iii)(A)');
    const missing = diags.find((d) => d.code === 'poam-missing-deadline')!;
    assert.deepEqual(missing.range, { start: { line: 13, character: 8 }, end: { line: 13, character: 11 } });
    assert.deepEqual(missing.data, { deadline: '2025-09-11', code: 'poam-missing-deadline' });
    await client.until('a status for the POA&M', () => client.statuses.some((s) => s.uri === uri));
    assert.equal(client.statuses.filter((s) => s.uri === uri).at(-1)!.text, 'CMMC closeout in 133 days');
  });

  test('hover: practice id with eligibility and citation; closeout countdown; the finding in plain words', async () => {
    const uri = uriOf('first.poam.yaml');
    const onId = await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 6, character: 20 } });
    const value = (onId as Hover & { contents: { value: string } }).contents.value;
    assert.match(value, /\*\*AC\.L2-3\.1\.20\*\* · External Connections/);
    assert.match(value, /never deferrable/);
    assert.match(value, /\*\*poam-practice-excluded\*\*/);
    assert.match(value, /\(https:\/\/www\.ecfr\.gov\/current\/title-32\/part-170\/section-170\.21#p-170\.21\(a\)\(2\)\(iii\)\(A\)\)/);
    assert.deepEqual(onId!.range, { start: { line: 6, character: 14 }, end: { line: 6, character: 26 } });
    const onDate = (await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 3, character: 30 } })) as Hover & {
      contents: { value: string };
    };
    assert.match(onDate.contents.value, /Closeout date:\*\* 2025-09-11 .* 133 days left/);
    const onItem = (await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 13, character: 9 } })) as Hover & {
      contents: { value: string };
    };
    assert.match(onItem.contents.value, /\*\*poam-missing-deadline\*\* · Item without a deadline/);
    assert.equal(await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 1 } }), null);
  });

  /** Every quick fix, as an editor would apply it. */
  const FIXES: [code: string, text: string, title: RegExp][] = [
    ['poam-missing-deadline', poam([...item('P-1', 'AC.L2-3.1.3', { deadline: null })]), /^Insert deadline: 2025-09-11/],
    ['poam-deadline-after-closeout', poam([...item('P-1', 'AC.L2-3.1.3', { deadline: '2025-12-31' })]), /^Move the deadline to 2025-09-11/],
    ['poam-missing-conditional-date', poam([...item('P-1', 'AC.L2-3.1.3')], []), /^Insert conditional_status_date: 2025-05-01/],
    ['poam-missing-milestones', poam([...item('P-1', 'AC.L2-3.1.3', { milestones: null })]), /^Insert a milestone skeleton/],
    ['poam-milestone-missing-date', poam([...item('P-1', 'AC.L2-3.1.3', { milestones: ['      - task: Plan it'] })]), /^Insert due: 2025-06-30/],
    ['unknown-practice', poam([...item('P-1', 'AC.L2-3.1.33')]), /^Change to AC\.L2-3\.1\.3 /],
    ['poam-point-value', poam([...item('P-1', 'SC.L2-3.13.11')]), /^Add encryption: not-fips-validated/],
  ];

  for (const [code, text, title] of FIXES) {
    test(`quick fix for ${code}: apply, re-validate, the finding is gone and nothing new appears`, async () => {
      const uri = uriOf(`fix-${code}.poam.yaml`);
      const before = await client.open(uri, text);
      const diagnostic = before.find((d) => d.code === code);
      assert.ok(diagnostic, `a ${code} diagnostic among ${codes(before)}`);
      const actions = (await client.conn.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic] },
      })) as CodeAction[];
      assert.ok(actions.length > 0, 'a quick fix is offered');
      const action = actions[0];
      assert.match(action.title, title);
      assert.equal(action.kind, 'quickfix');
      assert.deepEqual(action.diagnostics, [diagnostic]);
      const edits = action.edit!.changes![uri];
      assert.ok(edits.length > 0);
      await client.change(
        uri,
        edits.map((e) => ({ range: e.range, text: e.newText })),
      );
      const after = await client.diagnosticsFor(uri);
      const count = (ds: Diagnostic[], c: string) => ds.filter((d) => d.code === c).length;
      assert.equal(count(after, code), count(before, code) - 1, `${code} gone after:\n${client.text(uri)}`);
      for (const c of new Set(after.map((d) => String(d.code)))) if (c !== code) assert.ok(count(after, c) <= count(before, c), `no new ${c}`);
      await client.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    });
  }

  test('completion, document symbols and CodeLens', async () => {
    const uri = uriOf('features.poam.yaml');
    await client.open(
      uri,
      poam([
        ...item('P-1', 'AC.L2-3.1.9'),
        ...item('P-2', 'AC.L2-3.1.3', { milestones: ['      - task: Plan', '        due: 2025-05-15', '      - task: Do', '        due: 2025-06-15'] }),
      ]),
    );
    const line = client
      .text(uri)
      .split('\n')
      .findIndex((l) => l.includes('practice: AC.L2-3.1.9'));
    const result = (await client.conn.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: { line, character: '    practice: AC.L2-3.1.'.length },
    })) as CompletionItem[] | CompletionList;
    const items = Array.isArray(result) ? result : result.items;
    const nine = items.find((i) => i.label === 'AC.L2-3.1.9');
    assert.equal(nine?.detail, 'Privacy & Security Notices');
    const fields = (await client.conn.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: { line: line + 1, character: 4 },
    })) as CompletionItem[];
    assert.ok(fields.some((f) => f.label === 'resources'));
    const symbols = (await client.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    assert.deepEqual(
      symbols.map((s) => [s.name, s.detail]),
      [
        ['P-1', 'AC.L2-3.1.9 · deadline 2025-06-30'],
        ['P-2', 'AC.L2-3.1.3 · deadline 2025-06-30'],
      ],
    );
    assert.deepEqual(
      symbols[1].children!.map((c) => c.name),
      ['Plan', 'Do'],
    );
    const lenses = await client.conn.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
    assert.deepEqual(
      lenses!.map((l) => l.command?.title),
      ['Closeout 2025-09-11 · 133 days left · 2 open items'],
    );
  });

  test('a linked SSP changed in another editor or on disk: the POA&M is re-checked', async () => {
    const ssp = (status: string) =>
      lines(
        'kind: ssp',
        'level: 2',
        'practices:',
        '  AC.L2-3.1.9:',
        `    status: ${status}`,
        ...(status === 'met' ? ['    implementation: Banner shown.'] : []),
      );
    writeFileSync(join(dir, 'linked.ssp.yaml'), ssp('not-met'));
    const poamUri = uriOf('linked.poam.yaml');
    const first = await client.open(poamUri, poam([...item('P-1', 'AC.L2-3.1.9')], ['ssp: linked.ssp.yaml', 'conditional_status_date: 2025-03-15']));
    assert.ok(!codes(first).includes('poam-practice-met-in-ssp'));
    assert.ok(codes(first).includes('poam-score-below-threshold'), 'the SSP lists one practice: its score is far below 88');
    // Open the SSP and mark the practice met: the POA&M (unchanged) gets new diagnostics.
    const sspUri = uriOf('linked.ssp.yaml');
    await client.open(sspUri, ssp('not-met'));
    const text = client.text(sspUri);
    const at = text.indexOf('not-met');
    const doc = client.texts.get(sspUri)!;
    await client.change(sspUri, [
      { range: { start: doc.positionAt(at), end: doc.positionAt(at + 'not-met'.length) }, text: 'met\n    implementation: Banner shown.' },
    ]);
    await client.until('the POA&M to see the SSP change', () => codes(client.last(poamUri)!.diagnostics).includes('poam-practice-met-in-ssp'));
    // Close the SSP (the disk still says not-met): back to the disk's view.
    await client.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: sspUri } });
    await client.until('the POA&M to read the SSP from disk again', () => !codes(client.last(poamUri)!.diagnostics).includes('poam-practice-met-in-ssp'));
    // Now change it on disk and tell the server.
    writeFileSync(join(dir, 'linked.ssp.yaml'), ssp('met'));
    await client.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: sspUri, type: FileChangeType.Changed }] });
    await client.until('the POA&M to see the SSP change on disk', () => codes(client.last(poamUri)!.diagnostics).includes('poam-practice-met-in-ssp'));
  });

  test('an SSP finds the POA&Ms that link it in the workspace folder (and open POA&Ms)', async () => {
    writeFileSync(
      join(dir, 'scan.ssp.yaml'),
      lines('kind: ssp', 'level: 2', 'practices:', '  AC.L2-3.1.9:', '    status: not-met', '  AC.L2-3.1.3:', '    status: not-met'),
    );
    writeFileSync(join(dir, 'scan.poam.yaml'), poam([...item('P-1', 'AC.L2-3.1.9')], ['ssp: scan.ssp.yaml', 'conditional_status_date: 2025-03-15']));
    const sspUri = uriOf('scan.ssp.yaml');
    await client.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf('scan.poam.yaml'), type: FileChangeType.Created }] });
    await client.open(sspUri, lines('kind: ssp', 'level: 2', 'practices:', '  AC.L2-3.1.9:', '    status: not-met', '  AC.L2-3.1.3:', '    status: not-met'));
    // Two phases (issue 16): the SSP's own findings at once, the cross-file ones when the linking POA&Ms are in.
    await client.until('the cross-file findings', () => codes(client.last(sspUri)!.diagnostics).includes('ssp-not-met-without-poam'));
    const without = client.last(sspUri)!.diagnostics.filter((d) => d.code === 'ssp-not-met-without-poam');
    assert.deepEqual(
      without.map((d) => d.range.start.line),
      [5],
      'only AC.L2-3.1.3 lacks a POA&M item',
    );
  });

  test('settings: workspace/configuration is pulled and refreshed on didChangeConfiguration', async () => {
    const c = await Client.start({ today: '2025-05-01' }, { workspace: { configuration: true } });
    try {
      c.configuration = { today: '2025-08-20', closeoutWarningDays: 30 };
      const uri = 'file:///virtual/settings.poam.yaml';
      // The pull happens after `initialized`; until it lands the init options rule.
      await c.open(uri, poam([...item('P-1', 'AC.L2-3.1.3', { deadline: '2025-09-01', milestones: ['      - task: t', '        due: 2025-09-01'] })]));
      await c.until('the closeout warning with cmmc.today = 2025-08-20', () => codes(c.last(uri)!.diagnostics).includes('poam-closeout-due-soon'));
      c.configuration = { today: '2025-05-01', closeoutWarningDays: 30 };
      await c.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
      await c.until('no closeout warning with cmmc.today = 2025-05-01', () => !codes(c.last(uri)!.diagnostics).includes('poam-closeout-due-soon'));
      c.configuration = { today: 'next tuesday', closeoutWarningDays: 200 };
      await c.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
      await c.until('the 200-day warning window', () => codes(c.last(uri)!.diagnostics).includes('poam-closeout-due-soon'));
      assert.ok(
        c.logs.some((l) => /ignoring cmmc\.today "next tuesday"/.test(l)),
        `a bad date is reported in the log: ${c.logs.join(' | ')}`,
      );
      assert.equal(await c.stop(), 0);
    } finally {
      if (c.proc.exitCode === null) c.proc.kill();
    }
  });

  test('settings pushed without workspace/configuration (didChangeConfiguration settings.cmmc)', async () => {
    const uri = uriOf('pushed.poam.yaml');
    await client.open(uri, poam([...item('P-1', 'AC.L2-3.1.3')]));
    await client.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: { cmmc: { today: '2025-09-20' } } });
    await client.until('the expired closeout with today = 2025-09-20', () => codes(client.last(uri)!.diagnostics).includes('poam-closeout-expired'));
    await client.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: { cmmc: {} } });
    await client.until('back to the initializationOptions today', () => !codes(client.last(uri)!.diagnostics).includes('poam-closeout-expired'));
  });

  test('didChange for an unknown document is ignored; the server keeps answering', async () => {
    await client.conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: uriOf('never-opened.poam.yaml'), version: 9 },
      contentChanges: [{ text: 'kind: poam\n' }],
    });
    await client.conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: uriOf('never-opened.poam.yaml'), version: 10 },
      contentChanges: [{ range: { start: { line: 50, character: 0 }, end: { line: 60, character: 3 } }, text: 'x' }],
    });
    const h = await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri: uriOf('first.poam.yaml') }, position: { line: 6, character: 20 } });
    assert.ok(h);
    // Requests about documents that exist nowhere get empty answers, not errors.
    assert.equal(
      await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri: uriOf('nowhere.poam.yaml') }, position: { line: 0, character: 0 } }),
      null,
    );
    assert.deepEqual(await client.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: 'untitled:Untitled-1' } }), []);
    assert.equal(client.proc.exitCode, null);
  });

  test('1,000 rapid edits: the last diagnostics match the final text', async () => {
    const uri = uriOf('rapid.poam.yaml');
    await client.open(uri, poam([...item('P-1', 'AC.L2-3.1.3')]));
    const published = () => client.diagnostics.get(uri)!.length;
    const start = published();
    const sends: Promise<void>[] = [];
    for (let i = 0; i < 1000; i++) {
      const doc = client.texts.get(uri)!;
      const pos = doc.positionAt(doc.getText().indexOf('weakness: ') + 'weakness: '.length + (i % 7));
      // Type a character, and every 100th edit swap the practice between a good and an excluded id.
      const changes: TextDocumentContentChangeEvent[] = [{ range: { start: pos, end: pos }, text: String.fromCharCode(97 + (i % 26)) }];
      if (i % 100 === 99) {
        const t = doc.getText();
        const at = t.indexOf('practice: ') + 'practice: '.length;
        const end = t.indexOf('\n', at);
        changes.push({ range: { start: doc.positionAt(at), end: doc.positionAt(end) }, text: (i + 1) % 200 === 0 ? 'AC.L2-3.1.20' : 'AC.L2-3.1.3' });
      }
      sends.push(client.change(uri, changes));
    }
    await Promise.all(sends);
    const final = client.texts.get(uri)!;
    assert.equal(final.version, 1001);
    const got = await client.diagnosticsFor(uri, 1001);
    // The same text checked in-process gives the same diagnostics.
    const svc = createCmmcService({
      workspace: { read: (u) => (u === uri ? final.getText() : undefined), uris: () => [uri] },
      settings: () => ({ today: '2025-05-01' }),
    });
    assert.deepEqual(got, diagnosticsOf(svc.analyze(uri)));
    assert.deepEqual(codes(got), ['poam-missing-score', 'poam-practice-excluded'], `the final text has the excluded practice:\n${final.getText()}`);
    const runs = published() - start;
    assert.ok(runs < 100, `debounced: ${runs} publications for 1,000 edits`);
  });
});

describe('scaffolding over the protocol', () => {
  const gaps = { 'AC.L2-3.1.9': { status: 'not-met' }, 'AU.L2-3.3.7': { status: 'not-met' } };
  const practiceRange = (text: string, id: string) => {
    const doc = TextDocument.create('x', 'yaml', 0, text);
    const at = text.indexOf(`  ${id}:`) + 2;
    return { start: doc.positionAt(at), end: doc.positionAt(at + id.length) };
  };

  test('"Add a POA&M item" on an SSP practice edits the linked POA&M; the SSP finding goes', async () => {
    const sspUri = uriOf('cross.ssp.yaml');
    const poamUri = uriOf('cross.poam.yaml');
    const sspText = sspYaml(2, gaps);
    writeFileSync(join(dir, 'cross.ssp.yaml'), sspText);
    const poamText = poamYaml(2, [unitItem('POAM-001', 'AU.L2-3.3.7')], { ssp: 'cross.ssp.yaml' });
    writeFileSync(join(dir, 'cross.poam.yaml'), poamText);
    await client.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: poamUri, type: FileChangeType.Created }] });
    await client.open(sspUri, sspText);
    // The SSP's own findings come first; the cross-file ones when the linking POA&M is in.
    await client.until('the cross-file phase of the SSP', () => client.last(sspUri)!.diagnostics.some((d) => d.code === 'ssp-not-met-without-poam'));
    const before = client.last(sspUri)!.diagnostics;
    const target = before.filter((d) => d.code === 'ssp-not-met-without-poam');
    assert.equal(target.length, 1, codes(before).join(', '));
    const poamBefore = await client.open(poamUri, poamText);
    const actions = (await client.conn.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: sspUri },
      range: target[0].range,
      context: { diagnostics: target },
    })) as CodeAction[];
    const add = actions.find((a) => a.title === 'Add a POA&M item for AC.L2-3.1.9');
    assert.ok(add, actions.map((a) => a.title).join('; '));
    assert.deepEqual(Object.keys(add.edit!.changes!), [poamUri]);
    await client.change(
      poamUri,
      add.edit!.changes![poamUri].map((e) => ({ range: e.range, text: e.newText })),
    );
    const poamAfter = await client.diagnosticsFor(poamUri);
    assert.deepEqual(codes(poamAfter), codes(poamBefore), `no new POA&M finding:\n${client.text(poamUri)}`);
    await client.until('the SSP to see the new item', () => !client.last(sspUri)!.diagnostics.some((d) => d.code === 'ssp-not-met-without-poam'));
    assert.match(client.text(poamUri), /- id: POAM-002\n {4}practice: AC\.L2-3\.1\.9 # Privacy & Security Notices\n/);
    for (const uri of [sspUri, poamUri]) await client.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  });

  test('"Create a POA&M for this SSP" when none links it: a create-file edit with the init poam scaffold', async () => {
    const sspUri = uriOf('alone.ssp.yaml');
    const text = sspYaml(2, gaps);
    await client.open(sspUri, text);
    const actions = (await client.conn.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: sspUri },
      range: practiceRange(text, 'AC.L2-3.1.9'),
      context: { diagnostics: [] },
    })) as CodeAction[];
    const create = actions.find((a) => a.title === 'Create a POA&M for this SSP (alone.poam.yaml)');
    assert.ok(create, actions.map((a) => a.title).join('; '));
    const [made, filled] = create.edit!.documentChanges! as [{ kind: string; uri: string }, { edits: { newText: string }[] }];
    assert.deepEqual([made.kind, made.uri], ['create', uriOf('alone.poam.yaml')]);
    const poamUri = uriOf('alone.poam.yaml');
    const diags = await client.open(poamUri, filled.edits[0].newText);
    assert.deepEqual(codes(diags), ['poam-missing-conditional-date']);
    for (const uri of [sspUri, poamUri]) await client.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  });

  test('cmmc/scaffold: the SSP skeleton and the POA&M of the New SSP / New POA&M commands', async () => {
    const ssp = (await client.conn.sendRequest('cmmc/scaffold', { kind: 'ssp', level: 3, syntax: 'markdown' })) as { text: string };
    assert.match(ssp.text, /^level: 3 /m);
    assert.equal(ssp.text.match(/^## /gm)?.length, 134);
    writeFileSync(join(dir, 'req.ssp.yaml'), sspYaml(2, gaps));
    const poamRes = (await client.conn.sendRequest('cmmc/scaffold', {
      kind: 'poam',
      ssp: uriOf('req.ssp.yaml'),
      target: pathToFileURL(join(dir, 'plans', 'req.poam.md')).href,
      conditionalDate: '2025-03-15',
    })) as { text: string; items: number; uri: string };
    assert.equal(poamRes.items, 2);
    assert.match(poamRes.text, /^ssp: \.\.\/req\.ssp\.yaml$/m);
    assert.match(poamRes.text, /^Deadline: 2025-09-11$/m);
    const proposed = (await client.conn.sendRequest('cmmc/scaffold', { kind: 'poam', ssp: uriOf('req.ssp.yaml') })) as { uri: string; text: string };
    assert.equal(proposed.uri, uriOf('req.poam.yaml'));
    assert.match(proposed.text, /^ssp: req\.ssp\.yaml$/m);
    const refused = (await client.conn.sendRequest('cmmc/scaffold', { kind: 'poam', ssp: uriOf('cross.poam.yaml') })) as { error: string };
    assert.match(refused.error, /not an SSP/);
  });
});

describe('robustness and shutdown', () => {
  test('invalid JSON-RPC bytes: the server skips them and keeps answering; shutdown + exit -> code 0', async () => {
    const c = await Client.start({ today: '2025-05-01' });
    try {
      const uri = 'file:///virtual/garbage.poam.yaml';
      await c.open(uri, poam([...item('P-1', 'AC.L2-3.1.20')]));
      // A well-formed header with a body that is not JSON, headers without a usable
      // Content-Length, a request with parameters of the wrong types, a notification without any.
      c.proc.stdin.write('Content-Length: 10\r\n\r\n{garbage!}');
      c.proc.stdin.write('Content-Type: application/x-junk\r\n\r\n');
      c.proc.stdin.write('Content-Length: many\r\n\r\n');
      const junk = JSON.stringify({ jsonrpc: '2.0', id: 'x', method: 'textDocument/hover', params: { textDocument: { uri: 42 }, position: 'here' } });
      c.proc.stdin.write(`Content-Length: ${Buffer.byteLength(junk)}\r\n\r\n${junk}`);
      const bad = JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: null } });
      c.proc.stdin.write(`Content-Length: ${Buffer.byteLength(bad)}\r\n\r\n${bad}`);
      const h = (await c.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 6, character: 20 } })) as Hover & {
        contents: { value: string };
      };
      assert.match(h.contents.value, /AC\.L2-3\.1\.20/);
      assert.equal(c.proc.exitCode, null, 'still running');
      assert.equal(await c.stop(), 0);
    } finally {
      if (c.proc.exitCode === null) c.proc.kill();
    }
  });

  test('the main server shuts down cleanly', async () => {
    assert.equal(await client.stop(), 0);
  });
});
