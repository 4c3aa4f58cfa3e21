/**
 * Name-based UUIDs (RFC 4122 version 5, SHA-1) with node:crypto, no dependency. Every OSCAL
 * object we export gets one derived from the document and item ids, so exporting an unchanged
 * document twice gives byte-identical JSON and re-exports diff cleanly.
 */
import { createHash } from 'node:crypto';

/** Our namespace UUID: v5 of the project's OSCAL namespace URI in the RFC 4122 URL namespace. */
const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

function bytes(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

/** The version 5 UUID of `name` in `namespace` (a UUID string). */
export function uuidV5(namespace: string, name: string): string {
  return v5(bytes(namespace), name);
}

function v5(namespace: Buffer, name: string): string {
  const hash = createHash('sha1').update(namespace).update(name, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const h = hash.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** The root of every UUID we derive. */
export const CMMC_UUID_NAMESPACE = uuidV5(URL_NAMESPACE, 'https://cmmc-as-code.example/ns/oscal');

/**
 * Hands out UUIDs under one document, keeping duplicates apart: the second `next('item:P-1')`
 * gets the UUID of `item:P-1#2`, so two items with one id still get distinct UUIDs.
 */
export class UuidScope {
  private readonly seen = new Map<string, number>();
  private readonly rootBytes: Buffer;
  constructor(readonly root: string) {
    this.rootBytes = bytes(root);
  }

  /** A UUID for `key`, distinct from every earlier call with the same key. */
  next(key: string): string {
    const n = (this.seen.get(key) ?? 0) + 1;
    this.seen.set(key, n);
    return v5(this.rootBytes, n === 1 ? key : `${key}#${n}`);
  }
}
