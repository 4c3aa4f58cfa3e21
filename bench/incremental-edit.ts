/**
 * In-process timing of one incremental edit on a 50k-line POA&M (parse -> edit inside an item in
 * the middle -> re-parse), median of 21 runs. `node --import tsx bench/incremental-edit.ts`.
 */
import { parseCmmcDocument, reparseCmmcDocument } from '../server/src/documents/parse';
import { poamYaml } from './generate';

const uri = 'file:///bench/big.poam.yaml';
const text = poamYaml(50_000);
const first = parseCmmcDocument(uri, text)!;
const at = text.indexOf('weakness:', Math.floor(text.length / 2)) + 'weakness: '.length;
const times: number[] = [];
for (let i = 0; i < 21; i++) {
  const next = text.slice(0, at) + String.fromCharCode(97 + (i % 26)) + text.slice(at);
  const t0 = performance.now();
  reparseCmmcDocument(first, uri, next);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
console.log(`50k-line POA&M, one edit in the middle: median ${times[10].toFixed(1)} ms (min ${times[0].toFixed(1)}, max ${times[20].toFixed(1)})`);
