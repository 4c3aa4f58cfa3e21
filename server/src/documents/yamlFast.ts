/**
 * A fast path from the `yaml` package's CST straight to the located tree, skipping the
 * Document composer (about a quarter of the parse time on large files). It covers the YAML that
 * SSPs and POA&Ms are written in: block mappings and sequences, plain keys, flow and block
 * scalars, comments. Anything else (flow collections, anchors, aliases, tags, explicit keys,
 * directives, tabs, duplicate keys, any error) returns undefined and the caller runs the full
 * composer, so findings and messages are always the composer's.
 *
 * It mirrors the composer's range arithmetic (compose/resolve-block-map.js, resolve-block-seq.js,
 * composeEmptyNode) so that every span equals a full parse; test/unit/yamlFast.test.ts compares
 * the two on random edits.
 */
import { CST, Parser } from 'yaml';
import { LIMITS } from './limits';
import { parseYamlLexed } from './yamlLexed';
import type { LMapEntry, LNode, Scalar, Span } from './tree';

type Token = CST.Token;
type SourceToken = CST.SourceToken;

/** Thrown inside the walk to abandon the fast path. */
const BAIL = Symbol('bail');

interface Composed {
  readonly node: LNode;
  /** The composer's range[2] (node end including trailing comments), used by the parent. */
  readonly nodeEnd: number;
}

/**
 * Parse `text` without the composer: first straight from lexer tokens (yamlLexed.ts), then via
 * the CST; undefined means "use the full parser".
 */
export function parseYamlFast(text: string, base = 0): LNode | undefined {
  const why: { composerOnly?: boolean } = {};
  return parseYamlLexed(text, base, why) ?? (why.composerOnly ? undefined : parseYamlCst(text, base));
}

/** The CST walk; undefined means "use the full parser". */
export function parseYamlCst(text: string, base = 0): LNode | undefined {
  let doc: CST.Document | undefined;
  for (const tok of new Parser().parse(text)) {
    if (tok.type === 'document') {
      if (doc) return undefined;
      doc = tok;
    } else if (tok.type !== 'comment' && tok.type !== 'newline' && tok.type !== 'space') {
      return undefined;
    }
  }
  if (!doc || !doc.value || doc.end?.length) return undefined;
  for (const t of doc.start) if (t.type !== 'comment' && t.type !== 'newline' && t.type !== 'space') return undefined;
  try {
    return new FastWalker(base).compose(doc.value, 0).node;
  } catch (e) {
    if (e === BAIL) return undefined;
    throw e;
  }
}

/** End offset of a list of source tokens, or `fallback` when empty (resolveProps' `end`). */
function tokensEnd(tokens: readonly SourceToken[] | undefined, fallback: number): number {
  const last = tokens?.[tokens.length - 1];
  return last ? last.offset + last.source.length : fallback;
}

/**
 * Only whitespace, newlines and comments (each comment preceded by white space or at a line
 * start) may appear besides the one expected indicator.
 */
function checkProps(tokens: readonly SourceToken[], indicator: string | undefined): { found: boolean; hasNewline: boolean } {
  let found = false;
  let hasNewline = false;
  let spaced = true;
  for (const t of tokens) {
    switch (t.type) {
      case 'space':
        if (t.source.includes('\t')) throw BAIL;
        spaced = true;
        break;
      case 'newline':
        hasNewline = true;
        spaced = true;
        break;
      case 'comment':
        if (!spaced) throw BAIL;
        break;
      default:
        if (t.type !== indicator || found) throw BAIL;
        found = true;
        spaced = false;
    }
  }
  return { found, hasNewline };
}

class FastWalker {
  constructor(private readonly base: number) {}

  private span(start: number, end: number): Span {
    return { start: this.base + start, end: this.base + end };
  }

  compose(token: Token, depth: number): Composed {
    if (depth > LIMITS.depth) throw BAIL;
    switch (token.type) {
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
      case 'block-scalar':
        return this.scalar(token);
      case 'block-map':
        return this.blockMap(token, depth);
      case 'block-seq':
        return this.blockSeq(token, depth);
      default:
        throw BAIL;
    }
  }

  private scalar(token: CST.FlowScalar | CST.BlockScalar): Composed {
    if ('props' in token && token.props.some((p) => p.type !== 'block-scalar-header' && p.type !== 'space' && p.type !== 'newline' && p.type !== 'comment')) throw BAIL;
    let failed = false;
    const r = CST.resolveAsScalar(token, true, () => {
      failed = true;
    });
    if (failed || !r) throw BAIL;
    const value: Scalar = token.type === 'scalar' ? resolvePlain(r.value) : r.value;
    return { node: { kind: 'scalar', span: this.span(r.range[0], r.range[1]), value }, nodeEnd: r.range[2] };
  }

  /** An empty value after `sep` (composeEmptyNode with emptyScalarPosition). */
  private empty(sep: readonly SourceToken[], end: number): Composed {
    let offset = end;
    let i = sep.length - 1;
    for (; i >= 0; i--) {
      const st = sep[i];
      if (st.type === 'space' || st.type === 'comment' || st.type === 'newline') {
        if (st.type === 'comment') throw BAIL; // the composer would move range[2]; keep it simple
        offset -= st.source.length;
        continue;
      }
      break;
    }
    for (let j = i + 1; j < sep.length && sep[j].type === 'space'; j++) offset += sep[j].source.length;
    return { node: { kind: 'scalar', span: this.span(offset, offset), value: null }, nodeEnd: offset };
  }

  private blockMap(bm: CST.BlockMap, depth: number): Composed {
    let offset = bm.offset;
    const entries: LMapEntry[] = [];
    const keys = new Set<string>();
    for (const { start, key, sep, value } of bm.items) {
      checkProps(start, undefined);
      if (!key || !sep) throw BAIL; // comment-only items, explicit keys, missing ':'
      if (key.type !== 'scalar' || key.indent !== bm.indent || key.source.includes('\n') || key.source.includes('\r')) throw BAIL;
      const k = this.scalar(key);
      const keyText = k.node.kind === 'scalar' ? (k.node.value === null ? '' : String(k.node.value)) : '';
      if (keys.has(keyText)) throw BAIL; // duplicate key: the composer reports it
      keys.add(keyText);
      const props = checkProps(sep, 'map-value-ind');
      if (!props.found) throw BAIL;
      if (value?.type === 'block-map' && !props.hasNewline) throw BAIL; // compact nested mapping: an error
      const end = tokensEnd(sep, k.nodeEnd);
      const v = value ? this.compose(value, depth + 1) : this.empty(sep, end);
      offset = v.nodeEnd;
      entries.push({ key: keyText, keySpan: k.node.span, value: v.node });
    }
    return { node: { kind: 'map', span: this.span(bm.offset, offset), entries }, nodeEnd: offset };
  }

  private blockSeq(bs: CST.BlockSequence, depth: number): Composed {
    let offset = bs.offset;
    const items: LNode[] = [];
    for (const { start, value } of bs.items) {
      const props = checkProps(start, 'seq-item-ind');
      if (!props.found || !value) throw BAIL; // comment-only or empty items: leave them to the composer
      const v = this.compose(value, depth + 1);
      offset = v.nodeEnd;
      items.push(v.node);
    }
    return { node: { kind: 'seq', span: this.span(bs.offset, offset), items }, nodeEnd: offset };
  }
}

const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** A plain scalar's value under the YAML 1.2 core schema, in the composer's test order. */
export function resolvePlain(s: string): Scalar {
  const c = s.charCodeAt(0);
  // Fast exit: most values (ids, dates, prose) start with a letter other than n/N/t/T/f/F.
  if (s.length > 5 && !(c === 43 || c === 45 || c === 46 || (c >= 48 && c <= 57))) return s;
  if (NULL.test(s)) return null;
  if (BOOL.test(s)) return s[0] === 't' || s[0] === 'T';
  if (INT_OCT.test(s)) return parseInt(s.substring(2), 8);
  if (INT.test(s)) return parseInt(s, 10);
  if (INT_HEX.test(s)) return parseInt(s.substring(2), 16);
  if (FLOAT_NAN.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? -Infinity : Infinity;
  if (FLOAT_EXP.test(s) || FLOAT.test(s)) return parseFloat(s);
  return s;
}
