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
 */
import { CodeActionKind, type CodeAction, type CodeActionContext, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import { requirement } from '../catalog/requirements';
import { formatDay, parseDay } from '../documents/dates';
import type { Finding } from '../documents/findings';
import type { PoamDoc, PoamItem } from '../documents/model';
import type { ParsedDocument } from '../documents/parse';
import { entry } from '../documents/tree';
import { closeoutDay, CLOSEOUT_DAYS } from '../domain/clock';
import type { Analysis } from '../analysis/analyzer';
import { SOURCE, toDiagnostic } from './diagnostics';
import { dateText, sectionEnd, sequenceStyle, setFrontMatterField, setMarkdownField, setYamlField, type OffsetEdit } from './edits';
import { itemAt, itemNode, milestoneAt, milestoneNode, unquote } from './locate';
import { scaffoldActions, type DocumentReader } from './scaffoldActions';
import { eolOf, lineStart, lineText, nextLineStart, overlaps, rangeOf, spanOf, textDocumentOf } from './text';

/** What a fixer gets: the analysed document and the finding to fix. */
interface FixContext {
  readonly parsed: ParsedDocument;
  readonly text: string;
  readonly finding: Finding;
  readonly today: number;
}

interface Fix {
  readonly title: string;
  readonly edits: readonly OffsetEdit[];
  readonly preferred?: boolean;
}

type Fixer = (ctx: FixContext) => Fix[];

/** The skeleton's placeholder task (markdown: plain words, since `<...>` would read as HTML). */
export const TASK_PLACEHOLDER = '<describe the task>';
const MARKDOWN_TASK_PLACEHOLDER = 'Describe the task';

const FIXERS: Record<string, Fixer> = {
  'poam-missing-deadline': missingDeadline,
  'poam-deadline-after-closeout': deadlineAfterCloseout,
  'poam-missing-conditional-date': missingConditionalDate,
  'poam-missing-milestones': missingMilestones,
  'poam-milestone-missing-date': milestoneMissingDate,
  'unknown-practice': unknownPractice,
  'poam-point-value': pointValue,
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
  if (context.only && !context.only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${k}.`) || k === CodeActionKind.Empty)) return [];
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
      const match = named.find((d) => d.code === finding.code && sameRange(d.range, own.range)) ?? named.find((d) => d.code === finding.code && overlaps(spanOf(doc, d.range), finding.span));
      if (!match) continue;
      diagnostic = match;
    }
    let fixes: Fix[];
    try {
      fixes = fixer({ parsed, text: parsed.text, finding, today: analysis.today });
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

/** Write `key: value` into a POA&M item, in either syntax. */
function setItemField(ctx: FixContext, doc: PoamDoc, item: PoamItem, key: string, value: string, after?: readonly string[]): OffsetEdit | undefined {
  const node = itemNode(ctx.parsed.root, item);
  if (doc.syntax === 'markdown') return setMarkdownField(ctx.text, node, item.anchor, key, value);
  if (!node) return undefined;
  return setYamlField(ctx.text, node, key, key === 'deadline' ? dateText(ctx.text, doc.dates, value) : value, { after });
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
  if (doc.syntax === 'markdown') return [{ title, edits: [setFrontMatterField(ctx.text, 'conditional_status_date', date)] }];
  const root = ctx.parsed.root;
  if (root?.kind !== 'map') return [];
  return [{ title, edits: [setYamlField(ctx.text, root, 'conditional_status_date', dateText(ctx.text, doc.dates, date), { before: 'items' })] }];
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
  const due = skeletonDue(doc, item, ctx.today);
  const title = 'Insert a milestone skeleton';
  const text = ctx.text;
  const eol = eolOf(text);
  if (doc.syntax === 'markdown') {
    const task = `- [ ] ${due} ${MARKDOWN_TASK_PLACEHOLDER}`;
    if (item.milestones?.keySpan) {
      // `### Milestones` is there with an empty list: add the task under the heading.
      return [{ title, edits: [{ start: nextLineStart(text, item.milestones.keySpan.start), end: nextLineStart(text, item.milestones.keySpan.start), newText: `${eol}${task}${eol}` }] }];
    }
    const end = sectionEnd(text, item.span);
    const next = nextLineStart(text, end);
    const atEof = next >= text.length && !text.endsWith('\n');
    const followed = !atEof && next < text.length && lineText(text, next).trim() !== '';
    const block = `${eol}${eol}### Milestones${eol}${eol}${task}${followed ? eol : ''}`;
    return [{ title, edits: [{ start: end, end, newText: block }] }];
  }
  const node = itemNode(ctx.parsed.root, item);
  if (!node) return [];
  const items = entry(ctx.parsed.root, 'items');
  const style = items && items.value.kind === 'seq' ? sequenceStyle(text, items.keySpan, items.value.items[0]?.span) : { seqIndent: 2, itemIndent: 2 };
  const dueText = dateText(text, doc.dates, due);
  const dash = ' '.repeat(style.seqIndent);
  const inner = ' '.repeat(style.seqIndent + style.itemIndent);
  const block = [`${dash}- ${' '.repeat(style.itemIndent - 2)}task: ${TASK_PLACEHOLDER}`, `${inner}due: ${dueText}`];
  const flow = `[{task: "${TASK_PLACEHOLDER}", due: ${dueText}}]`;
  return [{ title, edits: [setYamlField(text, node, 'milestones', flow, {}, block)] }];
}

function milestoneMissingDate(ctx: FixContext): Fix[] {
  const doc = poamOf(ctx);
  const due = dataString(ctx.finding, 'due');
  const item = doc && itemAt(doc, ctx.finding.span);
  const found = item && milestoneAt(item, ctx.finding.span);
  if (!doc || !item || !found || !due) return [];
  const title = `Insert due: ${due}`;
  if (doc.syntax === 'markdown') {
    // The task-list line: the date goes right after the checkbox (`- [ ] 2025-06-15 Task`).
    const at = lineStart(ctx.text, ctx.finding.span.start);
    const m = /^\s*(?:[-*+]|\d+[.)])\s+\[[ xX]\]\s*/.exec(lineText(ctx.text, at));
    if (!m) return [];
    const rest = ctx.text.slice(at + m[0].length, at + m[0].length + 1);
    return [{ title, edits: [{ start: at + m[0].length, end: at + m[0].length, newText: `${m[0].endsWith(' ') ? '' : ' '}${due}${rest && rest !== '\n' && rest !== '\r' ? ' ' : ''}` }] }];
  }
  const node = itemNode(ctx.parsed.root, item);
  const mNode = node && milestoneNode(node, found.milestone);
  if (!mNode) return [];
  return [{ title, edits: [setYamlField(ctx.text, mNode, 'due', dateText(ctx.text, doc.dates, due), { after: ['task'] })] }];
}

function unknownPractice(ctx: FixContext): Fix[] {
  const raw = ctx.finding.data?.suggestions;
  const suggestions = Array.isArray(raw) ? raw.filter((s): s is string => typeof s === 'string') : [];
  const target = idSpan(ctx.text, ctx.finding.span);
  if (!target) return [];
  return suggestions.map((id, i) => {
    const req = requirement(id);
    return { title: `Change to ${id}${req ? ` (${req.title})` : ''}`, edits: [{ ...target, newText: id }], preferred: i === 0 };
  });
}

/**
 * Where the id is inside a finding's span: the span itself for a YAML key or value (inside any
 * quotes); for a markdown heading the first word after the `#`s; for a `Practice: ...` line
 * the value after the colon.
 */
function idSpan(text: string, s: { start: number; end: number }): { start: number; end: number } | undefined {
  const raw = text.slice(s.start, s.end);
  const heading = /^(#{1,6}[ \t]+)(\S+)/.exec(raw);
  if (heading) return { start: s.start + heading[1].length, end: s.start + heading[1].length + heading[2].length };
  const field = /^([ \t]*[A-Za-z][\w -]*:[ \t]*)(\S+)/.exec(raw);
  if (field && /\s/.test(raw.trim())) return { start: s.start + field[1].length, end: s.start + field[1].length + field[2].length };
  const inner = unquote(raw);
  if (!inner.value) return undefined;
  return { start: s.start + inner.offset, end: s.start + inner.offset + inner.value.length };
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
