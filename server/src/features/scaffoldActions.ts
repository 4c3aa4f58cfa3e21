/**
 * Code actions that do the typing the catalog already knows (docs/SCAFFOLD.md):
 *
 *   ssp-practice-missing        "Add the N missing practices" (catalog order, titles, the file's style)
 *   a not-met deferrable SSP    "Add a POA&M item for <id>" to each POA&M that links the SSP (an edit
 *   practice under the cursor   in the other file), or, when none does, "Create a POA&M for this SSP"
 *                               (a new file next to the SSP holding the `init poam` scaffold)
 *   poam-practice-met-in-ssp    "Mark completed today" (status: completed, completed: <today>)
 *
 * The cross-file actions need the linked POA&M's text: the caller passes a reader (the service's
 * `parse`); without one only the single-file actions are offered.
 */
import { CodeActionKind, type CodeAction, type CodeActionContext, type Diagnostic, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { requirement } from '../catalog/requirements';
import { formatDay } from '../documents/dates';
import type { Finding } from '../documents/findings';
import type { PoamDoc, SspDoc, SspPractice } from '../documents/model';
import type { ParsedDocument } from '../documents/parse';
import { deferral } from '../domain/deferral';
import { isSkeleton } from '../domain/skeleton';
import { itemDeadline, nextItemId, poamScaffold } from '../scaffold/poam';
import type { Analysis } from '../analysis/analyzer';
import { SOURCE, toDiagnostic } from './diagnostics';
import { itemAt } from './locate';
import { addPracticesEdits, appendItemEdit, markCompletedEdits } from './scaffoldEdits';
import type { OffsetEdit } from './edits';
import { eolOf, overlaps, rangeOf, spanOf, textDocumentOf, touches } from './text';

/** Reads another document of the workspace (open buffer or disk), parsed. */
export type DocumentReader = (uri: string) => ParsedDocument | undefined;

/** The scaffold actions for `range` of an analysed document. */
export function scaffoldActions(analysis: Analysis | undefined, range: Range, context: CodeActionContext, read?: DocumentReader): CodeAction[] {
  const model = analysis?.parsed.model;
  if (!analysis || !model) return [];
  const parsed = analysis.parsed;
  const doc = textDocumentOf(parsed);
  const wanted = spanOf(doc, range);
  const named = context.diagnostics.filter((d) => d.source === SOURCE || d.source === undefined);
  /** The client's diagnostics for these findings (or ours when it named none); undefined when it named others. */
  const diagnosticsFor = (findings: readonly Finding[]): Diagnostic[] | undefined => {
    const own = findings.map((f) => toDiagnostic(f, doc));
    if (named.length === 0) return own;
    const matched = named.filter((d) => own.some((o) => o.code === d.code && overlaps(spanOf(doc, d.range), spanOf(doc, o.range))));
    return matched.length ? matched : undefined;
  };
  const actions: CodeAction[] = [];
  // One failing action must not take the others (or the quick fixes) down.
  const run = (make: () => CodeAction[]) => {
    try {
      actions.push(...make());
    } catch {
      /* offered nothing */
    }
  };
  if (model.kind === 'ssp') {
    run(() => missingPractices(analysis, model, wanted, diagnosticsFor));
    run(() => poamItemActions(analysis, model, wanted, diagnosticsFor, read));
  } else {
    run(() => markCompleted(analysis, model, wanted, diagnosticsFor));
  }
  return actions;
}

type DiagnosticsFor = (findings: readonly Finding[]) => Diagnostic[] | undefined;

function quickFix(title: string, diagnostics: Diagnostic[], edit: WorkspaceEdit, preferred = false): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics, isPreferred: preferred || undefined, edit };
}

function changes(parsed: ParsedDocument, edits: readonly OffsetEdit[]): WorkspaceEdit {
  const doc = textDocumentOf(parsed);
  const list: TextEdit[] = edits.map((e) => ({ range: rangeOf(doc, e), newText: e.newText }));
  return { changes: { [parsed.uri]: list } };
}

function missingPractices(analysis: Analysis, ssp: SspDoc, wanted: { start: number; end: number }, diagnosticsFor: DiagnosticsFor): CodeAction[] {
  const all = analysis.findings.filter((f) => f.code === 'ssp-practice-missing');
  if (!ssp.level || all.length === 0 || !all.some((f) => overlaps(f.span, wanted))) return [];
  const diagnostics = diagnosticsFor(all);
  if (!diagnostics) return [];
  const ids = new Set(all.map((f) => f.data?.id).filter((id): id is string => typeof id === 'string'));
  const edits = addPracticesEdits(analysis.parsed, ssp.level.value, ids);
  if (!edits || ids.size === 0) return [];
  const [only] = [...ids];
  const title = ids.size === 1 ? `Add the missing practice ${only} (${requirement(only)?.title ?? ''})` : `Add the ${ids.size} missing practices`;
  return [quickFix(title, diagnostics, changes(analysis.parsed, edits), true)];
}

/** A not-met practice under the cursor that may go on a POA&M and is on none yet. */
function deferrableAt(analysis: Analysis, ssp: SspDoc, wanted: { start: number; end: number }): SspPractice | undefined {
  const level = ssp.level?.value;
  if (!level || level === 1 || isSkeleton(ssp)) return undefined;
  const covered = new Set((analysis.poams ?? []).flatMap((p) => p.doc.items.map((i) => i.practice?.value)));
  return ssp.practices.find((p) => {
    if (!touches(p.span, wanted.start) || p.status?.value !== 'not-met' || p.operationalPlan || covered.has(p.id.value)) return false;
    const req = requirement(p.id.value);
    return !!req && deferral(req, level, p.encryption?.value).deferrable;
  });
}

function poamItemActions(
  analysis: Analysis,
  ssp: SspDoc,
  wanted: { start: number; end: number },
  diagnosticsFor: DiagnosticsFor,
  read?: DocumentReader,
): CodeAction[] {
  const practice = deferrableAt(analysis, ssp, wanted);
  const req = practice && requirement(practice.id.value);
  if (!practice || !req) return [];
  const finding = analysis.findings.filter((f) => f.code === 'ssp-not-met-without-poam' && f.span.start === practice.id.span.start);
  const diagnostics = finding.length ? (diagnosticsFor(finding) ?? []) : [];
  const poams = analysis.poams ?? [];
  const out: CodeAction[] = [];
  for (const linked of poams) {
    const other = read?.(linked.uri);
    if (!other || other.model?.kind !== 'poam') continue;
    const poam: PoamDoc = other.model;
    const spec = {
      id: nextItemId(poam.items.map((i) => i.id?.value ?? '')),
      requirement: req,
      deadline: itemDeadline(poam.conditionalDate?.value, analysis.today),
      encryption: req.poam === 'conditional' ? practice.encryption?.value : undefined,
    };
    const edit = appendItemEdit(other, poam, spec);
    if (!edit) continue;
    const where = poams.length > 1 ? ` in ${fileName(linked.uri)}` : '';
    out.push(quickFix(`Add a POA&M item for ${req.id}${where}`, diagnostics, changes(other, [edit]), poams.length === 1));
  }
  if (poams.length > 0 || !read) return out;
  const target = newPoamUri(analysis.parsed.uri, ssp.syntax, read);
  if (!target) return out;
  const { text } = poamScaffold({ ssp, link: fileName(analysis.parsed.uri), syntax: ssp.syntax, today: analysis.today });
  const eol = eolOf(analysis.parsed.text);
  const edit: WorkspaceEdit = {
    documentChanges: [
      { kind: 'create', uri: target, options: { overwrite: false, ignoreIfExists: false } },
      {
        textDocument: { uri: target, version: null },
        edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text.replace(/\n/g, eol) }],
      },
    ],
  };
  return [quickFix(`Create a POA&M for this SSP (${fileName(target)})`, diagnostics, edit)];
}

/** The last path segment of a URI, decoded. */
function fileName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

/** `acme.ssp.yaml` -> `acme.poam.yaml` next to it (`acme-2.poam.yaml`, ... when taken). */
function newPoamUri(sspUri: string, syntax: 'yaml' | 'markdown', read: DocumentReader): string | undefined {
  if (!sspUri.startsWith('file:')) return undefined;
  const dir = sspUri.slice(0, sspUri.lastIndexOf('/') + 1);
  const base = fileName(sspUri).replace(/(\.ssp)?\.(ya?ml|md|markdown)$/i, '');
  const ext = syntax === 'markdown' ? 'md' : 'yaml';
  for (let n = 1; n < 100; n++) {
    const uri = `${dir}${encodeURIComponent(`${base}${n === 1 ? '' : `-${n}`}.poam.${ext}`)}`;
    // The reader answers for every readable file that is an SSP or POA&M; anything else at that
    // name would be refused by the create (overwrite: false), so only free names are offered.
    if (!read(uri)) return uri;
  }
  return undefined;
}

function markCompleted(analysis: Analysis, poam: PoamDoc, wanted: { start: number; end: number }, diagnosticsFor: DiagnosticsFor): CodeAction[] {
  const out: CodeAction[] = [];
  for (const f of analysis.findings) {
    if (f.code !== 'poam-practice-met-in-ssp' || !overlaps(f.span, wanted)) continue;
    const item = itemAt(poam, f.span);
    const diagnostics = diagnosticsFor([f]);
    if (!item || !diagnostics) continue;
    const today = formatDay(analysis.today);
    const edits = markCompletedEdits(analysis.parsed, poam, item, today);
    if (edits) out.push(quickFix(`Mark ${item.id?.value ?? 'this item'} completed today (${today})`, diagnostics, changes(analysis.parsed, edits), true));
  }
  return out;
}
