/**
 * The `cmmc.*` settings as a client sends them (the `cmmc` configuration section, a pushed
 * `settings.cmmc`, or initializationOptions for clients such as Neovim), checked: what is valid
 * is kept, what is not is named in a warning and left out (the default applies).
 */
import { parseDay } from '../documents/dates';
import type { Settings } from '../analysis/analyzer';
import { isRegulatoryError, type RuleLevel } from '../config/config';
import { ruleFor } from '../rules';

const LEVELS: readonly string[] = ['off', 'information', 'warning', 'error'];

export interface ServerSettings extends Settings {
  /** `cmmc.trace.server`: off | messages | verbose (verbose logs each check and its time). */
  readonly trace?: string;
  /**
   * initializationOptions.yamlServer: another YAML language server (Red Hat's) validates the
   * contributed schemas in this client, so YAML syntax/schema findings and schema completions
   * of the files it covers are left to it.
   */
  readonly yamlServer?: boolean;
}

/** Read settings from a client object; `where` prefixes the names in warnings (`cmmc.`). */
export function readSettings(raw: unknown, where: string): { settings: ServerSettings; warnings: string[] } {
  const warnings: string[] = [];
  if (!raw || typeof raw !== 'object') return { settings: {}, warnings };
  const r = raw as Record<string, unknown>;
  const out: { today?: string; closeoutWarningDays?: number; trace?: string; rules?: Record<string, RuleLevel>; yamlServer?: boolean } = {};
  if (typeof r.today === 'string') {
    // Empty means "the machine's date".
    if (r.today === '' || parseDay(r.today) !== undefined) out.today = r.today;
    else warnings.push(`ignoring ${where}today "${r.today}": write a real date as YYYY-MM-DD`);
  } else if (r.today !== undefined && r.today !== null) {
    warnings.push(`ignoring ${where}today ${JSON.stringify(r.today)}: write a real date as YYYY-MM-DD`);
  }
  const days = r.closeoutWarningDays;
  if (typeof days === 'number' && Number.isFinite(days) && days >= 0) out.closeoutWarningDays = Math.floor(days);
  else if (days !== undefined && days !== null) warnings.push(`ignoring ${where}closeoutWarningDays ${JSON.stringify(days)}: use a whole number of days`);
  const trace = (r.trace as Record<string, unknown> | undefined)?.server ?? r['trace.server'];
  if (typeof trace === 'string') out.trace = trace;
  if (typeof r.yamlServer === 'boolean') out.yamlServer = r.yamlServer;
  const rules = readRules(r.rules, where, warnings);
  if (rules) out.rules = rules;
  return { settings: out, warnings };
}

/** `cmmc.rules`: {code: off|information|warning|error}; unknown codes, bad levels and lowered regulatory errors are named and left out. */
function readRules(raw: unknown, where: string, warnings: string[]): Record<string, RuleLevel> | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    warnings.push(`ignoring ${where}rules: write an object {code: off|information|warning|error}`);
    return undefined;
  }
  const out: Record<string, RuleLevel> = {};
  for (const [code, level] of Object.entries(raw as Record<string, unknown>)) {
    const rule = ruleFor(code);
    if (!rule) warnings.push(`ignoring ${where}rules.${code}: no such code`);
    else if (typeof level !== 'string' || !LEVELS.includes(level))
      warnings.push(`ignoring ${where}rules.${code} ${JSON.stringify(level)}: use off, information, warning or error`);
    else if (isRegulatoryError(rule) && level !== 'error')
      warnings.push(`ignoring ${where}rules.${code}: it enforces 32 CFR ${rule.paragraphs[0]} and stays an error`);
    else out[code] = level as RuleLevel;
  }
  return out;
}
