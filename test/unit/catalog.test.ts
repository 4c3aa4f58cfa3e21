import assert from 'node:assert/strict';
import { test } from 'node:test';
import { REQUIREMENTS, requirement, requirementsOfLevel, suggestIds, maxScore } from '../../server/src/catalog/requirements';
import { cite } from '../../server/src/regulation/citations';

test('catalog has 15 Level 1, 110 Level 2 and 24 Level 3 requirements, ids unique', () => {
  assert.equal(requirementsOfLevel(1).length, 15);
  assert.equal(requirementsOfLevel(2).length, 110);
  assert.equal(requirementsOfLevel(3).length, 24);
  assert.equal(new Set(REQUIREMENTS.map((r) => r.id)).size, 149);
  assert.equal(maxScore(2), 110);
  assert.equal(maxScore(3), 24);
});

test('Level 2 point values sum to 313 (score floor -203), CA.L2-3.12.4 worth 0', () => {
  const sum = requirementsOfLevel(2).reduce((s, r) => s + (r.points ?? 0), 0);
  assert.equal(sum, 313);
  assert.equal(requirement('CA.L2-3.12.4')!.points, 0);
  const byPoints = (p: number) => requirementsOfLevel(2).filter((r) => r.points === p).length;
  assert.deepEqual([byPoints(5), byPoints(3), byPoints(1)], [44, 14, 51]);
});

test('POA&M eligibility: 46 yes, SC.L2-3.13.11 conditional, 6 excluded, 57 above 1 point; Level 3: 7 excluded', () => {
  const count = (level: 1 | 2 | 3, poam: string) => requirementsOfLevel(level).filter((r) => r.poam === poam).length;
  assert.deepEqual([count(2, 'yes'), count(2, 'conditional'), count(2, 'excluded'), count(2, 'no')], [46, 1, 6, 57]);
  assert.deepEqual([count(3, 'yes'), count(3, 'excluded')], [17, 7]);
  assert.equal(count(1, 'no'), 15);
  assert.deepEqual(
    requirementsOfLevel(2)
      .filter((r) => r.poam === 'excluded')
      .map((r) => `${r.id} ${r.poamParagraph}`),
    [
      'AC.L2-3.1.20 170.21(a)(2)(iii)(A)',
      'AC.L2-3.1.22 170.21(a)(2)(iii)(B)',
      'PE.L2-3.10.3 170.21(a)(2)(iii)(D)',
      'PE.L2-3.10.4 170.21(a)(2)(iii)(E)',
      'PE.L2-3.10.5 170.21(a)(2)(iii)(F)',
      'CA.L2-3.12.4 170.21(a)(2)(iii)(C)',
    ],
  );
  assert.deepEqual(requirement('IA.L2-3.5.3')!.partial, { field: 'mfa', value: 'remote-and-privileged', points: 3 });
  assert.deepEqual(requirement('SC.L2-3.13.11')!.partial, { field: 'encryption', value: 'not-fips-validated', points: 3 });
});

test('suggestions find the closest ids', () => {
  assert.deepEqual(suggestIds('AC.L2-3.1.99').slice(0, 1), ['AC.L2-3.1.9']);
  assert.deepEqual(suggestIds('ac.l2-3.1.1'), ['AC.L2-3.1.1']);
  assert.ok(suggestIds('AC.L2-3.1.2e', 3, [3]).includes('AC.L3-3.1.2e'));
});

test('citations link to the eCFR paragraph', () => {
  const c = cite('170.21(a)(2)(iii)(A)');
  assert.equal(c.label, '32 CFR 170.21(a)(2)(iii)(A)');
  assert.equal(c.url, 'https://www.ecfr.gov/current/title-32/part-170/section-170.21#p-170.21(a)(2)(iii)(A)');
  assert.match(c.summary, /AC\.L2-3\.1\.20/);
  assert.equal(cite('170.24').url, 'https://www.ecfr.gov/current/title-32/part-170/section-170.24');
});

test('suggestions rank transpositions and the same family first', () => {
  assert.equal(suggestIds('SC.L2-3.31.16')[0], 'SC.L2-3.13.16');
  // a one-letter family typo keeps the number: the family is the tie-breaker, not the rule
  assert.equal(suggestIds('AX.L2-3.1.1')[0], 'AC.L2-3.1.1');
});
