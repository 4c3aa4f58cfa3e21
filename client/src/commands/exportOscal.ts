/**
 * "CMMC: Export as OSCAL": asks the server for the OSCAL JSON of the SSP or POA&M in the active
 * editor (`cmmc/exportOscal`), writes it beside the document (acme.poam.yaml -> acme.poam.oscal.json)
 * and opens it. The server's warnings (values OSCAL cannot hold) are shown once.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { EXPORT_OSCAL_REQUEST, type ExportOscalParams, type ExportOscalResult } from '../../../server/src/protocol';

/** The file the export is written to: beside the document, its extension replaced by .oscal.json. */
export function oscalTarget(uri: vscode.Uri): vscode.Uri {
  const name = uri.path.split('/').pop() ?? 'document';
  return vscode.Uri.joinPath(uri, '..', `${name.replace(/\.(ya?ml|md|markdown)$/i, '')}.oscal.json`);
}

/** Register the command. */
export function register(context: vscode.ExtensionContext, client: LanguageClient): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('cmmc.exportOscal', async (target?: vscode.Uri) => {
      const uri = target ?? vscode.window.activeTextEditor?.document.uri;
      if (!uri) return void vscode.window.showWarningMessage('Open an SSP or POA&M to export it as OSCAL.');
      const result = await client.sendRequest<ExportOscalResult>(EXPORT_OSCAL_REQUEST, { uri: uri.toString() } satisfies ExportOscalParams);
      if ('error' in result) return void vscode.window.showErrorMessage(`CMMC: ${result.error}`);
      if (uri.scheme !== 'file') {
        const doc = await vscode.workspace.openTextDocument({ language: 'json', content: result.json });
        await vscode.window.showTextDocument(doc);
      } else {
        const out = oscalTarget(uri);
        await vscode.workspace.fs.writeFile(out, Buffer.from(result.json, 'utf8'));
        await vscode.window.showTextDocument(out);
      }
      const left = result.warnings;
      if (left.length > 0) void vscode.window.showWarningMessage(`CMMC: the OSCAL export left out ${left.length} value(s): ${left.join('; ')}`);
    }),
  );
}
