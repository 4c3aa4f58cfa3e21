/**
 * The documents the client has open, kept in sync from didOpen/didChange/didClose (full or
 * incremental changes, as TextDocument.update applies them). The session owns one; tests drive
 * it directly, without a connection.
 */
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { OpenDocuments } from '../workspace';

export class DocumentStore implements OpenDocuments {
  private readonly docs = new Map<string, TextDocument>();
  /** A counter bumped by every open and change, so a change that repeats a version number is still new text. */
  private readonly revisions = new Map<string, number>();
  private next = 0;

  open(uri: string, languageId: string, version: number, text: string): TextDocument {
    const doc = TextDocument.create(uri, languageId, version, text);
    this.docs.set(uri, doc);
    this.revisions.set(uri, ++this.next);
    return doc;
  }

  /** Apply changes; undefined when the document is not open (a client bug: ignored). */
  change(uri: string, version: number, changes: readonly TextDocumentContentChangeEvent[]): TextDocument | undefined {
    const doc = this.docs.get(uri);
    if (!doc) return undefined;
    this.revisions.set(uri, ++this.next);
    return TextDocument.update(doc, [...changes], version);
  }

  close(uri: string): TextDocument | undefined {
    const doc = this.docs.get(uri);
    this.docs.delete(uri);
    this.revisions.delete(uri);
    return doc;
  }

  /** The revision of an open document's text (changes whenever the text may have changed). */
  revision(uri: string): number | undefined {
    return this.revisions.get(uri);
  }

  get(uri: string): TextDocument | undefined {
    return this.docs.get(uri);
  }

  all(): TextDocument[] {
    return [...this.docs.values()];
  }
}
