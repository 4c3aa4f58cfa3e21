// One build script for every bundle: the VS Code client (vscode external), the language
// server and the command line. `node esbuild.mjs [--watch] [--minify]`.
import * as esbuild from 'esbuild';
import { existsSync, chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node18', sourcemap: true, minify, logLevel: 'warning' };
const entries = [
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
].filter((e) => existsSync(e.entryPoints[0]));

if (watch) {
  for (const e of entries) await (await esbuild.context({ ...common, ...e })).watch();
} else {
  await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
  if (existsSync('dist/cli.js')) chmodSync('dist/cli.js', 0o755);
  await writeOscalCatalog();
}

/** The OSCAL catalog and Level 1-3 profiles, generated from the requirement catalog into dist/oscal/ (shipped). */
async function writeOscalCatalog() {
  if (!existsSync('server/src/oscal/catalog.ts')) return;
  const entry = { entryPoints: ['server/src/oscal/catalog.ts'], outfile: 'catalog.js', write: false };
  const built = await esbuild.build({ ...common, ...entry, sourcemap: false, minify: false });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', built.outputFiles[0].text)(module, module.exports, createRequire(import.meta.url));
  mkdirSync('dist/oscal', { recursive: true });
  for (const [name, json] of Object.entries(module.exports.oscalCatalogFiles())) writeFileSync(`dist/oscal/${name}`, json);
}
