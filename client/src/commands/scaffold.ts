/**
 * "CMMC: New SSP" and "CMMC: New POA&M": the scaffolds of `cmmc-check init`, asked of the server
 * (`cmmc/scaffold`) so that the client only asks questions and writes what comes back. Both
 * write a file and open it (a save dialog proposes the name): the checker recognises documents by
 * file name, and a POA&M's `ssp:` link is a path relative to it. Both take their answers as
 * arguments too (`level`, `syntax`, `target`; `ssp`, `target`, `conditionalDate`), for tests and
 * keybindings; a target given that way is never overwritten.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SCAFFOLD_REQUEST, type ScaffoldResult } from '../../../server/src/protocol';

type Syntax = 'yaml' | 'markdown';
type Result = ScaffoldResult;

async function askSyntax(): Promise<Syntax | undefined> {
  const pick = await vscode.window.showQuickPick(
    [
      { label: 'YAML', syntax: 'yaml' as const },
      { label: 'Markdown', syntax: 'markdown' as const },
    ],
    { title: 'CMMC: New SSP', placeHolder: 'Syntax' },
  );
  return pick?.syntax;
}

async function newSsp(client: LanguageClient, level?: number, syntax?: Syntax, target?: vscode.Uri | string): Promise<vscode.Uri | undefined> {
  if (!level) {
    const pick = await vscode.window.showQuickPick(
      [
        { label: 'Level 1', description: '15 requirements (FCI)', level: 1 },
        { label: 'Level 2', description: '110 requirements (CUI, NIST SP 800-171)', level: 2 },
        { label: 'Level 3', description: '110 Level 2 + 24 Level 3 requirements', level: 3 },
      ],
      { title: 'CMMC: New SSP', placeHolder: 'Target CMMC level' },
    );
    level = pick?.level;
  }
  syntax ??= level ? await askSyntax() : undefined;
  if (!level || !syntax) return undefined;
  let targetUri = typeof target === 'string' ? vscode.Uri.parse(target) : target;
  if (!targetUri) {
    // A file, not an untitled buffer: the checker recognises documents by their file name.
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `system.ssp.${syntax === 'markdown' ? 'md' : 'yaml'}`;
    targetUri = await vscode.window.showSaveDialog({
      title: 'CMMC: New SSP',
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: { 'SSP documents': [syntax === 'markdown' ? 'md' : 'yaml'] },
    });
    if (!targetUri) return undefined;
  } else if (await exists(targetUri)) {
    return void vscode.window.showErrorMessage(`${targetUri.fsPath} already exists.`);
  }
  const result: Result = await client.sendRequest(SCAFFOLD_REQUEST, { kind: 'ssp', level, syntax });
  if ('error' in result) return void vscode.window.showErrorMessage(result.error);
  return writeAndOpen(targetUri, result.text);
}

const exists = (uri: vscode.Uri) =>
  Promise.resolve(vscode.workspace.fs.stat(uri)).then(
    () => true,
    () => false,
  );

async function writeAndOpen(uri: vscode.Uri, text: string): Promise<vscode.Uri> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  return uri;
}

async function newPoam(
  client: LanguageClient,
  ssp?: vscode.Uri | string,
  target?: vscode.Uri | string,
  conditionalDate?: string,
): Promise<vscode.Uri | undefined> {
  let sspUri = typeof ssp === 'string' ? vscode.Uri.parse(ssp) : ssp;
  sspUri ??= vscode.window.activeTextEditor?.document.uri.scheme === 'file' ? vscode.window.activeTextEditor.document.uri : undefined;
  if (!sspUri || !/\.(ya?ml|md|markdown)$/i.test(sspUri.path)) {
    const filters = { 'SSP documents': ['yaml', 'yml', 'md'] };
    const picked = await vscode.window.showOpenDialog({ title: 'CMMC: New POA&M — the SSP it plans for', filters });
    sspUri = picked?.[0];
  }
  if (!sspUri) return undefined;
  const interactive = target === undefined;
  if (interactive) {
    conditionalDate = await vscode.window.showInputBox({
      title: 'CMMC: New POA&M',
      prompt: 'Conditional CMMC Status Date (YYYY-MM-DD), if known: the deadlines become the closeout date (+180 days). Leave empty otherwise.',
      validateInput: (v) => (v === '' || /^\d{4}-\d{2}-\d{2}$/.test(v) ? undefined : 'Write the date as YYYY-MM-DD, or leave it empty.'),
    });
    if (conditionalDate === undefined) return undefined;
  }
  // Ask the server first without a target: it proposes `<name>.poam.<ext>` next to the SSP.
  const proposal: Result = await client.sendRequest(SCAFFOLD_REQUEST, { kind: 'poam', ssp: sspUri.toString(), conditionalDate });
  if ('error' in proposal) return void vscode.window.showErrorMessage(proposal.error);
  let targetUri = typeof target === 'string' ? vscode.Uri.parse(target) : target;
  if (interactive) targetUri = await vscode.window.showSaveDialog({ title: 'CMMC: New POA&M', defaultUri: vscode.Uri.parse(proposal.uri!) });
  if (!targetUri) return undefined;
  const result: Result = await client.sendRequest(SCAFFOLD_REQUEST, { kind: 'poam', ssp: sspUri.toString(), target: targetUri.toString(), conditionalDate });
  if ('error' in result) return void vscode.window.showErrorMessage(result.error);
  // Without the save dialog (which asks itself), never replace an existing file.
  if (!interactive && (await exists(targetUri))) return void vscode.window.showErrorMessage(`${targetUri.fsPath} already exists.`);
  await writeAndOpen(targetUri, result.text);
  if (result.blocked?.length) {
    void vscode.window.showWarningMessage(
      `${result.blocked.length} not-met practices may not be deferred and must be met before the assessment: ${result.blocked.join(', ')}`,
    );
  }
  return targetUri;
}

/** Register the two commands. */
export function register(context: vscode.ExtensionContext, client: LanguageClient): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('cmmc.newSsp', (level?: number, syntax?: Syntax, target?: vscode.Uri | string) => newSsp(client, level, syntax, target)),
    vscode.commands.registerCommand('cmmc.newPoam', (ssp?: vscode.Uri | string, target?: vscode.Uri | string, conditionalDate?: string) =>
      newPoam(client, ssp, target, conditionalDate),
    ),
  );
}
