/**
 * The editor's world as the language service sees it (service.ts `Workspace`):
 * - LspWorkspace: open buffers first (their text and version), the disk for everything else;
 *   `uris()` lists the open documents and the YAML/markdown files found by a bounded scan of the
 *   workspace folders, so that an SSP can find the POA&Ms that link it. Disk texts are cached
 *   and re-read when the file's size or modification time changes (so clients that send no
 *   file events still see edits made elsewhere) or when the client reports a change; the scan
 *   follows the client's file events, or is redone every 10 s for clients that send none.
 * - fileSystemWorkspace: the disk only, over a fixed list of files (the command line).
 * Both read disk through documents/read.ts (regular files only, size cap) and keep linked files
 * inside a boundary (`inside`): the workspace folders and open documents, or the CLI's roots.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, resolve, isAbsolute } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { syntaxOf } from './documents/syntax';
import { readTextFile } from './documents/read';
import { normalizeUri, pathOf } from './documents/uri';
import type { Workspace } from './analysis/analyzer';

/** The part of vscode-languageserver's TextDocuments the workspace needs. */
export interface OpenDocuments {
  get(uri: string): { readonly uri: string; readonly version: number; getText(): string } | undefined;
  all(): readonly { readonly uri: string; readonly version: number; getText(): string }[];
  /** A number that changes with every change of the text, when the store keeps one (else the version is used). */
  revision?(uri: string): number | undefined;
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

/** Read a file: URI from disk (text undefined when it is not a file URI or cannot be read; `error` says why). */
function readDisk(uri: string): DiskText & { error?: string } {
  const path = pathOf(uri);
  if (path === undefined) return { text: undefined, mtime: 0, size: -1, error: 'is not a local file' };
  const r = readTextFile(path);
  if ('error' in r) return { text: undefined, mtime: 0, size: -1, error: r.error };
  return { text: r.text, mtime: r.mtimeMs, size: r.size };
}

/** Is `path` inside `root` (or equal to it)? Lexical: both are absolute, resolved paths. */
function under(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The real path of `path`, or undefined when it does not exist. */
function real(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/**
 * A boundary over folders: a path is inside when it lies under one of them as written and,
 * when it exists, its real path (symbolic links followed) lies under one of their real paths.
 */
export class Boundary {
  private readonly roots: string[];
  private readonly realRoots: string[];

  constructor(roots: readonly string[]) {
    this.roots = roots.map((r) => resolve(r));
    this.realRoots = this.roots.map((r) => real(r) ?? r);
  }

  /** Is the file: URI inside? (Non-file URIs never are.) */
  contains(uri: string): boolean {
    const path = pathOf(uri);
    if (path === undefined) return false;
    const p = resolve(path);
    if (!this.roots.some((r) => under(p, r)) && !this.realRoots.some((r) => under(p, r))) return false;
    const rp = real(p);
    return rp === undefined || this.realRoots.some((r) => under(rp, r)) || this.roots.some((r) => under(rp, r));
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
  private boundary = new Boundary([]);

  constructor(
    private readonly documents: OpenDocuments,
    private readonly options: { limits?: ScanLimits; rescanMs?: number; log?: (m: string) => void } = {},
  ) {}

  /** Set the workspace folders (file: URIs); the next `uris()` scans them again. */
  setFolders(folders: readonly string[]): void {
    this.folders = [...folders];
    this.scanned = undefined;
    this.boundary = new Boundary(folders.map(pathOf).filter((p): p is string => p !== undefined));
  }

  /** Linked documents are read only from the workspace folders, or when open. */
  inside(uri: string): boolean {
    return !!this.open(uri) || this.boundary.contains(uri);
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
    if (!uri.startsWith('file:') || !this.boundary.contains(uri)) return undefined;
    const key = normalizeUri(uri);
    const cached = this.disk.get(key);
    if (cached && unchanged(uri, cached)) return cached.text;
    const fresh = readDisk(uri);
    this.disk.set(key, fresh);
    return fresh.text;
  }

  version(uri: string): number | undefined {
    const doc = this.open(uri);
    if (!doc) return undefined;
    return this.documents.revision?.(doc.uri) ?? doc.version;
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
    this.disk.delete(normalizeUri(uri));
    if (!this.scanned || !syntaxOf(uri)) return;
    const n = normalizeUri(uri);
    const has = this.scanned.some((u) => normalizeUri(u) === n);
    if (change === 'deleted' && has) this.scanned = this.scanned.filter((u) => normalizeUri(u) !== n);
    else if (change === 'created' && !has && this.scanned.length < (this.options.limits ?? DEFAULT_LIMITS).maxFiles) this.scanned.push(uri);
  }
}

/** Where the command line may read: `roots` (absent: anywhere), or anywhere with `allowOutside`. */
export interface DiskBounds {
  readonly roots?: readonly string[];
  readonly allowOutside?: boolean;
}

/** A workspace over files on disk only (the command line): `uris()` is exactly the given list. */
export function fileSystemWorkspace(uris: readonly string[], bounds: DiskBounds = {}): Workspace & { problem(uri: string): string | undefined } {
  const texts = new Map<string, { text?: string; error?: string }>();
  const list = [...uris];
  const given = new Set(list.map(normalizeUri));
  const boundary = bounds.roots && !bounds.allowOutside ? new Boundary(bounds.roots) : undefined;
  const inside = (uri: string) => !boundary || given.has(normalizeUri(uri)) || boundary.contains(uri);
  const load = (uri: string) => {
    let hit = texts.get(uri);
    if (!hit) {
      const r = inside(uri) ? readDisk(uri) : { text: undefined, error: 'is outside the checked folders' };
      hit = { text: r.text, error: r.error };
      texts.set(uri, hit);
    }
    return hit;
  };
  return {
    read: (uri) => load(uri).text,
    uris: () => list,
    inside,
    /** Why a document could not be read (after `read` returned undefined). */
    problem: (uri) => load(uri).error,
  };
}
