/**
 * A gitignore-style matcher, written out rather than pulled in as a dependency: the rules of
 * gitignore(5) that matter for a folder of documents, each one below. Patterns are read relative
 * to a base folder (the folder of the `.gitignore`, or of `.cmmc.yaml` for its `ignore` list).
 * - blank lines and `#` lines are nothing; `\#` and `\!` start a literal `#` or `!`;
 *   trailing spaces are dropped unless escaped (`\ `);
 * - `!pattern` re-includes what an earlier pattern excluded (the last matching pattern wins; a
 *   file inside an excluded folder stays excluded, because the walk never enters that folder);
 * - a trailing `/` matches folders only;
 * - a pattern with a `/` at its start or in its middle is anchored to the base folder; without
 *   one it matches a name at any depth;
 * - `*` and `?` never match `/`; `[...]` is a character class (`[!...]` negated);
 *   `**/ ` matches any number of folders, a trailing `; /**` everything inside.
 */

interface Compiled {
  readonly negate: boolean;
  readonly dirOnly: boolean;
  readonly re: RegExp;
}

/** One ignore file (or list) over a base folder. */
export interface IgnoreList {
  /** The folder the patterns are relative to, as an absolute path with `/` separators. */
  readonly base: string;
  /** true: ignored, false: re-included by a `!` pattern, undefined: no pattern matched. */
  match(relativePath: string, isDir: boolean): boolean | undefined;
}

/** Compile gitignore lines (the text of a `.gitignore`, or an `ignore:` list) over `base`. */
export function compileIgnore(base: string, lines: string | readonly string[]): IgnoreList {
  const list = typeof lines === 'string' ? lines.split(/\r?\n/) : lines;
  const patterns = list.map(compileLine).filter((p): p is Compiled => p !== undefined);
  return {
    base: base.replace(/\\/g, '/').replace(/\/+$/, ''),
    match(rel, isDir) {
      const path = rel.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
      let result: boolean | undefined;
      for (const p of patterns) {
        if (p.dirOnly && !isDir) continue;
        if (p.re.test(path)) result = !p.negate;
      }
      return result;
    },
  };
}

function compileLine(raw: string): Compiled | undefined {
  let line = raw.replace(/\r$/, '');
  // Trailing spaces are dropped unless the last one is escaped.
  line = line.replace(/(?<!\\)\s+$/, '');
  if (line === '' || line.startsWith('#')) return undefined;
  let negate = false;
  if (line.startsWith('!')) {
    negate = true;
    line = line.slice(1);
  } else if (line.startsWith('\\!') || line.startsWith('\\#')) {
    line = line.slice(1);
  }
  let dirOnly = false;
  if (line.endsWith('/') && !line.endsWith('\\/')) {
    dirOnly = true;
    line = line.replace(/\/+$/, '');
  }
  if (line === '') return undefined;
  const anchored = line.includes('/');
  if (line.startsWith('/')) line = line.slice(1);
  const body = translate(line);
  const re = new RegExp(anchored ? `^${body}$` : `^(?:.*/)?${body}$`);
  return { negate, dirOnly, re };
}

/** A gitignore glob (without its anchoring) as a regular expression source. */
function translate(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\' && i + 1 < glob.length) {
      out += escapeChar(glob[++i]);
    } else if (c === '*') {
      if (glob[i + 1] === '*') {
        const atStart = i === 0 || glob[i - 1] === '/';
        const atEnd = i + 2 === glob.length;
        const beforeSlash = glob[i + 2] === '/';
        if (atStart && beforeSlash) {
          out += '(?:.*/)?'; // `**/` : zero or more folders
          i += 2;
          continue;
        }
        if (atStart && atEnd && i > 0) {
          out += '.+'; // `dir/**` : everything inside (not the folder itself)
          i += 1;
          continue;
        }
        if (atStart && atEnd) {
          out += '.*';
          i += 1;
          continue;
        }
        // `**` elsewhere is a plain `*` (gitignore(5)).
        i += 1;
      }
      out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close === -1) {
        out += '\\[';
        continue;
      }
      let cls = glob.slice(i + 1, close);
      i = close;
      const neg = cls.startsWith('!') || cls.startsWith('^');
      if (neg) cls = cls.slice(1);
      cls = cls.replace(/\\/g, '\\\\').replace(/\]/g, '\\]');
      out += neg ? `(?!/)[^${cls}]` : `[${cls}]`;
    } else {
      out += escapeChar(c);
    }
  }
  return out;
}

function escapeChar(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}

/**
 * Is `path` (absolute, `/` separators) ignored by `lists`, read outermost first (a deeper
 * `.gitignore` overrides its parents, and the `ignore:` of `.cmmc.yaml` comes last)?
 */
export function isIgnored(lists: readonly IgnoreList[], path: string, isDir: boolean): boolean {
  const p = path.replace(/\\/g, '/');
  let result = false;
  for (const list of lists) {
    if (p !== list.base && !p.startsWith(list.base + '/')) continue;
    const rel = p.slice(list.base.length + 1);
    if (rel === '') continue;
    const m = list.match(rel, isDir);
    if (m !== undefined) result = m;
  }
  return result;
}
