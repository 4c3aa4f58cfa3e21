/**
 * Document symbols (the outline): an SSP lists its practices (id, status), a POA&M its items
 * (id; practice and deadline) with their milestones as children.
 */
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { Span } from '../documents/tree';
import type { ParsedDocument } from '../documents/parse';
import { rangeOf, textDocumentOf } from './text';

/** The outline of a parsed SSP/POA&M (empty for documents without a model). */
export function documentSymbols(parsed: ParsedDocument | undefined): DocumentSymbol[] {
  const model = parsed?.model;
  if (!parsed || !model) return [];
  const doc = textDocumentOf(parsed);
  const symbol = (name: string, detail: string | undefined, kind: SymbolKind, whole: Span, selection: Span, children?: DocumentSymbol[]): DocumentSymbol => {
    // The selection must lie inside the range (markdown headings may sit outside a section's span).
    const full = { start: Math.min(whole.start, selection.start), end: Math.max(whole.end, selection.end) };
    return { name: name || '?', detail: detail || undefined, kind, range: rangeOf(doc, full), selectionRange: rangeOf(doc, selection), children };
  };
  if (model.kind === 'ssp') {
    return model.practices.map((p) => symbol(p.id.value, p.status?.value, SymbolKind.Property, p.span, p.id.span));
  }
  return model.items.map((item) => {
    const milestones = (item.milestones?.value ?? []).map((m, i) =>
      symbol(
        m.task?.value ?? `Milestone ${i + 1}`,
        [m.due ? `due ${m.due.value}` : 'no due date', m.done ? 'done' : ''].filter(Boolean).join(' · '),
        SymbolKind.Event,
        m.span,
        m.task?.span ?? m.span,
      ),
    );
    const detail = [
      item.practice?.value,
      item.deadline ? `deadline ${item.deadline.value}` : 'no deadline',
      item.status?.value === 'completed' ? 'completed' : '',
    ]
      .filter(Boolean)
      .join(' · ');
    return symbol(item.id?.value ?? `Item ${item.index + 1}`, detail, SymbolKind.Object, item.span, item.anchor, milestones);
  });
}
