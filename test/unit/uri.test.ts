/**
 * URIs and the workspace boundary (issue 11, items 2 and 4): documents opened under VS Code's
 * spelling link and are linked exactly as under Node's; a POA&M follows the unsaved buffer of
 * its SSP; links outside the workspace folders are never read, and the finding does not say
 * whether the file exists.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { URI } from 'vscode-uri';
import type { Diagnostic } from 'vscode-languageserver';
import { normalizeUri, resolveLink } from '../../server/src/documents/uri';
import { Session, type Output } from '../../server/src/session/session';
import { item, poamYaml, sspYaml } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'cmmc-uri-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const NAMES = ['Acme (CUI)', "& + [ ] '", 'a#b?c%20d', 'plain'];

test('normalizeUri: vscode-uri and Node spell the same file the same way', () => {
  for (const name of NAMES) {
    const path = join(dir, `${name}.ssp.yaml`);
    const vscode = URI.file(path).toString();
    const node = pathToFileURL(path).href;
    assert.equal(normalizeUri(vscode), normalizeUri(node), name);
    assert.equal(normalizeUri(node), node, 'Node spelling is the canonical one');
  }
  assert.notEqual(normalizeUri(URI.file(join(dir, 'a.ssp.yaml')).toString()), normalizeUri(pathToFileURL(join(dir, 'b.ssp.yaml')).href));
  // Drive letters: VS Code writes c%3A, Node C:.
  assert.equal(normalizeUri('file:///c%3A/ws/a.yaml'), normalizeUri('file:///C:/ws/a.yaml'));
  assert.equal(normalizeUri('untitled:Untitled-1'), 'untitled:Untitled-1');
});

test('resolveLink: a link is a path, so # ? % and spaces are parts of the name', () => {
  const base = URI.file(join(dir, 'Acme (CUI).poam.yaml')).toString();
  for (const name of NAMES) assert.equal(resolveLink(base, `${name}.ssp.yaml`), pathToFileURL(join(dir, `${name}.ssp.yaml`)).href, name);
  assert.equal(resolveLink(base, '../up.ssp.yaml'), pathToFileURL(join(dir, '../up.ssp.yaml')).href);
  assert.equal(resolveLink(base, pathToFileURL('/abs/x.ssp.yaml').href), 'file:///abs/x.ssp.yaml');
  assert.equal(resolveLink(base, 'a\u0000.ssp.yaml'), undefined);
});

function recorder() {
  const published = new Map<string, Diagnostic[]>();
  const out: Output = {
    publishDiagnostics: (p) => published.set(normalizeUri(p.uri), p.diagnostics),
    status: () => undefined,
    error: (m) => assert.fail(m),
    warn: () => undefined,
    log: () => undefined,
  };
  return { out, published };
}

const settle = () => new Promise((r) => setTimeout(r, 150));

function session(folder: string) {
  const r = recorder();
  const s = new Session(r.out);
  const workspaceFolders = [{ uri: URI.file(folder).toString(), name: 'ws' }];
  s.initialize({ processId: null, rootUri: null, workspaceFolders, capabilities: {}, initializationOptions: { today: '2025-05-01' } });
  const codes = (uri: string) => (r.published.get(normalizeUri(uri)) ?? []).map((d) => String(d.code));
  const messages = (uri: string) => (r.published.get(normalizeUri(uri)) ?? []).map((d) => d.message);
  return { s, codes, messages };
}

for (const name of NAMES) {
  test(`documents named "${name}" link and are linked under VS Code's spelling, following unsaved buffers`, async () => {
    const ws = join(dir, `ws-${NAMES.indexOf(name)}`);
    mkdirSync(ws);
    // On disk the SSP has everything met; the open buffer leaves AC.L2-3.1.9 not met.
    writeFileSync(join(ws, `${name}.ssp.yaml`), sspYaml(2));
    const { s, codes } = session(ws);
    const ssp = URI.file(join(ws, `${name}.ssp.yaml`)).toString();
    const poam = URI.file(join(ws, `${name}.poam.yaml`)).toString();
    s.open(poam, 'yaml', 1, poamYaml(2, [item('P-1', 'AC.L2-3.1.10')], { ssp: `${name}.ssp.yaml` }));
    await settle();
    assert.ok(!codes(poam).includes('poam-ssp-not-found'), `linked from disk: ${codes(poam)}`);
    assert.ok(codes(poam).includes('poam-practice-met-in-ssp'), 'the SSP on disk says AC.L2-3.1.10 is met');
    s.open(ssp, 'yaml', 1, sspYaml(2, { 'AC.L2-3.1.9': { status: 'not-met' }, 'AC.L2-3.1.10': { status: 'not-met' } }));
    await settle();
    assert.ok(!codes(poam).includes('poam-practice-met-in-ssp'), 'the POA&M follows the unsaved SSP buffer');
    assert.ok(codes(ssp).includes('ssp-not-met-without-poam'), `the SSP sees the POA&M: ${codes(ssp)}`);
  });
}

test('server: a link outside the workspace folders is never read, and says the same whether the file exists or not', async () => {
  const ws = join(dir, 'bounded');
  mkdirSync(ws);
  writeFileSync(join(dir, 'secret.ssp.yaml'), sspYaml(2));
  const { s, codes, messages } = session(ws);
  const a = URI.file(join(ws, 'a.poam.yaml')).toString();
  const b = URI.file(join(ws, 'b.poam.yaml')).toString();
  s.open(a, 'yaml', 1, poamYaml(2, [item('P-1', 'AC.L2-3.1.10')], { ssp: '../secret.ssp.yaml' }));
  s.open(b, 'yaml', 1, poamYaml(2, [item('P-1', 'AC.L2-3.1.10')], { ssp: '../absent.ssp.yaml' }));
  await settle();
  const found = messages(a).find((m) => m.includes('outside the workspace'));
  const absent = messages(b).find((m) => m.includes('outside the workspace'));
  assert.ok(found && absent, `${messages(a)} / ${messages(b)}`);
  assert.equal(found.replace('secret', 'X'), absent.replace('absent', 'X'), 'the message does not reveal which file exists');
  assert.ok(codes(a).includes('poam-ssp-not-found'));
  // A symbolic link inside the folder to a file outside is outside too.
  symlinkSync(join(dir, 'secret.ssp.yaml'), join(ws, 'link.ssp.yaml'));
  const c = URI.file(join(ws, 'c.poam.yaml')).toString();
  s.open(c, 'yaml', 1, poamYaml(2, [item('P-1', 'AC.L2-3.1.10')], { ssp: 'link.ssp.yaml' }));
  await settle();
  assert.ok(
    messages(c).some((m) => m.includes('outside the workspace')),
    `${messages(c)}`,
  );
  // An open document is inside, wherever it lives.
  const secret = URI.file(join(dir, 'secret.ssp.yaml')).toString();
  s.open(secret, 'yaml', 1, sspYaml(2));
  await settle();
  assert.ok(!codes(a).includes('poam-ssp-not-found'), 'an open SSP may be linked');
});

test('a file event under VS Code spelling drops the disk text read under Node spelling', async () => {
  const ws = join(dir, 'events (1)');
  mkdirSync(ws);
  const sspPath = join(ws, 'Acme (CUI).ssp.yaml');
  const met = sspYaml(2);
  writeFileSync(sspPath, met);
  utimesSync(sspPath, 1_700_000_000, 1_700_000_000);
  const { s, codes } = session(ws);
  const poam = URI.file(join(ws, 'p.poam.yaml')).toString();
  s.open(poam, 'yaml', 1, poamYaml(2, [item('P-1', 'AC.L2-3.1.10')], { ssp: 'Acme (CUI).ssp.yaml' }));
  await settle();
  assert.ok(codes(poam).includes('poam-practice-met-in-ssp'));
  // Same size, same modification time: only the event can tell the text changed.
  const notMet = met.replace(/(AC\.L2-3\.1\.10:\n {4}status:) met/, '$1 not'); // "met" -> "not": same length
  assert.equal(notMet.length, met.length);
  assert.notEqual(notMet, met);
  writeFileSync(sspPath, notMet);
  utimesSync(sspPath, 1_700_000_000, 1_700_000_000);
  s.filesChanged([{ uri: URI.file(sspPath).toString(), type: 2 }]);
  await settle();
  assert.ok(!codes(poam).includes('poam-practice-met-in-ssp'), `${codes(poam)}`);
});
