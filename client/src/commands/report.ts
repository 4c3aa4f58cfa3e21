/**
 * "CMMC: Show readiness report" (`cmmc.showReport`, also the SSP's score CodeLens): the server's
 * readiness report (`cmmc/report`) in a webview beside the document, for the set of documents
 * the active one belongs to. It is redrawn as SSP and POA&M texts change, in the editor or on
 * disk. The page has no script; its policy allows only its own style (by nonce) and no request.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { REPORT_REQUEST, type ReportParams } from '../../../server/src/protocol';

/** Quiet time after the last change before the report is redrawn. */
const REFRESH_MS = 400;

/** Register the command and keep its webview current. */
export function register(context: vscode.ExtensionContext, client: LanguageClient): void {
  let panel: vscode.WebviewPanel | undefined;
  let focus: string | undefined;
  let timer: NodeJS.Timeout | undefined;

  const render = async () => {
    if (!panel) return;
    const nonce = randomBytes(16).toString('base64');
    try {
      const html = await client.sendRequest<string>(REPORT_REQUEST, { uri: focus, nonce } satisfies ReportParams);
      if (panel) panel.webview.html = html || message('The report could not be built: see the "CMMC SSP & POA&M" output.', nonce);
    } catch (e) {
      if (panel) panel.webview.html = message(`The language server did not answer: ${(e as Error).message}`, nonce);
    }
  };
  const refresh = () => {
    if (!panel) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void render(), REFRESH_MS);
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('cmmc.showReport', async (uri?: unknown) => {
      focus = typeof uri === 'string' ? uri : uri instanceof vscode.Uri ? uri.toString() : vscode.window.activeTextEditor?.document.uri.toString();
      if (panel) panel.reveal(vscode.ViewColumn.Beside, true);
      else {
        panel = vscode.window.createWebviewPanel(
          'cmmc.report',
          'CMMC readiness report',
          { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
          {
            enableScripts: false,
            localResourceRoots: [],
          },
        );
        panel.onDidDispose(() => {
          panel = undefined;
          if (timer) clearTimeout(timer);
        });
      }
      await render();
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.languageId === 'yaml' || e.document.languageId === 'markdown') refresh();
    }),
  );
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml,md}');
  context.subscriptions.push(watcher, watcher.onDidChange(refresh), watcher.onDidCreate(refresh), watcher.onDidDelete(refresh));
}

/** A one-line page in the report's place (same policy: nothing but its own style). */
function message(text: string, nonce: string): string {
  const esc = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'">
<style nonce="${nonce}">body{font:14px system-ui,sans-serif;padding:20px}</style></head><body><p>${esc}</p></body></html>`;
}
