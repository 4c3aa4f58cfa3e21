/**
 * Where a cursor is in YAML that may not parse yet (`  dea` is no entry): the key path of the
 * map or sequence holding a line, found from indentation by walking the lines above it
 * (`items` > item > `milestones` > milestone), and the keys already written beside it.
 * Used by the YAML adapter's completion contexts (and the markdown front matter's).
 */

export interface LineInfo {
  readonly blank: boolean;
  readonly indent: number;
  /** Column of the `-` when the line starts a sequence item. */
  readonly dash?: number;
  /** Column where the line's key (or content) starts. */
  readonly keyCol: number;
  readonly key?: string;
  /** The value after `key:`, comments stripped. */
  readonly rest: string;
}

export function info(line: string): LineInfo {
  const m = /^( *)(-(?: +|$))?(.*)$/.exec(line)!;
  const content = m[3];
  const blank = content.trim() === '' && !m[2] ? true : content.trimStart().startsWith('#') && !m[2];
  const indent = m[1].length;
  const dash = m[2] ? indent : undefined;
  const keyCol = indent + (m[2]?.length ?? 0);
  const k = /^("[^"]*"|'[^']*'|[^\s:#'"][^:#]*?)[ \t]*:(?:[ \t]+|$)(.*)$/.exec(content);
  if (!k) return { blank, indent, dash, keyCol, rest: content };
  return { blank, indent, dash, keyCol, key: k[1].replace(/^(['"])(.*)\1$/, '$2'), rest: k[2].replace(/(^|\s)#.*$/, '').trim() };
}

/** The key path of the map whose keys sit at column `col` around line `from` (lines >= `top`). */
export function mapPath(lines: readonly string[], from: number, col: number, top: number): string[] | undefined {
  for (let i = from - 1; i >= top; i--) {
    const li = info(lines[i]);
    if (li.blank) continue;
    if (li.dash !== undefined && li.keyCol === col) {
      const p = seqPath(lines, i, li.dash, top);
      return p && [...p, '-'];
    }
    if (li.indent < col) {
      if (!li.key || li.rest !== '') return undefined;
      const owner = ownerPath(lines, i, li, top);
      return owner && [...owner, li.key];
    }
  }
  return col === 0 ? [] : undefined;
}

/** The key path of a sequence whose dashes sit at column `dash` around line `from`. */
export function seqPath(lines: readonly string[], from: number, dash: number, top: number): string[] | undefined {
  for (let i = from - 1; i >= top; i--) {
    const li = info(lines[i]);
    if (li.blank || li.indent > dash || (li.indent === dash && li.dash !== undefined)) continue;
    if (!li.key || li.rest !== '') return undefined;
    const owner = ownerPath(lines, i, li, top);
    return owner && [...owner, li.key];
  }
  return undefined;
}

/** The path of the map that holds the key written on line `i`. */
function ownerPath(lines: readonly string[], i: number, li: LineInfo, top: number): string[] | undefined {
  if (li.dash !== undefined) {
    const p = seqPath(lines, i, li.dash, top);
    return p && [...p, '-'];
  }
  return mapPath(lines, i, li.keyCol, top);
}

/** The keys already written in the map at column `col` around line `at`. */
export function siblingKeys(lines: readonly string[], at: number, col: number, top: number): Set<string> {
  const keys = new Set<string>();
  const take = (li: LineInfo) => {
    if (li.key && li.keyCol === col) keys.add(li.key);
  };
  for (let i = at - 1; i >= top; i--) {
    const li = info(lines[i]);
    if (li.blank) continue;
    if (li.indent < col || (li.dash !== undefined && li.keyCol === col)) {
      if (li.dash !== undefined && li.keyCol === col) take(li);
      break;
    }
    if (li.dash === undefined || li.dash > col) take(li);
  }
  for (let i = at + 1; i < lines.length; i++) {
    const line = lines[i];
    if (/^(---|\.\.\.)\s*$/.test(line)) break;
    const li = info(line);
    if (li.blank) continue;
    if (li.indent < col || (li.dash !== undefined && li.dash < col)) break;
    if (li.dash === undefined) take(li);
  }
  return keys;
}

/** A sequence path extended to its item. */
export function withItem(path: string[] | undefined): string[] | undefined {
  return path && [...path, '-'];
}

/** Exported for tests: the key path at a line of YAML (`['items', '-', 'milestones', '-']`). */
export function yamlPathAt(text: string, line: number, column: number): string[] | undefined {
  const lines = text.split(/\r?\n/);
  const li = info(lines[line].slice(0, column));
  return li.dash !== undefined ? withItem(seqPath(lines, line, li.dash, 0)) : mapPath(lines, line, li.keyCol, 0);
}
