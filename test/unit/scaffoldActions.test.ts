/**
 * The scaffold code actions (features/scaffoldActions.ts), each applied and the documents
 * re-checked: the finding it targets is gone and no syntax or schema finding appears, in YAML
 * and markdown, with LF and CRLF files; and the places where an action must not be offered.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CodeAction, CreateFile, Range, TextDocumentEdit, TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Document } from 'yaml';
import { requirementsForSsp } from '../../server/src/catalog/requirements';
import type { Finding } from '../../server/src/documents/findings';
import { codeActions } from '../../server/src/features/codeActions';
import { toDiagnostic } from '../../server/src/features/diagnostics';
import { rangeOf, textDocumentOf } from '../../server/src/features/text';
import { sspScaffold } from '../../server/src/scaffold/ssp';
import { createCmmcService } from '../../server/src/service';
import { item, poamDoc, poamMarkdown, poamYaml, sspDoc, sspMarkdown, sspYaml } from './helpers';

const BASE = 'file:///ws/';
const TODAY = '2025-05-01';
type Syntax = 'yaml' | 'markdown';
const VARIANTS: readonly { syntax: Syntax; crlf: boolean }[] = [
  { syntax: 'yaml', crlf: false },
  { syntax: 'yaml', crlf: true },
  { syntax: 'markdown', crlf: false },
  { syntax: 'markdown', crlf: true },
];
const label = (v: { syntax: Syntax; crlf: boolean }) => `${v.syntax}${v.crlf ? ' CRLF' : ''}`;
const ext = (s: Syntax) => (s === 'yaml' ? 'yaml' : 'md');
const eol = (text: string, crlf: boolean) => (crlf ? text.replace(/\r?\n/g, '\r\n') : text);

function workspace(files: Record<string, string>) {
  const map = new Map(Object.entries(files).map(([k, v]) => [BASE + k, v]));
  const service = createCmmcService({
    workspace: { read: (u) => map.get(u), uris: () => map.keys() },
    settings: () => ({ today: TODAY }),
    log: (m) => assert.fail(m),
  });
  return {
    service,
    map,
    findings: (name: string) => service.validate(BASE + name),
    /** The actions at a range of `name` (the client naming the diagnostics under it). */
    actions(name: string, range: Range, findings: readonly Finding[] = [], withReader = true): CodeAction[] {
      const analysis = service.analyze(BASE + name)!;
      const doc = textDocumentOf(analysis.parsed);
      return codeActions(analysis, range, { diagnostics: findings.map((f) => toDiagnostic(f, doc)) }, withReader ? service.parse : undefined);
    },
    rangeOf(name: string, f: { span: { start: number; end: number } }): Range {
      return rangeOf(TextDocument.create(BASE + name, 'x', 0, map.get(BASE + name)!), f.span);
    },
    apply(uri: string, edits: readonly TextEdit[]) {
      const text = map.get(uri) ?? '';
      map.set(uri, TextDocument.applyEdits(TextDocument.create(uri, 'x', 0, text), [...edits]));
      service.forget();
    },
  };
}

const structural = (fs: readonly Finding[]) => fs.filter((f) => f.code === 'syntax' || f.code === 'schema');
const count = (fs: readonly Finding[], code: string) => fs.filter((f) => f.code === code).length;

function assertLineEndings(text: string, crlf: boolean) {
  if (crlf) assert.ok(!/[^\r]\n/.test(text), 'every line ends with CRLF');
  else assert.ok(!text.includes('\r'), 'no CR in an LF file');
}

function ids(ws: ReturnType<typeof workspace>, name: string): string[] {
  const m = ws.service.parse(BASE + name)!.model!;
  return m.kind === 'ssp' ? m.practices.map((p) => p.id.value) : m.items.map((i) => i.practice?.value ?? '');
}

describe('Add the N missing practices (ssp-practice-missing)', () => {
  const gone = ['AC.L2-3.1.1', 'AC.L2-3.1.9', 'AT.L2-3.2.1', 'AU.L2-3.3.1', 'SI.L2-3.14.7'];
  for (const v of VARIANTS) {
    for (const from of ['filled', 'skeleton'] as const) {
      test(`${label(v)}, ${from} SSP: every missing practice at its catalog place, with its title`, () => {
        const name = `a.ssp.${ext(v.syntax)}`;
        const over = Object.fromEntries(gone.map((id) => [id, null]));
        let text =
          from === 'filled'
            ? v.syntax === 'yaml'
              ? sspYaml(2, over)
              : sspMarkdown(sspDoc(2, over))
            : sspScaffold({ level: 2, syntax: v.syntax, date: TODAY });
        if (from === 'skeleton') {
          for (const id of gone) {
            const r = requirementsForSsp(2).find((q) => q.id === id)!;
            const before = text;
            text = text.replace(
              v.syntax === 'yaml' ? `  ${id}: # ${r.title}\n    status: not-met\n` : new RegExp(`## ${id} .*\\n\\nStatus: not-met\\n(\\n|$)`),
              '',
            );
            assert.notEqual(text, before, `${id} removed`);
          }
        }
        text = eol(text, v.crlf);
        const ws = workspace({ [name]: text });
        const before = ws.findings(name);
        assert.equal(count(before, 'ssp-practice-missing'), gone.length);
        const target = before.filter((f) => f.code === 'ssp-practice-missing');
        const actions = ws.actions(name, ws.rangeOf(name, target[0]), target);
        const add = actions.find((a) => a.title === `Add the ${gone.length} missing practices`);
        assert.ok(add, actions.map((a) => a.title).join('; '));
        assert.equal(add.isPreferred, true);
        ws.apply(BASE + name, add.edit!.changes![BASE + name]);
        const after = ws.findings(name);
        const fixed = ws.map.get(BASE + name)!;
        assert.equal(count(after, 'ssp-practice-missing'), 0, fixed);
        assert.deepEqual(structural(after), [], fixed);
        assert.deepEqual(
          ids(ws, name),
          requirementsForSsp(2).map((r) => r.id),
          'catalog order',
        );
        assertLineEndings(fixed, v.crlf);
        for (const id of gone) assert.ok(fixed.includes(requirementsForSsp(2).find((r) => r.id === id)!.title), `${id} title`);
        if (from === 'skeleton') {
          assert.deepEqual(
            after.map((f) => f.code),
            ['ssp-score'],
            'still a skeleton',
          );
          if (v.syntax === 'yaml') assert.match(fixed, /# Access Control\r?\n {2}AC\.L2-3\.1\.1: # Authorized Access Control/, 'under its family comment');
          else assert.match(fixed, /# Access Control\r?\n\r?\n## AC\.L2-3\.1\.1 Authorized/, 'under its family heading');
        }
      });
    }
  }

  test('one missing practice: the title names it; a 4-space YAML SSP keeps its indentation', () => {
    const text = new Document(sspDoc(2, { 'CM.L2-3.4.2': null })).toString({ lineWidth: 0, indent: 4 });
    const ws = workspace({ 'a.ssp.yaml': text });
    const f = ws.findings('a.ssp.yaml').find((x) => x.code === 'ssp-practice-missing')!;
    const [add] = ws.actions('a.ssp.yaml', ws.rangeOf('a.ssp.yaml', f), [f]);
    assert.equal(add.title, 'Add the missing practice CM.L2-3.4.2 (Security Configuration Enforcement)');
    ws.apply(BASE + 'a.ssp.yaml', add.edit!.changes![BASE + 'a.ssp.yaml']);
    assert.match(ws.map.get(BASE + 'a.ssp.yaml')!, /\n {4}CM\.L2-3\.4\.2: # Security Configuration Enforcement\n {8}status: not-met\n {4}CM\.L2-3\.4\.3:/);
    assert.deepEqual(structural(ws.findings('a.ssp.yaml')), []);
  });

  test('empty practices (`practices: {}` and markdown without sections) get the whole level', () => {
    for (const [name, text] of [
      ['a.ssp.yaml', 'kind: ssp\nlevel: 1\npractices: {}\n'],
      ['a.ssp.md', '---\nkind: ssp\nlevel: 1\n---\n\n# SSP\n'],
    ]) {
      const ws = workspace({ [name]: text });
      const fs = ws.findings(name).filter((f) => f.code === 'ssp-practice-missing');
      assert.equal(fs.length, 15);
      const add = ws.actions(name, ws.rangeOf(name, fs[0]), fs).find((a) => a.title === 'Add the 15 missing practices')!;
      ws.apply(BASE + name, add.edit!.changes![BASE + name]);
      assert.deepEqual(
        ws.findings(name).map((f) => f.code),
        ['ssp-score'],
        ws.map.get(BASE + name),
      );
    }
  });

  test('not offered away from the finding, nor for another code the client names', () => {
    const ws = workspace({ 'a.ssp.yaml': sspYaml(2, { 'AC.L2-3.1.1': null }) });
    const far = { start: { line: 40, character: 0 }, end: { line: 40, character: 0 } };
    assert.deepEqual(
      ws.actions('a.ssp.yaml', far).map((a) => a.title),
      [],
    );
    const score = ws.findings('a.ssp.yaml').find((f) => f.code === 'ssp-score')!;
    assert.deepEqual(
      ws.actions('a.ssp.yaml', ws.rangeOf('a.ssp.yaml', score), [score]).map((a) => a.title),
      [],
    );
  });
});

/** An SSP with two deferrable gaps, a blocked one and the rest met. */
function gapSsp(syntax: Syntax): string {
  const over = { 'AC.L2-3.1.9': { status: 'not-met' }, 'AU.L2-3.3.7': { status: 'not-met' }, 'AC.L2-3.1.1': { status: 'not-met' } };
  return syntax === 'yaml' ? sspYaml(2, over) : sspMarkdown(sspDoc(2, over));
}

function practiceRange(ws: ReturnType<typeof workspace>, name: string, id: string): Range {
  const m = ws.service.parse(BASE + name)!.model!;
  const p = m.kind === 'ssp' ? m.practices.find((x) => x.id.value === id)! : assert.fail();
  return ws.rangeOf(name, p.id);
}

describe('Add a POA&M item for <id> (the linked POA&M, another file)', () => {
  for (const v of VARIANTS) {
    test(`${label(v)}: the item goes into the POA&M that links the SSP; ssp-not-met-without-poam is gone`, () => {
      const ssp = `a.ssp.${ext(v.syntax)}`;
      const poam = `a.poam.${ext(v.syntax)}`;
      const pd = poamDoc(2, [item('POAM-001', 'AU.L2-3.3.7')], { ssp });
      const ws = workspace({
        [ssp]: eol(gapSsp(v.syntax), v.crlf),
        [poam]: eol(v.syntax === 'yaml' ? poamYaml(2, pd.items as Record<string, unknown>[], { ssp }) : poamMarkdown(pd), v.crlf),
      });
      const before = ws.findings(ssp);
      const target = before.filter((f) => f.code === 'ssp-not-met-without-poam');
      assert.equal(target.length, 1);
      const poamBefore = ws.findings(poam);
      const actions = ws.actions(ssp, ws.rangeOf(ssp, target[0]), target);
      const add = actions.find((a) => a.title === 'Add a POA&M item for AC.L2-3.1.9');
      assert.ok(add, actions.map((a) => a.title).join('; '));
      assert.deepEqual(Object.keys(add.edit!.changes!), [BASE + poam], 'an edit of the other file only');
      ws.apply(BASE + poam, add.edit!.changes![BASE + poam]);
      const poamText = ws.map.get(BASE + poam)!;
      assert.equal(count(ws.findings(ssp), 'ssp-not-met-without-poam'), 0, poamText);
      const poamAfter = ws.findings(poam);
      assert.deepEqual(structural(poamAfter), [], poamText);
      assert.deepEqual(
        poamAfter.map((f) => f.code),
        poamBefore.map((f) => f.code),
        'no new POA&M finding',
      );
      assert.deepEqual(ids(ws, poam), ['AU.L2-3.3.7', 'AC.L2-3.1.9']);
      const m = ws.service.parse(BASE + poam)!.model!;
      const added = m.kind === 'poam' ? m.items[1] : assert.fail();
      assert.equal(added.id?.value, 'POAM-002');
      assert.equal(added.deadline?.value, '2025-09-11', 'the closeout date');
      assertLineEndings(poamText, v.crlf);
    });
  }

  test('not offered on a met practice, a not-deferrable one, one already on the POA&M, or in a skeleton', () => {
    const ws = workspace({ 'a.ssp.yaml': gapSsp('yaml'), 'a.poam.yaml': poamYaml(2, [item('POAM-001', 'AU.L2-3.3.7')], { ssp: 'a.ssp.yaml' }) });
    for (const id of ['AC.L2-3.1.2', 'AC.L2-3.1.1', 'AU.L2-3.3.7'])
      assert.deepEqual(
        ws.actions('a.ssp.yaml', practiceRange(ws, 'a.ssp.yaml', id)).map((a) => a.title),
        [],
        id,
      );
    const skel = workspace({ 'b.ssp.yaml': sspScaffold({ level: 2, syntax: 'yaml', date: TODAY }) });
    assert.deepEqual(
      skel.actions('b.ssp.yaml', practiceRange(skel, 'b.ssp.yaml', 'AC.L2-3.1.9')).map((a) => a.title),
      [],
    );
  });

  test('two POA&Ms link the SSP: one action per POA&M, named by file', () => {
    const ws = workspace({
      'a.ssp.yaml': gapSsp('yaml'),
      'x.poam.yaml': poamYaml(2, [item('P-1', 'AU.L2-3.3.7')], { ssp: 'a.ssp.yaml' }),
      'y.poam.yaml': poamYaml(2, [item('P-7', 'AU.L2-3.3.7')], { ssp: 'a.ssp.yaml' }),
    });
    const titles = ws
      .actions('a.ssp.yaml', practiceRange(ws, 'a.ssp.yaml', 'AC.L2-3.1.9'))
      .map((a) => a.title)
      .sort();
    assert.deepEqual(titles, ['Add a POA&M item for AC.L2-3.1.9 in x.poam.yaml', 'Add a POA&M item for AC.L2-3.1.9 in y.poam.yaml']);
  });
});

describe('Create a POA&M for this SSP (no POA&M links it)', () => {
  for (const v of VARIANTS) {
    test(`${label(v)}: a new file next to the SSP with the init poam scaffold, linked`, () => {
      const ssp = `a.ssp.${ext(v.syntax)}`;
      const ws = workspace({ [ssp]: eol(gapSsp(v.syntax), v.crlf) });
      const actions = ws.actions(ssp, practiceRange(ws, ssp, 'AC.L2-3.1.9'));
      const create = actions.find((a) => a.title === `Create a POA&M for this SSP (a.poam.${ext(v.syntax)})`);
      assert.ok(create, actions.map((a) => a.title).join('; '));
      const [made, filled] = create.edit!.documentChanges! as [CreateFile, TextDocumentEdit];
      assert.equal(made.kind, 'create');
      assert.equal(made.uri, `${BASE}a.poam.${ext(v.syntax)}`);
      assert.equal(made.options?.overwrite, false);
      ws.apply(made.uri, filled.edits as TextEdit[]);
      const text = ws.map.get(made.uri)!;
      assertLineEndings(text, v.crlf);
      assert.deepEqual(
        ws
          .findings(`a.poam.${ext(v.syntax)}`)
          .map((f) => f.code)
          .sort(),
        // AC.L2-3.1.1 (5 points) is not met in the SSP: no POA&M makes it Conditional (170.21(a)(2)).
        ['poam-missing-conditional-date', 'poam-ssp-blocks-conditional'],
        text,
      );
      assert.deepEqual(ids(ws, `a.poam.${ext(v.syntax)}`), ['AC.L2-3.1.9', 'AU.L2-3.3.7']);
      assert.equal(count(ws.findings(ssp), 'ssp-not-met-without-poam'), 0);
    });
  }

  test('a taken name gets a number; without a reader nothing is offered', () => {
    const ws = workspace({ 'a.ssp.yaml': gapSsp('yaml'), 'a.poam.yaml': poamYaml(2, []) });
    assert.deepEqual(
      ws.actions('a.ssp.yaml', practiceRange(ws, 'a.ssp.yaml', 'AC.L2-3.1.9')).map((a) => a.title),
      ['Create a POA&M for this SSP (a-2.poam.yaml)'],
    );
    assert.deepEqual(ws.actions('a.ssp.yaml', practiceRange(ws, 'a.ssp.yaml', 'AC.L2-3.1.9'), [], false), []);
  });
});

describe('Mark completed today (poam-practice-met-in-ssp)', () => {
  for (const v of VARIANTS) {
    test(`${label(v)}: status completed and completed: today; the finding is gone`, () => {
      const ssp = `a.ssp.${ext(v.syntax)}`;
      const poam = `a.poam.${ext(v.syntax)}`;
      const items = [item('POAM-001', 'AC.L2-3.1.9'), item('POAM-002', 'AU.L2-3.3.7')];
      const sspText =
        v.syntax === 'yaml' ? sspYaml(2, { 'AU.L2-3.3.7': { status: 'not-met' } }) : sspMarkdown(sspDoc(2, { 'AU.L2-3.3.7': { status: 'not-met' } }));
      const ws = workspace({
        [ssp]: eol(sspText, v.crlf),
        [poam]: eol(v.syntax === 'yaml' ? poamYaml(2, items, { ssp }) : poamMarkdown(poamDoc(2, items, { ssp })), v.crlf),
      });
      const before = ws.findings(poam);
      const target = before.filter((f) => f.code === 'poam-practice-met-in-ssp');
      assert.equal(target.length, 1);
      const actions = ws.actions(poam, ws.rangeOf(poam, target[0]), target);
      const mark = actions.find((a) => a.title === `Mark POAM-001 completed today (${TODAY})`);
      assert.ok(mark, actions.map((a) => a.title).join('; '));
      ws.apply(BASE + poam, mark.edit!.changes![BASE + poam]);
      const after = ws.findings(poam);
      const text = ws.map.get(BASE + poam)!;
      assert.equal(count(after, 'poam-practice-met-in-ssp'), 0, text);
      assert.deepEqual(structural(after), [], text);
      for (const c of new Set(after.map((f) => f.code))) assert.ok(count(after, c) <= count(before, c), `no new ${c}`);
      const m = ws.service.parse(BASE + poam)!.model!;
      const done = m.kind === 'poam' ? m.items[0] : assert.fail();
      assert.equal(done.status?.value, 'completed');
      assert.equal(done.completed?.value, TODAY);
      assertLineEndings(text, v.crlf);
    });
  }
});
