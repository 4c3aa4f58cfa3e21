/**
 * Test helper: run the service over an in-memory workspace and apply the preferred quick fix of
 * a finding, so tests can say "this finding, this fix, then nothing left".
 */
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../../server/src/documents/findings';
import { codeActions } from '../../server/src/features/codeActions';
import { toDiagnostic } from '../../server/src/features/diagnostics';
import { textDocumentOf } from '../../server/src/features/text';
import { createCmmcService } from '../../server/src/service';
import { BASE } from './helpers';

/** Apply the preferred fix of the first finding `pick` selects in `name`; returns the new text. */
export function applyPreferred(files: Record<string, string>, name: string, pick: (f: Finding) => boolean): string {
  const map = new Map(Object.entries(files).map(([k, v]) => [BASE + k, v]));
  const service = createCmmcService({
    workspace: { read: (u) => map.get(u), uris: () => map.keys() },
    settings: () => ({ today: '2025-05-01' }),
    log: () => {},
  });
  const analysis = service.analyze(BASE + name);
  assert.ok(analysis, `${name} is checked`);
  const finding = analysis.findings.find(pick);
  assert.ok(finding, `a finding to fix in ${name}: ${analysis.findings.map((f) => f.message).join(' | ')}`);
  const d = toDiagnostic(finding, textDocumentOf(analysis.parsed));
  const preferred = codeActions(analysis, d.range, { diagnostics: [d] }).filter((a) => a.isPreferred);
  assert.equal(preferred.length, 1, `one preferred fix for ${finding.message}`);
  return TextDocument.applyEdits(TextDocument.create('x', 'plain', 0, files[name]), preferred[0].edit!.changes![BASE + name]);
}
