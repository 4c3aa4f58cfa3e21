/**
 * The house rules that a linter cannot see, checked over the source as text:
 * - layering: data flows one way, documents <- domain <- rules <- analysis <- features <- service
 *   <- session/subcommands <- server/cli; a file may import only from its own layer or below;
 * - no import cycles between source files;
 * - no source file over 400 lines.
 * `node --import tsx scripts/layers.ts` prints the problems and exits 1 if there are any; the unit
 * test test/unit/architecture.test.ts runs the same check.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** Layers from the bottom up; a path prefix (relative to server/src) names each member. */
export const LAYERS: readonly (readonly string[])[] = [
  ['catalog/', 'regulation/', 'protocol.ts', 'version.ts'],
  ['documents/'],
  ['domain/'],
  ['rules/', 'config/'],
  ['analysis/', 'workspace.ts'],
  ['features/', 'scaffold/', 'oscal/'],
  ['service.ts', 'report/'],
  ['session/'],
  ['cli/', 'cli.ts', 'server.ts'],
];

export const MAX_LINES = 400;

function layerOf(rel: string): number {
  return LAYERS.findIndex((members) => members.some((m) => (m.endsWith('/') ? rel.startsWith(m) : rel === m)));
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (name.endsWith('.ts')) out.push(full);
  }
  return out;
}

/** Relative imports of a file, resolved to files (`./x` -> x.ts or x/index.ts). */
function importsOf(file: string, text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'/gm)) {
    const base = resolve(dirname(file), m[1]);
    for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) {
      try {
        if (statSync(candidate).isFile()) {
          out.push(candidate);
          break;
        }
      } catch {
        /* not this one */
      }
    }
  }
  return out;
}

/** Every problem found under `root` (the repository), one line each. */
export function checkArchitecture(root: string): string[] {
  const problems: string[] = [];
  const src = join(root, 'server', 'src');
  const files = [...sourceFiles(src), ...sourceFiles(join(root, 'client', 'src'))];
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    const rel = relative(root, file);
    if (lines > MAX_LINES) problems.push(`${rel}: ${lines} lines (at most ${MAX_LINES}: split it by what it does)`);
    const deps = importsOf(file, text);
    graph.set(file, deps);
    if (!file.startsWith(src)) continue; // the client may import the shared protocol only (checked below)
    const from = layerOf(relative(src, file));
    if (from < 0) {
      problems.push(`${rel}: not in any layer of scripts/layers.ts (add its folder to LAYERS)`);
      continue;
    }
    for (const dep of deps) {
      const to = layerOf(relative(src, dep));
      if (to > from) problems.push(`${rel} imports ${relative(root, dep)}: a lower layer may not import a higher one`);
    }
  }
  for (const file of files.filter((f) => !f.startsWith(src))) {
    for (const dep of graph.get(file) ?? []) {
      if (dep.startsWith(src) && relative(src, dep) !== 'protocol.ts')
        problems.push(`${relative(root, file)} imports ${relative(root, dep)}: the client shares only server/src/protocol.ts`);
    }
  }
  // Cycles: depth-first search, reporting each back edge's loop once.
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (f: string) => {
    state.set(f, 'open');
    stack.push(f);
    for (const d of graph.get(f) ?? []) {
      if (state.get(d) === 'open') problems.push(`import cycle: ${[...stack.slice(stack.indexOf(d)), d].map((x) => relative(root, x)).join(' -> ')}`);
      else if (!state.has(d)) visit(d);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of files) if (!state.has(f)) visit(f);
  return problems;
}

if (require.main === module) {
  const problems = checkArchitecture(resolve(__dirname, '..'));
  for (const p of problems) console.error(p);
  console.log(problems.length ? `${problems.length} architecture problems` : 'architecture: layers, cycles and file sizes ok');
  process.exitCode = problems.length ? 1 : 0;
}
