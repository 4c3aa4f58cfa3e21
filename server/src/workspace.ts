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
 * Both read disk through documents/read.ts (regular files only, size cap) and keep linked files
 * inside a boundary (`inside`): the workspace folders and open documents, or the CLI's roots.
 */
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
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
    let entries: Dirent[];
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
  private boundary = new Boundary([]);

  constructor(
    private readonly documents: OpenDocuments,
    private readonly options: { limits?: ScanLimits; log?: (m: string) => void } = {},
  ) {}

  /** Set the workspace folders (file: URIs); the link index must be reset by the caller. */
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
    // The open document may be spelled otherwise (VS Code escapes `(`, `&`, ... that Node keeps).
    const n = normalizeUri(uri);
    return this.documents.all().find((d) => normalizeUri(d.uri) === n);
  }

  read(uri: string): string | undefined {
    const doc = this.open(uri);
    if (doc) return doc.getText();
    if (!uri.startsWith('file:') || !this.boundary.contains(uri)) return undefined;
    const key = normalizeUri(uri);
    const cached = this.disk.get(key);
    if (cached && (this.events || unchanged(uri, cached))) return cached.text;
    const fresh = readDisk(uri);
    this.disk.set(key, fresh);
    return fresh.text;
  }

  peek(uri: string): string | undefined {
    const doc = this.open(uri);
    if (doc) return doc.getText();
    if (!uri.startsWith('file:') || !this.boundary.contains(uri)) return undefined;
    return this.disk.get(normalizeUri(uri))?.text ?? readDisk(uri).text;
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
    this.disk.delete(normalizeUri(uri));
    if (!this.scanned || !syntaxOf(uri)) return;
    const n = normalizeUri(uri);
    if (change === 'deleted') this.scanned.delete(n);
    else if (change === 'created' && !this.scanned.has(n)) this.scanned.set(n, uri);
  }
}

/** Where the command line may read: `roots` (absent: anywhere), or anywhere with `allowOutside`. */
export interface DiskBounds {
  readonly roots?: readonly string[];
  readonly allowOutside?: boolean;
}

/** A workspace over files on disk only (the command line): `uris()` is exactly the given list. */
export function fileSystemWorkspace(uris: readonly string[], bounds: DiskBounds = {}): Workspace & { problem(uri: string): string | undefined } {
  // Only why a file could not be read is kept: the analyzer keeps the parses it needs, and the
  // texts of documents whose findings are out are let go (cli/check.ts).
  const errors = new Map<string, string | undefined>();
  const list = [...uris];
  const given = new Set(list.map(normalizeUri));
  const boundary = bounds.roots && !bounds.allowOutside ? new Boundary(bounds.roots) : undefined;
  const inside = (uri: string) => !boundary || given.has(normalizeUri(uri)) || boundary.contains(uri);
  const load = (uri: string) => {
    const r = inside(uri) ? readDisk(uri) : { text: undefined, error: 'is outside the checked folders' };
    errors.set(uri, r.error);
    return r;
  };
  return {
    read: (uri) => load(uri).text,
    uris: () => list,
    inside,
    /** Why a document could not be read (after `read` returned undefined). */
    problem: (uri) => (errors.has(uri) ? errors.get(uri) : load(uri).error),
    // The files do not change during a run.
    watched: () => true,
  };
}
