/**
 * Side by side with yaml-language-server (the server inside Red Hat's YAML extension), configured
 * with our schemas as our package.json `yamlValidation` makes it: measured over real LSP, a schema
 * mistake is reported by both servers, and field-name/enum completions come from both; with
 * `initializationOptions.yamlServer` (what our client sends when redhat.vscode-yaml is installed)
 * ours leave those to it and keep their own codes and practice-id completions.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  CompletionRequest,
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
} from 'vscode-languageserver-protocol/node';
import { item, poamYaml } from '../unit/helpers';

const ROOT = resolve(__dirname, '../..');
let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'cmmc-yamlls-'));
  // The protocol layer runs after `npm run build`; build here only when the bundle is missing.
  if (!existsSync(join(ROOT, 'dist/server.js'))) {
    const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  }
});
after(() => rmSync(dir, { recursive: true, force: true }));

const schema = (kind: string) => pathToFileURL(join(ROOT, 'schemas', `${kind}.schema.json`)).href;
const YAML_SETTINGS = {
  validate: true,
  completion: true,
  hover: true,
  schemas: { [schema('poam')]: ['*.poam.yaml'], [schema('ssp')]: ['*.ssp.yaml'] },
  schemaStore: { enable: false },
};

/** Open one document in a server; return the first non-empty diagnostics and a completion at `at`. */
async function measure(cmd: string[], uri: string, text: string, at: { line: number; character: number }, initializationOptions: unknown) {
  const proc = spawn(cmd[0], cmd.slice(1), { stdio: 'pipe' });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
    p.items.map((i) => (i.section === 'yaml' ? YAML_SETTINGS : i.section === 'cmmc' ? { today: '2025-05-01' } : i.section?.startsWith('yaml') ? null : {})),
  );
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  const diagnostics = new Promise<Diagnostic[]>((res) => {
    conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      if (p.uri === uri && p.diagnostics.length) res(p.diagnostics);
    });
  });
  conn.listen();
  try {
    await conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(dir).href,
      workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'ws' }],
      capabilities: { workspace: { configuration: true }, textDocument: { completion: { completionItem: { snippetSupport: true } }, publishDiagnostics: {} } },
      initializationOptions,
    });
    await conn.sendNotification(InitializedNotification.type, {});
    await conn.sendNotification('workspace/didChangeConfiguration', { settings: { yaml: YAML_SETTINGS, cmmc: { today: '2025-05-01' } } });
    await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<Diagnostic[]>((_, rej) => (timer = setTimeout(() => rej(new Error(`${cmd.join(' ')}: no diagnostics`)), 15_000)));
    const diags = await Promise.race([diagnostics, timeout]).finally(() => clearTimeout(timer));
    const completion = await conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: at });
    const items: CompletionItem[] = Array.isArray(completion) ? completion : ((completion as CompletionList | null)?.items ?? []);
    return { diags, items };
  } finally {
    conn.dispose();
    proc.kill();
  }
}

test('a schema mistake and its completions: twice without the flag, once with it', { timeout: 60_000 }, async () => {
  const text = poamYaml(2, [item('P-1', 'AC.L2-3.1.3', { milestones: undefined, status: 'opne' })]);
  const file = join(dir, 'a.poam.yaml');
  writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  const lines = text.split('\n');
  const line = lines.findIndex((l) => /^\s+status: opne$/.test(l));
  const at = { line, character: lines[line].indexOf('opne') };
  const yamlls = await measure([process.execPath, join(ROOT, 'node_modules/yaml-language-server/bin/yaml-language-server'), '--stdio'], uri, text, at, {});
  const ours = (yamlServer: boolean) =>
    measure([process.execPath, join(ROOT, 'dist/server.js'), '--stdio'], uri, text, at, { today: '2025-05-01', yamlServer });
  const [alone, beside] = [await ours(false), await ours(true)];
  const onStatus = (ds: Diagnostic[]) => ds.filter((d) => d.range.start.line === line);
  // yaml-language-server reports the bad enum value from our schema...
  assert.ok(onStatus(yamlls.diags).length >= 1, JSON.stringify(yamlls.diags));
  // ...and so do we, without the flag: the duplicate the issue measured.
  assert.deepEqual(
    onStatus(alone.diags).map((d) => d.code),
    ['schema'],
  );
  assert.deepEqual(
    onStatus(beside.diags).map((d) => d.code),
    [],
  );
  // Our own codes stay.
  assert.ok(beside.diags.some((d) => d.code === 'poam-missing-milestones'));
  // Enum values: both servers offer `open` without the flag, only yaml-language-server with it.
  const offersOpen = (items: CompletionItem[]) => items.some((i) => i.label === 'open');
  assert.deepEqual([offersOpen(yamlls.items), offersOpen(alone.items), offersOpen(beside.items)], [true, true, false]);
});
