/**
 * One fault, one finding for syntax errors (SPEC 2.1): a tab used as indentation is one finding
 * on its line with a quick fix; consequences on later lines are dropped; at most 20 per
 * document, the last saying how many more; a POA&M linked to a broken SSP says where it breaks.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDocument } from 'yaml';
import { syntaxFindings, MAX_SYNTAX_FINDINGS } from '../../server/src/documents/yamlRecovery';
import { check, codes, only, poamYaml, item, rng, sspYaml, sspDoc, sspMarkdown } from './helpers';
import { applyPreferred } from './fixing';

const SSP = sspYaml(2);
const lines = SSP.split('\n');
const at = lines.findIndex((l) => l.includes('AC.L2-3.1.5:'));

function withLine(n: number, text: string): string {
  const copy = [...lines];
  copy[n] = text;
  return copy.join('\n');
}

test('a tab used as indentation: one syntax finding on that line, fixed by the quick fix', () => {
  const text = withLine(at + 1, '\t' + lines[at + 1].trimStart());
  const fs = check({ 'a.ssp.yaml': text }, 'a.ssp.yaml');
  assert.deepEqual(
    fs.map((f) => [f.code, f.line, f.covered]),
    [['syntax', at + 2, '\t']],
  );
  assert.match(fs[0].message, /Tabs are not allowed as indentation: indent with spaces/);
  const fixed = applyPreferred({ 'a.ssp.yaml': text }, 'a.ssp.yaml', (f) => f.code === 'syntax');
  assert.equal(fixed, SSP);
  // a tab after spaces, and a tab on the first child of a block
  const mixed = withLine(at + 2, '  \t' + lines[at + 2].trimStart());
  assert.deepEqual(codes(check({ 'a.ssp.yaml': mixed }, 'a.ssp.yaml')), ['syntax']);
  assert.equal(
    applyPreferred({ 'a.ssp.yaml': mixed }, 'a.ssp.yaml', (f) => f.code === 'syntax'),
    SSP,
  );
});

test('two independent faults give two findings; consequences of each are dropped', () => {
  const copy = [...lines];
  copy[at + 1] = '\t' + lines[at + 1].trimStart();
  const far = lines.findIndex((l) => l.includes('SC.L2-3.13.1:'));
  copy[far] = '  SC.L2-3.13.1: [oops';
  const fs = check({ 'a.ssp.yaml': copy.join('\n') }, 'a.ssp.yaml');
  assert.deepEqual(
    fs.map((f) => [f.code, f.line]),
    [
      ['syntax', at + 2],
      ['syntax', far + 1],
    ],
  );
});

test('at most 20 syntax findings, the last saying how many more', () => {
  const copy = [...lines];
  const keys = copy.map((l, i) => (/^ {2}[A-Z]{2}\.L2-/.test(l) ? i : -1)).filter((i) => i >= 0);
  for (const k of keys.slice(0, 30)) copy[k + 1] = '\t' + copy[k + 1].trimStart();
  const fs = check({ 'a.ssp.yaml': copy.join('\n') }, 'a.ssp.yaml');
  assert.equal(fs.length, 20);
  assert.ok(fs.every((f) => f.code === 'syntax'));
  assert.match(fs[19].message, /There are 10 more syntax errors after this one/);
  assert.doesNotMatch(fs[18].message, /more syntax errors/);
  // exactly 20 faults: 20 findings and no "more"
  const twenty = [...lines];
  for (const k of keys.slice(0, 20)) twenty[k + 1] = '\t' + twenty[k + 1].trimStart();
  const fs20 = check({ 'a.ssp.yaml': twenty.join('\n') }, 'a.ssp.yaml');
  assert.equal(fs20.length, 20);
  assert.doesNotMatch(fs20[19].message, /more syntax errors/);
  // 21 faults: the 20th says there is 1 more
  const one = [...lines];
  for (const k of keys.slice(0, 21)) one[k + 1] = '\t' + one[k + 1].trimStart();
  assert.match(check({ 'a.ssp.yaml': one.join('\n') }, 'a.ssp.yaml')[19].message, /There is 1 more syntax error after/);
  // far more than can be counted: "at least"
  const many = [...lines];
  for (const k of keys) many[k + 1] = '\t' + many[k + 1].trimStart();
  assert.match(check({ 'a.ssp.yaml': many.join('\n') }, 'a.ssp.yaml')[19].message, /There are at least 10 more syntax errors/);
});

test('a POA&M linked to an SSP with syntax errors says where the SSP breaks, not "fix the path"', () => {
  const broken = withLine(at + 1, '\t' + lines[at + 1].trimStart());
  const poam = poamYaml(2, [item('P-1', 'AC.L2-3.1.3')], { ssp: 'a.ssp.yaml' });
  const f = only(check({ 'a.ssp.yaml': broken, 'a.poam.yaml': poam }, 'a.poam.yaml'), 'poam-ssp-not-found');
  assert.equal(f.length, 1);
  assert.match(f[0].message, new RegExp(`the linked SSP "a.ssp.yaml" has syntax errors \\(first at line ${at + 2}\\)`, 'i'));
  assert.doesNotMatch(f[0].message, /Fix the path/);
  const md = sspMarkdown(sspDoc(2)).replace('level: 2', 'level: [2');
  const g = only(check({ 'a.ssp.md': md, 'a.poam.yaml': poam.replace('a.ssp.yaml', 'a.ssp.md') }, 'a.poam.yaml'), 'poam-ssp-not-found');
  const first = check({ 'a.ssp.md': md }, 'a.ssp.md')[0];
  assert.equal(first.code, 'syntax');
  assert.match(g[0].message, new RegExp(`has syntax errors \\(first at line ${first.line}\\)`));
  const missing = only(check({ 'a.poam.yaml': poam }, 'a.poam.yaml'), 'poam-ssp-not-found');
  assert.match(missing[0].message, /Fix the path/);
});

test('fuzz (seed 10, 300 mutations): a text that does not parse always gets 1 to 20 syntax findings inside the text', () => {
  const next = rng(10);
  const base = poamYaml(2, [item('P-1', 'AC.L2-3.1.3'), item('P-2', 'AC.L2-3.1.4', { weakness: 'Banner: "missing"' })]);
  const junk = ['\t', ':', '"', "'", '[', ']', '{', '}', '- ', '\n', '  ', '#', '&a', '*a', '|', '>', '? ', ',', '\r\n'];
  let broken = 0;
  for (let round = 0; round < 300; round++) {
    let text = base;
    for (let k = 1 + Math.floor(next() * 4); k > 0; k--) {
      const at = Math.floor(next() * text.length);
      const cut = next() < 0.3 ? Math.floor(next() * 6) : 0;
      text = text.slice(0, at) + junk[Math.floor(next() * junk.length)] + text.slice(at + cut);
    }
    const errors = parseDocument(text, { uniqueKeys: true, prettyErrors: false }).errors;
    if (errors.length === 0) continue;
    broken++;
    const fs = syntaxFindings(text, errors);
    assert.ok(fs.length >= 1 && fs.length <= MAX_SYNTAX_FINDINGS, `round ${round}: ${fs.length} findings for ${errors.length} errors`);
    for (const f of fs)
      assert.ok(f.code === 'syntax' && f.span.start >= 0 && f.span.end <= text.length + 1 && f.span.start < f.span.end, `round ${round}: span`);
  }
  assert.ok(broken > 100, `${broken} broken texts`);
});
