/**
 * Field-level checks shared by both kinds: calendar dates and practice ids.
 */
import { requirement, suggestIds, type Level } from '../catalog/requirements';
import { DATE_SHAPE, parseDay } from '../documents/dates';
import type { Located } from '../documents/model';
import type { AnyRule, PoamContext, SspContext } from './rule';

export const invalidDate: AnyRule = {
  code: 'invalid-date',
  severity: 'error',
  paragraphs: [],
  appliesTo: 'any',
  title: 'Not a calendar date',
  explain: 'The value is written YYYY-MM-DD but names no real day (for example 2025-02-30 or 2025-13-01).',
  check(ctx) {
    for (const d of ctx.doc.dates) {
      if (!DATE_SHAPE.test(d.value) || parseDay(d.value) !== undefined) continue;
      ctx.report(this, d.span, `${d.value} is not a real calendar date: check the month and day.`);
    }
  },
};

function suggestionText(ids: string[]): string {
  return ids.length ? ` Did you mean ${ids.join(', ')}?` : '';
}

function levelsFor(level: Level | undefined, kind: 'ssp' | 'poam'): Level[] | undefined {
  if (!level) return undefined;
  if (kind === 'ssp' && level === 3) return [2, 3];
  return [level];
}

export const unknownPractice: AnyRule = {
  code: 'unknown-practice',
  severity: 'error',
  paragraphs: [],
  appliesTo: 'any',
  title: 'Unknown practice id',
  explain:
    'The id is not one of the 15 Level 1, 110 Level 2 or 24 Level 3 CMMC requirements (32 CFR 170.14(c)), or in an SSP belongs to a level the SSP does not cover.',
  check(ctx) {
    const ids: Located<string>[] = [];
    if (ctx.doc.kind === 'ssp') ids.push(...ctx.doc.practices.map((p) => p.id));
    else if (ctx.level !== 1) for (const item of ctx.doc.items) if (item.practice) ids.push(item.practice);
    const levels = levelsFor(ctx.level, ctx.doc.kind);
    for (const id of ids) {
      const req = requirement(id.value);
      if (req) {
        // On a POA&M a real id of another level is poam-wrong-level; in an SSP it is unknown here.
        if (ctx.doc.kind === 'poam' || !levels || levels.includes(req.level)) continue;
        const same = suggestIds(id.value.replace(/\.L\d-/, `.L${levels[levels.length - 1]}-`), 3, levels);
        ctx.report(
          this,
          id.span,
          `${id.value} is a Level ${req.level} requirement; a Level ${ctx.level} SSP lists ${ctx.level === 3 ? 'Level 2 and Level 3' : `Level ${ctx.level}`} requirements only.${suggestionText(same)}`,
          {
            data: { suggestions: same },
          },
        );
        continue;
      }
      const suggestions = suggestIds(id.value, 3, ctx.doc.kind === 'ssp' ? levels : levels);
      ctx.report(
        this,
        id.span,
        `Unknown practice id "${id.value}": not a CMMC requirement${levels ? ` of Level ${levels.join(' or ')}` : ''}.${suggestionText(suggestions)}`,
        {
          data: { suggestions },
        },
      );
    }
  },
};

export type { SspContext, PoamContext };
