/**
 * The `cmmc/exportOscal` request over real LSP (`node dist/server.js --stdio`): the editor's
 * "Export as OSCAL" gets the OSCAL JSON of the open buffer (not the file on disk), and a reason
 * for a file that is not an SSP or POA&M or does not parse.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import {
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';

const ROOT = resolve(__dirname, '../..');
const SERVER = join(ROOT, 'dist/server.js');

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

const proc = (ensureBuilt(), spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' }));
after(() => proc.kill());

test('cmmc/exportOscal answers the open buffer as OSCAL, and a reason otherwise', async () => {
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const published = new Set<string>();
  let seen: () => void = () => undefined;
  conn.onNotification(PublishDiagnosticsNotification.type, (p) => (published.add(p.uri), seen()));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
  conn.listen();
  await conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null });
  await conn.sendNotification(InitializedNotification.type, {});

  const open = async (uri: string, text: string) => {
    const done = new Promise<void>((res) => (seen = () => published.has(uri) && res()));
    await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    await done;
  };
  const poam = 'file:///nowhere/unsaved.poam.yaml';
  await open(poam, 'kind: poam\nlevel: 2\nitems:\n  - id: P-1\n    practice: AC.L2-3.1.3\n    status: open\n    deadline: 2025-02-30\n');
  const ok = (await conn.sendRequest('cmmc/exportOscal', { uri: poam })) as { json: string; kind: string; warnings: string[] };
  assert.equal(ok.kind, 'poam');
  assert.equal(JSON.parse(ok.json)['plan-of-action-and-milestones']['poam-items'][0].props[0].value, 'P-1');
  assert.deepEqual(ok.warnings, ['item P-1 deadline: "2025-02-30" is not a calendar date OSCAL can hold; left out']);

  const broken = 'file:///nowhere/broken.ssp.yaml';
  await open(broken, 'kind: ssp\nlevel: [2\n');
  assert.match(((await conn.sendRequest('cmmc/exportOscal', { uri: broken })) as { error: string }).error, /^Not exported: the document does not parse/);
  assert.deepEqual(await conn.sendRequest('cmmc/exportOscal', { uri: 'file:///nowhere/notes.txt' }), { error: 'This file is not an SSP or POA&M.' });
});
