/**
 * The editor's world as the language service sees it (service.ts `Workspace`):
 * - LspWorkspace: open buffers first (their text and version), the disk for everything else;
 *   `uris()` lists the open documents and the YAML/markdown files found by a bounded scan of the
 *   workspace folders, so that an SSP can find the POA&Ms that link it. Disk texts are cached
 *   and re-read when the file's size or modification time changes (so clients that send no
 *   file events still see edits made elsewhere) or when the client reports a change; the scan
 *   follows the client's file events, or is redone every 10 s for clients that send none.
 * - fileSystemWorkspace: the disk only, over a fixed list of files (the command line).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { syntaxOf } from './documents/syntax';
import { normalizeUri, type Workspace } from './service';

/** The part of vscode-languageserver's TextDocuments the workspace needs. */
export interface OpenDocuments {
  get(uri: string): { readonly uri: string; readonly version: number; getText(): string } | undefined;
  all(): readonly { readonly uri: string; readonly version: number; getText(): string }[];
}

export interface ScanLimits {
  /** Stop collecting after this many candidate files (default 2,000). */
  readonly maxFiles: number;
  /** Stop descending after this many folders (default 5,000). */
  readonly maxFolders: number;
  /** Folders deeper than this are not entered (default 12). */
  readonly maxDepth: number;
}

const DEFAULT_LIMITS: ScanLimits = { maxFiles: 2000, maxFolders: 5000, maxDepth: 12 };
/** Until the client reports file events, the scan is redone when older than this. */
const RESCAN_MS = 10_000;
const SKIP_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.vscode-test', '.e2e']);

/** A text read from disk with the stat that dated it. */
interface DiskText {
  readonly text: string | undefined;
  readonly mtime: number;
  readonly size: number;
}

/** Read a file: URI from disk (undefined when it is not a file URI or cannot be read). */
function readDisk(uri: string): DiskText {
  try {
    const path = fileURLToPath(uri);
    const st = statSync(path);
    if (!st.isFile()) return { text: undefined, mtime: 0, size: -1 };
    return { text: readFileSync(path, 'utf8'), mtime: st.mtimeMs, size: st.size };
  } catch {
    return { text: undefined, mtime: 0, size: -1 };
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
  private scanned: string[] | undefined;
  private scannedAt = 0;
  /** Has the client reported file events? Then they keep the scan current; else it is redone now and then. */
  private watched = false;
  private readonly disk = new Map<string, DiskText>();

  constructor(
    private readonly documents: OpenDocuments,
    private readonly options: { limits?: ScanLimits; rescanMs?: number; log?: (m: string) => void } = {},
  ) {}

  /** Set the workspace folders (file: URIs); the next `uris()` scans them again. */
  setFolders(folders: readonly string[]): void {
    this.folders = [...folders];
    this.scanned = undefined;
  }

  /** The open document behind a URI, also when the URI is spelled differently (`%3A`). */
  private open(uri: string) {
    const direct = this.documents.get(uri);
    if (direct) return direct;
    const n = normalizeUri(uri);
    return this.documents.all().find((d) => normalizeUri(d.uri) === n);
  }

  read(uri: string): string | undefined {
    const doc = this.open(uri);
    if (doc) return doc.getText();
    if (!uri.startsWith('file:')) return undefined;
    const cached = this.disk.get(uri);
    if (cached && unchanged(uri, cached)) return cached.text;
    const fresh = readDisk(uri);
    this.disk.set(uri, fresh);
    return fresh.text;
  }

  version(uri: string): number | undefined {
    return this.open(uri)?.version;
  }

  uris(): Iterable<string> {
    const now = Date.now();
    if (!this.scanned || (!this.watched && now - this.scannedAt > (this.options.rescanMs ?? RESCAN_MS))) {
      this.scanned = scanFolders(this.folders, this.options.limits, this.options.log);
      this.scannedAt = now;
    }
    const out = new Map<string, string>();
    for (const d of this.documents.all()) if (syntaxOf(d.uri)) out.set(normalizeUri(d.uri), d.uri);
    for (const u of this.scanned) {
      const n = normalizeUri(u);
      if (!out.has(n)) out.set(n, u);
    }
    return out.values();
  }

  /** A file changed on disk (workspace/didChangeWatchedFiles): forget what was read, track creations and deletions. */
  fileChanged(uri: string, change: 'created' | 'changed' | 'deleted'): void {
    this.watched = true;
    this.disk.delete(uri);
    if (!this.scanned || !syntaxOf(uri)) return;
    const n = normalizeUri(uri);
    const has = this.scanned.some((u) => normalizeUri(u) === n);
    if (change === 'deleted' && has) this.scanned = this.scanned.filter((u) => normalizeUri(u) !== n);
    else if (change === 'created' && !has && this.scanned.length < (this.options.limits ?? DEFAULT_LIMITS).maxFiles) this.scanned.push(uri);
  }
}

/** A workspace over files on disk only (the command line): `uris()` is exactly the given list. */
export function fileSystemWorkspace(uris: readonly string[]): Workspace {
  const texts = new Map<string, string | undefined>();
  const list = [...uris];
  return {
    read(uri) {
      if (!texts.has(uri)) texts.set(uri, uri.startsWith('file:') ? readDisk(uri).text : undefined);
      return texts.get(uri);
    },
    uris: () => list,
  };
}
