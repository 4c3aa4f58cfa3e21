/**
 * Completion snippets for the two things authors add by hand: a new POA&M item (after `- ` under
 * `items:`, or on a `## ` heading line in a markdown POA&M) and a new SSP practice section (as a
 * key under `practices:`, or on a `## ` heading line in a markdown SSP). The id is a choice among
 * the requirements that fit (an SSP: the ones it does not list yet; a POA&M: those of its level
 * that may be deferred), the item id is the next free one, and dates are the closeout date (else
 * today + 180 days), as in the scaffolds (docs/SCAFFOLD.md).
 */
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type Position } from 'vscode-languageserver';
import { requirementsForSsp, requirementsOfLevel, type Level } from '../catalog/requirements';
import type { ParsedDocument } from '../documents/parse';
import { entry, get } from '../documents/tree';
import { deferral } from '../domain/deferral';
import { itemDeadline, nextItemId, TASK_PLACEHOLDER, WEAKNESS_PLACEHOLDER } from '../scaffold/poam';
import { yamlPathAt } from './completion';

/** Text inside a snippet placeholder: `$`, `}` and `\` are escaped. */
const esc = (s: string) => s.replace(/[$}\\]/g, (c) => `\\${c}`);
const choice = (n: number, values: readonly string[], fallback: string) => (values.length ? `\${${n}|${values.join(',')}|}` : `\${${n}:${esc(fallback)}}`);

function levelOf(parsed: ParsedDocument): Level | undefined {
  const v = parsed.model?.level?.value ?? (get(parsed.root, 'level')?.kind === 'scalar' ? (get(parsed.root, 'level') as { value: unknown }).value : undefined);
  return v === 1 || v === 2 || v === 3 ? v : undefined;
}

/** The ids a new SSP section may take: the level's requirements it does not list, in catalog order. */
function unlisted(parsed: ParsedDocument, level: Level | undefined): string[] {
  if (!level) return [];
  const listed = new Set(parsed.model?.kind === 'ssp' ? parsed.model.practices.map((p) => p.id.value) : []);
  return requirementsForSsp(level)
    .filter((r) => !listed.has(r.id))
    .map((r) => r.id);
}

/** The ids a new POA&M item may take: the level's requirements that may be deferred. */
function deferrableIds(level: Level | undefined): string[] {
  if (!level || level === 1) return [];
  return requirementsOfLevel(level)
    .filter((r) => deferral(r, level).deferrable || r.poam === 'conditional')
    .map((r) => r.id);
}

function snippet(label: string, detail: string, range: { start: Position; end: Position }, newText: string): CompletionItem {
  return {
    label,
    kind: CompletionItemKind.Snippet,
    detail,
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: { range, newText },
    sortText: `~${label}`,
    filterText: label,
  };
}

/** Next item id, deadline and the practice choice for a new POA&M item. */
function newItem(parsed: ParsedDocument, today: number): { id: string; deadline: string; practice: string } {
  const model = parsed.model?.kind === 'poam' ? parsed.model : undefined;
  return {
    id: nextItemId(model?.items.map((i) => i.id?.value ?? '') ?? []),
    deadline: itemDeadline(model?.conditionalDate?.value, today),
    practice: choice(2, deferrableIds(levelOf(parsed)), 'AC.L2-3.1.3'),
  };
}

/** The snippets that fit at `position` (empty elsewhere). */
export function snippetCompletions(parsed: ParsedDocument | undefined, position: Position, today: number): CompletionItem[] {
  if (!parsed) return [];
  const lines = parsed.text.split(/\r?\n/);
  if (position.line >= lines.length) return [];
  const line = lines[position.line];
  const before = line.slice(0, Math.min(position.character, line.length));
  const end = { line: position.line, character: position.character + (/^[\w.-]*/.exec(line.slice(position.character))?.[0].length ?? 0) };
  const level = levelOf(parsed);
  if (parsed.syntax === 'markdown') {
    const fm = lines[0]?.trim() === '---' ? lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l)) : -1;
    if (position.line <= fm || !/^##[ \t]*[\w.-]*$/.test(before)) return [];
    const range = { start: { line: position.line, character: 0 }, end };
    if (parsed.kind === 'ssp') {
      const ids = unlisted(parsed, level);
      if (!ids.length) return [];
      return [
        snippet(
          'New practice section',
          'SSP practice: heading, status and implementation statement',
          range,
          `## ${choice(1, ids, '')}\n\nStatus: \${2|met,not-met,not-applicable|}\n\n\${3:Describe how it is implemented.}`,
        ),
      ];
    }
    const n = newItem(parsed, today);
    const body = [
      `## \${1:${esc(n.id)}} \${3:Title}`,
      '',
      `Practice: ${n.practice}`,
      `Deadline: \${4:${n.deadline}}`,
      'Status: open',
      '',
      `\${5:${esc(WEAKNESS_PLACEHOLDER.markdown)}}`,
      '',
      '### Milestones',
      '',
      `- [ ] \${6:${n.deadline}} \${7:${esc(TASK_PLACEHOLDER.markdown)}}`,
    ];
    return [snippet('New POA&M item', `POA&M item ${n.id}: practice, deadline, status, weakness and a milestone`, range, body.join('\n'))];
  }
  const m = /^( *)(-(?: +|$))?([\w.-]*)$/.exec(before);
  if (!m) return [];
  const path = yamlPathAt(parsed.text, position.line, position.character);
  const col = m[1].length + (m[2]?.length ?? 0);
  const range = { start: { line: position.line, character: col }, end };
  const pad = ' '.repeat(col);
  if (parsed.kind === 'poam' && m[2] && path?.join('/') === 'items/-') {
    const n = newItem(parsed, today);
    const body = [
      `id: \${1:${esc(n.id)}}`,
      `${pad}practice: ${n.practice}`,
      `${pad}weakness: \${3:${esc(WEAKNESS_PLACEHOLDER.yaml)}}`,
      `${pad}deadline: \${4:${n.deadline}}`,
      `${pad}status: open`,
      `${pad}milestones:`,
      `${pad}  - task: \${5:${esc(TASK_PLACEHOLDER.yaml)}}`,
      `${pad}    due: \${6:${n.deadline}}`,
    ];
    return [snippet('New POA&M item', `POA&M item ${n.id}: practice, weakness, deadline and a milestone`, range, body.join('\n'))];
  }
  if (parsed.kind === 'ssp' && !m[2] && path?.join('/') === 'practices') {
    const ids = unlisted(parsed, level);
    if (!ids.length) return [];
    const practices = entry(parsed.root, 'practices')?.value;
    const first = practices?.kind === 'map' ? practices.entries.find((e) => e.value.kind === 'map' && e.value.entries.length) : undefined;
    const inner =
      first && first.value.kind === 'map'
        ? Math.max(1, columnIn(parsed.text, first.value.entries[0].keySpan.start) - columnIn(parsed.text, first.keySpan.start))
        : 2;
    const sub = pad + ' '.repeat(inner);
    const body = [`${choice(1, ids, '')}:`, `${sub}status: \${2|met,not-met,not-applicable|}`, `${sub}implementation: \${3:Describe how it is implemented.}`];
    return [snippet('New practice section', 'SSP practice: status and implementation statement', range, body.join('\n'))];
  }
  return [];
}

function columnIn(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}
