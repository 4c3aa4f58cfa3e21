/**
 * Markdown as people write it (SPEC 2.1 "Markdown details"): the field block is the first
 * paragraph only, prose after it is prose whatever it looks like, free `##` sections, values read
 * case-insensitively, `Scheduled completion:` as `Deadline:`, unknown keys with the closest key.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { requirementsOfLevel } from '../../server/src/catalog/requirements';
import { codeActions } from '../../server/src/features/codeActions';
import { completions } from '../../server/src/features/completion';
import { toDiagnostic } from '../../server/src/features/diagnostics';
import { textDocumentOf } from '../../server/src/features/text';
import { createCmmcService } from '../../server/src/service';
import { BASE, check, codes, only } from './helpers';

/** A Level 1 SSP in markdown, every practice met; `body(id)` writes a section's body. */
function l1(body: (id: string) => string, extra = ''): string {
  return (
    `---\nkind: ssp\nlevel: 1\n---\n\n# SSP\n${extra}` +
    requirementsOfLevel(1)
      .map((r) => `\n## ${r.id} ${r.title}\n\n${body(r.id)}\n`)
      .join('')
  );
}

const POAM = (fields: string, after = '') =>
  `---\nkind: poam\nlevel: 2\nassessment:\n  type: c3pao\n  date: 2025-03-01\n  score: 100\nconditional_status_date: 2025-03-15\n---\n\n## POAM-001 Banner\n\nPractice: AC.L2-3.1.9\n${fields}\n\n` +
  `The VPN portal shows no banner.\n${after}\n### Milestones\n\n- [ ] 2025-05-20 Deploy\n`;

describe('the field block', () => {
  test('prose after the field block is prose, whatever it looks like', () => {
    const text = l1(() => 'Status: met\nResponsible: IT\n\nAuthorized Access Control: implemented per policy 3.1.1.\nNote: accounts are reviewed monthly.');
    assert.deepEqual(codes(check({ 's.ssp.md': text }, 's.ssp.md')), ['ssp-score']);
  });
  test('the block ends at its first line that is not Key: value; the rest of the paragraph is prose', () => {
    const text = l1(() => 'Status: met\nAccounts are provisioned by HR. Owner: IT.');
    assert.deepEqual(codes(check({ 's.ssp.md': text }, 's.ssp.md')), ['ssp-score']);
  });
  test('a section whose first paragraph is prose has no fields (status missing)', () => {
    const text = l1((id) => (id === 'AC.L1-b.1.i' ? 'Accounts are provisioned by HR.\n\nStatus: met' : 'Status: met\n\nDone.'));
    const fs = only(check({ 's.ssp.md': text }, 's.ssp.md'), 'schema');
    assert.equal(fs.length, 1);
    assert.match(fs[0].message, /Missing required field "status"/);
  });
  test('values are case-insensitive: Met, MET, Not Met, Not-Applicable', () => {
    const text = l1((id) =>
      id === 'AC.L1-b.1.i'
        ? 'Status: Not Applicable\nJustification: No FCI on this enclave.'
        : id === 'AC.L1-b.1.ii'
          ? 'Status: MET\n\nDone.'
          : 'Status: Met\n\nDone.',
    );
    assert.deepEqual(codes(check({ 's.ssp.md': text }, 's.ssp.md')), ['ssp-score']);
    const notMet = l1((id) => (id === 'AC.L1-b.1.i' ? 'Status: Not Met' : 'Status: met\n\nDone.'));
    assert.ok(codes(check({ 's.ssp.md': notMet }, 's.ssp.md')).includes('ssp-level1-not-met'));
    // a value that is no spelling of an allowed one is still schema
    const bad = l1((id) => (id === 'AC.L1-b.1.i' ? 'Status: done' : 'Status: met\n\nDone.'));
    assert.deepEqual(
      only(check({ 's.ssp.md': bad }, 's.ssp.md'), 'schema').map((f) => f.covered),
      ['done'],
    );
  });
  test('an unknown key in the block is schema on the key, with the closest key and a preferred fix', () => {
    const text = POAM('Status: open\nDedline: 2025-06-30');
    const fs = check({ 'p.poam.md': text }, 'p.poam.md');
    assert.deepEqual(codes(fs), ['schema'], 'the typo is one finding: no poam-missing-deadline beside it');
    assert.equal(fs[0].covered, 'Dedline');
    assert.match(fs[0].message, /did you mean "deadline"/);
    const map = new Map([[BASE + 'p.poam.md', text]]);
    const service = createCmmcService({
      workspace: { read: (u) => map.get(u), uris: () => map.keys() },
      settings: () => ({ today: '2025-05-01' }),
      log: () => {},
    });
    const analysis = service.analyze(BASE + 'p.poam.md')!;
    const d = toDiagnostic(analysis.findings[0], textDocumentOf(analysis.parsed));
    const actions = codeActions(analysis, d.range, { diagnostics: [d] });
    assert.equal(actions.length, 1);
    assert.equal(actions[0].isPreferred, true);
    const fixed = TextDocument.applyEdits(TextDocument.create('x', 'markdown', 0, text), actions[0].edit!.changes![BASE + 'p.poam.md']);
    assert.match(fixed, /\nDeadline: 2025-06-30\n/);
    assert.deepEqual(check({ 'p.poam.md': fixed }, 'p.poam.md'), []);
  });
  test('an unknown key far from every known one gets no guess', () => {
    const fs = only(check({ 'p.poam.md': POAM('Status: open\nDeadline: 2025-06-30\nColour: blue') }, 'p.poam.md'), 'schema');
    assert.equal(fs.length, 1);
    assert.doesNotMatch(fs[0].message, /did you mean/);
    assert.equal(fs[0].data, undefined);
  });
});

describe('free sections and id-shaped headings', () => {
  test('## Scope, ## 1. Overview, ## 2026 review, ## Notes: are free in an SSP and a POA&M', () => {
    const free = '\n## Scope\n\nStatus: whatever: this is not read.\n\n## 1. Overview\n\nText.\n\n## 2026 review\n\n## Notes:\n\nMore.\n';
    assert.deepEqual(codes(check({ 's.ssp.md': l1(() => 'Status: met\n\nDone.', free) }, 's.ssp.md')), ['ssp-score']);
    const poam = POAM('Status: open\nDeadline: 2025-06-30').replace('## POAM-001', `${free}\n## POAM-001`);
    assert.deepEqual(codes(check({ 'p.poam.md': poam }, 'p.poam.md')), []);
  });
  test('an id-shaped but invalid first word is unknown-practice with suggestions (any case)', () => {
    const text = l1(() => 'Status: met\n\nDone.', '\n## ac.l1-b.1.i Lower case\n\nStatus: met\n\nDone.\n\n## AC.L1-b.1.xx Typo\n\nStatus: met\n\nDone.\n');
    const fs = only(check({ 's.ssp.md': text }, 's.ssp.md'), 'unknown-practice');
    assert.deepEqual(
      fs.map((f) => f.covered),
      ['## ac.l1-b.1.i Lower case', '## AC.L1-b.1.xx Typo'],
    );
    assert.deepEqual(fs[0].data?.suggestions, ['AC.L1-b.1.i']);
  });
  test('POA&M: a heading word with a letter first and a digit is an item id (P-3); one without a digit is free', () => {
    const text = POAM('Status: open\nDeadline: 2025-06-30').replace('## POAM-001 Banner', '## Summary\n\n## P-3 Banner');
    assert.deepEqual(codes(check({ 'p.poam.md': text }, 'p.poam.md')), []);
  });
});

describe('Scheduled completion is Deadline everywhere', () => {
  test('parser, completion (dates offered, Deadline not offered again)', () => {
    const text = POAM('Status: open\nScheduled completion: 2025-06-30');
    assert.deepEqual(codes(check({ 'p.poam.md': text }, 'p.poam.md')), []);
    const map = new Map([[BASE + 'p.poam.md', text]]);
    const service = createCmmcService({
      workspace: { read: (u) => map.get(u), uris: () => map.keys() },
      settings: () => ({ today: '2025-05-01' }),
      log: () => {},
    });
    const parsed = service.parse(BASE + 'p.poam.md')!;
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.startsWith('Scheduled completion:'));
    const dates = completions(parsed, { line, character: 'Scheduled completion: '.length }, 20000);
    assert.ok(
      dates.some((c) => c.label === '2025-09-11' && /closeout/.test(String(c.detail))),
      dates.map((c) => c.label).join(),
    );
    const withBlank = text.replace('Scheduled completion: 2025-06-30', 'Scheduled completion: 2025-06-30\n');
    const parsed2 = createCmmcService({
      workspace: { read: () => withBlank, uris: () => [BASE + 'p.poam.md'] },
      settings: () => ({ today: '2025-05-01' }),
      log: () => {},
    }).parse(BASE + 'p.poam.md')!;
    const keys = completions(parsed2, { line: line + 1, character: 0 }, 20000).map((c) => c.label);
    assert.ok(keys.includes('Responsible') && !keys.includes('Deadline'), keys.join());
  });
});

describe('messages speak the document syntax', () => {
  const YAML_KEY = /`(deadline|due|done|milestones|justification|implementation|status|encryption|practices):?`/;
  test('markdown POA&M and SSP findings name markdown lines, never YAML keys', () => {
    const poam =
      `---\nkind: poam\nlevel: 2\nassessment:\n  type: c3pao\n  date: 2025-03-01\n  score: 100\n---\n\n## POAM-1 No deadline, no milestones\n\nPractice: AC.L2-3.1.9\nStatus: open\n\n## POAM-2 Milestones\n\n` +
      `Practice: AC.L2-3.1.10\nStatus: open\nDeadline: 2025-06-30\n\n### Milestones\n\n- [ ] Undated\n- [ ] 2025-04-01 Overdue\n\n## POAM-3 Encryption\n\n` +
      `Practice: SC.L2-3.13.11\nStatus: open\nDeadline: 2025-06-30\n\n### Milestones\n\n- [ ] 2025-06-01 Fix\n`;
    const fs = check({ 'p.poam.md': poam }, 'p.poam.md');
    const by = (code: string) => only(fs, code)[0]?.message ?? '';
    assert.match(by('poam-missing-deadline'), /add a `Deadline: YYYY-MM-DD` line on or before/);
    assert.match(by('poam-missing-milestones'), /add a `### Milestones` task list/);
    assert.match(by('poam-missing-conditional-date'), /add `conditional_status_date:` in the front matter/);
    assert.match(by('poam-milestone-missing-date'), /write its due date \(YYYY-MM-DD\) after the checkbox/);
    assert.match(by('poam-milestone-overdue'), /tick its checkbox/);
    assert.match(by('poam-point-value'), /add `Encryption: not-fips-validated` to the item/);
    for (const f of fs) assert.doesNotMatch(f.message, YAML_KEY, f.message);
    const ssp = l1((id) => (id === 'AC.L1-b.1.i' ? 'Status: not-applicable' : 'Status: met\n\nDone.')).replace(
      /\n## AC\.L1-b\.1\.ii [^\n]*\n\nStatus: met\n\nDone\.\n/,
      '\n',
    );
    const sf = check({ 's.ssp.md': ssp }, 's.ssp.md');
    assert.match(only(sf, 'ssp-na-without-justification')[0].message, /add a `Justification: \.\.\.` line/);
    assert.match(only(sf, 'ssp-practice-missing')[0].message, /add a `## AC\.L1-b\.1\.ii` section/);
    for (const f of sf) assert.doesNotMatch(f.message, YAML_KEY, f.message);
  });
  test('the same findings in YAML name YAML keys', () => {
    const poam =
      'kind: poam\nlevel: 2\nassessment:\n  type: c3pao\n  date: 2025-03-01\n  score: 100\nitems:\n  - id: P-1\n    practice: AC.L2-3.1.9\n    status: open\n';
    const fs = check({ 'p.poam.yaml': poam }, 'p.poam.yaml');
    assert.match(only(fs, 'poam-missing-deadline')[0].message, /add `deadline:` on or before/);
    assert.match(only(fs, 'poam-missing-milestones')[0].message, /add a `milestones:` list/);
  });
  test('counts agree: every not-deferrable requirement the ssp-score counts has a finding that says so', () => {
    const text =
      `---\nkind: ssp\nlevel: 2\n---\n` +
      requirementsOfLevel(2)
        .filter((r) => !['AC.L2-3.1.1', 'AC.L2-3.1.20'].includes(r.id))
        .map((r) => `\n## ${r.id}\n\nStatus: ${['AC.L2-3.1.2', 'AC.L2-3.1.22'].includes(r.id) ? 'not-met' : 'met'}\n\nDone.\n`)
        .join('');
    const fs = check({ 's.ssp.md': text }, 's.ssp.md');
    const score = only(fs, 'ssp-score')[0].message;
    assert.match(score, /4 not-met requirements may not be deferred/);
    const said = fs.filter((f) => f.code === 'ssp-not-deferrable' || (f.code === 'ssp-practice-missing' && /may not go on a POA&M/.test(f.message)));
    assert.equal(said.length, 4, said.map((f) => f.message).join('\n'));
    // a missing deferrable practice does not say so
    const one = requirementsOfLevel(2).find((r) => r.poam === 'yes')!;
    const soft = check({ 's.ssp.md': text.replace(`\n## ${one.id}\n\nStatus: met\n\nDone.\n`, '') }, 's.ssp.md');
    const m = only(soft, 'ssp-practice-missing').find((f) => f.message.startsWith(one.id))!;
    assert.match(m.message, /costs 1 point\)/);
    assert.doesNotMatch(m.message, /may not go on a POA&M/);
  });
});

test('schema messages in markdown name the section and the field as written, not a YAML path', () => {
  const fs = check({ 'p.poam.md': POAM('Status: opened\nDeadline: 2025/06/30') }, 'p.poam.md');
  assert.deepEqual(
    fs.map((f) => f.message),
    [
      '`Status` in ## POAM-001 must be one of "open", "completed" (found "opened").',
      '`Deadline` in ## POAM-001 must be a date written YYYY-MM-DD (found "2025/06/30").',
    ],
  );
  for (const f of fs) assert.doesNotMatch(f.message, /items\[/);
});
