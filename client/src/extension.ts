/**
 * The VS Code client: starts the CMMC language server and shows what it says. Nothing else lives
 * here — every rule, hover, fix and score comes from the server (dist/server.js).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SERVER_NODE_OPTIONS, STATUS_NOTIFICATION, type StatusParams } from '../../server/src/protocol';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import * as exportOscal from './commands/exportOscal';
import * as scaffold from './commands/scaffold';
import { register as registerReport } from './commands/report';
import * as insertSuppression from './commands/insertSuppression';
import * as restartServer from './commands/restartServer';
import * as showOutput from './commands/showOutput';

/** Red Hat's YAML extension validates and completes our contributed schemas itself. */
const YAML_EXTENSION = 'redhat.vscode-yaml';
const hasYamlExtension = () => vscode.extensions.getExtension(YAML_EXTENSION) !== undefined;

let client: LanguageClient | undefined;

/** The API the extension exports (used by the extension tests to read the status bar). */
export interface CmmcExtensionApi {
  /** The status-bar text shown for the active editor ('' when hidden). */
  statusText(): string;
  /** Resolves once the language server is running. */
  ready: Promise<void>;
}

export function activate(context: vscode.ExtensionContext): CmmcExtensionApi {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_OPTIONS] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_OPTIONS, '--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // The server decides which YAML/markdown files are SSPs or POA&Ms (by name or `kind:`).
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'yaml' },
      { scheme: 'untitled', language: 'markdown' },
    ],
    synchronize: {
      configurationSection: 'cmmc',
      // Linked SSPs and POA&Ms that change on disk are re-checked.
      // .cmmc.yaml and .gitignore change what is checked and how.
      fileEvents: [vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml,md}'), vscode.workspace.createFileSystemWatcher('**/{.cmmc.yaml,.gitignore}')],
    },
    // With Red Hat YAML installed, the server leaves it the syntax/schema findings and schema completions it gives too.
    // (A function: read again at each (re)start.)
    initializationOptions: () => ({ yamlServer: hasYamlExtension() }),
  };
  client = new LanguageClient('cmmc', 'CMMC SSP & POA&M', serverOptions, clientOptions);
  exportOscal.register(context, client);
  scaffold.register(context, client);
  registerReport(context, client);

  const bar = vscode.window.createStatusBarItem('cmmc.status', vscode.StatusBarAlignment.Left, 100);
  bar.name = 'CMMC score';
  context.subscriptions.push(bar);
  // What the server last said about each document, for the status bar.
  const statuses = new Map<string, StatusParams>();
  const show = () => {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const s = uri ? statuses.get(uri) : undefined;
    if (s && s.text) {
      bar.text = s.text;
      bar.tooltip = s.tooltip;
      bar.show();
    } else {
      bar.text = '';
      bar.hide();
    }
  };
  context.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(show));

  const ready = client.start().then(() => {
    context.subscriptions.push(
      client!.onNotification(STATUS_NOTIFICATION, (s: StatusParams) => {
        statuses.set(s.uri, s);
        show();
      }),
    );
  });
  context.subscriptions.push({ dispose: () => void client?.stop() });
  restartServer.register(context, client);
  showOutput.register(context, client);
  insertSuppression.register(context, client);
  // Red Hat YAML installed or removed while running: restart so the server knows.
  let hadYaml = hasYamlExtension();
  context.subscriptions.push(
    vscode.extensions.onDidChange(() => {
      if (hasYamlExtension() === hadYaml || !client) return;
      hadYaml = !hadYaml;
      void client.restart();
    }),
  );
  return { statusText: () => bar.text, ready };
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
