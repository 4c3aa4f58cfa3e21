/**
 * What a rule is: a stable code, a severity, the paragraphs it cites, a plain-words explanation
 * (for hovers and docs) and a check over the model. The registry in index.ts lists them all.
 */
import type { Level } from '../catalog/requirements';
import type { Finding, Severity } from '../documents/findings';
import type { PoamDoc, SspDoc } from '../documents/model';
import type { Span } from '../documents/tree';
import type { SspScore } from '../domain/scoring';

export interface RuleInfo {
  readonly code: string;
  readonly severity: Severity;
  /** Paragraphs of 32 CFR part 170 the rule rests on (empty for good-practice rules). */
  readonly paragraphs: readonly string[];
  /** A short name, for SARIF and the README. */
  readonly title: string;
  /** The rule in plain words, for hovers. */
  readonly explain: string;
}

/** A linked document found through the workspace. */
export interface Linked<D> {
  readonly uri: string;
  readonly doc: D;
}

export type SspLink =
  | { readonly state: 'none' }
  | { readonly state: 'missing'; readonly reason: string /** What to do, when it is not "fix the path". */; readonly advice?: string }
  | { readonly state: 'ok'; readonly uri: string; readonly doc: SspDoc; readonly score?: SspScore };

interface BaseContext {
  readonly uri: string;
  /** Today as a day number (see documents/dates.ts); passed in, never read from the clock. */
  readonly today: number;
  /** `cmmc.closeoutWarningDays`. */
  readonly warningDays: number;
  report(rule: RuleInfo, span: Span, message: string, extra?: { paragraph?: string; data?: Record<string, unknown> }): void;
}

export interface SspContext extends BaseContext {
  readonly doc: SspDoc;
  readonly level?: Level;
  readonly score?: SspScore;
  /** The checked POA&Ms whose `ssp:` link names this SSP. */
  readonly poams: readonly Linked<PoamDoc>[];
}

export interface PoamContext extends BaseContext {
  readonly doc: PoamDoc;
  readonly level?: Level;
  readonly ssp: SspLink;
}

export interface SspRule extends RuleInfo {
  readonly appliesTo: 'ssp';
  check(ctx: SspContext): void;
}

export interface PoamRule extends RuleInfo {
  readonly appliesTo: 'poam';
  check(ctx: PoamContext): void;
}

/** Rules whose findings come from the parser (syntax, schema): listed for docs and hovers only. */
export interface ParseRule extends RuleInfo {
  readonly appliesTo: 'parse';
}

/** Rules that run on both kinds. */
export interface AnyRule extends RuleInfo {
  readonly appliesTo: 'any';
  check(ctx: SspContext | PoamContext): void;
}

export type Rule = SspRule | PoamRule | ParseRule | AnyRule;

export type { Finding };

/**
 * The linked SSP when it can stand for the assessed system: readable and of the POA&M's level
 * (a broken link or an SSP of another level counts as no SSP, SPEC 2.1).
 */
export function usableSsp(ctx: PoamContext): Extract<SspLink, { state: 'ok' }> | undefined {
  const link = ctx.ssp;
  if (link.state !== 'ok' || !ctx.level || link.doc.level?.value !== ctx.level) return undefined;
  return link;
}

/** How an item field is written in this document: `completed` (YAML) or `Completed:` (markdown). */
export function itemField(ctx: BaseContext & { readonly doc: PoamDoc | SspDoc }, key: string, value?: string): string {
  if (ctx.doc.syntax === 'markdown') {
    const name = key.charAt(0).toUpperCase() + key.slice(1).replace(/_/g, ' ');
    return `\`${name}: ${value ?? ''}\``.replace(/: `$/, ':`');
  }
  return value === undefined ? `\`${key}\`` : `\`${key}: ${value}\``;
}
