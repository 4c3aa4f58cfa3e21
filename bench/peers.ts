/**
 * The servers the benchmark compares, each installed from npm and started as an editor starts it:
 * - ours: dist/server.js (and, with --before FILE, an earlier build of it, for before/after);
 * - yaml-language-server (Red Hat), configured with our JSON Schemas for the same files: the peer
 *   for YAML documents;
 * - vscode-markdown-languageserver (the server behind VS Code's markdown support, link
 *   validation on): the peer for markdown documents. Like VS Code, the client parses markdown
 *   for it (markdown/parse, with markdown-it), serves its file-system requests and pulls its
 *   diagnostics (textDocument/diagnostic).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import MarkdownIt from 'markdown-it';
import type { Server } from './lsp';
import { TODAY } from './generate';
import { SERVER_NODE_OPTIONS } from '../server/src/protocol';

const root = join(__dirname, '..');
const CMMC = { today: TODAY, closeoutWarningDays: 30 };
const schema = (kind: string) => pathToFileURL(join(root, 'schemas', `${kind}.schema.json`)).href;
const YAML = {
  validate: true,
  hover: true,
  completion: true,
  format: { enable: false },
  schemas: { [schema('poam')]: ['*.poam.yaml'], [schema('ssp')]: ['*.ssp.yaml'] },
  schemaStore: { enable: false },
};
/** VS Code's markdown defaults, with validation on (its default is off). */
const MARKDOWN = {
  validate: {
    enabled: true,
    referenceLinks: { enabled: 'warning' },
    fragmentLinks: { enabled: 'warning' },
    fileLinks: { enabled: 'warning', markdownFragmentLinks: 'inherit' },
    ignoredLinks: [],
    unusedLinkDefinitions: { enabled: 'hint' },
    duplicateLinkDefinitions: { enabled: 'warning' },
  },
  suggest: { paths: { enabled: true, includeWorkspaceHeaderCompletions: 'onDoubleHash' } },
  occurrencesHighlight: { enabled: false },
  server: { log: 'off' },
};
const SETTINGS = { cmmc: CMMC, yaml: YAML, markdown: MARKDOWN };

export const version = (pkg: string): string => JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;

/** Every markdown file under a folder (the markdown server's findMarkdownFilesInWorkspace). */
function markdownFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) markdownFiles(p, out);
    else if (e.name.endsWith('.md')) out.push(pathToFileURL(p).href);
  }
  return out;
}

export function servers(before?: string): Server[] {
  const md = new MarkdownIt({ html: true });
  const list: Server[] = [
    {
      name: 'ours',
      label: 'ours',
      // Started as the VS Code client starts it.
      cmd: [process.execPath, ...SERVER_NODE_OPTIONS, join(root, 'dist/server.js'), '--stdio'],
      settings: SETTINGS,
      initializationOptions: { today: TODAY },
    },
    {
      name: 'yamlls',
      label: `yaml-language-server ${version('yaml-language-server')}`,
      cmd: [process.execPath, join(root, 'node_modules/yaml-language-server/bin/yaml-language-server'), '--stdio'],
      settings: SETTINGS,
    },
    {
      name: 'mdls',
      label: `vscode-markdown-languageserver ${version('vscode-markdown-languageserver')}`,
      cmd: [process.execPath, join(root, 'node_modules/vscode-markdown-languageserver/dist/node/workerMain.js'), '--stdio'],
      pull: true,
      settings: SETTINGS,
      initializationOptions: { markdownFileExtensions: ['md'] },
      install(conn, client) {
        const textOf = (uri: string) => client.texts.get(uri) ?? readFileSync(fileURLToPath(uri), 'utf8');
        conn.onRequest('markdown/parse', (p: { uri: string; text?: string }) => md.parse(p.text ?? textOf(p.uri), {}));
        conn.onRequest('markdown/fs/readFile', (p: { uri: string }) => Array.from(readFileSync(fileURLToPath(p.uri))));
        conn.onRequest('markdown/fs/stat', (p: { uri: string }) => {
          try {
            return { isDirectory: statSync(fileURLToPath(p.uri)).isDirectory() };
          } catch {
            return undefined;
          }
        });
        conn.onRequest('markdown/fs/readDirectory', (p: { uri: string }) =>
          readdirSync(fileURLToPath(p.uri), { withFileTypes: true }).map((e) => [e.name, { isDirectory: e.isDirectory() }]),
        );
        conn.onRequest('markdown/findMarkdownFilesInWorkspace', () => (client.rootDir ? markdownFiles(client.rootDir) : []));
        conn.onRequest('markdown/fs/watcher/create', () => null);
        conn.onRequest('markdown/fs/watcher/delete', () => null);
      },
    },
  ];
  if (before) list.push({ ...list[0], name: 'before', label: `ours before (${before})`, cmd: [process.execPath, ...SERVER_NODE_OPTIONS, before, '--stdio'] });
  return list;
}

/** The peer for a syntax. */
export const peerOf = (syntax: 'yaml' | 'markdown') => (syntax === 'yaml' ? 'yamlls' : 'mdls');
