/** The README's table of codes is the rule registry's; every rule is documented and cited right. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { RULES } from '../../server/src/rules';
import { rulesTable } from '../../scripts/rules-table';

test('README carries the generated table of codes', () => {
  const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
  assert.ok(readme.includes(rulesTable()), 'README table is stale: run `npx tsx scripts/rules-table.ts` and paste it');
});

test('every SPEC code is in the registry once, with the SPEC severity', () => {
  const spec: Record<string, string> = {
    syntax: 'error',
    schema: 'error',
    'invalid-date': 'error',
    'unknown-practice': 'error',
    'poam-level1-not-permitted': 'error',
    'poam-practice-excluded': 'error',
    'poam-wrong-level': 'error',
    'poam-point-value': 'error',
    'poam-score-below-threshold': 'error',
    'poam-missing-deadline': 'error',
    'poam-deadline-after-closeout': 'error',
    'poam-missing-conditional-date': 'warning',
    'poam-closeout-expired': 'error',
    'poam-closeout-due-soon': 'warning',
    'poam-missing-milestones': 'warning',
    'poam-milestone-missing-date': 'warning',
    'poam-milestone-after-deadline': 'warning',
    'poam-milestone-overdue': 'warning',
    'poam-duplicate': 'warning',
    'poam-practice-met-in-ssp': 'warning',
    'poam-score-mismatch': 'warning',
    'ssp-practice-missing': 'warning',
    'ssp-score': 'information',
    'ssp-score-below-threshold': 'warning',
    'ssp-not-deferrable': 'error',
    'ssp-not-met-without-poam': 'warning',
    'ssp-level1-not-met': 'error',
    'ssp-missing-implementation': 'warning',
    'ssp-na-without-justification': 'warning',
    'poam-ssp-not-found': 'warning',
    'poam-ssp-blocks-conditional': 'error',
    'poam-score-inconsistent': 'warning',
    'poam-missing-score': 'warning',
    'poam-assessment-type': 'error',
    'poam-date-order': 'error',
    'poam-date-in-future': 'warning',
    'poam-closeout-invalid': 'error',
    'ssp-na-not-allowed': 'error',
    'ssp-operational-plan-invalid': 'warning',
    'ssp-status-contradiction': 'warning',
    // SPEC section 5: the configuration and suppression codes.
    'config-invalid': 'error',
    'config-regulatory': 'error',
    'suppression-invalid': 'error',
    'suppression-unused': 'warning',
  };
  assert.deepEqual(Object.fromEntries(RULES.map((r) => [r.code, r.severity])), spec);
  assert.equal(new Set(RULES.map((r) => r.code)).size, RULES.length);
  for (const r of RULES) assert.ok(r.explain.length > 20 && r.title.length > 3, r.code);
});

test('every finding cites (a sub-paragraph of) the paragraph SPEC section 2 gives its code', async () => {
  const { check } = await import('../../server/src/cli');
  const specCites: Record<string, string[]> = {
    'poam-level1-not-permitted': ['32 CFR 170.21(a)(1)'],
    'poam-practice-excluded': ['32 CFR 170.21(a)(2)(iii)', '32 CFR 170.21(a)(3)(ii)'],
    'poam-wrong-level': ['32 CFR 170.18(a)', '32 CFR 170.21(a)'],
    'poam-point-value': ['32 CFR 170.21(a)(2)(ii)'],
    'poam-score-below-threshold': ['32 CFR 170.21(a)(2)(i)', '32 CFR 170.21(a)(3)(i)'],
    'poam-missing-deadline': ['32 CFR 170.21(b)'],
    'poam-deadline-after-closeout': ['32 CFR 170.21(b)'],
    'poam-missing-conditional-date': ['32 CFR 170.21(b)'],
    'poam-closeout-expired': ['32 CFR 170.21(b)'],
    'poam-closeout-due-soon': ['32 CFR 170.21(b)'],
    'poam-score-mismatch': ['32 CFR 170.24'],
    'ssp-practice-missing': ['32 CFR 170.24'],
    'ssp-score': ['32 CFR 170.24'],
    'ssp-score-below-threshold': ['32 CFR 170.21(a)(2)(i)', '32 CFR 170.21(a)(3)(i)'],
    'ssp-not-deferrable': ['32 CFR 170.21(a)(2)(ii)', '32 CFR 170.21(a)(2)(iii)', '32 CFR 170.21(a)(3)(ii)', '32 CFR 170.18(a)'],
    'ssp-not-met-without-poam': ['32 CFR 170.21'],
    'ssp-level1-not-met': ['32 CFR 170.21(a)(1)'],
    'poam-ssp-blocks-conditional': ['32 CFR 170.21(a)(2)', '32 CFR 170.21(a)(3)', '32 CFR 170.18(a)'],
    'poam-score-inconsistent': ['32 CFR 170.24'],
    'poam-missing-score': ['32 CFR 170.21(a)(2)(i)', '32 CFR 170.21(a)(3)(i)'],
    'poam-assessment-type': ['32 CFR 170.18(a)', '32 CFR 170.21(b)(1)', '32 CFR 170.21(b)(2)', '32 CFR 170.21(b)(3)'],
    'poam-date-order': ['32 CFR 170.21(b)'],
    'poam-closeout-invalid': ['32 CFR 170.21(b)'],
    'ssp-na-not-allowed': ['32 CFR 170.24(c)(2)(i)(B)(5)'],
    'ssp-operational-plan-invalid': ['32 CFR 170.24(b)(1)(ii)'],
    'ssp-status-contradiction': ['32 CFR 170.24(c)(2)(i)(B)(4)'],
  };
  const { findings } = check({ paths: [join(__dirname, '../../samples')], format: 'json', today: '2025-05-01', warningDays: 30 });
  assert.ok(findings.length > 20);
  for (const f of findings) {
    const want = specCites[f.code];
    if (!want) assert.equal(f.citation, '', `${f.code} cites nothing in SPEC`);
    else assert.ok(want.some((w) => f.citation.startsWith(w)) && f.message.includes(f.citation), `${f.code}: ${f.citation}`);
  }
});
