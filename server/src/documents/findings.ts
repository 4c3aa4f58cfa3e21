/**
 * A finding: what a rule says about one place in one document, before it becomes an LSP
 * diagnostic or a CLI line. Positions are offsets; `data` carries what a quick fix needs.
 */
import type { Span } from './tree';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface Finding {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  /** The exact paragraph cited for this finding (may be narrower than the rule's), e.g. `170.21(a)(2)(iii)(A)`. */
  readonly paragraph?: string;
  /** Data for quick fixes (suggested ids, the deadline to insert, ...). */
  readonly data?: Record<string, unknown>;
  /** The practice or POA&M item the finding is about (set by the policy pass; for SARIF fingerprints). */
  readonly subject?: string;
  /** Set on findings an inline suppression accepted (kept for JSON and SARIF, hidden elsewhere). */
  readonly suppressed?: { readonly justification: string };
}
