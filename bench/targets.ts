/**
 * Where the benchmark edits and hovers (the middle of each document), and the floor each figure is
 * read against: the `yaml` package's parseDocument plus a walk of every node (markdown:
 * markdown-it's parse), alone, in this process.
 */
import { performance } from 'node:perf_hooks';
import MarkdownIt from 'markdown-it';
import { isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { BenchDoc } from './generate';
import { median, type Position } from './lsp';

const FLOOR_RUNS = 7;

export interface Target {
  /** The value edited: its line, first character and current length. */
  edit: { line: number; character: number; length: number };
  /** Replacement values, used in turn. */
  values: string[];
  /** Where to hover: a practice id in the middle. */
  hover: Position;
}

/**
 * POA&M: the deadline of the open item nearest the middle (an open item: the deadline and
 * milestone rules apply to it) and a hover on that item's practice. SSP: the `responsible` of the
 * practice in the middle and a hover on its id.
 */
export function targetOf(doc: Pick<BenchDoc, 'name' | 'kind' | 'syntax'>, text: string): Target {
  const lines = text.split('\n');
  const mid = lines.length / 2;
  const nearest = (re: RegExp) => {
    let best = -1;
    lines.forEach((l, i) => {
      if (re.test(l) && (best < 0 || Math.abs(i - mid) < Math.abs(best - mid))) best = i;
    });
    if (best < 0) throw new Error(`${doc.name}: no line matches ${re}`);
    return best;
  };
  const back = (from: number, re: RegExp) => {
    for (let i = from; i >= 0; i--) {
      const m = re.exec(lines[i]);
      if (m) return { line: i, character: m.index + m[0].length - m[1].length, length: m[1].length };
    }
    throw new Error(`${doc.name}: no line matches ${re} before line ${from + 1}`);
  };
  const yaml = doc.syntax === 'yaml';
  if (doc.kind === 'poam') {
    const status = nearest(yaml ? /^ {4}status: open\s*$/ : /^Status: open\s*$/);
    const edit = back(status, yaml ? /^ {4}deadline: (\d{4}-\d{2}-\d{2})/ : /^Deadline: (\d{4}-\d{2}-\d{2})/);
    const practice = back(status, yaml ? /^ {4}practice: ([A-Z]{2}\.L2-[\d.]+)/ : /^Practice: ([A-Z]{2}\.L2-[\d.]+)/);
    // Inside the 180-day window; the earlier ones put a milestone after the deadline (findings change).
    const values = Array.from({ length: 19 }, (_, k) => `2025-0${6 + (k % 3)}-${String(10 + k).padStart(2, '0')}`);
    return { edit, values, hover: { line: practice.line, character: practice.character + 3 } };
  }
  const id = nearest(yaml ? /^ {2}[A-Z]{2}\.L2-[\d.]+:\s*$/ : /^## [A-Z]{2}\.L2-[\d.]+ /);
  let end = id + 1;
  while (end < lines.length && !(yaml ? /^ {2}\S/ : /^## /).test(lines[end])) end++;
  const edit = back(end - 1, yaml ? /^ {4}responsible: (.+?)\s*$/ : /^Responsible: (.+?)\s*$/);
  if (edit.line < id) throw new Error(`${doc.name}: the practice at line ${id + 1} has no responsible`);
  const values = ['ISSO', 'IT Manager', 'Network Engineer', 'Security Architect', 'Compliance Lead'];
  return { edit, values, hover: { line: id, character: yaml ? 4 : 5 } };
}

/** The `yaml` package's parseDocument plus a walk over every node (markdown: markdown-it's parse). */
export function floor(doc: BenchDoc, text: string): number {
  const md = new MarkdownIt('commonmark');
  const times: number[] = [];
  for (let k = 0; k < FLOOR_RUNS; k++) {
    const t = performance.now();
    if (doc.syntax === 'markdown') {
      md.parse(text, {});
    } else {
      let nodes = 0;
      const walk = (node: unknown): void => {
        nodes++;
        if (isMap(node) || isSeq(node)) for (const it of node.items) walk(it);
        else if (isPair(node)) {
          walk(node.key);
          walk(node.value);
        } else if (isScalar(node)) void node.value;
      };
      walk(parseDocument(text).contents);
      if (nodes < 1) throw new Error('empty document');
    }
    times.push(performance.now() - t);
  }
  return median(times);
}
