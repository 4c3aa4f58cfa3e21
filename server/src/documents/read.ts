/**
 * The one way the server and the CLI read a document from disk. Only regular files are read: the
 * file is opened non-blocking and its descriptor checked with fstat, so a FIFO, a device
 * (`/dev/zero`, `/dev/stdin`) or a folder never blocks and is never read, not even when a file is
 * swapped for one between a directory scan and the read. Files over the size cap are refused
 * before a byte is read. Decoding is UTF-8 with the byte-order mark removed (editors do not
 * count it either, so columns on the first line agree); UTF-16 is left for the parser to refuse
 * with its own finding (documents/yaml.ts `unsafeText`).
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { LIMITS } from './limits';

/** A text read from disk, with the stat that dated it. */
export interface FileText {
  readonly text: string;
  readonly mtimeMs: number;
  readonly size: number;
}

/** Why a file was not read: one line, for a finding or an exit-2 message. */
export interface ReadFailure {
  readonly error: string;
}

/** Bytes a document may have on disk: every character may take up to 4 bytes of UTF-8. */
export const MAX_FILE_BYTES = LIMITS.maxChars * 4;

const decoder = new TextDecoder('utf-8');

/** Read a regular file as UTF-8 text, or say why not (never throws, never blocks). */
export function readTextFile(path: string): FileText | ReadFailure {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return { error: reason(e) };
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) return { error: 'is a folder, not a file' };
    if (!st.isFile()) return { error: 'is not a regular file (a device, FIFO or socket); only regular files are read' };
    if (st.size > MAX_FILE_BYTES) return { error: `is too large (${(st.size / 2 ** 20).toFixed(1)} MB on disk; the limit is ${MAX_FILE_BYTES / 2 ** 20} MB)` };
    const buf = Buffer.allocUnsafe(st.size);
    let got = 0;
    while (got < st.size) {
      const n = readSync(fd, buf, got, st.size - got, null);
      if (n === 0) break; // truncated while reading: take what is there
      got += n;
    }
    return { text: decoder.decode(buf.subarray(0, got)), mtimeMs: st.mtimeMs, size: st.size };
  } catch (e) {
    return { error: reason(e) };
  } finally {
    closeSync(fd);
  }
}

/** A system error as a short phrase ("does not exist", "permission denied", ...). */
export function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read (permission denied)';
    case 'EISDIR':
      return 'is a folder, not a file';
    case 'ELOOP':
      return 'is a loop of symbolic links';
    case 'ENOTDIR':
      return 'does not exist (a part of its path is not a folder)';
    default:
      return `cannot be read (${code ?? String((e as Error)?.message ?? e).split('\n')[0]})`;
  }
}
