/**
 * The editor's world as the language service sees it (service.ts `Workspace`):
 * - LspWorkspace: open buffers first (their text and version), the disk for everything else;
 *   `uris()` lists the open documents and every YAML/markdown file under the workspace folders
 *   (no file limit; depth and folder count are bounded). The link index (analysis/links.ts) asks
 *   for that list once and follows file events after; `peek` reads a file for its link scan
 *   without keeping the text. Texts read for a check are cached: with file events they are
 *   trusted until an event says otherwise; clients that send none get a re-stat on every read and
 *   a re-listing every 10 s.
 * - fileSystemWorkspace: the disk only, over a fixed list of files (the command line).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { syntaxOf } from './documents/detect';
import { normalizeUri, type Workspace } from './analysis/analyzer';

/** The part of vscode-languageserver's TextDocuments the workspace needs. */
export interface OpenDocuments {
  get(uri: string): { readonly uri: string; readonly version: number; getText(): string } | undefined;
  all(): readonly { readonly uri: string; readonly version: number; getText(): string }[];
  /** A number that changes with every change of the text, when the store keeps one (else the version is used). */
  revision?(uri: string): number | undefined;
}

export interface ScanLimits {
  /** Stop collecting after this many candidate files (default: no limit). */
  readonly maxFiles: number;
  /** Stop descending after this many folders (default 20,000). */
  readonly maxFolders: number;
  /** Folders deeper than this are not entered (default 12). */
  readonly maxDepth: number;
}

const DEFAULT_LIMITS: ScanLimits = { maxFiles: Infinity, maxFolders: 20_000, maxDepth: 12 };
/** Until the client reports file events, the listing is redone when older than this. */
const RESCAN_MS = 10_000;
const SKIP_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.vscode-test', '.e2e']);

/** A text read from disk with the stat that dated it. */
interface DiskText {
  readonly text: string | undefined;
  readonly mtime: number;
  readonly size: number;
}

/** Read a file: URI from disk (undefined when it is not a file URI or cannot be read). */
export function readDisk(uri: string): DiskText {
  try {
    const path = fileURLToPath(uri);
    const st = statSync(path);
    if (!st.isFile()) return { text: undefined, mtime: 0, size: -1 };
    return { text: readFileSync(path, 'utf8'), mtime: st.mtimeMs, size: st.size };
  } catch {
    return { text: undefined, mtime: 0, size: -1 };
  }
}

/** `mtime:size` of a file, undefined when it is not a readable file. */
function stampOf(uri: string): string | undefined {
  try {
    const st = statSync(fileURLToPath(uri));
    return st.isFile() ? `${st.mtimeMs}:${st.size}` : undefined;
  } catch {
    return undefined;
  }
}

function unchanged(uri: string, cached: DiskText): boolean {
  try {
    const st = statSync(fileURLToPath(uri));
    return st.isFile() && st.mtimeMs === cached.mtime && st.size === cached.size;
  } catch {
    return cached.text === undefined;
  }
}

/** Files under `folders` that could be SSPs or POA&Ms (YAML or markdown), breadth first, bounded. */
export function scanFolders(folders: readonly string[], limits: ScanLimits = DEFAULT_LIMITS, log?: (m: string) => void): string[] {
  const out: string[] = [];
  const queue: { path: string; depth: number }[] = [];
  for (const f of folders) {
    try {
      queue.push({ path: fileURLToPath(f), depth: 0 });
    } catch {
      /* not a file: URI (virtual workspaces): nothing to scan */
    }
  }
  let visited = 0;
  while (queue.length > 0) {
    const { path, depth } = queue.shift()!;
    if (++visited > limits.maxFolders) {
      log?.(`cmmc: stopped scanning the workspace after ${limits.maxFolders} folders`);
      break;
    }
    let entries;
    try {
      entries = readdirSync(path, { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (e.isDirectory()) {
        if (depth < limits.maxDepth && !SKIP_FOLDERS.has(e.name)) queue.push({ path: join(path, e.name), depth: depth + 1 });
      } else if (e.isFile() && syntaxOf(e.name)) {
        out.push(pathToFileURL(join(path, e.name)).href);
        if (out.length >= limits.maxFiles) {
          log?.(`cmmc: found more than ${limits.maxFiles} YAML/markdown files; only the first are searched for POA&Ms`);
          return out;
        }
      }
    }
  }
  return out;
}

/** The server's workspace: open documents over the disk, plus the scanned workspace folders. */
export class LspWorkspace implements Workspace {
  private folders: string[] = [];
  /** The files found under the folders (normalised URI -> URI), kept current by file events. */
  private scanned: Map<string, string> | undefined;
  private scannedAt = 0;
  /** Has the client reported file events? Then they keep the caches current; else the disk is re-statted. */
  private events = false;
  private readonly disk = new Map<string, DiskText>();

  constructor(
    private readonly documents: OpenDocuments,
    private readonly options: { limits?: ScanLimits; log?: (m: string) => void } = {},
  ) {}

  /** Set the workspace folders (file: URIs); the link index must be reset by the caller. */
  setFolders(folders: readonly string[]): void {
    this.folders = [...folders];
    this.scanned = undefined;
  }

  /** The open document behind a URI, also when the URI is spelled differently (`%3A`). */
  private open(uri: string) {
    const direct = this.documents.get(uri);
    if (direct) return direct;
    const n = normalizeUri(uri);
    if (n === uri) return undefined;
    return this.documents.all().find((d) => normalizeUri(d.uri) === n);
  }

  read(uri: string): string | undefined {
    const doc = this.open(uri);
    if (doc) return doc.getText();
    if (!uri.startsWith('file:')) return undefined;
    const cached = this.disk.get(uri);
    if (cached && (this.events || unchanged(uri, cached))) return cached.text;
    const fresh = readDisk(uri);
    this.disk.set(uri, fresh);
    return fresh.text;
  }

  peek(uri: string): string | undefined {
    const doc = this.open(uri);
    if (doc) return doc.getText();
    return this.disk.get(uri)?.text ?? (uri.startsWith('file:') ? readDisk(uri).text : undefined);
  }

  stamp(uri: string): string | undefined {
    const doc = this.open(uri);
    if (doc) return `open:${this.documents.revision?.(doc.uri) ?? doc.version}`;
    return stampOf(uri);
  }

  watched(): boolean {
    return this.events;
  }

  version(uri: string): number | undefined {
    const doc = this.open(uri);
    if (!doc) return undefined;
    return this.documents.revision?.(doc.uri) ?? doc.version;
  }

  /** Open documents and every YAML/markdown file under the folders (read by the link index once, and on re-listing). */
  uris(): Iterable<string> {
    const now = Date.now();
    if (!this.scanned || (!this.events && now - this.scannedAt > RESCAN_MS)) {
      this.scanned = new Map(scanFolders(this.folders, this.options.limits, this.options.log).map((u) => [normalizeUri(u), u]));
      this.scannedAt = now;
    }
    const out = new Map<string, string>();
    for (const d of this.documents.all()) if (syntaxOf(d.uri)) out.set(normalizeUri(d.uri), d.uri);
    for (const [n, u] of this.scanned) if (!out.has(n)) out.set(n, u);
    return out.values();
  }

  /** A file changed on disk (workspace/didChangeWatchedFiles): forget what was read, track creations and deletions. */
  fileChanged(uri: string, change: 'created' | 'changed' | 'deleted'): void {
    this.events = true;
    this.disk.delete(uri);
    if (!this.scanned || !syntaxOf(uri)) return;
    const n = normalizeUri(uri);
    if (change === 'deleted') this.scanned.delete(n);
    else if (change === 'created' && !this.scanned.has(n)) this.scanned.set(n, uri);
  }
}

/** A workspace over files on disk only (the command line): `uris()` is exactly the given list. */
export function fileSystemWorkspace(uris: readonly string[]): Workspace {
  const list = [...uris];
  // Texts are not kept here: the analyzer keeps the parses it needs, and reads each file once.
  return {
    read: (uri) => (uri.startsWith('file:') ? readDisk(uri).text : undefined),
    uris: () => list,
    // The files do not change during a run.
    watched: () => true,
  };
}
