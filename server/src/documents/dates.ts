/**
 * Calendar days without time zones. A day is an integer count of days since 1970-01-01, so the
 * 180-day clock is plain integer arithmetic.
 */

export const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** The day number of a `YYYY-MM-DD` text, or undefined when it is not of that form or no real day. */
export function parseDay(text: string): number | undefined {
  if (!DATE_SHAPE.test(text)) return undefined;
  const y = Number(text.slice(0, 4));
  const m = Number(text.slice(5, 7));
  const d = Number(text.slice(8, 10));
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
}

/** `YYYY-MM-DD` of a day number. */
export function formatDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Today's day number on this machine's local calendar (the user's "today"). */
export function localToday(now = new Date()): number {
  return Math.round(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / 86_400_000);
}
