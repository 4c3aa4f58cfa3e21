/**
 * The `cmmc/report` request over stdio (what the editor's "Show readiness report" asks): the HTML
 * of the set of the given document, with the webview's nonce in its policy, reflecting unsaved
 * edits of open documents and a POA&M on disk; and the SSP CodeLens runs `cmmc.showReport`.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  CodeLensRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';

const ROOT = resolve(__dirname, '../..');
const SERVER = join(ROOT, 'dist/server.js');

test('cmmc/report answers the HTML of the document set, with the nonce, following edits', async () => {
  if (!existsSync(SERVER)) assert.equal(spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT }).status, 0);
  const dir = mkdtempSync(join(tmpdir(), 'cmmc-report-protocol-'));
  const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' });
  after(() => {
    if (proc.exitCode === null) proc.kill();
    rmSync(dir, { recursive: true, force: true });
  });
  const ssp = readFileSync(join(ROOT, 'samples/acme.ssp.yaml'), 'utf8');
  writeFileSync(join(dir, 'acme.ssp.yaml'), ssp);
  writeFileSync(join(dir, 'acme.poam.yaml'), readFileSync(join(ROOT, 'samples/acme.poam.yaml'), 'utf8'));
  writeFileSync(join(dir, 'other.poam.yaml'), 'kind: poam\nlevel: 2\nsystem: Elsewhere\nconditional_status_date: 2025-03-15\nitems: []\n');
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  const root = pathToFileURL(dir).href;
  await conn.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: root,
    capabilities: {},
    initializationOptions: { today: '2025-05-01' },
    workspaceFolders: [{ uri: root, name: 'ws' }],
  });
  await conn.sendNotification(InitializedNotification.type, {});
  const uri = pathToFileURL(join(dir, 'acme.ssp.yaml')).href;
  await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text: ssp } });

  const html = await conn.sendRequest<string>('cmmc/report', { uri, nonce: 'n0nce' });
  assert.match(html, /style-src 'nonce-n0nce'/);
  assert.match(html, /Conditional Level 2 eligible: score 104 of 110/);
  assert.match(html, /acme\.poam\.yaml/, 'the POA&M on disk that links the SSP');
  assert.doesNotMatch(html, /Elsewhere/, 'only the set of the focused document');
  assert.match(await conn.sendRequest<string>('cmmc/report', {}), /Elsewhere/, 'no focus: every set');

  // An unsaved edit: AC.L2-3.1.1 not met blocks Conditional status.
  const at = ssp.indexOf('status: met');
  const before = ssp.slice(0, at).split('\n');
  const line = before.length - 1;
  const character = before[line].length + 'status: '.length;
  await conn.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line, character }, end: { line, character: character + 3 } }, text: 'not-met' }],
  });
  const edited = await conn.sendRequest<string>('cmmc/report', { uri, nonce: 'n0nce' });
  assert.match(edited, /Not Conditional eligible: score 99 of 110/);
  assert.match(edited, /AC\.L2-3\.1\.1<\/code> Authorized Access Control/);

  const lenses = await conn.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
  assert.deepEqual(
    lenses?.map((l) => [l.command?.command, l.command?.arguments]),
    [['cmmc.showReport', [uri]]],
  );

  await conn.sendRequest(ShutdownRequest.type);
  await conn.sendNotification(ExitNotification.type);
});
