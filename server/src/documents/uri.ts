/**
 * Document URIs, spelled one way. VS Code writes `file:///ws/Acme%20%28CUI%29.ssp.yaml` and
 * `file:///c%3A/ws`; Node writes `file:///ws/Acme%20(CUI).ssp.yaml` and `file:///C:/ws`. Every
 * place that compares URIs (the analysis, the workspace, the link resolution) goes through
 * `normalizeUri`, so a document links and is linked the same under either spelling.
 */
import { dirname, isAbsolute, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const memo = new Map<string, string>();

/** The canonical spelling of a URI: file: URIs as Node spells them, others unchanged. */
export function normalizeUri(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  const hit = memo.get(uri);
  if (hit !== undefined) return hit;
  let out = uri;
  try {
    // Through the path and back: every escape VS Code adds is decoded, and Node re-encodes.
    out = pathToFileURL(fileURLToPath(uri)).href.replace(/^file:\/\/\/([A-Z]):/, (_, d: string) => `file:///${d.toLowerCase()}:`);
  } catch {
    // A URI that names no local path (`%2F` in a segment, a remote host): compare it as written.
    out = uri;
  }
  if (memo.size > 10_000) memo.clear();
  memo.set(uri, out);
  return out;
}

/** The local path of a file: URI, or undefined. */
export function pathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/**
 * The URI an `ssp:` link names, relative to the document at `base`. The value is a file path
 * (`../Acme (CUI).ssp.yaml`, `plans/a#1.ssp.yaml`), not a URL: `#`, `?` and `%` are characters of
 * the name. A `file:` URL is accepted as written. Undefined when it names no file.
 */
export function resolveLink(base: string, value: string): string | undefined {
  if (/^file:/i.test(value)) {
    try {
      return normalizeUri(new URL(value).href);
    } catch {
      return undefined;
    }
  }
  const from = pathOf(base);
  if (from === undefined) {
    try {
      return normalizeUri(new URL(value, base).href);
    } catch {
      return undefined;
    }
  }
  if (value.includes('\u0000')) return undefined;
  const local = sep === '\\' ? value : value.replace(/\\/g, '/');
  return normalizeUri(pathToFileURL(isAbsolute(local) ? local : resolve(dirname(from), local)).href);
}
