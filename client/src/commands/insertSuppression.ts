/**
 * Palette command "CMMC: Suppress a Finding with a Justification": for a CMMC diagnostic on the
 * cursor's line, asks for the justification (required: an assessor reads it) and writes the
 * `cmmc-disable-next-line` comment above the line, in the document's syntax.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { suppressionComment } from '../../../server/src/protocol';

/** Register `cmmc.insertSuppression`. */
export function register(context: vscode.ExtensionContext, _client: LanguageClient): void {
  context.subscriptions.push(vscode.commands.registerCommand('cmmc.insertSuppression', () => insertSuppression()));
}

async function insertSuppression(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return;
  const doc = editor.document;
  const line = editor.selection.active.line;
  const here = vscode.languages
    .getDiagnostics(doc.uri)
    .filter((d) => d.source === 'cmmc' && d.range.start.line === line && d.code !== undefined && !String(d.code).startsWith('suppression-'));
  if (here.length === 0) {
    void vscode.window.showInformationMessage('No CMMC finding starts on this line.');
    return;
  }
  const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);
  let chosen = here[0];
  if (here.length > 1) {
    const pick = await vscode.window.showQuickPick(
      here.map((d) => ({ label: codeOf(d), detail: d.message, d })),
      { placeHolder: 'Which finding is accepted?' },
    );
    if (!pick) return;
    chosen = pick.d;
  }
  const justification = await vscode.window.showInputBox({
    prompt: `Why is ${codeOf(chosen)} accepted here? (kept in the document, JSON and SARIF for the assessor)`,
    validateInput: (v) => (v.trim() === '' ? 'A suppression needs a written justification.' : undefined),
  });
  if (!justification) return;
  const indent = /^\s*/.exec(doc.lineAt(line).text)![0];
  const syntax = doc.languageId === 'markdown' ? 'markdown' : 'yaml';
  await editor.edit((b) => b.insert(new vscode.Position(line, 0), `${suppressionComment(syntax, codeOf(chosen), justification, indent)}\n`));
}
