/**
 * Findings -> LSP diagnostics. Offsets become positions here, at the edge; the citation of a
 * finding's paragraph becomes `codeDescription.href` (the eCFR link), and `data` carries what
 * the quick fixes need plus the code, so a fix never reads the message.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Severity } from '../documents/findings';
import { cite } from '../regulation/citations';
import type { Analysis } from '../analysis/analyzer';
import { rangeOf, textDocumentOf } from './text';

/** The source every diagnostic of ours carries. */
export const SOURCE = 'cmmc';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** One finding as an LSP diagnostic over `doc` (the text the finding was made from). */
export function toDiagnostic(finding: Finding, doc: TextDocument): Diagnostic {
  const diagnostic: Diagnostic = {
    range: rangeOf(doc, finding.span),
    severity: SEVERITY[finding.severity],
    source: SOURCE,
    code: finding.code,
    message: finding.message,
    data: { ...(finding.data ?? {}), code: finding.code },
  };
  if (finding.paragraph) diagnostic.codeDescription = { href: cite(finding.paragraph).url };
  return diagnostic;
}

/** Every finding of an analysis as diagnostics (empty for documents that are not ours). */
export function diagnosticsOf(analysis: Analysis | undefined): Diagnostic[] {
  if (!analysis) return [];
  const doc = textDocumentOf(analysis.parsed);
  return analysis.findings.map((f) => toDiagnostic(f, doc));
}
