/**
 * What the incremental-parse fuzz tests share (YAML in incremental.test.ts, markdown in
 * markdownIncremental.test.ts): a comparable form of a parse, whether a re-parse reused the
 * previous tree, the random-edit loop that compares an incremental re-parse with a full one, and
 * the same through the language service.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCmmcDocument, reparseCmmcDocument, type ParsedDocument } from '../../server/src/documents/parse';
import { createCmmcService } from '../../server/src/service';
import { rng } from '../unit/helpers';

/** Everything a parse gives, as strings: kind, tree, findings with spans, model. */
export function comparable(p: ParsedDocument | undefined) {
  if (!p) return undefined;
  return {
    kind: p.kind,
    root: JSON.stringify(p.root),
    findings: p.findings.map((f) => `${f.code}@${f.span.start}-${f.span.end}:${f.message}`),
    model: JSON.stringify(p.model),
  };
}

/** Did the re-parse reuse the previous tree (the incremental path shares the entries before the change)? */
export function reused(next: ParsedDocument | undefined, before: ParsedDocument['root']): boolean {
  const a = next?.root;
  return !!a && !!before && a !== before && a.kind === 'map' && before.kind === 'map' && a.entries.length > 0 && a.entries[0] === before.entries[0];
}

export interface FuzzOptions {
  /** Insertions, drawn at random. */
  readonly edits: readonly string[];
  /** Back to the initial text every this many steps (an edit may leave the document where every later one is a full parse). */
  readonly resetEvery?: number;
  /** The incremental path must have run on more than this share of the steps. */
  readonly minShare: number;
  /** The test's title. */
  readonly title: string;
}

/** `steps` random edits from `initial`: each re-parse equals the full parse, and never changes the previous one. */
export function fuzzReparse(uri: string, initial: string, seed: number, steps: number, o: FuzzOptions): void {
  test(o.title, () => {
    const random = rng(seed);
    let text = initial;
    let prev = parseCmmcDocument(uri, text);
    let incremental = 0;
    for (let step = 0; step < steps; step++) {
      if (o.resetEvery && step % o.resetEvery === 0) {
        text = initial;
        prev = parseCmmcDocument(uri, text);
      }
      const at = Math.floor(random() * text.length);
      const del = random() < 0.5 ? 0 : Math.floor(random() * 12);
      const ins = o.edits[Math.floor(random() * o.edits.length)];
      const next = text.slice(0, at) + ins + text.slice(at + del);
      const full = parseCmmcDocument(uri, next);
      const before = prev?.root;
      const snapshot = comparable(prev);
      const inc = reparseCmmcDocument(prev, uri, next);
      if (reused(inc, before)) incremental++;
      // The previous version is never edited: its spans still point into its own text.
      assert.deepEqual(comparable(prev), snapshot, `step ${step}: the previous parse was changed`);
      assert.deepEqual(comparable(inc), comparable(full), `step ${step}: edit at ${at} (-${del} +${JSON.stringify(ins)})`);
      // Never advance into a syntax error (the incremental path needs a healthy previous parse);
      // the broken version was still compared above. Its parse was a full one, so `prev` is intact.
      if (!full || full.findings.some((f) => f.code === 'syntax')) continue;
      text = next;
      prev = inc;
    }
    assert.ok(incremental > steps * o.minShare, `the incremental path ran ${incremental} times of ${steps}`);
  });
}

/**
 * Through the language service: editing `from` into `to` in `initial` reuses the previous tree
 * (a new one, the previous not edited in place) and gives the findings a fresh service gives.
 */
export function serviceReuses(title: string, uri: string, initial: string, from: string, to: string): void {
  test(title, () => {
    let text = initial;
    const svc = createCmmcService({ workspace: { read: () => text, uris: () => [uri] }, settings: () => ({ today: '2025-05-01' }) });
    const first = svc.parse(uri)!;
    assert.ok(text.includes(from), `the document has ${from}`);
    text = text.replace(from, to);
    const second = svc.parse(uri)!;
    assert.ok(reused(second, first.root), 'the tree was reused');
    assert.notEqual(second.root, first.root, 'the previous version was not edited in place');
    const fresh = createCmmcService({ workspace: { read: () => text, uris: () => [uri] }, settings: () => ({ today: '2025-05-01' }) });
    assert.deepEqual(svc.analyze(uri)?.findings, fresh.analyze(uri)?.findings);
  });
}

/** One keystroke: the re-parse of `next` after `prev`, checked against a full parse; did it reuse the tree? */
export function keystroke(prev: ParsedDocument, uri: string, next: string, label: string): { parsed: ParsedDocument; reused: boolean } {
  const parsed = reparseCmmcDocument(prev, uri, next)!;
  assert.deepEqual(comparable(parsed), comparable(parseCmmcDocument(uri, next)), label);
  return { parsed, reused: reused(parsed, prev.root) };
}
