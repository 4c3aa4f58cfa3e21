// One build script for every bundle: the VS Code client (vscode external), the language
// server and the command line. `node esbuild.mjs [--watch] [--minify]`.
// The JSON Schema validators are generated here (ajv standalone code from schemas/*.schema.json,
// see server/src/documents/validators.ts) and replace that module in the bundles, so no start
// pays for ajv.compile.
import * as esbuild from 'esbuild';
import { existsSync, chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');
const VALIDATORS = 'server/src/documents/validators.ts';

/** Run validators.ts once (bundled in memory) and return its standalone module, with `validators()` added. */
async function generatedValidators() {
  const built = await esbuild.build({ entryPoints: [VALIDATORS], bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'warning' });
  const mod = { exports: {} };
  new Function('module', 'exports', 'require', built.outputFiles[0].text)(mod, mod.exports, createRequire(resolve(VALIDATORS)));
  return `${mod.exports.standaloneSource()}\nlet v;\nexports.validators = () => (v ??= { ssp: exports.ssp, poam: exports.poam });\n`;
}

/** Swap validators.ts for the generated module (regenerated on every build, so schemas/ stay the source). */
let generated;
const standaloneValidators = {
  name: 'standalone-validators',
  setup(build) {
    const load = async () => ({ contents: await (generated ??= generatedValidators()), loader: 'js', resolveDir: resolve('.') });
    build.onLoad({ filter: /documents[\\/]validators\.ts$/ }, load);
    // --watch: a rebuild (a schema may have changed) generates again.
    if (watch) build.onStart(() => void (generated = undefined));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  sourcemap: true,
  minify,
  logLevel: 'warning',
  plugins: [standaloneValidators],
};
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
