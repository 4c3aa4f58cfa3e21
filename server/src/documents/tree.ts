/**
 * The located tree: a plain JSON-like tree where every node keeps the source offsets it came
 * from. Both syntaxes (YAML and markdown) parse into this tree; the JSON Schema runs over its
 * plain value, and the typed model (model.ts) is read from it. Offsets are 0-based UTF-16
 * indices into the document text; they are turned into line/character only at the edge.
 */

/** Half-open offset range [start, end) into the document text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type Scalar = string | number | boolean | null;

export interface LScalar {
  readonly kind: 'scalar';
  readonly span: Span;
  readonly value: Scalar;
}

export interface LMapEntry {
  readonly key: string;
  readonly keySpan: Span;
  readonly value: LNode;
}

export interface LMap {
  readonly kind: 'map';
  readonly span: Span;
  readonly entries: LMapEntry[];
}

export interface LSeq {
  readonly kind: 'seq';
  readonly span: Span;
  readonly items: LNode[];
}

export type LNode = LScalar | LMap | LSeq;

export function span(start: number, end: number): Span {
  return { start, end };
}

/** The entry with this key (the last one, as YAML would keep it), if any. */
export function entry(map: LNode | undefined, key: string): LMapEntry | undefined {
  if (!map || map.kind !== 'map') return undefined;
  for (let i = map.entries.length - 1; i >= 0; i--) if (map.entries[i].key === key) return map.entries[i];
  return undefined;
}

/** The value node under this key, if any. */
export function get(map: LNode | undefined, key: string): LNode | undefined {
  return entry(map, key)?.value;
}

/** The plain JSON value of a located tree (what the JSON Schema validates). */
export function toPlain(node: LNode): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(toPlain);
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const e of node.entries) {
        // `__proto__` as a YAML key must become an own property, not the prototype.
        if (e.key === '__proto__') Object.defineProperty(out, e.key, { value: toPlain(e.value), enumerable: true, writable: true, configurable: true });
        else out[e.key] = toPlain(e.value);
      }
      return out;
    }
  }
}

/** A node located by a JSON pointer (`/items/0/deadline`), with the map entry that holds it. */
export interface Resolved {
  readonly node: LNode;
  readonly entry?: LMapEntry;
}

/** Resolve an ajv `instancePath` (JSON pointer) to the node it names. */
export function resolvePointer(root: LNode, pointer: string): Resolved | undefined {
  if (pointer === '') return { node: root };
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: LNode = root;
  let holder: LMapEntry | undefined;
  for (const part of parts) {
    if (node.kind === 'map') {
      const e = entry(node, part);
      if (!e) return undefined;
      holder = e;
      node = e.value;
    } else if (node.kind === 'seq') {
      const child = node.items[Number(part)];
      if (!child) return undefined;
      holder = undefined;
      node = child;
    } else {
      return undefined;
    }
  }
  return { node, entry: holder };
}
