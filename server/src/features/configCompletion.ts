/**
 * Completion in `.cmmc.yaml`: the three settings at the top level, every diagnostic code under
 * `rules:` (with its title; the schema cannot list them, so no YAML server offers these), and
 * the levels after a code (only `error` for a regulatory error, which cannot be lowered).
 */
import { CompletionItemKind, MarkupKind, type CompletionItem, type Position } from 'vscode-languageserver';
import { isRegulatoryError } from '../config/config';
import { RULES, ruleFor } from '../rules';

const SETTINGS: readonly [string, string][] = [
  ['rules', 'Level per diagnostic code: off, information, warning or error.'],
  ['closeoutWarningDays', 'Warn this many days before the closeout date (default 30).'],
  ['ignore', 'gitignore-style patterns of files to leave out, relative to this file.'],
];
const LEVELS = ['off', 'information', 'warning', 'error'] as const;

/** Completion items at `position` of a `.cmmc.yaml` text. */
export function configCompletions(text: string, position: Position): CompletionItem[] {
  const lines = text.split(/\r?\n/);
  const line = lines[position.line] ?? '';
  const before = line.slice(0, position.character);
  const indent = /^\s*/.exec(line)![0].length;
  const value = /^(\s*)([A-Za-z0-9-]+)\s*:\s*([A-Za-z]*)$/.exec(before);
  if (value && value[1].length > 0 && underRules(lines, position.line, value[1].length)) {
    const rule = ruleFor(value[2]);
    if (!rule) return [];
    const allowed = isRegulatoryError(rule) ? (['error'] as const) : LEVELS;
    return allowed.map((level, i) => ({
      label: level,
      kind: CompletionItemKind.EnumMember,
      detail: level === rule.severity ? 'the default' : undefined,
      sortText: String(i),
    }));
  }
  if (!/^\s*[A-Za-z0-9-]*$/.test(before)) return [];
  if (indent === 0) {
    return SETTINGS.map(([label, doc]) => ({ label, kind: CompletionItemKind.Property, documentation: doc, insertText: `${label}: ` }));
  }
  if (!underRules(lines, position.line, indent)) return [];
  const present = new Set(lines.map((l) => /^\s+([a-z0-9-]+)\s*:/.exec(l)?.[1]).filter(Boolean));
  return RULES.filter((r) => !present.has(r.code) || before.trim() === r.code).map((r) => ({
    label: r.code,
    kind: CompletionItemKind.Constant,
    detail: `${r.title} (default ${r.severity}${isRegulatoryError(r) ? ', cannot be lowered' : ''})`,
    documentation: { kind: MarkupKind.Markdown, value: r.explain },
    insertText: `${r.code}: `,
  }));
}

/** Is the line (indented by `indent`) inside the top-level `rules:` block? */
function underRules(lines: readonly string[], lineNo: number, indent: number): boolean {
  for (let i = lineNo - 1; i >= 0; i--) {
    const l = lines[i];
    if (l.trim() === '' || l.trimStart().startsWith('#')) continue;
    const own = /^\s*/.exec(l)![0].length;
    if (own === 0) return /^rules\s*:\s*(#.*)?$/.test(l);
    if (own < indent) return false;
  }
  return false;
}
