/** `.cmmc.yaml`, the gitignore matcher and inline suppressions, through the one policy pass of the analysis. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseConfig, type CmmcConfig } from '../../server/src/config/config';
import { compileIgnore, isIgnored } from '../../server/src/config/ignore';
import { createCmmcService, type Settings } from '../../server/src/service';
import { BASE, item, poamMarkdown, poamDoc, poamYaml } from './helpers';

const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

describe('.cmmc.yaml', () => {
  test('a valid file gives levels, the warning window and ignore globs, and no findings', () => {
    const c = parseConfig(
      'rules:\n  poam-missing-milestones: error\n  poam-duplicate: off\ncloseoutWarningDays: 45\nignore: ["archive/**"]\n',
      '/repo/.cmmc.yaml',
    );
    assert.deepEqual(c.findings, []);
    assert.deepEqual(
      [...c.rules],
      [
        ['poam-missing-milestones', 'error'],
        ['poam-duplicate', 'off'],
      ],
    );
    assert.equal(c.closeoutWarningDays, 45);
    assert.deepEqual(c.ignore, ['archive/**']);
    assert.equal(c.base, '/repo');
  });

  test('an empty file is an empty configuration', () => {
    const c = parseConfig('', '/repo/.cmmc.yaml');
    assert.deepEqual([c.findings, [...c.rules], c.ignore], [[], [], []]);
  });

  test('each mistake is one config-invalid finding on its own line; the valid entries still apply', () => {
    const text = 'rules:\n  poam-missing-milestone: error\n  poam-duplicate: loud\n  ssp-score: warning\ncloseoutWarningDay: 45\nignore: archive\n';
    const c = parseConfig(text, '/repo/.cmmc.yaml');
    const got = c.findings.map((f) => [f.code, lineOf(text, f.span.start), f.message]);
    assert.deepEqual(got.map((g) => g.slice(0, 2)).sort(), [
      ['config-invalid', 2],
      ['config-invalid', 3],
      ['config-invalid', 5],
      ['config-invalid', 6],
    ]);
    assert.match(String(got.find((g) => g[1] === 2)![2]), /unknown code "poam-missing-milestone": did you mean "poam-missing-milestones"\?/);
    assert.match(String(got.find((g) => g[1] === 3)![2]), /must be one of off, information, warning, error/);
    assert.match(String(got.find((g) => g[1] === 5)![2]), /unknown setting "closeoutWarningDay": did you mean "closeoutWarningDays"\?/);
    assert.deepEqual([...c.rules], [['ssp-score', 'warning']]);
  });

  test('a YAML syntax error is a finding, and nothing of the file applies', () => {
    const c = parseConfig('rules:\n  a: [\n', '/repo/.cmmc.yaml');
    assert.equal(c.findings.length >= 1, true);
    assert.ok(c.findings.every((f) => f.code === 'config-invalid'));
    assert.equal(c.rules.size, 0);
  });

  test('a regulatory error may be raised but not lowered or turned off: config-regulatory on that line', () => {
    const text = 'rules:\n  poam-practice-excluded: off\n  poam-point-value: warning\n  poam-level1-not-permitted: error\n  poam-missing-milestones: error\n';
    const c = parseConfig(text, '/repo/.cmmc.yaml');
    assert.deepEqual(
      c.findings.map((f) => [f.code, lineOf(text, f.span.start)]),
      [
        ['config-regulatory', 2],
        ['config-regulatory', 3],
      ],
    );
    assert.match(c.findings[0].message, /"poam-practice-excluded" stays an error: it enforces 32 CFR 170\.21\(a\)\(2\)\(iii\)/);
    assert.deepEqual(
      [...c.rules],
      [
        ['poam-level1-not-permitted', 'error'],
        ['poam-missing-milestones', 'error'],
      ],
    );
  });
});

describe('gitignore matcher', () => {
  const m = (patterns: string, path: string, dir = false) => isIgnored([compileIgnore('/r', patterns)], `/r/${path}`, dir);
  test('names match at any depth, anchored patterns only from the base', () => {
    assert.equal(m('draft.ssp.yaml', 'a/b/draft.ssp.yaml'), true);
    assert.equal(m('/draft.ssp.yaml', 'a/draft.ssp.yaml'), false);
    assert.equal(m('/draft.ssp.yaml', 'draft.ssp.yaml'), true);
    assert.equal(m('a/draft.ssp.yaml', 'x/a/draft.ssp.yaml'), false);
  });
  test('* and ? stop at /, ** crosses folders, dir/** is what is inside', () => {
    assert.equal(m('*.md', 'docs/x.md'), true);
    assert.equal(m('docs/*.md', 'docs/sub/x.md'), false);
    assert.equal(m('docs/**/*.md', 'docs/sub/deep/x.md'), true);
    assert.equal(m('docs/**/*.md', 'docs/x.md'), true);
    assert.equal(m('**/old', 'a/b/old', true), true);
    assert.equal(m('archive/**', 'archive/a.ssp.yaml'), true);
    assert.equal(m('archive/**', 'archive', true), false);
    assert.equal(m('?.md', 'ab.md'), false);
    assert.equal(m('[ab].md', 'b.md'), true);
    assert.equal(m('[!ab].md', 'b.md'), false);
  });
  test('a trailing / matches folders only; ! re-includes; the last match wins; comments and escapes', () => {
    assert.equal(m('build/', 'build', true), true);
    assert.equal(m('build/', 'build', false), false);
    assert.equal(m('*.yaml\n!keep.yaml', 'keep.yaml'), false);
    assert.equal(m('*.yaml\n!keep.yaml\nkeep.yaml', 'keep.yaml'), true);
    assert.equal(m('# a.md\n\n', 'a.md'), false);
    assert.equal(m('\\#a.md', '#a.md'), true);
    assert.equal(m('a.md   ', 'a.md'), true);
    assert.equal(m('a b.md', 'a b.md'), true);
  });
  test('a deeper list overrides its parent; paths outside a list are not its business', () => {
    const lists = [compileIgnore('/r', '*.poam.yaml'), compileIgnore('/r/keep', '!*.poam.yaml')];
    assert.equal(isIgnored(lists, '/r/x/a.poam.yaml', false), true);
    assert.equal(isIgnored(lists, '/r/keep/a.poam.yaml', false), false);
    assert.equal(isIgnored(lists, '/elsewhere/a.poam.yaml', false), false);
  });
});

/** A service over one POA&M with a config and settings. */
function analyse(files: Record<string, string>, name: string, config?: CmmcConfig, settings: Settings = { today: '2025-05-01' }) {
  const map = new Map(Object.entries(files).map(([k, v]) => [BASE + k, v]));
  const service = createCmmcService({ workspace: { read: (u) => map.get(u), uris: () => map.keys() }, settings: () => settings, config: () => config });
  const a = service.analyze(BASE + name)!;
  const text = map.get(BASE + name)!;
  const seen = (fs: typeof a.findings) => fs.map((f) => `${lineOf(text, f.span.start)} ${f.severity} ${f.code}`);
  return { a, findings: seen(a.findings), suppressed: seen(a.suppressed), diagnostics: service.diagnostics(BASE + name) };
}

const noMilestones = poamYaml(2, [item('P-1', 'AC.L2-3.1.3', { milestones: undefined })]);
const line = (text: string, code: string) =>
  Number(
    analyse({ 'a.poam.yaml': text }, 'a.poam.yaml')
      .findings.find((f) => f.endsWith(code))!
      .split(' ')[0],
  );
const insertBefore = (text: string, n: number, comment: string) => {
  const lines = text.split('\n');
  lines.splice(n - 1, 0, comment);
  return lines.join('\n');
};

describe('rule levels', () => {
  test('the config changes a severity and turns a code off; diagnostics follow', () => {
    const base = analyse({ 'a.poam.yaml': noMilestones }, 'a.poam.yaml');
    assert.ok(base.findings.some((f) => / warning poam-missing-milestones$/.test(f)));
    const raised = analyse({ 'a.poam.yaml': noMilestones }, 'a.poam.yaml', parseConfig('rules:\n  poam-missing-milestones: error\n'));
    assert.ok(raised.findings.some((f) => / error poam-missing-milestones$/.test(f)));
    assert.equal(raised.diagnostics.find((d) => d.code === 'poam-missing-milestones')!.severity, 1);
    const off = analyse({ 'a.poam.yaml': noMilestones }, 'a.poam.yaml', parseConfig('rules:\n  poam-missing-milestones: off\n'));
    assert.ok(!off.findings.some((f) => f.endsWith('poam-missing-milestones')));
    assert.ok(!off.diagnostics.some((d) => d.code === 'poam-missing-milestones'));
  });

  test('the editor setting applies only to codes the repository config does not set; it cannot lower a regulatory error', () => {
    const text = poamYaml(2, [item('P-1', 'AC.L2-3.1.20', { milestones: undefined })]);
    const settings: Settings = { today: '2025-05-01', rules: { 'poam-missing-milestones': 'off', 'poam-practice-excluded': 'off', 'poam-duplicate': 'error' } };
    const r = analyse({ 'a.poam.yaml': text }, 'a.poam.yaml', parseConfig('rules:\n  poam-missing-milestones: information\n'), settings);
    assert.ok(
      r.findings.some((f) => / information poam-missing-milestones$/.test(f)),
      r.findings.join('\n'),
    );
    assert.ok(r.findings.some((f) => / error poam-practice-excluded$/.test(f)));
    const noConfig = analyse({ 'a.poam.yaml': text }, 'a.poam.yaml', undefined, settings);
    assert.ok(!noConfig.findings.some((f) => f.endsWith('poam-missing-milestones')));
  });

  test('closeoutWarningDays of the config wins over the setting', () => {
    // Conditional date 2025-03-15: closeout 2025-09-11, 133 days after 2025-05-01.
    const text = poamYaml(2, [item('P-1', 'AC.L2-3.1.3')]);
    const near = analyse({ 'a.poam.yaml': text }, 'a.poam.yaml', parseConfig('closeoutWarningDays: 140\n'), { today: '2025-05-01', closeoutWarningDays: 10 });
    assert.ok(near.findings.some((f) => f.endsWith('poam-closeout-due-soon')));
    const far = analyse({ 'a.poam.yaml': text }, 'a.poam.yaml', parseConfig('closeoutWarningDays: 10\n'), { today: '2025-05-01', closeoutWarningDays: 140 });
    assert.ok(!far.findings.some((f) => f.endsWith('poam-closeout-due-soon')));
  });
});

describe('inline suppressions', () => {
  test('YAML: a justified suppression moves the finding of the next line to suppressed, kept with its justification', () => {
    const n = line(noMilestones, 'poam-missing-milestones');
    const text = insertBefore(noMilestones, n, '  # cmmc-disable-next-line poam-missing-milestones -- tracked in ticket SEC-12, milestones follow');
    const r = analyse({ 'a.poam.yaml': text }, 'a.poam.yaml');
    assert.ok(!r.findings.some((f) => f.endsWith('poam-missing-milestones')), r.findings.join('\n'));
    assert.deepEqual(r.suppressed, [`${n + 1} warning poam-missing-milestones`]);
    assert.deepEqual(r.a.suppressed[0].suppressed, { justification: 'tracked in ticket SEC-12, milestones follow' });
    assert.ok(!r.diagnostics.some((d) => d.code === 'poam-missing-milestones'));
    assert.ok(!r.findings.some((f) => f.includes('suppression')));
  });

  test('markdown: an html comment suppresses the next line', () => {
    const md = poamMarkdown(poamDoc(2, [item('P-1', 'AC.L2-3.1.3', { milestones: undefined })]));
    const n = line2(md, 'a.poam.md', 'poam-missing-milestones');
    const text = insertBefore(md, n, '<!-- cmmc-disable-next-line poam-missing-milestones -- milestones live in the ticket -->');
    const r = analyse({ 'a.poam.md': text }, 'a.poam.md');
    assert.ok(!r.findings.some((f) => f.endsWith('poam-missing-milestones')), r.findings.join('\n'));
    assert.equal(r.suppressed.length, 1);
  });

  test('no justification, an unknown code, a regulatory error: suppression-invalid, and nothing is suppressed', () => {
    const n = line(noMilestones, 'poam-missing-milestones');
    for (const [comment, message] of [
      ['# cmmc-disable-next-line poam-missing-milestones', /has no justification/],
      ['# cmmc-disable-next-line poam-missing-milestones --   ', /has no justification/],
      ['# cmmc-disable-next-line poam-missing-milestone -- later', /unknown code "poam-missing-milestone": did you mean "poam-missing-milestones"/],
      ['# cmmc-disable-next-line -- because', /names no code/],
    ] as const) {
      const text = insertBefore(noMilestones, n, comment);
      const r = analyse({ 'a.poam.yaml': text }, 'a.poam.yaml');
      const bad = r.a.findings.filter((f) => f.code === 'suppression-invalid');
      assert.equal(bad.length, 1, comment);
      assert.match(bad[0].message, message);
      assert.equal(lineOf(text, bad[0].span.start), n, comment);
      assert.ok(
        r.findings.some((f) => f.endsWith('poam-missing-milestones')),
        comment,
      );
      assert.deepEqual(r.suppressed, []);
    }
    const excluded = poamYaml(2, [item('P-1', 'AC.L2-3.1.20')]);
    const m = line(excluded, 'poam-practice-excluded');
    const r = analyse({ 'a.poam.yaml': insertBefore(excluded, m, '# cmmc-disable-next-line poam-practice-excluded -- we disagree') }, 'a.poam.yaml');
    assert.match(r.a.findings.find((f) => f.code === 'suppression-invalid')!.message, /cannot be suppressed: it enforces 32 CFR 170\.21\(a\)\(2\)\(iii\)/);
    assert.ok(r.findings.some((f) => f.endsWith('poam-practice-excluded')));
  });

  test('a suppression that matches nothing is suppression-unused; one for a code turned off is quiet', () => {
    const clean = poamYaml(2, [item('P-1', 'AC.L2-3.1.3')]);
    const text = insertBefore(clean, 3, '# cmmc-disable-next-line poam-duplicate -- two teams track it');
    const r = analyse({ 'a.poam.yaml': text }, 'a.poam.yaml');
    assert.deepEqual(r.findings, ['3 warning suppression-unused']);
    const off = analyse({ 'a.poam.yaml': text }, 'a.poam.yaml', parseConfig('rules:\n  poam-duplicate: off\n'));
    assert.deepEqual(off.findings, []);
  });

  test('a comment-looking line inside a block scalar is text, not a suppression', () => {
    const clean = poamYaml(2, [item('P-1', 'AC.L2-3.1.3', { weakness: 'line one\n# cmmc-disable-next-line poam-duplicate\nline three\n' })]);
    assert.match(clean, /weakness: \|/);
    assert.deepEqual(analyse({ 'a.poam.yaml': clean }, 'a.poam.yaml').findings, []);
  });
});

function line2(text: string, name: string, code: string): number {
  return Number(
    analyse({ [name]: text }, name)
      .findings.find((f) => f.endsWith(code))!
      .split(' ')[0],
  );
}

test('docs/TEAM.md lists exactly the regulatory errors of the registry', async () => {
  const { readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { RULES } = await import('../../server/src/rules');
  const { isRegulatoryError } = await import('../../server/src/config/config');
  const doc = readFileSync(join(__dirname, '../../docs/TEAM.md'), 'utf8');
  const listed = /<!-- regulatory-errors -->([\s\S]*?)<!-- \/regulatory-errors -->/
    .exec(doc)![1]
    .match(/`([a-z0-9-]+)`/g)!
    .map((c) => c.slice(1, -1));
  assert.deepEqual(
    listed.sort(),
    RULES.filter(isRegulatoryError)
      .map((r) => r.code)
      .sort(),
  );
});
