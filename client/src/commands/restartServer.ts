/** Palette command "CMMC: Restart Language Server": stops and starts the server (settings and the Red Hat YAML check are read again). */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/** Register `cmmc.restartServer`. */
export function register(context: vscode.ExtensionContext, client: LanguageClient): void {
  context.subscriptions.push(vscode.commands.registerCommand('cmmc.restartServer', () => client.restart()));
}
