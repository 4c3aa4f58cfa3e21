/**
 * SSP statuses the methodology does not allow (SPEC 2.1): operational-plan credit only while
 * CA.L2-3.12.2 is met, CA.L2-3.12.4 never not applicable, status contradicting mfa/encryption,
 * duplicate practices (the later entry is scored), and what the linked SSP decides on a POA&M
 * (SC.L2-3.13.11's encryption, items for practices the SSP covers). YAML and markdown twins.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { stringify } from 'yaml';
import { check, checkTwins, codes, item, only, poamDoc, sspDoc, sspMarkdown, type Seen } from './helpers';

type Doc = Record<string, unknown>;

function ssp(doc: Doc, code?: string): Seen[] {
  const { yaml, md } = checkTwins({ ssp: doc }, 'ssp');
  assert.deepEqual(codes(md).sort(), codes(yaml).sort(), 'markdown twin gives the same codes');
  return code ? only(yaml, code) : yaml;
}
const score = (fs: Seen[]) => only(fs, 'ssp-score')[0].message.replace(/ \(32 CFR.*$/, '');
const opa = { status: 'not-met', operational_plan: 'OPA-7' };

describe('operational plan credit only while CA.L2-3.12.2 is met (170.24(b)(1)(ii))', () => {
  test('CA.L2-3.12.2 met: the plan is credited (110, no finding)', () => {
    const fs = ssp(sspDoc(2, { 'AC.L2-3.1.1': opa }));
    assert.deepEqual(codes(fs), ['ssp-score']);
    assert.match(score(fs), /^score 110 of 110/);
  });
  for (const [name, entry] of [
    ['not met', { status: 'not-met' }],
    ['absent', null],
    ['not met with its own operational plan', opa],
  ] as const) {
    test(`CA.L2-3.12.2 ${name}: every operational_plan is ssp-operational-plan-invalid and scored by its status`, () => {
      const fs = ssp(
        sspDoc(2, { 'CA.L2-3.12.2': entry, 'AC.L2-3.1.1': opa, 'AC.L2-3.1.3': { status: 'met', implementation: 'x', operational_plan: 'OPA-8' } }),
      );
      const invalid = only(fs, 'ssp-operational-plan-invalid');
      const expected = entry && 'operational_plan' in entry ? ['AC.L2-3.1.1', 'AC.L2-3.1.3', 'CA.L2-3.12.2'] : ['AC.L2-3.1.1', 'AC.L2-3.1.3'];
      assert.deepEqual(invalid.map((f) => f.covered).sort(), expected);
      assert.ok(invalid.every((f) => f.severity === 'warning' && f.paragraph === '170.24(b)(1)(ii)'));
      assert.match(invalid.find((f) => f.covered === 'AC.L2-3.1.1')!.message, /no credit is given .*deducts 5 points/);
      // 110 - 5 (AC.L2-3.1.1) - 3 (CA.L2-3.12.2)
      assert.match(score(fs), /^score 102 of 110/);
    });
  }
  test('Level 3 follows CA.L2-3.12.2 too; Level 1 (no CA.L2-3.12.2) credits as before', () => {
    assert.equal(ssp(sspDoc(3, { 'CA.L2-3.12.2': { status: 'not-met' }, 'CA.L3-3.12.1e': opa }), 'ssp-operational-plan-invalid').length, 1);
    const l1 = ssp(sspDoc(1, { 'AC.L1-b.1.i': opa }));
    assert.deepEqual(codes(l1), ['ssp-score']);
    assert.match(score(l1), /^15 of 15 met/);
  });
  test('an uncredited plan needs a POA&M item: no ssp-not-met-without-poam on top (one finding)', () => {
    const doc = sspDoc(2, { 'CA.L2-3.12.2': { status: 'not-met' }, 'AC.L2-3.1.3': opa });
    const { yaml } = checkTwins({ ssp: doc, poam: poamDoc(2, [item('P-1', 'CA.L2-3.12.2')], { ssp: 'LINK' }) }, 'ssp');
    assert.deepEqual(
      only(yaml, 'ssp-not-met-without-poam').map((f) => f.covered),
      [],
    );
    assert.deepEqual(
      only(yaml, 'ssp-operational-plan-invalid').map((f) => f.covered),
      ['AC.L2-3.1.3'],
    );
  });
});

describe('ssp-na-not-allowed and ssp-status-contradiction', () => {
  test('CA.L2-3.12.4 not applicable: error on its id, scored not met (blocks), no justification warning', () => {
    const fs = ssp(sspDoc(2, { 'CA.L2-3.12.4': { status: 'not-applicable' } }));
    assert.deepEqual(codes(fs).sort(), ['ssp-na-not-allowed', 'ssp-score']);
    assert.deepEqual(
      only(fs, 'ssp-na-not-allowed').map((f) => [f.covered, f.severity, f.paragraph]),
      [['CA.L2-3.12.4', 'error', '170.24(c)(2)(i)(B)(5)']],
    );
    assert.match(score(fs), /^score 110 of 110 \(0 points open\); not conditional eligible/);
    assert.equal(ssp(sspDoc(2, { 'AC.L2-3.1.3': { status: 'not-applicable', justification: 'x' } }), 'ssp-na-not-allowed').length, 0);
  });
  test('not-met with mfa: all or encryption: fips-validated contradicts itself; other values do not', () => {
    const fs = ssp(
      sspDoc(2, { 'IA.L2-3.5.3': { status: 'not-met', mfa: 'all' }, 'SC.L2-3.13.11': { status: 'not-met', encryption: 'fips-validated' } }),
      'ssp-status-contradiction',
    );
    assert.deepEqual(
      fs.map((f) => [f.covered, f.severity, f.paragraph]),
      [
        ['IA.L2-3.5.3', 'warning', '170.24(c)(2)(i)(B)(4)'],
        ['SC.L2-3.13.11', 'warning', '170.24(c)(2)(i)(B)(4)'],
      ],
    );
    const fine = {
      'IA.L2-3.5.3': { status: 'not-met', mfa: 'remote-and-privileged' },
      'SC.L2-3.13.11': { status: 'met', implementation: 'x', encryption: 'fips-validated' },
    };
    assert.equal(ssp(sspDoc(2, fine), 'ssp-status-contradiction').length, 0);
  });
});

describe('duplicate practices: the later entry is scored, in YAML and markdown', () => {
  const yamlEntry = (status: string) => `  AC.L2-3.1.1:\n    status: ${status}\n${status === 'met' ? '    implementation: x\n' : ''}`;
  const mdEntry = (status: string) => `## AC.L2-3.1.1\n\nStatus: ${status}\n\n${status === 'met' ? 'It is met.\n\n' : ''}`;
  const doc = sspDoc(2, { 'AC.L2-3.1.1': null });
  for (const [a, b, expect] of [
    ['met', 'not-met', /^score 105 of 110/],
    ['not-met', 'met', /^score 110 of 110/],
  ] as const) {
    test(`${a} then ${b}: the second is scored, and is one syntax finding`, () => {
      const yaml = stringify(doc, { lineWidth: 0 }).replace('practices:\n', `practices:\n${yamlEntry(a)}`) + yamlEntry(b);
      const md = sspMarkdown(doc).replace('# System Security Plan\n\n', `# System Security Plan\n\n${mdEntry(a)}`) + '\n' + mdEntry(b);
      for (const [name, text] of [
        ['a.ssp.yaml', yaml],
        ['a.ssp.md', md],
      ]) {
        const fs = check({ [name]: text }, name);
        assert.match(score(fs), expect, name);
        const syntax = only(fs, 'syntax');
        assert.equal(syntax.length, 1, name);
        assert.ok(syntax[0].line > only(fs, 'ssp-score')[0].line + 100, `${name}: on the second occurrence`);
      }
    });
  }
});

describe('what the linked SSP decides on a POA&M', () => {
  const poam = (encryption?: string) =>
    poamDoc(2, [item('P-1', 'SC.L2-3.13.11', encryption ? { encryption } : {})], {
      ssp: 'LINK',
      assessment: { type: 'c3pao', date: '2025-03-01', score: 107 },
    });
  const run = (sspEnc: string | undefined, itemEnc: string | undefined) => {
    const s = sspDoc(2, { 'SC.L2-3.13.11': { status: 'not-met', ...(sspEnc ? { encryption: sspEnc } : {}) } });
    const { yaml, md } = checkTwins({ ssp: s, poam: poam(itemEnc) }, 'poam');
    assert.deepEqual(codes(md).sort(), codes(yaml).sort());
    return only(yaml, 'poam-point-value');
  };
  test('SC.L2-3.13.11: the SSP says not-fips-validated: eligible, with or without the item saying so', () => {
    assert.equal(run('not-fips-validated', 'not-fips-validated').length, 0);
    assert.equal(run('not-fips-validated', undefined).length, 0);
    assert.match(run('not-fips-validated', 'none')[0].message, /linked SSP says `encryption: not-fips-validated`/);
  });
  test('SC.L2-3.13.11: the SSP says none (or nothing): the item claiming not-fips-validated is poam-point-value quoting the SSP', () => {
    const fs = run('none', 'not-fips-validated');
    assert.equal(fs.length, 1);
    assert.match(fs[0].message, /linked SSP says `encryption: none`.*this item says `encryption: not-fips-validated`/);
    assert.equal(fs[0].data, undefined, 'no quick fix that would contradict the SSP');
    assert.match(run(undefined, 'not-fips-validated')[0].message, /gives no `encryption`/);
  });
  test('without a link the item decides (unchanged)', () => {
    const alone = poamDoc(2, [item('P-1', 'SC.L2-3.13.11', { encryption: 'not-fips-validated' })], {
      assessment: { type: 'c3pao', date: '2025-03-01', score: 107 },
    });
    assert.equal(only(checkTwins({ poam: alone }, 'poam').yaml, 'poam-point-value').length, 0);
  });
  test('poam-practice-met-in-ssp advises marking the item completed with its date, never removing it', () => {
    const s = sspDoc(2, { 'AC.L2-3.1.4': opa });
    const { yaml, md } = checkTwins({ ssp: s, poam: poamDoc(2, [item('P-1', 'AC.L2-3.1.3'), item('P-2', 'AC.L2-3.1.4')], { ssp: 'LINK' }) }, 'poam');
    const y = only(yaml, 'poam-practice-met-in-ssp');
    assert.deepEqual(
      y.map((f) => f.covered),
      ['AC.L2-3.1.3', 'AC.L2-3.1.4'],
    );
    assert.match(y[0].message, /mark this item `status: completed` with `completed: YYYY-MM-DD`/);
    assert.match(y[1].message, /operational plan of action \("OPA-7"\)/);
    assert.match(only(md, 'poam-practice-met-in-ssp')[0].message, /`Status: completed` with `Completed: YYYY-MM-DD`/);
    for (const f of [...y, ...only(md, 'poam-practice-met-in-ssp')]) assert.doesNotMatch(f.message, /remove/i);
  });
});
