/**
 * `.cmmc.yaml`: the repository's settings, read the same way by the command line and the editor.
 * `rules: {code: off|information|warning|error}`, `closeoutWarningDays`, `ignore` (gitignore-style
 * globs relative to the file's folder). The file is parsed with the `yaml` package and validated
 * against schemas/cmmc-config.schema.json; every problem becomes a finding on its line of the
 * config (code `config-invalid`), and what is valid still applies. A regulatory error (an error
 * code citing 32 CFR 170.21(a)) may be raised but not lowered: such an entry is not applied and
 * gets a `config-regulatory` finding.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isMap, isNode, isPair, isScalar, parseDocument, type Document, type Node } from 'yaml';
import schema from '../../../schemas/cmmc-config.schema.json';
import type { Finding, Severity } from '../documents/findings';
import type { Span } from '../documents/tree';
import { RULES, ruleFor } from '../rules';
import type { RuleInfo } from '../rules/rule';
import { closest } from './closest';

/** The name of the configuration file. */
export const CONFIG_NAME = '.cmmc.yaml';

/** A level a configuration can give a code. */
export type RuleLevel = 'off' | Exclude<Severity, 'hint'>;

/** A parsed `.cmmc.yaml`: what applies, and the file's own problems. */
export interface CmmcConfig {
  /** The file, absolute; undefined for the empty configuration. */
  readonly path?: string;
  /** The folder `ignore` patterns are relative to. */
  readonly base?: string;
  readonly rules: ReadonlyMap<string, RuleLevel>;
  readonly closeoutWarningDays?: number;
  readonly ignore: readonly string[];
  /** Problems of the file itself (spans into `text`). */
  readonly findings: readonly Finding[];
  readonly text: string;
}

/** No configuration file. */
export const EMPTY_CONFIG: CmmcConfig = { rules: new Map(), ignore: [], findings: [], text: '' };

/** Codes a configuration cannot lower: error rules that cite 32 CFR 170.21(a). */
export function isRegulatoryError(rule: RuleInfo): boolean {
  return rule.severity === 'error' && rule.paragraphs.some((p) => p === '170.21(a)' || p.startsWith('170.21(a)('));
}

const RANK: Record<RuleLevel, number> = { off: 0, information: 1, warning: 2, error: 3 };

let validator: ValidateFunction | undefined;

/** Parse and check the text of a configuration file found at `path`. */
export function parseConfig(text: string, path?: string): CmmcConfig {
  const findings: Finding[] = [];
  // `origin` tells the editor which findings a YAML language server with the schema also gives.
  const invalid = (span: Span, message: string, origin?: 'syntax' | 'schema') =>
    findings.push({ code: 'config-invalid', severity: 'error', message, span, ...(origin ? { data: { origin } } : {}) });
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  for (const e of doc.errors) invalid({ start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1) }, `${e.message.split('\n')[0]}`, 'syntax');
  const base = path ? dirname(path) : undefined;
  const empty = { path, base, rules: new Map(), ignore: [], text, findings };
  if (doc.errors.length) return empty;
  const value: unknown = doc.toJS() ?? {};
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(schema);
  const bad = new Set<string>();
  if (!validator(value)) {
    for (const e of validator.errors ?? []) {
      const pointer = e.instancePath
        .split('/')
        .slice(1)
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
      let where = pointer;
      let what = e.message ?? 'is invalid';
      if (e.keyword === 'additionalProperties') {
        const extra = String((e.params as { additionalProperty: string }).additionalProperty);
        where = [...pointer, extra];
        const hint = closest(extra, ['rules', 'closeoutWarningDays', 'ignore']);
        what = `unknown setting "${extra}"${hint ? `: did you mean "${hint}"?` : ''} (allowed: rules, closeoutWarningDays, ignore)`;
      } else if (e.keyword === 'enum') {
        what = `must be one of ${((e.params as { allowedValues: string[] }).allowedValues ?? []).join(', ')}`;
      } else if (e.keyword === 'type' && pointer.length === 0) {
        what = 'must be a mapping of settings (rules, closeoutWarningDays, ignore)';
      } else if (e.keyword === 'propertyNames' || e.keyword === 'pattern') {
        continue; // reported below as an unknown code
      }
      bad.add(where.join('/'));
      const subject = e.keyword === 'additionalProperties' ? '' : `${where.join('.') || 'the file'} `;
      invalid(spanOf(doc, where, e.keyword === 'additionalProperties'), `${subject}${what}`, 'schema');
    }
  }
  const obj = (value && typeof value === 'object' && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
  const rules = new Map<string, RuleLevel>();
  const rawRules = obj.rules && typeof obj.rules === 'object' && !Array.isArray(obj.rules) ? (obj.rules as Record<string, unknown>) : {};
  for (const [code, level] of Object.entries(rawRules)) {
    if (bad.has(`rules/${code}`)) continue;
    const rule = ruleFor(code);
    if (!rule) {
      const hint = closest(code, knownCodes());
      invalid(spanOf(doc, ['rules', code], true), `unknown code "${code}"${hint ? `: did you mean "${hint}"?` : ''}`);
      continue;
    }
    const wanted = level as RuleLevel;
    if (isRegulatoryError(rule) && RANK[wanted] < RANK.error) {
      findings.push({
        code: 'config-regulatory',
        severity: 'error',
        message: `"${code}" stays an error: it enforces 32 CFR ${rule.paragraphs[0]}, which a configuration may raise but not lower or turn off`,
        span: spanOf(doc, ['rules', code], false),
        paragraph: rule.paragraphs[0],
      });
      continue;
    }
    rules.set(code, wanted);
  }
  const days = bad.has('closeoutWarningDays') ? undefined : obj.closeoutWarningDays;
  const ignore = Array.isArray(obj.ignore) && !bad.has('ignore') ? obj.ignore.filter((g): g is string => typeof g === 'string' && g !== '') : [];
  return { path, base, rules, closeoutWarningDays: typeof days === 'number' ? days : undefined, ignore, findings, text };
}

function knownCodes(): string[] {
  return RULES.map((r) => r.code);
}

/** The span of the node at `path` (its key when `key`), else the closest ancestor that exists. */
function spanOf(doc: Document, path: readonly string[], key: boolean): Span {
  for (let n = path.length; n >= 0; n--) {
    const parentPath = path.slice(0, Math.max(0, n - 1));
    const parent = n === 0 ? undefined : parentPath.length ? doc.getIn(parentPath, true) : doc.contents;
    if (n === 0) break;
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === path[n - 1]);
      if (pair) {
        const target = (n === path.length && key) || !isNode(pair.value) ? pair.key : pair.value;
        const range = isNode(target) ? (target as Node).range : undefined;
        if (range) return { start: range[0], end: Math.max(range[1], range[0] + 1) };
      }
    } else if (isNode(parent) && parentPath.length) {
      const child = doc.getIn(path.slice(0, n), true);
      if (isNode(child) && child.range) return { start: child.range[0], end: child.range[1] };
    }
  }
  const r = isNode(doc.contents) ? doc.contents.range : undefined;
  return r ? { start: r[0], end: Math.max(r[0] + 1, Math.min(r[1], r[0] + 1)) } : { start: 0, end: 0 };
}

/** The `.cmmc.yaml` of `dir` or the nearest parent folder that has one. */
export function findConfigFile(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    const candidate = join(d, CONFIG_NAME);
    try {
      if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    } catch {
      /* unreadable: keep looking up */
    }
    if (dirname(d) === d) return undefined;
  }
}
