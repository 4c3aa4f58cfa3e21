/**
 * Quick fixes (SPEC 3), keyed on diagnostic codes and fed by the finding's `data` (never by its
 * message). Each fix is computed from the current analysis of the document: the client's
 * diagnostics only say which findings the user is looking at.
 *
 *   poam-missing-deadline            insert `deadline: <closeout>`                 (preferred)
 *   poam-deadline-after-closeout     move the deadline to the closeout date        (preferred)
 *   poam-missing-conditional-date    insert `conditional_status_date: <today>`
 *   poam-missing-milestones          insert a milestone skeleton
 *   poam-milestone-missing-date      insert `due: <item deadline>`
 *   unknown-practice                 replace the id with each suggestion            (first preferred)
 *   poam-point-value (SC.L2-3.13.11) add `encryption: not-fips-validated`
 *   syntax (tab as indentation)      replace the tab by spaces                      (preferred)
 *   schema (unknown field, value)    rename the key to the closest known field, or
 *                                    write the value in lower case (`Met` -> `met`)   (preferred)
 */
import { CodeActionKind, type CodeAction, type CodeActionContext, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import { requirement } from '../catalog/requirements';
import { formatDay, parseDay } from '../documents/dates';
import type { Finding } from '../documents/findings';
import type { PoamDoc, PoamItem } from '../documents/model';
import type { ParsedDocument } from '../documents/parse';
import { closeoutDay, CLOSEOUT_DAYS } from '../domain/clock';
import type { Analysis } from '../analysis/analyzer';
import { SOURCE, toDiagnostic } from './diagnostics';
import { adapterFor, type SyntaxAdapter } from '../documents/syntax';
import type { ItemPlace } from '../documents/syntax/adapter';
import type { OffsetEdit } from '../documents/syntax/edits';
import { itemAt, itemNode, milestoneAt, milestoneNode } from './locate';
import { overlaps, rangeOf, spanOf, textDocumentOf } from './text';
import { scaffoldActions, type DocumentReader } from './scaffoldActions';

/** What a fixer gets: the analysed document and the finding to fix. */
interface FixContext {
  readonly parsed: ParsedDocument;
  readonly text: string;
  readonly finding: Finding;
  readonly today: number;
  /** The adapter of the document's syntax: where and how a fix writes. */
  readonly syntax: SyntaxAdapter;
}

interface Fix {
  readonly title: string;
  readonly edits: readonly OffsetEdit[];
  readonly preferred?: boolean;
}

type Fixer = (ctx: FixContext) => Fix[];

/** The skeleton's placeholder task (YAML; markdown writes plain words, since `<...>` would read as HTML). */
export { TASK_PLACEHOLDER } from '../documents/syntax/yaml';

const FIXERS: Record<string, Fixer> = {
  'poam-missing-deadline': missingDeadline,
  'poam-deadline-after-closeout': deadlineAfterCloseout,
  'poam-missing-conditional-date': missingConditionalDate,
  'poam-missing-milestones': missingMilestones,
  'poam-milestone-missing-date': milestoneMissingDate,
  'unknown-practice': unknownPractice,
  'poam-point-value': pointValue,
  schema: unknownField,
  syntax: tabIndent,
};

/** The codes that have a quick fix (for docs and tests). */
export const FIXABLE_CODES: readonly string[] = Object.keys(FIXERS);

/**
 * The quick fixes for the findings under `range`. When the client names diagnostics in
 * `context`, only those findings are fixed (matched by code and range); the actions carry the
 * client's diagnostic objects so editors can link them.
 */
export function codeActions(
  analysis: Analysis | undefined,
  range: Range,
  context: CodeActionContext,
  read?: DocumentReader,
  log?: (message: string) => void,
): CodeAction[] {
  if (!analysis) return [];
  if (context.only && !context.only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${k}.`) || k === CodeActionKind.Empty))
    return [];
  const parsed = analysis.parsed;
  const doc = textDocumentOf(parsed);
  const wanted = spanOf(doc, range);
  const named = context.diagnostics.filter((d) => d.source === SOURCE || d.source === undefined);
  const actions: CodeAction[] = [];
  for (const finding of analysis.findings) {
    const fixer = FIXERS[finding.code];
    if (!fixer || !overlaps(finding.span, wanted)) continue;
    const own = toDiagnostic(finding, doc);
    let diagnostic: Diagnostic = own;
    if (named.length > 0) {
      const match =
        named.find((d) => d.code === finding.code && sameRange(d.range, own.range)) ??
        named.find((d) => d.code === finding.code && overlaps(spanOf(doc, d.range), finding.span));
      if (!match) continue;
      diagnostic = match;
    }
    let fixes: Fix[];
    try {
      fixes = fixer({ parsed, text: parsed.text, finding, today: analysis.today, syntax: adapterFor(parsed.syntax) });
    } catch (e) {
      // The other fixes are still offered; this one's failure is a bug of ours, logged.
      log?.(`cmmc: the quick fix for ${finding.code} failed on ${parsed.uri}: ${(e as Error)?.stack ?? e}`);
      fixes = [];
    }
    for (const fix of fixes) {
      const edits: TextEdit[] = fix.edits.map((e) => ({ range: rangeOf(doc, e), newText: e.newText }));
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: fix.preferred || undefined,
        edit: { changes: { [parsed.uri]: edits } },
      });
    }
  }
  try {
    actions.push(...scaffoldActions(analysis, range, context, read));
  } catch (e) {
    log?.(`cmmc: the scaffold actions failed on ${parsed.uri}: ${(e as Error)?.stack ?? e}`);
  }
  return actions;
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

// ---- the fixers -------------------------------------------------------------------------------

function poamOf(ctx: FixContext): PoamDoc | undefined {
  return ctx.parsed.model?.kind === 'poam' ? ctx.parsed.model : undefined;
}

function dataString(f: Finding, key: string): string | undefined {
  const v = f.data?.[key];
  return typeof v === 'string' && parseDay(v) !== undefined ? v : undefined;
}

/** A POA&M item as the adapter's fixes see it. */
function placeOf(ctx: FixContext, item: PoamItem): ItemPlace {
  return { node: itemNode(ctx.parsed.root, item), anchor: item.anchor, span: item.span, milestonesKey: item.milestones?.keySpan };
}

/** Write `key: value` into a POA&M item, in the document's syntax. */
function setItemField(ctx: FixContext, doc: PoamDoc, item: PoamItem, key: string, value: string, after?: readonly string[]): OffsetEdit | undefined {
  return ctx.syntax.setItemField(ctx.text, placeOf(ctx, item), key, key === 'deadline' ? ctx.syntax.writeDate(ctx.text, doc.dates, value) : value, { after });
}

function missingDeadline(ctx: FixContext): Fix[] {
  const doc = poamOf(ctx);
  const deadline = dataString(ctx.finding, 'deadline');
  const item = doc && itemAt(doc, ctx.finding.span);
  if (!doc || !item || !deadline) return [];
  const edit = setItemField(ctx, doc, item, 'deadline', deadline);
  if (!edit) return [];
  const basis = closeoutDay(doc) !== undefined ? 'the closeout date' : `${CLOSEOUT_DAYS} days from today`;
  return [{ title: `Insert deadline: ${deadline} (${basis})`, edits: [edit], preferred: true }];
}

function deadlineAfterCloseout(ctx: FixContext): Fix[] {
  const deadline = dataString(ctx.finding, 'deadline');
  if (!deadline) return [];
  // Replace only the date inside the value (quotes and, in markdown, the `Deadline:` key stay).
  const s = ctx.finding.span;
  const m = /\d{4}-\d{2}-\d{2}/.exec(ctx.text.slice(s.start, s.end));
  const edit = m ? { start: s.start + m.index, end: s.start + m.index + m[0].length, newText: deadline } : { start: s.start, end: s.end, newText: deadline };
  return [{ title: `Move the deadline to ${deadline} (the closeout date)`, edits: [edit], preferred: true }];
}

function missingConditionalDate(ctx: FixContext): Fix[] {
  const doc = poamOf(ctx);
  const date = dataString(ctx.finding, 'date');
  if (!doc || !date) return [];
  const title = `Insert conditional_status_date: ${date} (today; use the date Conditional status was posted)`;
  const edit = ctx.syntax.setDocumentField(ctx.text, ctx.parsed.root, 'conditional_status_date', ctx.syntax.writeDate(ctx.text, doc.dates, date), {
    before: 'items',
  });
  return edit ? [{ title, edits: [edit] }] : [];
}

/** A milestone's due date: the item's deadline, else the closeout date, else 180 days from today. */
function skeletonDue(doc: PoamDoc, item: PoamItem, today: number): string {
  if (item.deadline && parseDay(item.deadline.value) !== undefined) return item.deadline.value;
  return formatDay(closeoutDay(doc) ?? today + CLOSEOUT_DAYS);
}

function missingMilestones(ctx: FixContext): Fix[] {
  const doc = poamOf(ctx);
  const item = doc && itemAt(doc, ctx.finding.span);
  if (!doc || !item) return [];
  const due = ctx.syntax.writeDate(ctx.text, doc.dates, skeletonDue(doc, item, ctx.today));
  const edit = ctx.syntax.insertMilestones(ctx.text, ctx.parsed.root, placeOf(ctx, item), due);
  return edit ? [{ title: 'Insert a milestone skeleton', edits: [edit] }] : [];
}

function milestoneMissingDate(ctx: FixContext): Fix[] {
  const doc = poamOf(ctx);
  const due = dataString(ctx.finding, 'due');
  const item = doc && itemAt(doc, ctx.finding.span);
  const found = item && milestoneAt(item, ctx.finding.span);
  if (!doc || !item || !found || !due) return [];
  const node = itemNode(ctx.parsed.root, item);
  const mNode = node && milestoneNode(node, found.milestone);
  const edit = ctx.syntax.insertDue(ctx.text, { node: mNode, span: ctx.finding.span }, ctx.syntax.writeDate(ctx.text, doc.dates, due));
  return edit ? [{ title: `Insert due: ${due}`, edits: [edit] }] : [];
}

function unknownPractice(ctx: FixContext): Fix[] {
  const raw = ctx.finding.data?.suggestions;
  const suggestions = Array.isArray(raw) ? raw.filter((s): s is string => typeof s === 'string') : [];
  const target = ctx.syntax.idSpan(ctx.text, ctx.finding.span);
  if (!target) return [];
  return suggestions.map((id, i) => {
    const req = requirement(id);
    return { title: `Change to ${id}${req ? ` (${req.title})` : ''}`, edits: [{ ...target, newText: id }], preferred: i === 0 };
  });
}

function pointValue(ctx: FixContext): Fix[] {
  const doc = poamOf(ctx);
  const data = ctx.finding.data;
  const item = doc && itemAt(doc, ctx.finding.span);
  if (!doc || !item || data?.field !== 'encryption' || typeof data.value !== 'string') return [];
  const edit = setItemField(ctx, doc, item, 'encryption', data.value, ['practice']);
  if (!edit) return [];
  return [{ title: `Add encryption: ${data.value} (only if encryption is employed but not FIPS-validated)`, edits: [edit] }];
}

/** `schema` findings that name what to write: a field name (`Status` -> `status`) or a value (`Met` -> `met`). */
function unknownField(ctx: FixContext): Fix[] {
  const { suggestion, value } = ctx.finding.data ?? {};
  const s = ctx.finding.span;
  if (typeof suggestion === 'string') {
    const written = ctx.syntax.writeKey(suggestion, ctx.text.slice(s.start, s.end));
    return [{ title: `Change to ${written}`, edits: [{ start: s.start, end: s.end, newText: written }], preferred: true }];
  }
  if (typeof value !== 'string') return [];
  const target = ctx.syntax.idSpan(ctx.text, s);
  return target ? [{ title: `Change to ${value}`, edits: [{ ...target, newText: value }], preferred: true }] : [];
}

/** A tab used as indentation: the finding spans the line's indentation; write it as spaces. */
function tabIndent(ctx: FixContext): Fix[] {
  const indent = ctx.finding.data?.indent;
  if (typeof indent !== 'number' || indent < 0 || indent > 200) return [];
  return [
    {
      title: `Replace the tab by ${indent} space${indent === 1 ? '' : 's'}`,
      edits: [{ start: ctx.finding.span.start, end: ctx.finding.span.end, newText: ' '.repeat(indent) }],
      preferred: true,
    },
  ];
}
