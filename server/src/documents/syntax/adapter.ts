/**
 * The syntax adapter: everything that differs between the ways an SSP or POA&M may be written
 * (YAML, markdown). The parser, the quick fixes, completion and the rules' wording ask the
 * adapter of the document's syntax and never test the syntax themselves. A third syntax is one
 * more adapter file (plus its tests) registered in syntax/index.ts.
 */
import type { DocKind } from '../detect';
import type { Finding } from '../findings';
import type { Syntax } from '../model';
import type { LMap, LNode, Span } from '../tree';
import type { OffsetEdit, Placement } from './edits';

/** A parse in this syntax: the located tree, its `syntax`/`schema` findings, where document findings sit. */
export interface SyntaxTree {
  readonly root?: LNode;
  readonly findings: Finding[];
  /** True when the document must not be checked further. */
  readonly stop: boolean;
  /** The kind the document names itself (`kind: ssp`), when it does. */
  readonly kind?: DocKind;
  /** Where document-level findings sit, when the syntax has no `practices`/`items` key. */
  readonly anchor?: Span;
}

/** A 0-based line/character position (LSP-shaped; the documents layer does not import LSP). */
export interface LinePosition {
  readonly line: number;
  readonly character: number;
}

export interface LineRange {
  readonly start: LinePosition;
  readonly end: LinePosition;
}

/** What may be completed at a cursor, in the model's terms. */
export type CompletionContext =
  | { readonly type: 'practice-id'; readonly range: LineRange; readonly present: ReadonlySet<string>; readonly text: (id: string, title: string) => string }
  | { readonly type: 'value'; readonly range: LineRange; readonly path: readonly string[]; readonly key: string }
  | {
      readonly type: 'key';
      readonly range: LineRange;
      readonly path: readonly string[];
      readonly present: ReadonlySet<string>;
      readonly skip: readonly string[];
      readonly label: (key: string) => string;
    };

/** A POA&M item as the fixes see it: its tree node, the span of its id/heading and the whole item. */
export interface ItemPlace {
  readonly node?: LMap;
  readonly anchor: Span;
  readonly span: Span;
  /** The span of the milestones key/heading when the item has one. */
  readonly milestonesKey?: Span;
}

/** The words a message uses for fields and lists, in the syntax the user writes. */
export interface Wording {
  /** A field to add: "`deadline:`" / "a `Deadline: YYYY-MM-DD` line" / "`conditional_status_date:` in the front matter". */
  field(key: string, placeholder?: string): string;
  /** A field with its value: "`encryption: not-fips-validated`" / "`Encryption: not-fips-validated`". */
  fieldValue(key: string, value: string): string;
  /** The milestone list to add: "a `milestones:` list" / "a `### Milestones` task list". */
  readonly milestones: string;
  /** How a milestone gets its due date: "add `due:`" / "write its date (YYYY-MM-DD) after the checkbox". */
  readonly addDue: string;
  /** How a milestone is marked done: "mark it `done`" / "tick its checkbox (`- [x]`)". */
  readonly markDone: string;
  /** How a missing practice is added: "add it under `practices`" / "add a `## AC.L2-3.1.1` section". */
  addPractice(id: string): string;
  /** The place a JSON pointer names, for schema messages: `items[0].deadline` / "`Deadline` in ## POAM-1". */
  path(pointer: string, root: LNode): string;
}

export interface SyntaxAdapter {
  readonly syntax: Syntax;
  /** Does a file name belong to this syntax (`.yaml`, `.md`, ...)? */
  ownsPath(lowerCasePath: string): boolean;
  /** Parse the text; `kindHint` is the kind the file name implies. */
  parse(text: string, kindHint?: DocKind): SyntaxTree;
  /**
   * Optional fast path for an edit: the new tree from the previous one when only one entry of
   * `items`/`practices` changed (undefined: parse the whole text). Must equal a full parse.
   */
  reparse?(previous: LNode, previousText: string, text: string): { root: LNode; findings: Finding[] } | undefined;
  /** The model's key for a key as written (`Scheduled completion` -> `deadline` in markdown). */
  normalizeKey(written: string): string;
  /** A model key as this syntax writes it, in the style of `sample` (another key of the document). */
  writeKey(key: string, sample?: string): string;
  /** How messages name things in this syntax (never YAML keys in a markdown document). */
  readonly wording: Wording;
  /** Lines [open, close] of the YAML front matter, when the syntax has one and the text starts with it. */
  frontMatter(lines: readonly string[]): { open: number; close: number } | undefined;
  /** Where the id is inside a finding's span (a key, a value, a heading, a field line). */
  idSpan(text: string, s: Span): Span | undefined;
  /** Set a field of a POA&M item (or SSP practice): replace an existing value, else insert a line. */
  setItemField(text: string, item: ItemPlace, key: string, value: string, place?: Placement): OffsetEdit | undefined;
  /** Set a document-level field (`conditional_status_date`). */
  setDocumentField(text: string, root: LNode | undefined, key: string, value: string, place?: Placement): OffsetEdit | undefined;
  /** Insert a milestone skeleton (one task due `due`) into an item that has none. */
  insertMilestones(text: string, root: LNode | undefined, item: ItemPlace, due: string): OffsetEdit | undefined;
  /** Insert a `due` date into the milestone whose node/line the span names. */
  insertDue(text: string, milestone: { node?: LMap; span: Span }, due: string): OffsetEdit | undefined;
  /** A date as the document writes dates (quoted like its other dates, or plain). */
  writeDate(text: string, dates: readonly { span: Span }[], day: string): string;
  /** What may be completed at a cursor (`lines` is the text split into lines; `ids` the practice ids the document has). */
  completionContext(kind: DocKind, lines: readonly string[], lineNo: number, col: number, ids: ReadonlySet<string>): CompletionContext | undefined;
}
