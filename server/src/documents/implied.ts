/**
 * One fault, one finding (SPEC 2.1): a mistyped field name (`dedline:`, `Justifcation:`) is an
 * unknown-field `schema` finding that names the field meant; the "field missing" finding the typo
 * implies on the same item or practice (`poam-missing-deadline`, ...) is then dropped.
 */
import type { Finding } from './findings';
import type { CmmcDoc } from './model';
import type { Span } from './tree';

/** The field each "missing field" code is about. */
const MISSING_FIELD: Record<string, string> = {
  'poam-missing-deadline': 'deadline',
  'poam-missing-milestones': 'milestones',
  'poam-milestone-missing-date': 'due',
  'ssp-missing-implementation': 'implementation',
  'ssp-na-without-justification': 'justification',
  'poam-missing-conditional-date': 'conditional_status_date',
};

const inside = (s: Span, outer: Span) => outer.start <= s.start && s.end <= outer.end;

/** `findings` without the missing-field findings that a suggested field name already explains. */
export function withoutImplied(findings: Finding[], doc: CmmcDoc): Finding[] {
  const typos = findings.filter((f) => f.code === 'schema' && typeof f.data?.suggestion === 'string');
  if (typos.length === 0) return findings;
  const owners: Span[] = doc.kind === 'ssp' ? doc.practices.map((p) => p.span) : doc.items.map((i) => i.span);
  const ownerOf = (s: Span) => owners.find((o) => inside(s, o));
  return findings.filter((f) => {
    const field = MISSING_FIELD[f.code];
    if (!field) return true;
    const owner = ownerOf(f.span);
    return !typos.some((t) => t.data!.suggestion === field && ownerOf(t.span) === owner);
  });
}
