/**
 * What the OSCAL export and import share: our property namespace, the OSCAL version, the date
 * conversion (OSCAL dates need a time zone), property helpers and the warning list.
 */
import { parseDay } from '../documents/dates';

export const OSCAL_VERSION = '1.1.3';
/** The namespace of every property we add (`ns` on OSCAL props). */
export const CMMC_NS = 'https://cmmc-as-code.example/ns/oscal';
/** Where the catalog and profiles generated from our catalog are published (and shipped in dist/oscal/). */
export const CMMC_OSCAL_BASE = 'https://cmmc-as-code.example/oscal/';
/** Marks every text we had to put where OSCAL requires one and the document has none. */
export const DEFAULT_MARK = '(cmmc-check default)';

/** The profile of a level: the file name in dist/oscal/ and the published address. */
export function profileName(level: number): string {
  return `cmmc-level-${level}-profile.json`;
}

export interface OscalProp {
  name: string;
  value: string;
  ns?: string;
  class?: string;
}

/** What an export or import could not carry over, one line each (printed on stderr). */
export type Warnings = string[];

const OSCAL_STRING = /^\S(.*\S)?$/u;

/** Can `value` be an OSCAL string (one line, no surrounding spaces)? Names, ids and prop values must be. */
export function isOscalString(value: unknown): value is string {
  return typeof value === 'string' && OSCAL_STRING.test(value);
}

/**
 * One of our properties, or undefined when there is no value. A value that cannot be an OSCAL
 * property value (line breaks, blank) is left out with a warning.
 */
export function cmmcProp(name: string, value: unknown, warnings: Warnings, where: string): OscalProp | undefined {
  if (value === undefined || value === null) return undefined;
  const text = String(value);
  if (!OSCAL_STRING.test(text)) {
    if (text.trim() !== '') warnings.push(`${where}: ${name} has line breaks or surrounding spaces, which an OSCAL property cannot hold; left out`);
    return undefined;
  }
  return { name, ns: CMMC_NS, value: text };
}

/** Drop the undefined entries; undefined when nothing is left (OSCAL arrays need an item). */
export function list<T>(items: readonly (T | undefined)[]): T[] | undefined {
  const out = items.filter((x): x is T => x !== undefined);
  return out.length > 0 ? out : undefined;
}

/** The first value of one of our props. */
export function ourProp(props: unknown, name: string): string | undefined {
  return ourProps(props, name)[0];
}

/** Every value of one of our props, in order. */
export function ourProps(props: unknown, name: string): string[] {
  if (!Array.isArray(props)) return [];
  return props.filter((p) => p && p.ns === CMMC_NS && p.name === name && typeof p.value === 'string').map((p) => p.value as string);
}

/**
 * `YYYY-MM-DD` as an OSCAL date-time (midnight UTC), or undefined when it is not a real day OSCAL
 * can hold (OSCAL's pattern accepts the years 1900 to 2999 only).
 */
export function oscalDate(day: unknown): string | undefined {
  if (typeof day !== 'string' || parseDay(day) === undefined) return undefined;
  const year = Number(day.slice(0, 4));
  if (year < 1900 || year > 2999) return undefined;
  return `${day}T00:00:00Z`;
}

/**
 * A date field for the export: the OSCAL date-time, or undefined with a warning when the value
 * is present but impossible (an impossible date is left out, never guessed).
 */
export function exportDate(day: unknown, warnings: Warnings, where: string): string | undefined {
  if (day === undefined || day === null) return undefined;
  const out = oscalDate(day);
  if (!out) warnings.push(`${where}: "${String(day)}" is not a calendar date OSCAL can hold; left out`);
  return out;
}

/** The calendar day (`YYYY-MM-DD`) of an OSCAL date-time as written (its own time zone). */
export function dayOf(dateTime: unknown): string | undefined {
  if (typeof dateTime !== 'string') return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(dateTime);
  return m && parseDay(m[1]) !== undefined ? m[1] : undefined;
}

/** A plain object (a YAML mapping), or undefined. */
export function obj(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** A string value, or undefined. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The text of a markup field that we filled with a default: undefined, so the import does not bring it back. */
export function unlessDefault(value: unknown): string | undefined {
  return typeof value === 'string' && !value.endsWith(DEFAULT_MARK) ? value : undefined;
}

/**
 * The OSCAL `last-modified` of a document: its latest real date (an SSP's `date` first), else
 * the Unix epoch, which the metadata then marks as a default. Never the clock, so re-exports match.
 */
export function lastModified(preferred: unknown, dates: readonly unknown[]): { value: string; isDefault: boolean } {
  const p = oscalDate(preferred);
  if (p) return { value: p, isDefault: false };
  const valid = dates
    .map(oscalDate)
    .filter((d): d is string => d !== undefined)
    .sort();
  return valid.length > 0 ? { value: valid[valid.length - 1], isDefault: false } : { value: '1970-01-01T00:00:00Z', isDefault: true };
}

/** A control id for the catalog and for references: the practice id in lower case, made a valid OSCAL token. */
export function controlId(practice: string): string {
  const lower = practice
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}._-]/gu, '_');
  return /^(\p{L}|_)/u.test(lower) ? lower : `_${lower}`;
}

/** One of our properties holding a date as written (`YYYY-MM-DD`); an impossible date is left out with a warning. */
export function dateProp(name: string, day: unknown, warnings: Warnings, where: string): OscalProp | undefined {
  return exportDate(day, warnings, `${where} ${name}`) ? cmmcProp(name, day, warnings, where) : undefined;
}
