/**
 * The fastest path from YAML text to the located tree: block structure built directly from the
 * `yaml` package's lexer tokens (its Lexer is about three times faster than its CST Parser on a
 * cold start). It accepts only the plain block YAML that SSPs and POA&Ms are written in:
 * mappings with plain keys, sequences indented under their key, plain/quoted/block scalars,
 * blank lines and end-of-line comments. Anything else — own-line comments inside the document,
 * flow collections, anchors, aliases, tags, explicit keys, directives, document markers, tabs,
 * duplicate keys, empty sequence items, compact nested mappings — returns undefined, and the
 * caller runs the composer (yaml.ts parseYamlFull).
 *
 * Values and ranges come from `CST.resolveAsScalar` on tokens shaped like the CST Parser's, and
 * collection ranges follow the composer's arithmetic, so the tree equals a full parse;
 * test/unit/yamlFast.test.ts checks that on thousands of random edits.
 */
import { CST, Lexer } from 'yaml';
import type { LMapEntry, LNode, Scalar, Span } from './tree';
import { resolvePlain } from './yamlScalars';
import { LIMITS } from './limits';

const SCALAR = '\u001f';
const DOC_MODE = '\u0002';

/** A collection being built, with the composer's running `offset` (end of its last child). */
interface Frame {
  readonly kind: 'map' | 'seq';
  readonly indent: number;
  readonly start: number;
  end: number;
  readonly entries: LMapEntry[];
  readonly items: LNode[];
  readonly keys: Set<string>;
  /** A map entry whose value starts on a later line (or is empty). */
  pending?: { key: string; keySpan: Span; colonEnd: number; spaceAfter: number };
  /** Where a finished child goes: set by the parent when this frame is a value. */
  readonly attach: (node: LNode, end: number) => void;
}

class Bail extends Error {}
const bail = (): never => {
  throw new Bail();
};

/** Parse via the lexer; undefined means "use the composer". */
export function parseYamlLexed(text: string, base = 0): LNode | undefined {
  const builder = new Builder(text, base);
  try {
    return builder.build();
  } catch (e) {
    if (!(e instanceof Bail)) throw e;
    return undefined;
  }
}

class Builder {
  private readonly tokens: string[];
  private i = 0;
  private offset = 0;
  private readonly stack: Frame[] = [];
  private root: LNode | undefined;

  constructor(
    readonly text: string,
    private readonly base: number,
  ) {
    this.tokens = [...new Lexer().lex(text)];
  }

  private span(start: number, end: number): Span {
    return { start: this.base + start, end: this.base + end };
  }

  private peek(k = 0): string | undefined {
    return this.tokens[this.i + k];
  }

  /** Consume one token (markers have no width). */
  private take(): string {
    const t = this.tokens[this.i++];
    if (t !== SCALAR && t !== DOC_MODE) this.offset += t.length;
    return t;
  }

  private type(t: string | undefined): string | undefined {
    return t === undefined ? undefined : (CST.tokenType(t) ?? undefined);
  }

  build(): LNode | undefined {
    // Leading comments and blank lines, then the document marker.
    while (this.i < this.tokens.length && this.peek() !== DOC_MODE) {
      const ty = this.type(this.peek());
      if (ty !== 'comment' && ty !== 'newline' && ty !== 'space') return undefined;
      if (ty === 'space' && this.peek()!.includes('\t')) return undefined;
      this.take();
    }
    if (this.peek() !== DOC_MODE) return undefined;
    this.take();
    while (this.i < this.tokens.length) this.line();
    this.closeTo(-1);
    return this.root;
  }

  /** One physical line (or a blank line). */
  private line(): void {
    let col = 0;
    if (this.type(this.peek()) === 'space') {
      const s = this.take();
      if (s.includes('\t')) bail();
      col = s.length;
    }
    const ty = this.type(this.peek());
    if (ty === 'newline') {
      this.take();
      return;
    }
    if (this.peek() === undefined) return;
    if (ty === 'comment') {
      // An own-line comment joins the next item (no effect on ranges) only when that item starts
      // at the comment's column; elsewhere the composer may attach it to a collection's end.
      if (this.nextContentColumn() !== col) bail();
      this.take();
      if (this.type(this.peek()) === 'newline') this.take();
      return;
    }
    if (ty === 'seq-item-ind') return this.seqItem(col);
    if (this.peek() === SCALAR) return this.mapEntry(col);
    bail();
  }

  /** The column of the next line with content after the current one (-1 at the end). */
  private nextContentColumn(): number {
    let j = this.i;
    while (j < this.tokens.length && this.type(this.tokens[j]) !== 'newline') j++;
    while (++j < this.tokens.length) {
      let col = 0;
      const t = this.tokens[j];
      const ty = this.type(t);
      if (ty === 'space') {
        col = t.length;
        j++;
      }
      const next = this.type(this.tokens[j]);
      if (next === 'newline') continue;
      if (next === 'comment') {
        while (j < this.tokens.length && this.type(this.tokens[j]) !== 'newline') j++;
        continue;
      }
      return j < this.tokens.length ? col : -1;
    }
    return -1;
  }

  /** Close every frame deeper than `col` (and resolve a pending empty value). */
  private closeTo(col: number): void {
    for (;;) {
      const top = this.stack[this.stack.length - 1];
      if (!top) return;
      if (top.pending && col <= top.indent) this.emptyValue(top);
      if (top.indent <= col) return;
      this.stack.pop();
      const node: LNode =
        top.kind === 'map'
          ? { kind: 'map', span: this.span(top.start, top.end), entries: top.entries }
          : { kind: 'seq', span: this.span(top.start, top.end), items: top.items };
      top.attach(node, top.end);
    }
  }

  /** `key:` with nothing after it before the next line at the same or lower indentation. */
  private emptyValue(frame: Frame): void {
    const p = frame.pending!;
    frame.pending = undefined;
    const at = p.colonEnd + p.spaceAfter;
    frame.entries.push({ key: p.key, keySpan: p.keySpan, value: { kind: 'scalar', span: this.span(at, at), value: null } });
    frame.end = at;
  }

  private open(kind: 'map' | 'seq', indent: number, start: number, attach: Frame['attach']): Frame {
    if (this.stack.length >= LIMITS.depth) bail();
    const f: Frame = { kind, indent, start, end: start, entries: [], items: [], keys: new Set(), attach };
    this.stack.push(f);
    return f;
  }

  /** The frame a new node at `col` of `kind` belongs to, opening it where a pending value or the root asks. */
  private frameFor(kind: 'map' | 'seq', col: number, start: number): Frame {
    this.closeTo(col);
    const top = this.stack[this.stack.length - 1];
    if (!top) {
      if (this.root) bail(); // a second root node
      return this.open(kind, col, start, (node) => (this.root = node));
    }
    if (top.pending) {
      // The value of `key:` on the lines below: deeper than the key (no indentless sequences).
      if (col <= top.indent) bail();
      const p = top.pending;
      top.pending = undefined;
      return this.open(kind, col, start, (node, end) => {
        top.entries.push({ key: p.key, keySpan: p.keySpan, value: node });
        top.end = end;
      });
    }
    if (top.indent !== col || top.kind !== kind) bail();
    return top;
  }

  private seqItem(col: number): void {
    const start = this.offset;
    const seq = this.frameFor('seq', col, start);
    this.take(); // '-'
    if (this.type(this.peek()) !== 'space') bail(); // empty item or nested block: leave it
    const sp = this.take();
    if (sp.includes('\t')) bail();
    const contentCol = col + 1 + sp.length;
    const next = this.peek();
    if (this.type(next) === 'seq-item-ind') bail();
    const attach = (node: LNode, end: number) => {
      seq.items.push(node);
      seq.end = end;
    };
    if (next === SCALAR && this.isKey()) {
      // `- key: value`: a mapping whose indent is the key's column, inside this item.
      const map = this.open('map', contentCol, this.offset, attach);
      this.entry(map, contentCol);
      return;
    }
    const v = this.value(col);
    attach(v.node, v.end);
  }

  private mapEntry(col: number): void {
    if (!this.isKey()) bail();
    const map = this.frameFor('map', col, this.offset);
    this.entry(map, col);
  }

  /** Is the scalar at the cursor a key (`SCALAR source ':'`)? */
  private isKey(): boolean {
    return this.peek() === SCALAR && this.type(this.peek(2)) === 'map-value-ind';
  }

  /** `key: value` at the cursor, added to `map`. */
  private entry(map: Frame, indent: number): void {
    this.take(); // SCALAR marker
    const keyStart = this.offset;
    const source = this.take();
    if (source.includes('\n') || source.includes('\r')) bail();
    const r = resolve({ type: 'scalar', offset: keyStart, indent, source });
    const keyValue = resolvePlain(r.value);
    const key = keyValue === null ? '' : String(keyValue);
    if (map.keys.has(key)) bail(); // duplicate key: the composer reports it
    map.keys.add(key);
    const keySpan = this.span(r.range[0], r.range[1]);
    this.take(); // ':'
    const colonEnd = this.offset;
    let spaceAfter = 0;
    if (this.type(this.peek()) === 'space') {
      const s = this.peek()!;
      if (s.includes('\t')) bail();
      const after = this.type(this.peek(1));
      if (after === 'comment') bail(); // `key: # comment` — composer moves ranges; leave it
      spaceAfter = s.length;
      if (after === 'newline' || after === undefined) this.take();
    }
    const ty = this.type(this.peek());
    if (ty === 'newline' || this.peek() === undefined) {
      if (ty === 'newline') this.take();
      map.pending = { key, keySpan, colonEnd, spaceAfter };
      return;
    }
    if (ty === 'space') this.take();
    const v = this.value(indent);
    map.entries.push({ key, keySpan, value: v.node });
    map.end = v.end;
  }

  /** A scalar value on the current line (plain, quoted or block), with its end tokens. */
  private value(indent: number): { node: LNode; end: number } {
    const t = this.peek();
    const ty = this.type(t);
    let token: CST.FlowScalar | CST.BlockScalar;
    if (t === SCALAR) {
      this.take();
      const offset = this.offset;
      const source = this.take();
      token = { type: 'scalar', offset, indent, source, end: this.endTokens() };
    } else if (ty === 'single-quoted-scalar' || ty === 'double-quoted-scalar') {
      const offset = this.offset;
      const source = this.take();
      token = { type: ty, offset, indent, source, end: this.endTokens() };
    } else if (ty === 'block-scalar-header') {
      const offset = this.offset;
      const props: CST.SourceToken[] = [this.source('block-scalar-header')];
      if (this.type(this.peek()) === 'space') props.push(this.source('space'));
      if (this.type(this.peek()) === 'comment') props.push(this.source('comment'));
      if (this.type(this.peek()) !== 'newline') bail();
      props.push(this.source('newline'));
      let source = '';
      if (this.peek() === SCALAR) {
        this.take();
        source = this.take();
      }
      token = { type: 'block-scalar', offset, indent, props, source };
    } else {
      return bail();
    }
    const r = resolve(token);
    const value: Scalar = token.type === 'scalar' ? resolvePlain(r.value) : r.value;
    return { node: { kind: 'scalar', span: this.span(r.range[0], r.range[1]), value }, end: r.range[2] };
  }

  private source(type: CST.SourceToken['type']): CST.SourceToken {
    const offset = this.offset;
    const source = this.take();
    return { type, offset, indent: 0, source } as CST.SourceToken;
  }

  /** Trailing space, comment and the newline of a flow scalar's line (the CST's `end`). */
  private endTokens(): CST.SourceToken[] {
    const end: CST.SourceToken[] = [];
    if (this.type(this.peek()) === 'space') {
      if (this.peek()!.includes('\t')) bail();
      end.push(this.source('space'));
    }
    if (this.type(this.peek()) === 'comment') {
      if (end.length === 0) bail(); // a comment must be preceded by white space
      end.push(this.source('comment'));
    }
    const ty = this.type(this.peek());
    if (ty === 'newline') end.push(this.source('newline'));
    else if (this.peek() !== undefined) bail(); // `a: b: c`, flow indicators, ...
    return end;
  }
}

function resolve(token: CST.FlowScalar | CST.BlockScalar): { value: string; range: [number, number, number] } {
  let failed = false;
  const r = CST.resolveAsScalar(token, true, () => {
    failed = true;
  });
  if (failed || !r) bail();
  return r!;
}
