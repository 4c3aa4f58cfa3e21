/**
 * The `cmmc.*` settings as a client sends them (the `cmmc` configuration section, a pushed
 * `settings.cmmc`, or initializationOptions for clients such as Neovim), checked: what is valid
 * is kept, what is not is named in a warning and left out (the default applies).
 */
import { parseDay } from '../documents/dates';
import type { Settings } from '../analysis/analyzer';

export interface ServerSettings extends Settings {
  /** `cmmc.trace.server`: off | messages | verbose (verbose logs each check and its time). */
  readonly trace?: string;
}

/** Read settings from a client object; `where` prefixes the names in warnings (`cmmc.`). */
export function readSettings(raw: unknown, where: string): { settings: ServerSettings; warnings: string[] } {
  const warnings: string[] = [];
  if (!raw || typeof raw !== 'object') return { settings: {}, warnings };
  const r = raw as Record<string, unknown>;
  const out: { today?: string; closeoutWarningDays?: number; trace?: string } = {};
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
  return { settings: out, warnings };
}
