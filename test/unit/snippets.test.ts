/**
 * Completion snippets (features/snippets.ts): a new POA&M item and a new SSP practice section,
 * offered where they fit and nowhere else; each one expanded with its defaults (first choice)
 * and inserted gives a document with the new entry and no syntax or schema finding.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CompletionItem, Position, TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createCmmcService } from '../../server/src/service';
import { item, poamDoc, poamMarkdown, poamYaml, sspDoc, sspMarkdown, sspYaml } from './helpers';

const BASE = 'file:///ws/';

function service(files: Map<string, string>) {
  return createCmmcService({ workspace: { read: (u) => files.get(u), uris: () => files.keys() }, settings: () => ({ today: '2025-05-01' }) });
}

/** A snippet with every placeholder at its default: the first choice, or the placeholder text. */
function expand(snippet: string): string {
  return snippet.replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1').replace(/\$\{\d+:((?:\\.|[^}\\])*)\}/g, (_, t: string) => t.replace(/\\(.)/g, '$1'));
}

/** Complete at the end of `line` (text with `line` inserted at line index `at`) and apply the snippet named `label`. */
function insert(name: string, text: string, at: number, line: string, label: string): { text: string; items: CompletionItem[] } {
  const ls = text.split('\n');
  ls.splice(at, 0, line);
  const typed = ls.join('\n');
  const files = new Map([[BASE + name, typed]]);
  const svc = service(files);
  const position: Position = { line: at, character: line.length };
  const items = svc.complete(BASE + name, position);
  const s = items.find((i) => i.label === label);
  if (!s) return { text: typed, items };
  const edit = s.textEdit as TextEdit;
  return { text: TextDocument.applyEdits(TextDocument.create('x', 'x', 0, typed), [{ range: edit.range, newText: expand(edit.newText) }]), items };
}

function check(name: string, text: string) {
  return service(new Map([[BASE + name, text]])).analyze(BASE + name)!;
}
const structural = (name: string, text: string) => check(name, text).findings.filter((f) => f.code === 'syntax' || f.code === 'schema');

describe('snippets', () => {
  test('YAML POA&M: "New POA&M item" after `- ` under items: next id, a deferrable practice, the closeout deadline', () => {
    const text = poamYaml(2, [item('POAM-007', 'AU.L2-3.3.7')]);
    const at = text.split('\n').length - 1;
    const r = insert('a.poam.yaml', text, at, '  - ', 'New POA&M item');
    assert.ok(
      r.items.some((i) => i.label === 'New POA&M item'),
      r.items.map((i) => i.label).join(', '),
    );
    assert.deepEqual(structural('a.poam.yaml', r.text), [], r.text);
    const m = check('a.poam.yaml', r.text).parsed.model!;
    const added = m.kind === 'poam' ? m.items[1] : assert.fail();
    assert.equal(added.id?.value, 'POAM-008');
    assert.equal(added.practice?.value, 'AC.L2-3.1.3', 'the first deferrable Level 2 requirement');
    assert.equal(added.deadline?.value, '2025-09-11');
    assert.equal(added.milestones?.value[0].due?.value, '2025-09-11');
  });

  test('markdown POA&M: "New POA&M item" on a `## ` line', () => {
    const text = poamMarkdown(poamDoc(2, [item('P-1', 'AU.L2-3.3.7')]));
    const at = text.split('\n').length - 1;
    const r = insert('a.poam.md', text, at, '## ', 'New POA&M item');
    assert.deepEqual(structural('a.poam.md', r.text), [], r.text);
    const m = check('a.poam.md', r.text).parsed.model!;
    const added = m.kind === 'poam' ? m.items[1] : assert.fail();
    assert.deepEqual([added.id?.value, added.practice?.value, added.status?.value, added.milestones?.value.length], ['P-2', 'AC.L2-3.1.3', 'open', 1]);
  });

  test('YAML SSP: "New practice section" under practices offers the unlisted ids only', () => {
    const text = sspYaml(2, { 'AC.L2-3.1.1': null, 'AC.L2-3.1.2': null });
    const at = text.split('\n').length - 1;
    const r = insert('a.ssp.yaml', text, at, '  ', 'New practice section');
    const s = r.items.find((i) => i.label === 'New practice section')!;
    assert.match((s.textEdit as TextEdit).newText, /^\$\{1\|AC\.L2-3\.1\.1,AC\.L2-3\.1\.2\|\}:/);
    assert.deepEqual(structural('a.ssp.yaml', r.text), [], r.text);
    const m = check('a.ssp.yaml', r.text).parsed.model!;
    const p = m.kind === 'ssp' ? m.practices.find((x) => x.id.value === 'AC.L2-3.1.1') : undefined;
    assert.equal(p?.status?.value, 'met');
  });

  test('markdown SSP: "New practice section" on a `## ` line', () => {
    const text = sspMarkdown(sspDoc(1, { 'SI.L1-b.1.xv': null }));
    const r = insert('a.ssp.md', text, text.split('\n').length - 1, '## ', 'New practice section');
    assert.deepEqual(structural('a.ssp.md', r.text), [], r.text);
    assert.deepEqual(
      check('a.ssp.md', r.text).findings.map((f) => f.code),
      ['ssp-score'],
    );
  });

  test('not offered elsewhere: a complete SSP, inside a POA&M item, in front matter, on a field line', () => {
    const full = sspYaml(2);
    assert.equal(
      insert('a.ssp.yaml', full, full.split('\n').length - 1, '  ', 'New practice section').items.some((i) => i.label === 'New practice section'),
      false,
    );
    const poam = poamYaml(2, [item('P-1', 'AU.L2-3.3.7')]);
    const lines = poam.split('\n');
    const inItem = lines.findIndex((l) => l.includes('weakness:')) + 1;
    assert.equal(
      insert('a.poam.yaml', poam, inItem, '    ', 'New POA&M item').items.some((i) => i.label === 'New POA&M item'),
      false,
    );
    const md = poamMarkdown(poamDoc(2, [item('P-1', 'AU.L2-3.3.7')]));
    assert.equal(
      insert('a.poam.md', md, 2, '## ', 'New POA&M item').items.some((i) => i.label === 'New POA&M item'),
      false,
      'front matter',
    );
    assert.equal(
      insert('a.poam.md', md, md.split('\n').length - 1, 'Status: ', 'New POA&M item').items.some((i) => i.label === 'New POA&M item'),
      false,
    );
  });
});
