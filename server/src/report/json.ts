/**
 * The readiness report as JSON for other tools: the same numbers as the HTML (it is the report
 * model itself, dates as `YYYY-MM-DD`), under a format name and version.
 */
import type { Report } from './model';

/** The JSON document: `{ format, version, today, sets: [...] }`. */
export function renderJson(report: Report): string {
  return `${JSON.stringify({ format: 'cmmc-readiness-report', version: 1, ...report }, null, 2)}\n`;
}
