/**
 * Scaffolds (docs/SCAFFOLD.md): every SSP skeleton (levels 1-3, YAML and markdown) lists the
 * level's requirements in catalog order and reads as exactly one `ssp-score` "skeleton" line;
 * filling in one practice ends the skeleton state; every POA&M scaffold checks with exactly the
 * findings documented; `cmmc-check init` writes, refuses to overwrite and lists what it cannot defer.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { requirementsForSsp, type Level } from '../../server/src/catalog/requirements';
import { parseDay } from '../../server/src/documents/dates';
import { parseCmmcDocument } from '../../server/src/documents/parse';
import type { SspDoc, Syntax } from '../../server/src/documents/model';
import { isSkeleton } from '../../server/src/domain/skeleton';
import { poamScaffold } from '../../server/src/scaffold/poam';
import { familyTitle, sspScaffold } from '../../server/src/scaffold/ssp';
import { codeLenses, statusFor } from '../../server/src/features/codeLens';
import { createCmmcService } from '../../server/src/service';
import { check, codes, only, sspDoc, sspMarkdown, sspYaml, runCli } from './helpers';

const TODAY = '2025-05-01';
const SYNTAXES: readonly Syntax[] = ['yaml', 'markdown'];
const sspName = (syntax: Syntax) => (syntax === 'yaml' ? 'a.ssp.yaml' : 'a.ssp.md');
const poamName = (syntax: Syntax) => (syntax === 'yaml' ? 'a.poam.yaml' : 'a.poam.md');

function sspModel(name: string, text: string): SspDoc {
  const parsed = parseCmmcDocument(`file:///ws/${name}`, text);
  assert.equal(parsed?.model?.kind, 'ssp');
  return parsed!.model as SspDoc;
}

describe('init ssp: the skeleton', () => {
  for (const level of [1, 2, 3] as Level[]) {
    for (const syntax of SYNTAXES) {
      test(`Level ${level} ${syntax}: catalog order, family groups, titles; one ssp-score line`, () => {
        const text = sspScaffold({ level, syntax, date: TODAY });
        const reqs = requirementsForSsp(level);
        const doc = sspModel(sspName(syntax), text);
        assert.deepEqual(
          doc.practices.map((p) => p.id.value),
          reqs.map((r) => r.id),
        );
        assert.ok(doc.practices.every((p) => p.status?.value === 'not-met'));
        const lines = text.split('\n');
        let at = 0;
        let family = '';
        for (const r of reqs) {
          const line = lines.findIndex((l, i) => i >= at && l.includes(r.id));
          assert.ok(line >= 0, `${r.id} listed`);
          assert.ok(lines[line].includes(r.title), `${r.id}: title on its line`);
          if (familyTitle(r, level) !== family) {
            family = familyTitle(r, level);
            const heading = syntax === 'yaml' ? `  # ${family}` : `# ${family}`;
            assert.ok(lines.slice(at, line).includes(heading), `${r.id}: under the family heading "${heading}"`);
          }
          at = line + 1;
        }
        const fs = check({ [sspName(syntax)]: text }, sspName(syntax));
        assert.deepEqual(codes(fs), ['ssp-score'], fs.map((f) => f.message).join('\n'));
        assert.match(fs[0].message, new RegExp(`^skeleton: 0 of ${reqs.length} practices assessed;`));
        assert.equal(fs[0].severity, 'information');
      });
    }
  }

  test('the CodeLens and the status bar say skeleton too; a filled-in SSP gets its score again', () => {
    const text = sspScaffold({ level: 2, syntax: 'yaml', date: TODAY });
    const svc = createCmmcService({ workspace: { read: () => text, uris: () => [] }, settings: () => ({ today: TODAY }) });
    const analysis = svc.analyze('file:///ws/a.ssp.yaml');
    assert.deepEqual(
      codeLenses(analysis).map((l) => l.command?.title),
      ['Skeleton · 0 of 110 practices assessed'],
    );
    assert.equal(statusFor(analysis)?.text, 'CMMC skeleton: 0/110 assessed');
    const filled = text.replace('AC.L2-3.1.9: # Privacy & Security Notices\n    status: not-met', 'AC.L2-3.1.9:\n    status: not-met\n    responsible: ISSO');
    const svc2 = createCmmcService({ workspace: { read: () => filled, uris: () => [] }, settings: () => ({ today: TODAY }) });
    assert.match(codeLenses(svc2.analyze('file:///ws/a.ssp.yaml'))[0].command!.title, /^Score -203 of 110/);
  });

  test('Level 3 lists the 110 Level 2 and the 24 Level 3 requirements', () => {
    const doc = sspModel('a.ssp.yaml', sspScaffold({ level: 3, syntax: 'yaml', date: TODAY }));
    assert.equal(doc.practices.filter((p) => p.id.value.includes('.L2-')).length, 110);
    assert.equal(doc.practices.filter((p) => p.id.value.includes('.L3-')).length, 24);
  });

  for (const syntax of SYNTAXES) {
    test(`${syntax}: filling in one practice ends the skeleton; every rule applies again`, () => {
      const text = sspScaffold({ level: 2, syntax, date: TODAY });
      const filled =
        syntax === 'yaml'
          ? text.replace(
              'AC.L2-3.1.1: # Authorized Access Control [CUI Data]\n    status: not-met',
              'AC.L2-3.1.1:\n    status: met\n    implementation: Accounts come from HR.',
            )
          : text.replace(
              '## AC.L2-3.1.1 Authorized Access Control [CUI Data]\n\nStatus: not-met',
              '## AC.L2-3.1.1 Authorized Access Control [CUI Data]\n\nStatus: met\n\nAccounts come from HR.',
            );
      assert.notEqual(filled, text);
      const fs = check({ [sspName(syntax)]: filled }, sspName(syntax));
      assert.match(only(fs, 'ssp-score')[0].message, /^score -198 of 110 \(308 points open\); not conditional eligible/);
      assert.equal(only(fs, 'ssp-score-below-threshold').length, 1);
      assert.equal(only(fs, 'ssp-not-deferrable').length, 63);
    });
  }

  test('the skeleton boundary: any other field, or any other status, makes a practice filled in', () => {
    const base = (p: Record<string, unknown>) =>
      sspModel('a.ssp.yaml', sspYaml(2, Object.fromEntries(requirementsForSsp(2).map((r, i) => [r.id, i === 0 ? p : { status: 'not-met' }]))));
    assert.equal(isSkeleton(base({ status: 'not-met' })), true);
    for (const p of [
      { status: 'met' },
      { status: 'not-applicable' },
      { status: 'not-met', responsible: 'ISSO' },
      { status: 'not-met', implementation: 'Partly.' },
      { status: 'not-met', encryption: 'none' },
      { status: 'not-met', mfa: 'none' },
      { status: 'not-met', operational_plan: 'OPA-1' },
    ]) {
      assert.equal(isSkeleton(base(p)), false, JSON.stringify(p));
    }
    assert.equal(isSkeleton(sspModel('a.ssp.yaml', 'kind: ssp\nlevel: 2\npractices: {}\n')), false, 'no practice listed: not a skeleton');
  });

  test('a Level 1 skeleton is quiet; one Level 1 practice assessed not met brings ssp-level1-not-met back', () => {
    const text = sspScaffold({ level: 1, syntax: 'yaml', date: TODAY });
    assert.deepEqual(codes(check({ 'a.ssp.yaml': text }, 'a.ssp.yaml')), ['ssp-score']);
    const one = text.replace(
      '  AC.L1-b.1.i: # Authorized Access Control [FCI Data]\n    status: not-met',
      '  AC.L1-b.1.i:\n    status: met\n    implementation: Yes.',
    );
    const fs = check({ 'a.ssp.yaml': one }, 'a.ssp.yaml');
    assert.equal(only(fs, 'ssp-level1-not-met').length, 14);
    assert.match(only(fs, 'ssp-score')[0].message, /^1 of 15 met/);
  });

  test('a skeleton with a practice deleted still reads as a skeleton, plus the one ssp-practice-missing', () => {
    const text = sspScaffold({ level: 2, syntax: 'yaml', date: TODAY }).replace('  AC.L2-3.1.9: # Privacy & Security Notices\n    status: not-met\n', '');
    const fs = check({ 'a.ssp.yaml': text }, 'a.ssp.yaml');
    assert.deepEqual(codes(fs), ['ssp-practice-missing', 'ssp-score']);
  });
});

/** A Level 2 SSP (score 102) with gaps of every kind: two deferrable 1-pointers, SC.L2-3.13.11 non-FIPS, a 5-pointer, an excluded one. */
const GAPS = {
  'AC.L2-3.1.9': { status: 'not-met' },
  'AU.L2-3.3.7': { status: 'not-met' },
  'SC.L2-3.13.11': { status: 'not-met', encryption: 'not-fips-validated' },
  'AC.L2-3.1.1': { status: 'not-met' },
  'AC.L2-3.1.20': { status: 'not-met' },
};

function sspText(syntax: Syntax, over: Record<string, Record<string, unknown> | null> = GAPS): string {
  return syntax === 'yaml' ? sspYaml(2, over) : sspMarkdown(sspDoc(2, over));
}

describe('init poam: the POA&M scaffold', () => {
  for (const syntax of SYNTAXES) {
    test(`${syntax}: one item per deferrable not-met practice, linked, deadlines at the closeout date; no POA&M finding`, () => {
      const ssp = sspText(syntax);
      const { text, gaps } = poamScaffold({
        ssp: sspModel(sspName(syntax), ssp),
        link: sspName(syntax),
        syntax,
        conditionalDate: '2025-03-15',
        today: parseDay(TODAY)!,
      });
      assert.deepEqual(
        gaps.deferrable.map((g) => g.requirement.id),
        ['AC.L2-3.1.9', 'AU.L2-3.3.7', 'SC.L2-3.13.11'],
      );
      assert.deepEqual(
        gaps.blocked.map((g) => g.requirement.id),
        ['AC.L2-3.1.1', 'AC.L2-3.1.20'],
      );
      const parsed = parseCmmcDocument(`file:///ws/${poamName(syntax)}`, text)!;
      assert.equal(parsed.model?.kind, 'poam');
      const poam = parsed.model!.kind === 'poam' ? parsed.model! : assert.fail();
      assert.equal(poam.ssp?.value, sspName(syntax));
      assert.deepEqual(
        poam.items.map((i) => [i.id?.value, i.practice?.value, i.deadline?.value, i.status?.value]),
        [
          ['POAM-001', 'AC.L2-3.1.9', '2025-09-11', 'open'],
          ['POAM-002', 'AU.L2-3.3.7', '2025-09-11', 'open'],
          ['POAM-003', 'SC.L2-3.13.11', '2025-09-11', 'open'],
        ],
      );
      assert.equal(poam.items[2].encryption?.value, 'not-fips-validated');
      assert.ok(poam.items.every((i) => i.milestones?.value.length === 1 && i.milestones.value[0].due?.value === '2025-09-11'));
      const files = { [sspName(syntax)]: ssp, [poamName(syntax)]: text };
      // The POA&M itself is clean; the SSP's two gaps that may not be deferred make Conditional status impossible (170.21(a)(2)).
      assert.deepEqual(codes(check(files, poamName(syntax))), ['poam-ssp-blocks-conditional']);
      // The SSP: its score and the two gaps that may not be deferred; every deferrable one is covered.
      assert.deepEqual(codes(check(files, sspName(syntax))).sort(), ['ssp-not-deferrable', 'ssp-not-deferrable', 'ssp-score']);
    });

    test(`${syntax}: without a Conditional date the deadlines are today + 180 and the one finding asks for the date`, () => {
      const ssp = sspText(syntax);
      const { text } = poamScaffold({ ssp: sspModel(sspName(syntax), ssp), link: sspName(syntax), syntax, today: parseDay(TODAY)! });
      assert.ok(text.includes(syntax === 'yaml' ? 'deadline: 2025-10-28' : 'Deadline: 2025-10-28'));
      assert.deepEqual(codes(check({ [sspName(syntax)]: ssp, [poamName(syntax)]: text }, poamName(syntax))).sort(), [
        'poam-missing-conditional-date',
        'poam-ssp-blocks-conditional',
      ]);
    });
  }

  test('names from the SSP are written so that they read back the same (quoted where plain YAML would not)', () => {
    for (const [org, link] of [
      ['&Co: Widgets #1', '../my ssp/a.ssp.yaml'],
      ['Acme Widgets, LLC.', 'a.ssp.yaml'],
      ['', '2025.ssp.yaml'],
      ['*star', 'x y.ssp.md'],
    ]) {
      const ssp = sspYaml(2, { 'AC.L2-3.1.9': { status: 'not-met' } }, { organization: org });
      const { text } = poamScaffold({ ssp: sspModel('a.ssp.yaml', ssp), link, syntax: 'yaml', today: parseDay(TODAY)! });
      const m = parseCmmcDocument('file:///ws/a.poam.yaml', text)!.model!;
      assert.equal(m.organization?.value, org, text);
      assert.equal(m.kind === 'poam' ? m.ssp?.value : undefined, link, text);
    }
  });

  test('an SSP with nothing to defer gives a valid POA&M with no items', () => {
    const ssp = sspYaml(2, { 'AC.L2-3.1.1': { status: 'not-met' } });
    const { text, gaps } = poamScaffold({
      ssp: sspModel('a.ssp.yaml', ssp),
      link: 'a.ssp.yaml',
      syntax: 'yaml',
      conditionalDate: '2025-03-15',
      today: parseDay(TODAY)!,
    });
    assert.equal(gaps.deferrable.length, 0);
    assert.match(text, /^items: \[\]$/m);
    // AC.L2-3.1.1 (5 points) not met: no POA&M can make this SSP Conditional.
    assert.deepEqual(codes(check({ 'a.ssp.yaml': ssp, 'a.poam.yaml': text }, 'a.poam.yaml')), ['poam-ssp-blocks-conditional']);
  });
});

describe('cmmc-check init', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'cmmc-init-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) => runCli(args, dir);

  test('init ssp writes the skeleton; the file checks as one skeleton line; an existing file is kept without --force', () => {
    const r = run('init', 'ssp', '--level', '2', '--out', 'acme.ssp.yaml', '--today', TODAY);
    assert.equal(r.code, 0, r.stderr);
    const text = readFileSync(join(dir, 'acme.ssp.yaml'), 'utf8');
    assert.equal(text, sspScaffold({ level: 2, syntax: 'yaml', date: TODAY }));
    const checked = run('check', join(dir, 'acme.ssp.yaml'), '--today', TODAY);
    assert.equal(checked.code, 0);
    assert.match(checked.stdout, /information ssp-score skeleton: 0 of 110 practices assessed/);
    writeFileSync(join(dir, 'acme.ssp.yaml'), 'mine\n');
    const again = run('init', 'ssp', '--level', '3', '--out', 'acme.ssp.yaml');
    assert.equal(again.code, 2);
    assert.match(again.stderr, /acme\.ssp\.yaml already exists: pass --force/);
    assert.equal(readFileSync(join(dir, 'acme.ssp.yaml'), 'utf8'), 'mine\n');
    assert.equal(run('init', 'ssp', '--level', '3', '--out', 'acme.ssp.yaml', '--force').code, 0);
    assert.match(readFileSync(join(dir, 'acme.ssp.yaml'), 'utf8'), /^level: 3 /m);
  });

  test('init ssp: --markdown or a .md --out writes markdown; stdout without --out', () => {
    const r = run('init', 'ssp', '--level', '1', '--markdown', '--today', TODAY);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, sspScaffold({ level: 1, syntax: 'markdown', date: TODAY }));
    assert.equal(run('init', 'ssp', '--level', '1', '--out', 'one.ssp.md', '--today', TODAY).code, 0);
    assert.equal(readFileSync(join(dir, 'one.ssp.md'), 'utf8'), r.stdout);
  });

  test('init poam: linked by a path relative to the POA&M; not-deferrable practices on stderr', () => {
    writeFileSync(join(dir, 'gaps.ssp.yaml'), sspText('yaml'));
    const r = run('init', 'poam', '--ssp', 'gaps.ssp.yaml', '--out', 'sub-poam.poam.yaml', '--conditional-date', '2025-03-15', '--today', TODAY);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /3 POA&M items/);
    assert.match(
      r.stderr,
      new RegExp(
        String.raw`2 not-met practices may not be deferred[^\n]*\n` +
          String.raw` {2}AC\.L2-3\.1\.1 Authorized Access Control \[CUI Data\] \(32 CFR 170\.21\(a\)\(2\)\(ii\)\)\n {2}AC\.L2-3\.1\.20 `,
      ),
    );
    const text = readFileSync(join(dir, 'sub-poam.poam.yaml'), 'utf8');
    assert.match(text, /^ssp: gaps\.ssp\.yaml$/m);
    assert.match(text, /^conditional_status_date: 2025-03-15 /m);
    const checked = run('check', join(dir, 'gaps.ssp.yaml'), join(dir, 'sub-poam.poam.yaml'), '--today', TODAY);
    assert.match(checked.stdout, /gaps\.ssp\.yaml:\d+:\d+ information ssp-score/);
    // The POA&M's only finding is the SSP's two blockers (no POA&M can make that SSP Conditional).
    assert.deepEqual(checked.stdout.match(/poam\.yaml:\S+ \S+ \S+/g), ['poam.yaml:6:6 error poam-ssp-blocks-conditional']);
    assert.doesNotMatch(checked.stdout, /ssp-not-met-without-poam/);
    // From another folder: the link climbs back.
    mkdirSync(join(dir, 'plans'));
    const nested = run('init', 'poam', '--ssp', 'gaps.ssp.yaml', '--out', 'plans/x.poam.md', '--today', TODAY);
    assert.equal(nested.code, 0, nested.stderr);
    const md = readFileSync(join(dir, 'plans/x.poam.md'), 'utf8');
    assert.match(md, /^ssp: \.\.\/gaps\.ssp\.yaml$/m);
    assert.match(md, /^## POAM-001 AC\.L2-3\.1\.9 Privacy & Security Notices$/m, 'the syntax follows the --out name');
  });

  test('init poam refuses: a Level 1 SSP, an unfilled skeleton, a missing or non-SSP file, an existing --out', () => {
    writeFileSync(join(dir, 'l1.ssp.yaml'), sspYaml(1, { 'AC.L1-b.1.i': { status: 'not-met' } }));
    assert.match(run('init', 'poam', '--ssp', 'l1.ssp.yaml').stderr, /Level 1 permits no POA&M/);
    writeFileSync(join(dir, 'skel.ssp.yaml'), sspScaffold({ level: 2, syntax: 'yaml', date: TODAY }));
    const skel = run('init', 'poam', '--ssp', 'skel.ssp.yaml');
    assert.equal(skel.code, 2);
    assert.match(skel.stderr, /still an unfilled skeleton/);
    assert.equal(run('init', 'poam', '--ssp', 'nope.ssp.yaml').code, 2);
    writeFileSync(join(dir, 'x.poam.yaml'), 'kind: poam\nlevel: 2\nitems: []\n');
    assert.match(run('init', 'poam', '--ssp', 'x.poam.yaml').stderr, /not an SSP/);
    writeFileSync(join(dir, 'taken.poam.yaml'), 'keep\n');
    assert.equal(run('init', 'poam', '--ssp', 'gaps.ssp.yaml', '--out', 'taken.poam.yaml').code, 2);
    assert.equal(readFileSync(join(dir, 'taken.poam.yaml'), 'utf8'), 'keep\n');
  });

  test('usage errors exit 2 with the usage; --help exits 0', () => {
    for (const args of [
      ['init'],
      ['init', 'oscal'],
      ['init', 'ssp'],
      ['init', 'ssp', '--level', '4'],
      ['init', 'poam'],
      ['init', 'ssp', '--level', '2', '--bogus'],
      ['init', 'poam', '--ssp', 'a', '--conditional-date', '2025-02-30'],
      ['init', 'ssp', '--level', '2', '--markdown', '--out', 'q.ssp.yaml'],
    ]) {
      const r = run(...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /Usage: cmmc-check init ssp/, args.join(' '));
    }
    assert.equal(existsSync(join(dir, 'q.ssp.yaml')), false);
    const help = run('init', '--help');
    assert.equal(help.code, 0);
    assert.match(help.stdout, /init poam --ssp FILE/);
  });
});
