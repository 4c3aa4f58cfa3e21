/** The link index: the cheap `ssp:` scan, the graph kept current by events, slices, re-stat; the no-limit workspace. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LinkIndex, scanSspLink, UNKNOWN, type LinkSource } from '../../server/src/analysis/links';
import { createCmmcService } from '../../server/src/service';
import { LspWorkspace } from '../../server/src/workspace';
import { item, onePointers, poamMarkdown, poamDoc, poamYaml, sspYaml } from './helpers';

const Y = 'file:///ws/a.poam.yaml';
const M = 'file:///ws/a.poam.md';

test('scanSspLink reads a top-level ssp: line of YAML and markdown front matter, and nothing else', () => {
  assert.equal(scanSspLink('kind: poam\nssp: a.ssp.yaml\nitems: []\n', Y), 'a.ssp.yaml');
  assert.equal(scanSspLink('ssp: "dir/a b.ssp.yaml"  # the plan\n', Y), 'dir/a b.ssp.yaml');
  assert.equal(scanSspLink("ssp: 'it''s.ssp.yaml'\n", Y), "it's.ssp.yaml");
  assert.equal(scanSspLink('ssp: ../a.ssp.md # comment\n', Y), '../a.ssp.md');
  assert.equal(scanSspLink('\ufeffkind: poam\r\nssp: a.ssp.yaml\r\n', Y), 'a.ssp.yaml');
  // Not at the top level, not a key, or no ssp at all.
  assert.equal(scanSspLink('kind: poam\nitems:\n  - ssp: a.ssp.yaml\n', Y), null);
  assert.equal(scanSspLink('kind: poam\nsspx: a.ssp.yaml\n# ssp: b\n', Y), null);
  assert.equal(scanSspLink('kind: ssp\npractices: {}\n', Y), null);
  // An indented top level is still the top level.
  assert.equal(scanSspLink('  kind: poam\n  ssp: a.ssp.yaml\n', Y), 'a.ssp.yaml');
  // Forms a line cannot settle: the analyzer parses to know.
  assert.equal(scanSspLink('{kind: poam, ssp: a.ssp.yaml}\n', Y), UNKNOWN);
  assert.equal(scanSspLink('ssp:\n  a.ssp.yaml\n', Y), UNKNOWN);
  assert.equal(scanSspLink('ssp: *plan\n', Y), UNKNOWN);
  assert.equal(scanSspLink('ssp: a.ssp.yaml\nssp: b.ssp.yaml\n', Y), UNKNOWN);
  // Markdown: the front matter only.
  assert.equal(scanSspLink(poamMarkdown(poamDoc(2, [item('P-1', 'AC.L2-3.1.20')], { ssp: 'a.ssp.md' })), M), 'a.ssp.md');
  assert.equal(scanSspLink('---\nkind: poam\n---\n\nssp: a.ssp.md\n', M), null);
  assert.equal(scanSspLink('# Notes\n\nssp: a.ssp.md\n', M), null);
});

/** An in-memory source that counts reads. */
function source(files: Map<string, string>, watched = true) {
  const reads: string[] = [];
  const src: LinkSource & { reads: string[] } = {
    reads,
    uris: () => files.keys(),
    peek: (u) => (reads.push(u), files.get(u)),
    watched: () => watched,
    stamp: (u) => (files.has(u) ? String(files.get(u)!.length) : undefined),
  };
  return src;
}

test('LinkIndex: built once and lazily, kept current by touch/record/remove, never re-read per question', () => {
  const files = new Map([
    ['file:///ws/a.ssp.yaml', 'kind: ssp\n'],
    ['file:///ws/p1.poam.yaml', 'kind: poam\nssp: a.ssp.yaml\n'],
    ['file:///ws/sub/p2.poam.md', '---\nkind: poam\nssp: ../a.ssp.yaml\n---\n'],
    ['file:///ws/p3.poam.yaml', 'kind: poam\nssp: b.ssp.yaml\n'],
    ['file:///ws/odd.poam.yaml', '{kind: poam, ssp: a.ssp.yaml}'],
  ]);
  const src = source(files);
  const index = new LinkIndex(src);
  assert.equal(src.reads.length, 0, 'nothing is read before the first question');
  assert.deepEqual(index.linkers('file:///ws/a.ssp.yaml').sort(), ['file:///ws/odd.poam.yaml', 'file:///ws/p1.poam.yaml', 'file:///ws/sub/p2.poam.md']);
  assert.deepEqual(index.linkers('file:///ws/b.ssp.yaml').sort(), ['file:///ws/odd.poam.yaml', 'file:///ws/p3.poam.yaml']);
  assert.equal(src.reads.length, 5);
  index.linkers('file:///ws/a.ssp.yaml');
  assert.equal(src.reads.length, 5, 'a second question reads nothing');
  assert.equal(index.targetOf('file:///ws/p3.poam.yaml'), 'file:///ws/b.ssp.yaml');
  index.takeDirtyTargets();

  // A file event: only that file is read again, and both SSPs it moved between are dirty.
  files.set('file:///ws/p3.poam.yaml', 'kind: poam\nssp: a.ssp.yaml\n');
  index.touch('file:///ws/p3.poam.yaml');
  assert.ok(!index.settled());
  assert.ok(index.linkers('file:///ws/a.ssp.yaml').includes('file:///ws/p3.poam.yaml'));
  assert.deepEqual(src.reads.slice(5), ['file:///ws/p3.poam.yaml']);
  assert.deepEqual([...index.takeDirtyTargets()].sort(), ['file:///ws/a.ssp.yaml', 'file:///ws/b.ssp.yaml']);
  // A parse's exact link replaces the scan; an unknown form becomes known.
  index.record('file:///ws/odd.poam.yaml', 'b.ssp.yaml');
  assert.ok(!index.linkers('file:///ws/a.ssp.yaml').includes('file:///ws/odd.poam.yaml'));
  assert.deepEqual(index.linkers('file:///ws/b.ssp.yaml'), ['file:///ws/odd.poam.yaml']);
  index.remove('file:///ws/sub/p2.poam.md');
  assert.ok(!index.linkers('file:///ws/a.ssp.yaml').includes('file:///ws/sub/p2.poam.md'));
  // A created file (a touch of a new URI) joins the graph; a non-document never does.
  files.set('file:///ws/new.poam.yaml', 'kind: poam\nssp: ./a.ssp.yaml\n');
  index.touch('file:///ws/new.poam.yaml');
  index.touch('file:///ws/notes.txt');
  assert.ok(index.linkers('file:///ws/a.ssp.yaml').includes('file:///ws/new.poam.yaml'));
  assert.ok(!src.reads.includes('file:///ws/notes.txt'));
});

test('LinkIndex: a storm of touches is scanned in bounded slices', () => {
  const files = new Map<string, string>();
  for (let i = 0; i < 10_000; i++) files.set(`file:///ws/f${i}.yaml`, `name: f${i}\n`);
  files.set('file:///ws/z.poam.yaml', 'kind: poam\nssp: a.ssp.yaml\n');
  let clock = 0;
  const src = source(files);
  const peek = src.peek;
  src.peek = (u) => ((clock += 0.01), peek(u));
  const index = new LinkIndex(src, { now: () => clock });
  index.linkers('file:///ws/a.ssp.yaml');
  for (const u of files.keys()) index.touch(u);
  let slices = 0;
  while (!index.pump(10)) slices++;
  // 0.01 ms a read, 10 ms a slice: about 1,000 reads a slice.
  assert.ok(slices >= 8 && slices <= 12, `${slices} slices`);
  assert.deepEqual(index.linkers('file:///ws/a.ssp.yaml'), ['file:///ws/z.poam.yaml']);
});

test('LinkIndex over a source without file events: re-listed and re-statted after refreshMs, re-read only when changed', () => {
  const files = new Map([
    ['file:///ws/p1.poam.yaml', 'kind: poam\nssp: a.ssp.yaml\n'],
    ['file:///ws/p2.poam.yaml', 'kind: poam\n'],
  ]);
  let clock = 0;
  const src = source(files, false);
  const index = new LinkIndex(src, { refreshMs: 1000, now: () => clock });
  assert.deepEqual(index.linkers('file:///ws/a.ssp.yaml'), ['file:///ws/p1.poam.yaml']);
  files.set('file:///ws/p2.poam.yaml', 'kind: poam\nssp: a.ssp.yaml\n');
  files.set('file:///ws/p3.poam.yaml', 'kind: poam\nssp: a.ssp.yaml\n');
  files.delete('file:///ws/p1.poam.yaml');
  clock = 500;
  assert.deepEqual(index.linkers('file:///ws/a.ssp.yaml'), ['file:///ws/p1.poam.yaml'], 'not before refreshMs');
  clock = 1500;
  src.reads.length = 0;
  assert.deepEqual(index.linkers('file:///ws/a.ssp.yaml').sort(), ['file:///ws/p2.poam.yaml', 'file:///ws/p3.poam.yaml']);
  assert.deepEqual(src.reads.sort(), ['file:///ws/p2.poam.yaml', 'file:///ws/p3.poam.yaml'], 'unchanged stamps are not re-read');
});

test('a POA&M deeper than the 2,000th file is found: no false ssp-not-met-without-poam, and the other side still reported', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cmmc-links-'));
  try {
    mkdirSync(join(dir, 'a-unrelated'));
    for (let i = 0; i < 2500; i++) writeFileSync(join(dir, 'a-unrelated', `f${String(i).padStart(4, '0')}.yaml`), `name: f${i}\nvalue: ${i}\n`);
    mkdirSync(join(dir, 'zz', 'deep'), { recursive: true });
    mkdirSync(join(dir, 'a-early'));
    const [p1, p2, p3] = onePointers(3);
    writeFileSync(join(dir, 'a-early', 'b.poam.yaml'), poamYaml(2, [item('P-2', p2)], { ssp: '../a.ssp.yaml' }));
    writeFileSync(join(dir, 'zz', 'deep', 'a.poam.yaml'), poamYaml(2, [item('P-1', p1)], { ssp: '../../a.ssp.yaml' }));
    const ssp = pathToFileURL(join(dir, 'a.ssp.yaml')).href;
    const sspText = sspYaml(2, { [p1]: { status: 'not-met' }, [p2]: { status: 'not-met' }, [p3]: { status: 'not-met' } });
    const open = new Map([[ssp, { uri: ssp, version: 1, getText: () => sspText }]]);
    const workspace = new LspWorkspace({ get: (u) => open.get(u), all: () => [...open.values()] });
    workspace.setFolders([pathToFileURL(dir).href]);
    const service = createCmmcService({ workspace, settings: () => ({ today: '2025-05-01' }) });
    const missing = service.validate(ssp).filter((f) => f.code === 'ssp-not-met-without-poam');
    // The scan used to stop at 2,000 files and miss the deep POA&M: p1 was reported too.
    assert.deepEqual(
      missing.map((f) => f.message.split(' ')[0]),
      [p3],
    );
    assert.equal(service.analyze(ssp)!.poams!.length, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('checkOrder: each linked SSP, then the documents that link it, then the rest; the last of a group closes its SSP', () => {
  const files = new Map([
    ['file:///ws/p1.poam.yaml', 'kind: poam\nssp: b.ssp.yaml\n'],
    ['file:///ws/a.ssp.yaml', 'kind: ssp\n'],
    ['file:///ws/b.ssp.yaml', 'kind: ssp\n'],
    ['file:///ws/p2.poam.yaml', 'kind: poam\nssp: a.ssp.yaml\n'],
    ['file:///ws/p3.poam.yaml', 'kind: poam\nssp: b.ssp.yaml\n'],
    ['file:///ws/lone.poam.yaml', 'kind: poam\nssp: gone.ssp.yaml\n'],
  ]);
  const index = new LinkIndex(source(files));
  const { order, closes } = index.checkOrder([...files.keys()]);
  const name = (u: string) => u.slice('file:///ws/'.length);
  assert.deepEqual(order.map(name), ['a.ssp.yaml', 'p2.poam.yaml', 'b.ssp.yaml', 'p1.poam.yaml', 'p3.poam.yaml', 'lone.poam.yaml']);
  assert.deepEqual(
    [...closes].map(([k, v]) => [name(k), name(v)]),
    [
      ['p2.poam.yaml', 'a.ssp.yaml'],
      ['p3.poam.yaml', 'b.ssp.yaml'],
    ],
  );
});

test('LspWorkspace: a link scan keeps no text; with file events, cached texts are trusted until an event says otherwise', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cmmc-peek-'));
  try {
    const file = join(dir, 'a.poam.yaml');
    const uri = pathToFileURL(file).href;
    writeFileSync(file, 'kind: poam\nssp: a.ssp.yaml\n');
    const ws = new LspWorkspace({ get: () => undefined, all: () => [] });
    ws.setFolders([pathToFileURL(dir).href]); // files are read only inside the workspace folders
    ws.fileChanged(pathToFileURL(join(dir, 'other.yaml')).href, 'changed'); // the client sends events
    assert.equal(ws.peek(uri), 'kind: poam\nssp: a.ssp.yaml\n');
    writeFileSync(file, 'kind: poam\nssp: b.ssp.yaml\n');
    // Had the scan kept the text, this read would serve it (events on: no stat).
    assert.equal(ws.read(uri), 'kind: poam\nssp: b.ssp.yaml\n');
    writeFileSync(file, 'kind: poam\nssp: c.ssp.yaml\n');
    assert.equal(ws.read(uri), 'kind: poam\nssp: b.ssp.yaml\n', 'no event yet: the cached text');
    ws.fileChanged(uri, 'changed');
    assert.equal(ws.read(uri), 'kind: poam\nssp: c.ssp.yaml\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
