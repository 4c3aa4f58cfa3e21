/**
 * Markdown SSPs and POA&Ms (SPEC 1.3): the same scenarios as YAML give the same codes; findings
 * sit on the heading, field line, value or task-list line; bad markdown always explains.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { stringify } from 'yaml';
import { requirementsOfLevel } from '../../server/src/catalog/requirements';
import { check, codes, item, only, poamDoc, poamMarkdown, sspDoc, sspMarkdown } from './helpers';

type Doc = Record<string, unknown>;
interface Scenario {
  name: string;
  ssp?: Doc;
  poam?: Doc;
  /** Which document the findings are compared for. */
  target: 'ssp' | 'poam';
  today?: string;
}

const notMet = (ids: string[], extra: Doc = {}) => Object.fromEntries(ids.map((id) => [id, { status: 'not-met', ...extra }]));
const l3 = requirementsOfLevel(3)
  .filter((r) => r.poam === 'yes')
  .map((r) => r.id);
const ones = requirementsOfLevel(2)
  .filter((r) => r.poam === 'yes')
  .map((r) => r.id);

const SCENARIOS: Scenario[] = [
  { name: 'clean Level 2 SSP', ssp: sspDoc(2), target: 'ssp' },
  { name: 'L2 score 88 (22 one-pointers)', ssp: sspDoc(2, notMet(ones.slice(0, 22))), target: 'ssp' },
  { name: 'L2 score 87 (23 one-pointers)', ssp: sspDoc(2, notMet(ones.slice(0, 23))), target: 'ssp' },
  { name: 'not deferrable 3/5-point and excluded', ssp: sspDoc(2, notMet(['AC.L2-3.1.1', 'AC.L2-3.1.5', 'PE.L2-3.10.4', 'CA.L2-3.12.4'])), target: 'ssp' },
  {
    name: 'partial credit',
    ssp: sspDoc(2, {
      'IA.L2-3.5.3': { status: 'not-met', mfa: 'remote-and-privileged' },
      'SC.L2-3.13.11': { status: 'not-met', encryption: 'not-fips-validated' },
    }),
    target: 'ssp',
  },
  {
    name: 'missing practices, N/A without justification, met without implementation',
    ssp: sspDoc(2, { 'AC.L2-3.1.1': null, 'AC.L2-3.1.2': { status: 'not-applicable' }, 'AC.L2-3.1.3': { status: 'met' } }),
    target: 'ssp',
  },
  {
    name: 'unknown and other-level ids in an SSP',
    ssp: sspDoc(2, { 'AC.L2-3.1.99': { status: 'met', implementation: 'x' }, 'AC.L3-3.1.2e': { status: 'met', implementation: 'x' } }),
    target: 'ssp',
  },
  { name: 'L3 19 of 24', ssp: sspDoc(3, notMet(l3.slice(0, 5))), target: 'ssp' },
  { name: 'L3 20 of 24', ssp: sspDoc(3, notMet(l3.slice(0, 4))), target: 'ssp' },
  { name: 'L1 not met', ssp: sspDoc(1, notMet(['AC.L1-b.1.i'])), target: 'ssp' },
  { name: 'operational plan counts as met', ssp: sspDoc(2, { 'AC.L2-3.1.1': { status: 'not-met', operational_plan: 'OPA-7' } }), target: 'ssp' },
  {
    name: 'SSP with a linking POA&M',
    ssp: sspDoc(2, notMet(['AC.L2-3.1.3', 'AC.L2-3.1.4'])),
    poam: poamDoc(2, [item('P-1', 'AC.L2-3.1.3')], { ssp: 'LINK' }),
    target: 'ssp',
  },
  { name: 'clean POA&M', poam: poamDoc(2, [item('P-1', 'AC.L2-3.1.3')]), target: 'poam' },
  {
    name: 'point values and excluded',
    poam: poamDoc(2, [
      item('P-1', 'AC.L2-3.1.5'),
      item('P-2', 'AC.L2-3.1.20'),
      item('P-3', 'SC.L2-3.13.11'),
      item('P-4', 'SC.L2-3.13.11', { encryption: 'not-fips-validated' }),
    ]),
    target: 'poam',
  },
  { name: 'wrong level and unknown', poam: poamDoc(2, [item('P-1', 'AC.L1-b.1.i'), item('P-2', 'AC.L3-3.1.2e'), item('P-3', 'AC.L2-3.1.33')]), target: 'poam' },
  { name: 'Level 1 POA&M', poam: poamDoc(1, [item('P-1', 'AC.L1-b.1.i')]), target: 'poam' },
  { name: 'Level 3 POA&M excluded', poam: poamDoc(3, [item('P-1', 'RA.L3-3.11.4e'), item('P-2', 'CA.L3-3.12.1e')]), target: 'poam' },
  { name: 'score 87 vs 88', poam: poamDoc(2, [item('P-1', 'AC.L2-3.1.3')], { assessment: { type: 'self', date: '2025-03-01', score: 87 } }), target: 'poam' },
  {
    name: 'deadline day 181',
    poam: poamDoc(2, [item('P-1', 'AC.L2-3.1.3', { deadline: '2025-08-29' })], { conditional_status_date: '2025-03-01' }),
    target: 'poam',
  },
  {
    name: 'deadline day 180',
    poam: poamDoc(2, [item('P-1', 'AC.L2-3.1.3', { deadline: '2025-08-28' })], { conditional_status_date: '2025-03-01' }),
    target: 'poam',
  },
  {
    name: 'missing deadline, milestones, conditional date',
    poam: poamDoc(2, [{ id: 'P-1', practice: 'AC.L2-3.1.3', status: 'open' }], { conditional_status_date: undefined }),
    target: 'poam',
  },
  {
    name: 'closeout expired',
    poam: poamDoc(2, [item('P-1', 'AC.L2-3.1.3', { deadline: '2025-09-01', milestones: [{ task: 't', due: '2025-04-01', done: true }] })]),
    target: 'poam',
    today: '2025-09-12',
  },
  {
    name: 'closeout due soon',
    poam: poamDoc(2, [item('P-1', 'AC.L2-3.1.3', { deadline: '2025-09-01', milestones: [{ task: 't', due: '2025-04-01', done: true }] })]),
    target: 'poam',
    today: '2025-09-11',
  },
  {
    name: 'milestones: no date, late, overdue, done',
    poam: poamDoc(2, [
      item('P-1', 'AC.L2-3.1.3', {
        milestones: [
          { task: 'no date' },
          { task: 'late', due: '2025-07-01' },
          { task: 'overdue', due: '2025-04-30' },
          { task: 'done', due: '2025-04-01', done: true },
        ],
      }),
    ]),
    target: 'poam',
  },
  {
    name: 'completed item',
    poam: poamDoc(2, [item('P-1', 'AC.L2-3.1.20', { status: 'completed', completed: '2025-04-01', deadline: undefined, milestones: undefined })]),
    target: 'poam',
  },
  { name: 'duplicates', poam: poamDoc(2, [item('P-1', 'AC.L2-3.1.3'), item('P-1', 'AC.L2-3.1.4'), item('P-3', 'AC.L2-3.1.3')]), target: 'poam' },
  { name: 'invalid date', poam: poamDoc(2, [item('P-1', 'AC.L2-3.1.3', { deadline: '2025-02-30' })]), target: 'poam' },
  {
    name: 'POA&M linked to an SSP: met in SSP, score mismatch',
    ssp: sspDoc(2, { 'AC.L2-3.1.3': { status: 'not-met' } }),
    poam: poamDoc(2, [item('P-1', 'AC.L2-3.1.3'), item('P-2', 'AC.L2-3.1.4')], { ssp: 'LINK', assessment: { type: 'self', date: '2025-03-01', score: 110 } }),
    target: 'poam',
  },
  { name: 'broken SSP link', poam: poamDoc(2, [item('P-1', 'AC.L2-3.1.3')], { ssp: 'missing.ssp.md' }), target: 'poam' },
];

function run(s: Scenario, syntax: 'yaml' | 'md'): string[] {
  const ext = syntax === 'yaml' ? 'yaml' : 'md';
  const files: Record<string, string> = {};
  const link = (d: Doc | undefined) => (d && d.ssp === 'LINK' ? { ...d, ssp: `a.ssp.${ext}` } : d);
  if (s.ssp) files[`a.ssp.${ext}`] = syntax === 'yaml' ? stringify(s.ssp, { lineWidth: 0 }) : sspMarkdown(s.ssp);
  const poam = link(s.poam);
  if (poam) files[`a.poam.${ext}`] = syntax === 'yaml' ? stringify(poam, { lineWidth: 0 }) : poamMarkdown(poam);
  return codes(check(files, `a.${s.target}.${ext}`, { today: s.today ?? '2025-05-01' })).sort();
}

describe('the YAML scenarios give the same codes in markdown', () => {
  for (const s of SCENARIOS) {
    test(s.name, () => {
      const yaml = run(s, 'yaml');
      assert.deepEqual(run(s, 'md'), yaml);
      if (
        !['clean Level 2 SSP', 'clean POA&M', 'deadline day 180', 'operational plan counts as met', 'L2 score 88 (22 one-pointers)', 'L3 20 of 24'].includes(
          s.name,
        )
      )
        assert.ok(
          yaml.some((c) => c !== 'ssp-score'),
          `${s.name} shows a finding`,
        );
    });
  }
});

const POAM = `---
kind: poam
level: 2
conditional_status_date: 2025-03-15
---

# Plan

## POAM-001 Banner

Practice: AC.L2-3.1.20
Status: open

The VPN portal shows no banner.

### Milestones

- [ ] Draft text
- [X] 2025-04-01 Review
- [ ] 2025-04-20 Deploy
`;

describe('where markdown findings sit', () => {
  test('item findings: on the Practice: line, the heading, task-list lines', () => {
    const fs = check({ 'p.poam.md': POAM }, 'p.poam.md');
    assert.deepEqual(
      fs.map((f) => [f.code, f.line, f.covered]),
      [
        ['poam-missing-score', 3, '2'],
        ['poam-missing-deadline', 9, '## POAM-001 Banner'],
        ['poam-practice-excluded', 11, 'Practice: AC.L2-3.1.20'],
        ['poam-milestone-missing-date', 18, '- [ ] Draft text'],
        ['poam-milestone-overdue', 20, '- [ ] 2025-04-20 Deploy'],
      ],
    );
  });
  test('document findings on the front matter kind line; practice findings on the heading; values on the value', () => {
    const text = `---\nkind: ssp\nlevel: 1\n---\n\n## AC.L1-b.1.i Access\n\nStatus: not-met\n\n## AC.L1-b.1.ii Functions\n\nStatus: met\nResponsible: 2025-13-01\n`;
    const fs = check({ 's.ssp.md': text }, 's.ssp.md');
    const score = only(fs, 'ssp-score')[0];
    assert.equal(score.covered, 'kind: ssp');
    assert.equal(only(fs, 'ssp-practice-missing')[0].covered, 'kind: ssp');
    assert.equal(only(fs, 'ssp-level1-not-met')[0].covered, '## AC.L1-b.1.i Access');
    assert.equal(only(fs, 'ssp-missing-implementation')[0].covered, '## AC.L1-b.1.ii Functions');
    const date = check({ 'p.poam.md': POAM.replace('Status: open', 'Status: open\nDeadline: 2025-02-30') }, 'p.poam.md');
    assert.equal(only(date, 'invalid-date')[0].covered, '2025-02-30');
  });
  test('fields: case-insensitive keys, dashes and spaces, Scheduled completion as deadline, unknown fields on the key', () => {
    const text = POAM.replace('Status: open', 'STATUS: open\nScheduled-completion: 2025-06-30\nColour: blue');
    const fs = check({ 'p.poam.md': text }, 'p.poam.md');
    assert.equal(only(fs, 'poam-missing-deadline').length, 0);
    const unknown = only(fs, 'schema');
    assert.equal(unknown.length, 1);
    assert.equal(unknown[0].covered, 'Colour');
    assert.match(unknown[0].message, /Unknown field "colour"/);
  });
  test('not-applicable practice: prose is its justification', () => {
    const text =
      `---\nkind: ssp\nlevel: 1\n---\n` +
      requirementsOfLevel(1)
        .map((r) => `\n## ${r.id}\n\nStatus: ${r.id === 'AC.L1-b.1.i' ? 'not-applicable' : 'met'}\n\nWhy or how it is met.\n`)
        .join('');
    assert.deepEqual(codes(check({ 's.ssp.md': text }, 's.ssp.md')), ['ssp-score']);
    const bare = text.replace('Status: not-applicable\n\nWhy or how it is met.', 'Status: not-applicable');
    assert.deepEqual(
      codes(check({ 's.ssp.md': bare }, 's.ssp.md')).filter((c) => c !== 'ssp-score'),
      ['ssp-na-without-justification'],
    );
  });
});

describe('bad markdown never crashes and always explains', () => {
  test('front matter syntax error at its line', () => {
    const fs = check({ 'p.poam.md': POAM.replace('level: 2', 'level: [2') }, 'p.poam.md');
    assert.ok(fs.length > 0 && fs.every((f) => f.code === 'syntax'));
    assert.ok(fs[0].line >= 3 && fs[0].line <= 5, `line ${fs[0].line}`);
  });
  test('unclosed front matter', () => {
    const fs = check({ 'p.poam.md': '---\nkind: poam\nlevel: 2\n\n## POAM-1 x\n' }, 'p.poam.md');
    assert.deepEqual(codes(fs), ['syntax']);
    assert.match(fs[0].message, /never closed/);
  });
  test('headings without ids, inside fences and quotes, duplicate SSP sections', () => {
    const text = `---\nkind: ssp\nlevel: 1\n---\n\n## Introduction\n\n> ## AC.L1-b.1.i Quoted\n\n\`\`\`\n## AC.L1-b.1.ii Fenced\n\`\`\`\n\n## AC.L1-b.1.iii A\n\nStatus: met\n\nDone.\n\n## AC.L1-b.1.iii Again\n\nStatus: met\n\nDone.\n`;
    const fs = check({ 's.ssp.md': text }, 's.ssp.md');
    // SPEC 2.1: `## Introduction` is a free section (this asserted a schema finding before the SPEC said so)
    assert.equal(only(fs, 'schema').length, 0);
    assert.equal(only(fs, 'syntax')[0].covered, '## AC.L1-b.1.iii Again');
    // the quoted and fenced headings are not sections: both practices are reported missing
    const missing = only(fs, 'ssp-practice-missing').map((f) => f.message.split(' ')[0]);
    assert.ok(missing.includes('AC.L1-b.1.i') && missing.includes('AC.L1-b.1.ii'));
  });
  test('an unclosed code fence swallows the rest without crashing', () => {
    const fs = check({ 'p.poam.md': POAM.replace('### Milestones', '```\n### Milestones') }, 'p.poam.md');
    assert.ok(codes(fs).includes('poam-missing-milestones'));
  });
  test('empty file, no front matter, binary junk', () => {
    assert.ok(codes(check({ 'p.poam.md': '' }, 'p.poam.md')).includes('schema'));
    assert.ok(codes(check({ 'p.poam.md': '## POAM-1 x\n\nPractice: AC.L2-3.1.3\nStatus: open\n' }, 'p.poam.md')).includes('schema'));
    assert.deepEqual(codes(check({ 'p.poam.md': '\u0000\u0001binary' }, 'p.poam.md')), ['syntax']);
  });
  test('markdown files that are not ours are left alone', () => {
    assert.deepEqual(check({ 'README.md': '# Hello\n\n## Section\n' }, 'README.md'), []);
    assert.deepEqual(
      codes(
        check(
          { 'plan.md': '---\nkind: poam\nlevel: 2\nconditional_status_date: 2025-03-15\n---\n## P-1 x\nPractice: AC.L2-3.1.20\nStatus: open\n' },
          'plan.md',
        ),
      ),
      ['poam-missing-score', 'poam-missing-deadline', 'poam-missing-milestones', 'poam-practice-excluded'],
    );
  });
});

describe('cross-file between YAML and markdown', () => {
  test('a markdown POA&M links a YAML SSP, a YAML POA&M links a markdown SSP', () => {
    const ssp = sspDoc(2, { 'AC.L2-3.1.4': { status: 'met', implementation: 'x' } });
    const md = poamMarkdown(poamDoc(2, [item('P-1', 'AC.L2-3.1.4')], { ssp: 'a.ssp.yaml' }));
    assert.deepEqual(codes(check({ 'a.ssp.yaml': stringify(ssp), 'b.poam.md': md }, 'b.poam.md')), ['poam-practice-met-in-ssp']);
    const yaml = stringify(poamDoc(2, [item('P-1', 'AC.L2-3.1.4')], { ssp: 'a.ssp.md' }));
    assert.deepEqual(codes(check({ 'a.ssp.md': sspMarkdown(ssp), 'b.poam.yaml': yaml }, 'b.poam.yaml')), ['poam-practice-met-in-ssp']);
  });
});
