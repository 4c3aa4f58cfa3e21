/**
 * The extension's manifest: every palette command has its file in client/src/commands and one
 * registration in extension.ts; capabilities are declared; the .vsix whitelist holds what runs
 * (the bundles, schemas, grammar, icon) and not cli.js, source maps or screenshots; the config
 * schema is contributed for .cmmc.yaml; the suppression comment the command writes is read back.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { scanSuppressions, suppressionComment } from '../../server/src/documents/suppressions';

const root = join(__dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

test('each contributed command is registered once, from its own file', () => {
  const ext = readFileSync(join(root, 'client/src/extension.ts'), 'utf8');
  const ids: string[] = pkg.contributes.commands.map((c: { command: string }) => c.command);
  assert.deepEqual(ids.sort(), [
    'cmmc.exportOscal',
    'cmmc.insertSuppression',
    'cmmc.newPoam',
    'cmmc.newSsp',
    'cmmc.restartServer',
    'cmmc.showOutput',
    'cmmc.showReport',
  ]);
  const dir = join(root, 'client/src/commands');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
  for (const id of ids) {
    const owners = files.filter((f) => readFileSync(join(dir, f), 'utf8').includes(`registerCommand('${id}'`));
    assert.equal(owners.length, 1, `${id} is registered in exactly one command file (${owners.join(', ')})`);
  }
  for (const f of files) {
    const mod = `./commands/${f.replace(/\.ts$/, '')}'`;
    assert.equal(ext.split(mod).length, 2, `${f} is imported once in extension.ts`);
  }
});

test('capabilities are declared; the config schema is contributed for .cmmc.yaml; cmmc.rules is a setting', () => {
  assert.deepEqual(pkg.capabilities.untrustedWorkspaces, { supported: true });
  assert.equal(pkg.capabilities.virtualWorkspaces.supported, false);
  assert.ok(pkg.contributes.yamlValidation.some((v: { fileMatch: string; url: string }) => v.fileMatch === '.cmmc.yaml' && existsSync(join(root, v.url))));
  assert.deepEqual(pkg.contributes.configuration.properties['cmmc.rules'].additionalProperties.enum, ['off', 'information', 'warning', 'error']);
});

test('the .vsix whitelist: the minified bundles and what they read, no cli.js, maps or screenshots', () => {
  const rules = readFileSync(join(root, '.vscodeignore'), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'));
  assert.equal(rules[0], '**');
  const kept = rules.filter((l) => l.startsWith('!')).map((l) => l.slice(1));
  for (const need of ['dist/extension.js', 'dist/server.js', 'package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', pkg.icon])
    assert.ok(kept.includes(need), need);
  for (const never of ['dist/cli.js', 'docs/images/**']) assert.ok(!kept.includes(never), never);
  assert.ok(!kept.some((k) => k.endsWith('.map')));
  assert.match(pkg.scripts.package, /esbuild\.mjs --minify && vsce package/);
  assert.equal(pkg.files, undefined, 'vsce refuses a "files" list beside .vscodeignore (npm pack uses .npmignore)');
  const icon = readFileSync(join(root, pkg.icon));
  assert.equal(icon.subarray(1, 4).toString(), 'PNG');
  assert.equal(icon.readUInt32BE(16), 128);
  assert.ok(existsSync(join(root, 'CHANGELOG.md')));
});

test('the comment the suppression command writes is read back as a valid suppression, in both syntaxes', () => {
  const yaml = suppressionComment('yaml', 'poam-duplicate', 'two teams\ntrack it', '  ');
  assert.equal(yaml, '  # cmmc-disable-next-line poam-duplicate -- two teams track it');
  assert.deepEqual(
    scanSuppressions(`${yaml}\n  - id: x\n`, 'yaml').map((s) => [s.codes, s.justification, s.targetLine]),
    [[['poam-duplicate'], 'two teams track it', 1]],
  );
  const md = suppressionComment('markdown', 'poam-duplicate', 'see --> here');
  assert.equal(md, '<!-- cmmc-disable-next-line poam-duplicate -- see -- > here -->');
  assert.deepEqual(
    scanSuppressions(`${md}\n## P-1\n`, 'markdown').map((s) => [s.codes, s.justification, s.targetLine]),
    [[['poam-duplicate'], 'see -- > here', 1]],
  );
});
