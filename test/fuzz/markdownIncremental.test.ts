/**
 * Incremental re-parsing of markdown documents must give exactly what a full parse gives: random
 * edits (including fences, HTML, setext underlines, new headings, CRLF) on a POA&M and an SSP
 * written the way people write them, compared node by node, finding by finding and in the model.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCmmcDocument, reparseCmmcDocument } from '../../server/src/documents/parse';
import { rng } from '../unit/helpers';
import { comparable, fuzzReparse, keystroke, reused, serviceReuses } from './reparseFuzz';

const EDITS = [
  'x',
  '',
  '\n',
  '\n\n',
  '2025-07-01',
  '2025-02-30',
  '\nStatus: completed',
  '\nDeadline: 2025-06-01',
  'Practice: AC.L2-3.1.20',
  '\n## POAM-99 a new item\n\nPractice: AC.L2-3.1.4\nStatus: open\n',
  '\n## AC.L2-3.1.4 Separation of duties\n\nStatus: met\n',
  '\n## Scope\n',
  '\n# Part two\n',
  '\n```\n',
  '\n~~~\n',
  '\n<div>\n',
  '\n<!-- note\n',
  '\n---\n',
  '\n===\n',
  '\n- [x] 2025-04-01 done task',
  '\n- [ ] no date',
  '\n> quoted\n',
  '\n  ## indented',
  '\n### Milestones\n',
  ': ',
  '\t',
  '  ',
  '[ref]: /x',
  '\r\n',
  '#',
];

const POAM = `---
kind: poam
level: 2
assessment:
  type: c3pao
  date: 2025-03-01
  score: 100
conditional_status_date: 2025-03-15
---

# Plan of Action and Milestones

Intro prose about the plan.

${Array.from({ length: 10 }, (_, i) => {
  const done = i % 3 === 0;
  return `## POAM-${i + 1} Item number ${i + 1}

Practice: AC.L2-3.1.${3 + (i % 5)}
Responsible: ISSO
Deadline: 2025-08-30
Status: ${done ? 'completed' : 'open'}
${done ? 'Completed: 2025-04-02\n' : ''}
The weakness of item ${i + 1}, in prose
over two lines.

${i % 4 === 1 ? '> A quote from the assessor.\n\n- a plain list\n- of notes\n\n' : ''}### Milestones

- [x] 2025-04-01 Configure it
- [ ] 2025-06-01 Review it
`;
}).join('\n')}`;

const SSP = `---
kind: ssp
level: 2
date: 2025-02-10
---

# System Security Plan

${['AC.L2-3.1.1', 'AC.L2-3.1.2', 'AC.L2-3.1.3', 'AC.L2-3.1.5', 'AU.L2-3.3.1', 'CM.L2-3.4.1', 'IA.L2-3.5.3']
  .map(
    (id, i) => `## ${id} A requirement

Status: ${i === 3 ? 'not-met' : 'met'}
Responsible: ISSO

How it is done, in a first paragraph.

And a second paragraph${i === 2 ? '\n\n    indented code\n' : ''}.
`,
  )
  .join('\n')}`;

function fuzz(name: string, uri: string, initial: string, seed: number, steps: number) {
  // Back to the clean document now and then: an open fence or HTML block, once typed, makes
  // every later edit a full parse, and the splice must be tried often.
  fuzzReparse(uri, initial, seed, steps, {
    edits: EDITS,
    resetEvery: 25,
    minShare: 1 / 10,
    title: `markdown: incremental parse equals full parse on ${steps} random edits (${name})`,
  });
}

fuzz('POA&M', 'file:///ws/a.poam.md', POAM, 11, 1500);
fuzz('SSP', 'file:///ws/a.ssp.md', SSP, 12, 1000);
fuzz('POA&M with CRLF', 'file:///ws/c.poam.md', POAM.replace(/\n/g, '\r\n'), 13, 500);

test('markdown: typing inside an item takes the incremental path and matches a full parse', () => {
  const random = rng(17);
  const uri = 'file:///ws/t.poam.md';
  let text = POAM;
  let prev = parseCmmcDocument(uri, text)!;
  let incremental = 0;
  for (let step = 0; step < 300; step++) {
    // A character typed into, or deleted from, the middle of a prose or field line of some item.
    const lines = [...text.matchAll(/^(?:Responsible: |The weakness of |over two)(.+)$/gm)];
    const m = lines[Math.floor(random() * lines.length)];
    const at = m.index! + m[0].length - m[1].length + Math.floor(random() * m[1].length);
    const next = random() < 0.6 ? text.slice(0, at) + 'abc 0123'[Math.floor(random() * 8)] + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
    const k = keystroke(prev, uri, next, `step ${step}`);
    if (k.reused) incremental++;
    text = next;
    prev = k.parsed;
  }
  assert.ok(incremental >= 285, `incremental ${incremental} of 300`);
});

test('markdown: an edit that opens a code fence is parsed whole (the fence swallows the sections after it)', () => {
  const uri = 'file:///ws/f.poam.md';
  const prev = parseCmmcDocument(uri, POAM)!;
  const at = POAM.indexOf('over two lines.') + 'over two lines.'.length;
  const next = `${POAM.slice(0, at)}\n\n\`\`\`\n${POAM.slice(at)}`;
  const inc = reparseCmmcDocument(prev, uri, next)!;
  assert.ok(!reused(inc, prev.root), 'not spliced');
  assert.deepEqual(comparable(inc), comparable(parseCmmcDocument(uri, next)));
  assert.equal((inc.model as { items: readonly unknown[] }).items.length, 1, 'the open fence holds every later item');
});

serviceReuses(
  'markdown: the service reuses the previous parse for an edit inside one section and gives the same findings',
  'file:///ws/s.poam.md',
  POAM,
  'Deadline: 2025-08-30',
  'Deadline: 2025-09-30',
);
