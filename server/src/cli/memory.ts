/**
 * The peak memory of a long command-line run. Once a document's findings are out, cli/check.ts
 * lets its parse go; what stays alive is small (1,000 documents: about 30 MB). But V8 collects
 * its old generation lazily: documents parsed one after another leave garbage that grows the
 * heap to several times what is alive before a full collection runs (145 MB of heap for those
 * 30 MB; peak RSS 2.5x the parse-alone floor). So the check loop calls `settle()` after each
 * document, and when the heap has grown by GROWTH_MB since the last full collection, one runs:
 * a few milliseconds, a few times per thousand documents.
 *
 * The collector is V8's `gc`, reached by enabling --expose-gc at run time (the `vm` context
 * created afterwards gets it). The language server never does this: an editor's documents are
 * few and open, and V8's own pacing suits it.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Heap growth (MB) over the last full collection that triggers the next one. */
export const GROWTH_MB = 8;

/** Where this V8 refuses the flag, undefined: `settle` then does nothing. */
function collector(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}

/** A settle() for one run: a full collection whenever the heap grew by `growthMb` since the last. */
export function memorySettler(growthMb = GROWTH_MB, heapUsed = () => process.memoryUsage().heapUsed): { settle(): void; collections: number } {
  const gc = collector();
  let base = heapUsed();
  const state = {
    collections: 0,
    settle() {
      if (!gc || heapUsed() - base < growthMb * 2 ** 20) return;
      gc();
      state.collections++;
      base = heapUsed();
    },
  };
  return state;
}
