/**
 * The readiness report: its numbers are the language service's (score, blockers, closeout date,
 * plan-of-action date), documents are grouped into sets, the HTML is self-contained and
 * accessible, and `cmmc-check report` writes it (exit codes of the usual kinds).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { main } from '../../server/src/cli/main';
import { reportOf } from '../../server/src/cli/report';
import { collectFiles } from '../../server/src/cli/walk';
import { requirementsOfLevel } from '../../server/src/catalog/requirements';
import { formatDay } from '../../server/src/documents/dates';
import type { PoamDoc } from '../../server/src/documents/model';
import { closeoutDay } from '../../server/src/domain/clock';
import { verdictOf } from '../../server/src/domain/verdict';
import { renderHtml } from '../../server/src/report/html';
import { buildReport } from '../../server/src/report/model';
import { createCmmcService } from '../../server/src/service';
import { fileSystemWorkspace } from '../../server/src/workspace';
import { BASE, item, onePointers, poamYaml, sspYaml } from './helpers';

const ROOT = resolve(__dirname, '../..');
const TODAY = '2025-05-01';

function memory(files: Record<string, string>, today = TODAY) {
  const map = new Map(Object.entries(files).map(([k, v]) => [BASE + k, v]));
  const service = createCmmcService({ workspace: { read: (u) => map.get(u), uris: () => map.keys() }, settings: () => ({ today }) });
  return { service, uris: [...map.keys()] };
}

test('the report of the samples carries the language service numbers', () => {
  const report = reportOf({ paths: ['samples'], today: TODAY }, ROOT);
  const uris = collectFiles([join(ROOT, 'samples')]).map((f) => pathToFileURL(f).href);
  const service = createCmmcService({ workspace: fileSystemWorkspace(uris), settings: () => ({ today: TODAY }) });
  // Acme (YAML and markdown), Widgets, the Level 3 lab, and the unscored POA&M without an SSP.
  assert.equal(report.sets.length, 5);
  assert.equal(report.sets.filter((s) => !s.ssp).length, 1);
  for (const set of report.sets.filter((s) => s.ssp)) {
    const a = service.analyze(set.ssp!.uri)!;
    assert.equal(set.score!.score, a.score!.score, set.title);
    assert.equal(set.score!.max, a.score!.max);
    assert.deepEqual(
      set.blockers.map((b) => b.id),
      verdictOf(a.score!).blocked.map((n) => n.requirement.id),
    );
    assert.equal(set.verdict.kind, verdictOf(a.score!).kind);
    assert.equal(
      set.families.reduce((s, f) => s + f.pointsOpen, 0),
      a.score!.open,
    );
    assert.deepEqual(set.poams.map((p) => p.uri).sort(), (a.poams ?? []).map((p) => p.uri).sort());
    for (const p of set.poams) {
      const doc = service.analyze(p.uri)!.parsed.model as PoamDoc;
      assert.equal(p.closeout, formatDay(closeoutDay(doc)!));
      const t = set.timelines.find((x) => x.file === p.file)!;
      assert.equal(t.closeout, p.closeout);
      assert.equal(t.items.length, doc.items.length);
    }
  }
  const acme = report.sets.find((s) => s.ssp?.file === join('samples', 'acme.ssp.yaml'))!;
  assert.equal(acme.score!.score, 104);
  assert.equal(acme.verdict.kind, 'conditional');
  assert.equal(acme.path!.none, true);
  assert.equal(acme.poams[0].closeout, '2025-09-11');
  assert.equal(acme.sprs.planOfActionDate, '2025-09-01');
  assert.equal(acme.sprs.assessmentDate, '2025-03-01');
  assert.equal(acme.sprs.sspDate, '2025-02-10');
  const widgets = report.sets.find((s) => s.title === 'Widgets Engineering Network')!;
  assert.equal(widgets.verdict.kind, 'not-eligible');
  assert.deepEqual(
    widgets.blockers.map((b) => b.citation),
    // The last: CA.L2-3.12.4 marked not applicable, which is scored not met (ssp-na-not-allowed).
    ['32 CFR 170.21(a)(2)(ii)', '32 CFR 170.21(a)(2)(ii)', '32 CFR 170.21(a)(2)(iii)(E)', '32 CFR 170.21(a)(2)(iii)(C)'],
  );
  assert.deepEqual(
    widgets.path!.steps.map((s) => s.id),
    widgets.blockers.map((b) => b.id),
  );
  // 2025-04-31 is no day: the latest real open deadline is 2025-06-30.
  assert.equal(widgets.sprs.planOfActionDate, '2025-06-30');
  const states = Object.fromEntries(widgets.timelines[0].items.map((i) => [`${i.id} ${i.practice}`, i.state]));
  assert.equal(states['POAM-02 AC.L2-3.1.20'], 'overdue');
  assert.equal(states['POAM-04 SC.L2-3.13.11'], 'late');
  assert.equal(states['POAM-03 AC.L2-3.1.5'], 'open');
});

test('sets: an SSP with its POA&Ms, a POA&M without an SSP on its own, a POA&M whose SSP was not listed', () => {
  const { service } = memory({
    's.ssp.yaml': sspYaml(2, { 'AC.L2-3.1.9': { status: 'not-met' } }),
    'p.poam.yaml': poamYaml(2, [item('P-1', 'AC.L2-3.1.9')], { ssp: 's.ssp.yaml' }),
    'lone.poam.yaml': poamYaml(2, [item('L-1', 'AC.L2-3.1.9', { deadline: '2025-12-31' })], { assessment: { score: 100 } }),
  });
  const all = buildReport(service, [BASE + 's.ssp.yaml', BASE + 'p.poam.yaml', BASE + 'lone.poam.yaml']);
  assert.equal(all.sets.length, 2);
  assert.deepEqual(
    all.sets[0].poams.map((p) => p.file),
    ['p.poam.yaml'],
  );
  assert.equal(all.sets[1].ssp, undefined);
  assert.equal(all.sets[1].verdict.kind, 'unknown');
  assert.equal(all.sets[1].sprs.score, 100, 'without an SSP the score stated in the POA&M');
  assert.equal(all.sets[1].timelines[0].items[0].state, 'late', 'deadline after the closeout date 2025-09-11');
  // Only the POA&M named: its SSP is read through the link and heads the set.
  const one = buildReport(service, [BASE + 'p.poam.yaml']);
  assert.equal(one.sets.length, 1);
  assert.equal(one.sets[0].ssp?.file, 's.ssp.yaml');
  assert.equal(one.sets[0].score?.score, 109);
  // Focus on the lone POA&M: only its set.
  assert.equal(buildReport(service, [BASE + 's.ssp.yaml', BASE + 'lone.poam.yaml'], { focus: BASE + 'lone.poam.yaml' }).sets.length, 1);
});

test('path to Conditional in the report: below the threshold, the score it reaches', () => {
  const gaps = Object.fromEntries(onePointers(25).map((id) => [id, { status: 'not-met' }]));
  const { service, uris } = memory({ 's.ssp.yaml': sspYaml(2, gaps) });
  const set = buildReport(service, uris).sets[0];
  assert.equal(set.score!.score, 85);
  assert.equal(set.verdict.kind, 'not-eligible');
  assert.equal(set.path!.reaches, 88);
  assert.equal(set.path!.steps.length, 3);
  assert.ok(set.path!.steps.every((s) => !s.forced));
  assert.match(renderHtml(buildReport(service, uris)), /score reaches\s+<strong>88<\/strong>/);
});

test('SPRS summary: scope and CAGE codes from the SSP; what the tool cannot know otherwise', () => {
  const withFields = memory({ 's.ssp.yaml': sspYaml(2, {}, { scope: 'enclave', cage_codes: ['1ABC2'] }) });
  const a = buildReport(withFields.service, withFields.uris).sets[0].sprs;
  assert.equal(a.scope, 'enclave');
  assert.deepEqual(a.cageCodes, ['1ABC2']);
  assert.ok(!a.cannotKnow.some((c) => c.includes('CAGE')));
  assert.equal(a.planOfActionDate, undefined);
  const bare = memory({ 's.ssp.yaml': sspYaml(2) });
  const b = buildReport(bare.service, bare.uris).sets[0].sprs;
  assert.equal(b.scope, undefined);
  assert.ok(b.cannotKnow.some((c) => c.includes('CAGE')));
  assert.ok(b.cannotKnow.some((c) => c.includes('scope')));
});

test('the HTML is self-contained and accessible', () => {
  const html = renderHtml(reportOf({ paths: ['samples'], today: TODAY }, ROOT));
  assert.doesNotMatch(html, /<script/i);
  assert.doesNotMatch(html, /<link/i);
  assert.doesNotMatch(html, /@import|url\(/i);
  for (const m of html.matchAll(/\b(?:src|href)\s*=\s*["']?([^"'\s>]+)/gi)) assert.doesNotMatch(m[1], /^(https?:)?\/\//i, m[0]);
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
  const svgs = [...html.matchAll(/<svg\b[^>]*>([\s\S]*?)<\/svg>/g)];
  assert.ok(svgs.length >= 9, `${svgs.length} charts`);
  for (const s of svgs) {
    assert.match(s[0], /^<svg[^>]*role="img"[^>]*aria-label="[^"]+"/);
    assert.match(s[1], /^<title>[^<]+<\/title>/);
  }
  assert.ok((html.match(/<table/g) ?? []).length >= svgs.length, 'a table behind every chart');
  assert.match(html, /prefers-color-scheme:dark/);
  assert.match(html, /@media print/);
  // Text from the documents is escaped.
  const { service, uris } = memory({ 's.ssp.yaml': sspYaml(2, {}, { system: '<img src=https://x.invalid/a.png>' }) });
  assert.doesNotMatch(renderHtml(buildReport(service, uris)), /<img/);
});

test('the webview nonce: only the nonced style is allowed', () => {
  const { service, uris } = memory({ 's.ssp.yaml': sspYaml(2) });
  const html = renderHtml(buildReport(service, uris), { nonce: 'abc123' });
  assert.match(html, /style-src 'nonce-abc123'/);
  assert.match(html, /<style nonce="abc123">/);
  assert.doesNotMatch(html, /unsafe-inline/);
  assert.doesNotMatch(html, /\sstyle="/, 'no style attribute (the policy would block it)');
});

test('cmmc-check report: HTML and JSON files, stdout, and exit 2 on bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cmmc-report-'));
  try {
    const run = (...args: string[]) => {
      let out = '';
      let err = '';
      const code = main(
        ['report', ...args],
        (s) => (out += s),
        (s) => (err += s),
        ROOT,
      );
      return { code, out, err };
    };
    const html = run('samples', '--today', TODAY, '--out', join(dir, 'r.html'));
    assert.equal(html.code, 0, html.err);
    assert.match(readFileSync(join(dir, 'r.html'), 'utf8'), /^<!DOCTYPE html>/);
    const json = run('--out', join(dir, 'r.json'), 'samples', `--today=${TODAY}`);
    assert.equal(json.code, 0, json.err);
    const doc = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    assert.equal(doc.format, 'cmmc-readiness-report');
    assert.deepEqual(
      doc.sets.map((s: { score?: { score: number } }) => s.score?.score ?? null),
      [104, 23, 92, 104, null],
    );
    const stdout = run('samples/acme.ssp.yaml', '--today', TODAY);
    assert.equal(stdout.code, 0);
    assert.match(stdout.out, /Conditional Level 2 eligible: score 104 of 110/);
    assert.equal(run('samples', '--out', join(dir, 'r.txt')).code, 2);
    assert.equal(run('samples', '--today', '2025-02-30').code, 2);
    assert.equal(run('no-such-folder').code, 2);
    writeFileSync(join(dir, 'notes.md'), '# Notes\n');
    const empty = run(dir);
    assert.equal(empty.code, 2);
    assert.match(empty.err, /no SSP or POA&M document found/);
    assert.equal(run('--help').code, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Level 3 and Level 1: points at the assessment level, the Level 1 path leads to Final', () => {
  const l3 = Object.fromEntries(['AC.L3-3.1.2e', 'AC.L3-3.1.3e', 'AT.L3-3.2.1e', 'AT.L3-3.2.2e', 'CM.L3-3.4.1e'].map((id) => [id, { status: 'not-met' }]));
  const { service, uris } = memory({
    'l3.ssp.yaml': sspYaml(3, { ...l3, 'AC.L2-3.1.9': { status: 'not-met' } }),
    'l1.ssp.yaml': sspYaml(1, { 'AC.L1-b.1.i': { status: 'not-met' } }),
  });
  const report = buildReport(service, uris);
  const [three, one] = report.sets;
  assert.equal(three.score!.score, 19);
  assert.equal(three.score!.threshold, 20);
  assert.deepEqual(
    three.blockers.map((b) => [b.id, b.points, b.citation]),
    [['AC.L2-3.1.9', 0, '32 CFR 170.18(a)']],
  );
  assert.equal(three.path!.reaches, 20);
  assert.deepEqual(
    three.path!.steps.map((s) => [s.id, s.points, s.forced]),
    [
      ['AC.L2-3.1.9', 0, true],
      ['AC.L3-3.1.2e', 1, false],
    ],
  );
  assert.equal(
    three.families.reduce((a, f) => a + f.pointsOpen, 0),
    5,
  );
  assert.equal(one.verdict.kind, 'not-eligible');
  assert.equal(one.path!.target, 'final');
  assert.equal(one.blockers[0].citation, '32 CFR 170.21(a)(1)');
  const html = renderHtml(report);
  assert.match(html, /Path to Final Level 1/);
  assert.match(html, /to meet before Final Level 1 status/);
});

test('charts stay finite: a negative score, a POA&M without a conditional date, items without valid dates', () => {
  // Every 5-point requirement left out: 110 - 5 x 24 < 0 before the partial-credit ones.
  const all = Object.fromEntries(
    requirementsOfLevel(2)
      .filter((r) => r.points === 5)
      .map((r) => [r.id, null]),
  );
  const { service, uris } = memory({
    's.ssp.yaml': sspYaml(2, all),
    'p.poam.yaml': poamYaml(2, [item('P-1', 'AC.L2-3.1.9', { deadline: '2025-02-30', milestones: [{ task: 'x', due: 'soon' }] })], {
      ssp: 's.ssp.yaml',
      conditional_status_date: undefined,
    }),
    'q.poam.yaml': poamYaml(2, [], {}),
  });
  const report = buildReport(service, uris);
  const html = renderHtml(report);
  assert.doesNotMatch(html, /NaN|Infinity|undefined/);
  assert.ok(report.sets[0].score!.score < 0, String(report.sets[0].score!.score));
  assert.ok(report.sets[0].path!.reaches >= 88);
  assert.equal(report.sets[0].timelines[0].start, undefined);
  assert.equal(report.sets[0].timelines[0].items[0].deadline, undefined);
  assert.match(html, /No valid conditional_status_date/);
  assert.match(html, /<p>No items\.<\/p>/);
});
