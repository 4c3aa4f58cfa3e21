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
    syntax: 'error', schema: 'error', 'invalid-date': 'error', 'unknown-practice': 'error', 'poam-level1-not-permitted': 'error',
    'poam-practice-excluded': 'error', 'poam-wrong-level': 'error', 'poam-point-value': 'error', 'poam-score-below-threshold': 'error',
    'poam-missing-deadline': 'error', 'poam-deadline-after-closeout': 'error', 'poam-missing-conditional-date': 'warning',
    'poam-closeout-expired': 'error', 'poam-closeout-due-soon': 'warning', 'poam-missing-milestones': 'warning',
    'poam-milestone-missing-date': 'warning', 'poam-milestone-after-deadline': 'warning', 'poam-milestone-overdue': 'warning',
    'poam-duplicate': 'warning', 'poam-practice-met-in-ssp': 'warning', 'poam-score-mismatch': 'warning', 'ssp-practice-missing': 'warning',
    'ssp-score': 'information', 'ssp-score-below-threshold': 'warning', 'ssp-not-deferrable': 'error', 'ssp-not-met-without-poam': 'warning',
    'ssp-level1-not-met': 'error', 'ssp-missing-implementation': 'warning', 'ssp-na-without-justification': 'warning', 'poam-ssp-not-found': 'warning',
  };
  assert.deepEqual(Object.fromEntries(RULES.map((r) => [r.code, r.severity])), spec);
  assert.equal(new Set(RULES.map((r) => r.code)).size, RULES.length);
  for (const r of RULES) assert.ok(r.explain.length > 20 && r.title.length > 3, r.code);
});
