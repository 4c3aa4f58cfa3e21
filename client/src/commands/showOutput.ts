/** Palette command "CMMC: Show Output": the language server's log (warnings about settings, errors, the trace). */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/** Register `cmmc.showOutput`. */
export function register(context: vscode.ExtensionContext, client: LanguageClient): void {
  context.subscriptions.push(vscode.commands.registerCommand('cmmc.showOutput', () => client.outputChannel.show(true)));
}
