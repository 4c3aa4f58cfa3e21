/**
 * One POA&M item per id, and one open item per practice.
 */
import { isOpen } from '../domain/clock';
import type { PoamRule } from './rule';

export const poamDuplicate: PoamRule = {
  code: 'poam-duplicate',
  severity: 'warning',
  paragraphs: [],
  appliesTo: 'poam',
  title: 'Duplicate POA&M item',
  explain: 'Two items share an id, or two open items track the same practice: merge them so each weakness has one item with one deadline.',
  check(ctx) {
    if (ctx.level === 1) return;
    const ids = new Map<string, string>();
    const practices = new Map<string, string>();
    for (const item of ctx.doc.items) {
      const label = item.id?.value ?? `#${item.index + 1}`;
      const at = item.practice?.span ?? item.anchor;
      if (item.id) {
        const first = ids.get(item.id.value);
        if (first !== undefined) ctx.report(this, at, `Item id ${item.id.value} is used twice: give each item its own id.`);
        else ids.set(item.id.value, label);
      }
      if (item.practice && isOpen(item)) {
        const first = practices.get(item.practice.value);
        if (first !== undefined) ctx.report(this, at, `${item.practice.value} already has an open item (${first}): merge the two items.`);
        else practices.set(item.practice.value, label);
      }
    }
  },
};
