/**
 * The analysis: text in, findings out. Parses each document once per version, resolves the
 * `ssp:` links both ways and runs every rule of the registry over the model. It knows nothing
 * about LSP or the file system; the editor's world comes in through a Workspace (open buffers or
 * disk) and Settings. The features read its Analysis; service.ts puts both behind one facade.
 * The POA&Ms that link an SSP come from the link index (links.ts), never from a workspace scan;
 * every parse tells the index the document's exact link.
 */
import { localToday, parseDay } from '../documents/dates';
import { kindFromName } from '../documents/detect';
import { withoutImplied } from '../documents/implied';
import { syntaxOf } from '../documents/syntax';
import type { Finding } from '../documents/findings';
import type { PoamDoc, SspDoc } from '../documents/model';
import { reparseCmmcDocument, type ParsedDocument } from '../documents/parse';
import { normalizeUri, resolveLink } from '../documents/uri';
import type { Span } from '../documents/tree';
import { RULES } from '../rules';
import type { Linked, PoamContext, RuleInfo, SspContext, SspLink } from '../rules/rule';
import { scoreSsp, type SspScore } from '../domain/scoring';
import { cite } from '../regulation/citations';
import type { CmmcConfig, RuleLevel } from '../config/config';
import { applyPolicy } from './policy';
import { LinkIndex } from './links';

export interface Workspace {
  /** The text of a document: the open buffer if any, else the file; undefined when unreadable. */
  read(uri: string): string | undefined;
  /** Every document the checks may look at, for finding the POA&Ms that link an SSP (listed once, by the link index). */
  uris(): Iterable<string>;
  /** A version that changes whenever the text changes (open buffers); omit to compare texts. */
  version?(uri: string): number | undefined;
  /**
   * May a linked document be read? (The workspace boundary: the server's folders and open
   * documents, the CLI's repository.) Omit to allow every URI.
   */
  inside?(uri: string): boolean;
  /** The text for a link scan only: the workspace should not keep it (default: `read`). */
  peek?(uri: string): string | undefined;
  /**
   * Does the workspace report changes (the analyzer's `forget`) for files it lists? When false the
   * link index re-lists and re-stats every 10 s; when absent (small in-memory workspaces), on every question.
   */
  watched?(): boolean;
  /** Changes when a file changes on disk (mtime and size), for the index's re-stat. */
  stamp?(uri: string): string | undefined;
}

export interface Settings {
  /** `YYYY-MM-DD`; empty or absent means the machine's date. */
  readonly today?: string;
  /** Days before the closeout date that `poam-closeout-due-soon` starts (default 30). */
  readonly closeoutWarningDays?: number;
  /** Levels per code (the editor's `cmmc.rules`): apply to the codes the document's `.cmmc.yaml` does not set. */
  readonly rules?: Readonly<Record<string, RuleLevel>>;
}

export interface Analysis {
  readonly parsed: ParsedDocument;
  readonly findings: readonly Finding[];
  /** Findings an inline suppression accepted (with `suppressed.justification`): JSON and SARIF only. */
  readonly suppressed: readonly Finding[];
  /** SSP: its score; POA&M: the linked SSP's score, if any. */
  readonly score?: SspScore;
  /** POA&M only: the state of the `ssp:` link. */
  readonly ssp?: SspLink;
  /** SSP only: the POA&Ms that link it. */
  readonly poams?: readonly Linked<PoamDoc>[];
  /** Today's day number used for this analysis. */
  readonly today: number;
}

export interface CmmcAnalyzer {
  /** Parse (cached per text) a document; undefined when it is not an SSP or POA&M. */
  parse(uri: string): ParsedDocument | undefined;
  /**
   * Parse and check a document with every rule. `local`: an SSP is checked without the POA&Ms
   * that link it (its own findings, at once; the cross-file rules are quiet without POA&Ms).
   */
  analyze(uri: string, options?: { local?: boolean }): Analysis | undefined;
  /** Can `analyze(uri)` answer without scanning for links or parsing a linking POA&M? */
  linksReady(uri: string): boolean;
  /** Do at most about `budgetMs` of the work `analyze(uri)` needs for links; true when it is all done. */
  prepareLinks(uri: string, budgetMs: number): boolean;
  /** The workspace link graph (which documents link which SSP). */
  readonly links: LinkIndex;
  /** The findings of a document (empty for files that are not ours). */
  validate(uri: string): readonly Finding[];
  /** Today's day number under the current settings. */
  today(): number;
  /** Settings in force. */
  settings(): Settings;
  /** Drop cached parses (all, or one document: it changed or was opened or closed; its link is scanned again). */
  forget(uri?: string): void;
  /**
   * A document's findings are out and it did not change (the CLI): drop its analysis, and its
   * parse unless it is an SSP (every POA&M that links it needs it) and `all` is not set. The link
   * index keeps its entry.
   */
  release(uri: string, all?: boolean): void;
}

export interface ServiceOptions {
  readonly workspace: Workspace;
  readonly settings?: () => Settings;
  /** Where a failing rule is reported (it never takes the others down). */
  readonly log?: (message: string) => void;
  /** The `.cmmc.yaml` that governs a document (rule levels, warning window), if any. */
  readonly config?: (uri: string) => CmmcConfig | undefined;
  /**
   * Keep only the model of a POA&M parsed because it links an SSP, when it is not open (the
   * editor: its features never ask for a closed document's tree, and opening it parses it anew).
   */
  readonly slimLinked?: boolean;
}

export { normalizeUri };

export function createAnalyzer(options: ServiceOptions): CmmcAnalyzer {
  const { workspace } = options;
  const settings: () => Settings = options.settings ?? (() => ({}));
  const log = options.log ?? (() => undefined);
  const cache = new Map<string, { key: number | string; parsed: ParsedDocument | undefined }>();
  const links = new LinkIndex(
    {
      uris: () => workspace.uris(),
      peek: (uri) => (workspace.peek ? workspace.peek(uri) : workspace.read(uri)),
      watched: () => workspace.watched?.() ?? false,
      stamp: workspace.stamp && ((uri) => workspace.stamp!(uri)),
    },
    { refreshMs: workspace.watched ? 10_000 : -1 },
  );

  function today(): number {
    const t = settings().today;
    const day = t ? parseDay(t) : undefined;
    return day ?? localToday();
  }

  function parse(uri: string): ParsedDocument | undefined {
    const version = workspace.version?.(uri);
    const hit = cache.get(uri);
    if (hit && version !== undefined && hit.key === version) return hit.parsed;
    const text = workspace.read(uri);
    if (text === undefined) {
      cache.delete(uri);
      links.remove(uri);
      return undefined;
    }
    if (hit && hit.key === text) return hit.parsed;
    let parsed: ParsedDocument | undefined;
    try {
      // The previous parse of this document is reused where only one entry changed.
      parsed = reparseCmmcDocument(hit?.parsed, uri, text);
    } catch (e) {
      // A bug of ours: logged once, and the document stays ours with a finding that says so.
      parsed = crashedParse(uri, text, e);
      logOnce(`parse\0${uri}\0${firstLine(e)}`, `cmmc: parsing ${uri} failed: ${(e as Error)?.stack ?? e}`);
    }
    cache.set(uri, { key: version ?? text, parsed });
    links.record(uri, parsed?.model?.kind === 'poam' ? parsed.model.ssp?.value : undefined);
    return parsed;
  }

  /** Failures already logged (a failing rule or parse is logged once, not on every keystroke). */
  const logged = new Set<string>();
  function logOnce(key: string, message: string): void {
    if (logged.has(key)) return;
    if (logged.size > 1000) logged.clear();
    logged.add(key);
    log(message);
  }

  /** Is the cached parse of `uri` current without reading it (open buffers: same version; disk: kept until forgotten)? */
  function parsedFresh(uri: string): boolean {
    const hit = cache.get(uri);
    if (!hit) return false;
    const version = workspace.version?.(uri);
    return version === undefined ? typeof hit.key === 'string' : hit.key === version;
  }

  function linkedSsp(uri: string, doc: PoamDoc): SspLink {
    if (!doc.ssp) return { state: 'none' };
    const target = resolveLink(uri, doc.ssp.value);
    if (!target) return { state: 'missing', reason: `The SSP link "${doc.ssp.value}" is not a valid path` };
    if (target === normalizeUri(uri)) return { state: 'missing', reason: 'The SSP link points at this POA&M itself' };
    // Said before anything is read, and the same whether or not the file exists.
    if (workspace.inside && !workspace.inside(target)) {
      return { state: 'missing', reason: `The linked SSP "${doc.ssp.value}" is outside the workspace; only files inside it are read` };
    }
    const parsed = parse(target);
    if (!parsed) {
      return workspace.read(target) === undefined
        ? { state: 'missing', reason: `The linked SSP "${doc.ssp.value}" cannot be read` }
        : { state: 'missing', reason: `"${doc.ssp.value}" is not an SSP document (name it *.ssp.yaml or give it \`kind: ssp\`)` };
    }
    if (parsed.kind !== 'ssp' || !parsed.model || parsed.model.kind !== 'ssp') {
      if (parsed.kind !== 'ssp') return { state: 'missing', reason: `"${doc.ssp.value}" is a POA&M, not an SSP` };
      const broken = parsed.findings.find((f) => f.code === 'syntax');
      if (!broken) return { state: 'missing', reason: `The linked SSP "${doc.ssp.value}" does not parse` };
      const line = parsed.text.slice(0, broken.span.start).split('\n').length;
      return {
        state: 'missing',
        reason: `The linked SSP "${doc.ssp.value}" has syntax errors (first at line ${line}): ${broken.message.replace(/\.$/, '')}`,
        advice: 'Fix the SSP first.',
      };
    }
    return { state: 'ok', uri: target, doc: parsed.model, score: scoreSsp(parsed.model) };
  }

  function linkingPoams(uri: string): Linked<PoamDoc>[] {
    const self = normalizeUri(uri);
    const out: Linked<PoamDoc>[] = [];
    // Only the documents the index says may link this SSP are parsed (and kept).
    for (const other of links.linkers(uri)) {
      const p = parse(other);
      if (!p?.model || p.model.kind !== 'poam' || !p.model.ssp) continue;
      if (resolveLink(other, p.model.ssp.value) === self) out.push({ uri: other, doc: p.model });
      if (options.slimLinked && p.root && workspace.version?.(other) === undefined) slim(other, p);
    }
    return out;
  }

  /** Replace a closed linker's cached parse by its model and findings (the tree is most of its memory). */
  function slim(uri: string, p: ParsedDocument): void {
    const hit = cache.get(uri);
    if (hit?.parsed !== p) return;
    cache.set(uri, { key: hit.key, parsed: { uri: p.uri, text: p.text, kind: p.kind, syntax: p.syntax, model: p.model, findings: p.findings } });
  }

  function linksReady(uri: string): boolean {
    return links.settled() && links.linkers(uri).every(parsedFresh);
  }

  function prepareLinks(uri: string, budgetMs: number): boolean {
    const started = Date.now();
    if (!links.pump(budgetMs)) return false;
    for (const other of links.linkers(uri)) {
      if (parsedFresh(other)) continue;
      if (Date.now() - started >= budgetMs) return false;
      parse(other);
    }
    return true;
  }

  /**
   * The last analysis of each document, reused while nothing it depends on changed: its parse,
   * the parses of the documents it links (or that link it), today and the warning window.
   */
  const analyses = new Map<string, { deps: unknown[]; analysis: Analysis }>();

  function sameDeps(a: unknown[], b: unknown[]): boolean {
    return a.length === b.length && a.every((x, i) => x === b[i]);
  }

  function analyze(uri: string, how?: { local?: boolean }): Analysis | undefined {
    const parsed = parse(uri);
    if (!parsed) {
      analyses.delete(uri);
      return undefined;
    }
    const local = how?.local === true && parsed.model?.kind === 'ssp';
    const deps: unknown[] = [parsed, today(), settings().closeoutWarningDays, settings().rules, options.config?.(uri), local];
    let poams: Linked<PoamDoc>[] = [];
    if (parsed.model?.kind === 'poam') {
      const link = linkedSsp(uri, parsed.model);
      deps.push(link.state === 'ok' ? link.doc : link.state);
    } else if (parsed.model?.kind === 'ssp' && !local) {
      poams = linkingPoams(uri);
      for (const p of poams) deps.push(p.doc);
    }
    const hit = analyses.get(uri);
    if (hit && sameDeps(hit.deps, deps)) return hit.analysis;
    const analysis = analyzeNow(uri, parsed, poams);
    analyses.set(uri, { deps, analysis });
    return analysis;
  }

  /** Rule levels and suppressions, in one place for every output (analysis/policy.ts). */
  function analyzeNow(uri: string, parsed: ParsedDocument, linking: Linked<PoamDoc>[]): Analysis {
    const config = options.config?.(uri);
    const raw = runRules(uri, parsed, config, linking);
    const levels = new Map<string, RuleLevel>(Object.entries(settings().rules ?? {}));
    for (const [code, level] of config?.rules ?? []) levels.set(code, level);
    const { findings, suppressed } = applyPolicy(parsed.text, parsed.syntax, parsed.model, raw.findings, levels);
    return { ...raw, findings, suppressed };
  }

  function runRules(uri: string, parsed: ParsedDocument, config: CmmcConfig | undefined, linking: Linked<PoamDoc>[]): Omit<Analysis, 'suppressed'> {
    const day = today();
    const findings: Finding[] = [...parsed.findings];
    const model = parsed.model;
    if (!model) return { parsed, findings, today: day };
    const warningDays = Math.max(0, Math.floor(config?.closeoutWarningDays ?? settings().closeoutWarningDays ?? 30));
    const report = (rule: RuleInfo, span: Span, message: string, extra?: { paragraph?: string; data?: Record<string, unknown> }) => {
      const paragraph = extra?.paragraph ?? rule.paragraphs[0];
      findings.push({
        code: rule.code,
        severity: rule.severity,
        message: paragraph ? `${message} (${cite(paragraph).label})` : message,
        span,
        paragraph,
        data: extra?.data,
      });
    };
    const run = (rule: RuleInfo, check: () => void) => {
      try {
        check();
      } catch (e) {
        logOnce(`rule\0${rule.code}\0${uri}\0${firstLine(e)}`, `cmmc: rule ${rule.code} failed on ${uri}: ${(e as Error)?.stack ?? e}`);
      }
    };
    if (model.kind === 'ssp') {
      const score = scoreSsp(model);
      const poams = linking;
      const ctx: SspContext = { uri, today: day, warningDays, report, doc: model as SspDoc, level: model.level?.value, score, poams };
      for (const rule of RULES) {
        if (rule.appliesTo === 'ssp' || rule.appliesTo === 'any') run(rule, () => rule.check(ctx));
      }
      return { parsed, findings: sortFindings(withoutImplied(findings, model)), score, poams, today: day };
    }
    const ssp = linkedSsp(uri, model);
    const ctx: PoamContext = { uri, today: day, warningDays, report, doc: model, level: model.level?.value, ssp };
    for (const rule of RULES) {
      if (rule.appliesTo === 'poam' || rule.appliesTo === 'any') run(rule, () => rule.check(ctx));
    }
    return { parsed, findings: sortFindings(withoutImplied(findings, model)), score: ssp.state === 'ok' ? ssp.score : undefined, ssp, today: day };
  }

  return {
    parse,
    analyze,
    linksReady,
    prepareLinks,
    links,
    validate: (uri) => analyze(uri)?.findings ?? [],
    today,
    settings,
    release(uri, all) {
      analyses.delete(uri);
      if (all || cache.get(uri)?.parsed?.kind !== 'ssp') cache.delete(uri);
    },
    forget(uri) {
      if (uri) {
        cache.delete(uri);
        analyses.delete(uri);
        links.touch(uri);
      } else {
        cache.clear();
        analyses.clear();
        links.reset();
      }
    },
  };
}

function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.code.localeCompare(b.code));
}

function firstLine(e: unknown): string {
  return String((e as Error)?.message ?? e).split('\n')[0];
}

/**
 * The parse of a document whose parser threw: still ours when its name or its text says so,
 * with one `syntax` finding instead of diagnostics that silently vanish.
 */
function crashedParse(uri: string, text: string, e: unknown): ParsedDocument | undefined {
  const syntax = syntaxOf(uri);
  const kind = kindFromName(uri) ?? (/^(?:---\s*\n)?kind:\s*['"]?(ssp|poam)\b/m.exec(text)?.[1] as 'ssp' | 'poam' | undefined);
  if (!syntax || !kind) return undefined;
  const message = `The checker failed on this document (an internal error, please report it: ${firstLine(e)}); it is not checked further.`;
  return { uri, text, kind, syntax, findings: [{ code: 'syntax', severity: 'error', message, span: { start: 0, end: Math.min(1, text.length) } }] };
}
