/**
 * YAML text -> located tree, with the `yaml` package's AST ranges. Parse errors, duplicate keys,
 * alias bombs, absurd nesting and oversized files become `syntax` findings, never exceptions.
 * Dates stay text: YAML 1.1 timestamps are read back from their source, never through a time zone.
 */
import { parseDocument, isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node as YNode } from 'yaml';
import type { Finding } from './findings';
import { span, type LMapEntry, type LNode, type Scalar, type Span } from './tree';
import { LIMITS } from './limits';
import { parseYamlLexed } from './yamlLexed';
import { syntaxFindings } from './yamlRecovery';

export { LIMITS };

export interface ParsedTree {
  /** The tree; undefined when the text is empty or parsing was unsafe. */
  readonly root?: LNode;
  /** `syntax` findings. */
  readonly findings: Finding[];
  /** True when the document must not be checked further (unsafe or broken beyond recovery). */
  readonly stop: boolean;
}

export function syntaxFinding(message: string, s: Span): Finding {
  return { code: 'syntax', severity: 'error', message, span: s };
}

/** Text that is not plain text (NUL bytes or mostly control characters) is not worth parsing. */
export function binaryJunk(text: string): boolean {
  const sample = text.slice(0, 4096);
  if (sample.includes('\u0000')) return true;
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) control++;
  }
  return sample.length > 0 && control / sample.length > 0.1;
}

/**
 * UTF-16 read as UTF-8: a byte-order mark FF FE / FE FF (decoded as two U+FFFD) or ASCII text
 * with a NUL in every other position.
 */
export function looksUtf16(text: string): boolean {
  if (text.startsWith('\ufffd\ufffd')) return true;
  const sample = text.slice(0, 512);
  if (sample.length < 4) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample.charCodeAt(i) === 0) {
      if (i % 2 === 0) even++;
      else odd++;
    }
  }
  const half = sample.length / 2;
  return Math.max(even, odd) > half * 0.6 && Math.min(even, odd) < half * 0.1;
}

/** Guard of a YAML text: unreadable (size, UTF-16, binary; unreadableText) or nested past the limit (nestingBomb). */
export function unsafeText(text: string, base = 0): Finding | undefined {
  return unreadableText(text, base) ?? nestingBomb(text, base);
}

/** Too large, UTF-16 or binary: a text no parser should see (markdown bodies stop here: markdown-it bounds its own nesting). */
export function unreadableText(text: string, base = 0): Finding | undefined {
  if (text.length > LIMITS.maxChars) {
    const mb = (text.length / (1024 * 1024)).toFixed(1);
    return syntaxFinding(
      `Document is too large to check (${mb} MB; the limit is ${LIMITS.maxChars / (1024 * 1024)} MB). Split it into smaller documents.`,
      span(base, base + Math.min(text.indexOf('\n') >>> 0, 1)),
    );
  }
  if (looksUtf16(text)) return syntaxFinding('UTF-16 is not supported: save as UTF-8.', span(base, base + Math.min(text.length, 1)));
  if (binaryJunk(text)) return syntaxFinding('This file is not text (it contains binary data); it cannot be read as YAML.', span(base, base + 1));
  return undefined;
}

/**
 * A cheap bound on nesting, before any parser runs: the depth of flow brackets (`[`, `{`
 * outside comments; brackets inside quotes count too, which only over-estimates) and the column
 * where a line's content starts (block nesting needs a column per level, or two levels per column with indentless sequences). Either
 * past the limit is one finding, in linear time and constant memory, so 600 KB of `[` never
 * reaches the parser (whose tree, built twice, took seconds and hundreds of MB).
 */
export function nestingBomb(text: string, base = 0): Finding | undefined {
  const deep = (at: number, why = '') =>
    syntaxFinding(`Nesting is deeper than ${LIMITS.depth} levels${why}; this document is not checked further.`, span(base + at, base + at + 1));
  let depth = 0;
  let col = 0;
  let content = false; // has the line's content started?
  let prev = 10;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      col = 0;
      content = false;
    } else if (!content) {
      // Indentation, and the `- ` / `? ` / `: ` indicators that open block levels on one line.
      if (c === 32 || c === 9 || ((c === 45 || c === 63 || c === 58) && (text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 10))) {
        // `- - - ...`: indicators past the limit are nesting, whatever follows.
        if (++col > LIMITS.depth && c !== 32 && c !== 9) return deep(i);
      } else {
        content = true;
        if (col > LIMITS.depth && c !== 13) return deep(i, ` (a line starts after column ${LIMITS.depth})`);
      }
    }
    if (c === 35 /* # */ && (prev === 32 || prev === 9 || prev === 10)) {
      const eol = text.indexOf('\n', i);
      if (eol < 0) break;
      i = eol - 1;
      prev = 35;
      continue;
    }
    if (c === 91 || c === 123) {
      if (++depth > LIMITS.depth) return deep(i);
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
    prev = c;
  }
  return undefined;
}

/**
 * Parse YAML text into a located tree. `base` is added to every offset (used for markdown
 * front matter, whose text starts after the opening `---`).
 */
export function parseYaml(text: string, base = 0): ParsedTree {
  const guard = unsafeText(text, base);
  if (guard) return { findings: [guard], stop: true };
  // Plain, well-formed documents (nearly all of them) skip the composer; see yamlLexed.ts.
  const fast = parseYamlLexed(text, base);
  if (fast) return { root: fast, findings: [], stop: false };
  return parseYamlFull(text, base);
}

/** The full path through the `yaml` Document composer (exported for the differential test). */
export function parseYamlFull(text: string, base = 0): ParsedTree {
  const guard = unsafeText(text, base);
  if (guard) return { findings: [guard], stop: true };
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, keepSourceTokens: false, stringKeys: false });
  // One fault, one finding: consequences of an earlier error are dropped (yamlRecovery.ts).
  const findings: Finding[] = doc.errors.length ? syntaxFindings(text, doc.errors, base) : [];
  const onlyDuplicates = doc.errors.every((e) => e.code === 'DUPLICATE_KEY');
  if (!doc.contents) return { findings, stop: findings.length > 0 };

  const walker = new Walker(doc, base);
  const root = walker.node(doc.contents as YNode, 0);
  if (walker.unsafe) return { findings: [...findings, walker.unsafe], stop: true };
  return { root, findings, stop: !onlyDuplicates };
}

class Walker {
  unsafe?: Finding;
  private aliasBudget = LIMITS.totalAliasNodes;
  /** Anchors met so far, outside alias expansions. */
  private readonly anchors = new Map<string, YNode>();

  constructor(
    private readonly doc: Document,
    private readonly base: number,
  ) {}

  private span(n: { range?: [number, number, number] | null } | null | undefined, fallback?: Span): Span {
    const r = n?.range;
    if (!r) return fallback ?? span(this.base, this.base);
    return span(this.base + r[0], this.base + r[1]);
  }

  /**
   * Convert one node. Inside an alias expansion every node takes the alias's span (`alias`), so
   * findings point at the place that used it; `fallback` is the span of an empty value.
   */
  node(n: YNode | null | undefined, depth: number, alias?: { span: Span; left: number }, fallback?: Span): LNode {
    const here = alias?.span ?? this.span(n, fallback);
    if (this.unsafe) return { kind: 'scalar', span: here, value: null };
    if (depth > LIMITS.depth) {
      this.unsafe = syntaxFinding(`Nesting is deeper than ${LIMITS.depth} levels; this document is not checked further.`, here);
      return { kind: 'scalar', span: here, value: null };
    }
    if (alias) {
      alias.left--;
      this.aliasBudget--;
      if (alias.left < 0 || this.aliasBudget < 0) {
        const what =
          alias.left < 0 ? `an alias expands to more than ${LIMITS.aliasNodes} nodes` : `aliases expand to more than ${LIMITS.totalAliasNodes} nodes in all`;
        this.unsafe = syntaxFinding(`Unsafe YAML: ${what} (a possible "billion laughs" alias bomb); this document is not checked further.`, alias.span);
        return { kind: 'scalar', span: here, value: null };
      }
    }
    if (!n) return { kind: 'scalar', span: here, value: null };
    if (!alias && (n as { anchor?: string }).anchor) this.anchors.set((n as { anchor: string }).anchor, n);
    if (isAlias(n)) {
      // The latest anchor of that name before the alias: the walk meets nodes in document order,
      // so the map holds exactly that (yaml's Alias.resolve walks the whole document each time).
      const target = this.anchors.get(n.source) ?? n.resolve(this.doc);
      if (!target) return { kind: 'scalar', span: here, value: null };
      return this.node(target as YNode, depth + 1, alias ?? { span: here, left: LIMITS.aliasNodes });
    }
    if (isScalar(n)) return { kind: 'scalar', span: here, value: scalarValue(n.value, n.source) };
    if (isMap(n)) {
      const entries: LMapEntry[] = [];
      for (const pair of n.items) {
        if (!isPair(pair)) continue;
        const k = pair.key as YNode | null;
        if (!alias && k && (k as { anchor?: string }).anchor) this.anchors.set((k as { anchor: string }).anchor, k);
        const keySpan = alias?.span ?? this.span(k, here);
        const value = this.node(pair.value as YNode | null, depth + 1, alias, span(keySpan.end, keySpan.end));
        entries.push({ key: keyText(k), keySpan, value });
      }
      return { kind: 'map', span: here, entries };
    }
    if (isSeq(n)) {
      const items = n.items.map((it) => this.node(it as YNode | null, depth + 1, alias, here));
      return { kind: 'seq', span: here, items };
    }
    return { kind: 'scalar', span: here, value: null };
  }
}

function scalarValue(value: unknown, source: string | undefined): Scalar {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  // Dates (YAML 1.1 timestamps), binary, big integers: keep the text as written.
  return source ?? String(value);
}

function keyText(k: YNode | null): string {
  if (k === null || k === undefined) return '';
  if (isScalar(k)) return k.value === null ? '' : String(scalarValue(k.value, k.source));
  return String(k);
}
