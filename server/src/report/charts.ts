/**
 * The report's charts as inline SVG, drawn here (no library): the score gauge, the points open
 * per family, and the POA&M timeline. Colours come from CSS classes of the page (light, dark and
 * print themes); every chart is an image with a title and a label, with a table beside it in html.ts.
 */
import { formatDay, parseDay } from '../documents/dates';
import type { FamilyRow, ReportSet, Timeline } from './model';

/** Escape text for HTML and SVG. */
export function esc(s: string | number): string {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const n1 = (x: number) => (Math.round(x * 10) / 10).toString();

function svg(width: number, height: number, label: string, body: string, cls: string): string {
  const open = `<svg class="chart ${cls}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(label)}" xmlns="http://www.w3.org/2000/svg">`;
  return `${open}<title>${esc(label)}</title>${body}</svg>`;
}

/** The score as a half-circle gauge from 0 to the maximum, with the threshold marked. */
export function gauge(score: NonNullable<ReportSet['score']>): string {
  const { score: value, max, threshold, level } = score;
  const cx = 130;
  const cy = 128;
  const r = 100;
  const at = (f: number) => {
    const t = Math.PI * (1 - Math.max(0, Math.min(1, f)));
    return { x: cx + r * Math.cos(t), y: cy - r * Math.sin(t) };
  };
  const arc = (f: number) => {
    const a = at(0);
    const b = at(f);
    return `M ${n1(a.x)} ${n1(a.y)} A ${r} ${r} 0 0 1 ${n1(b.x)} ${n1(b.y)}`;
  };
  const passing = level === 1 ? value === max : value >= threshold;
  const f = Math.max(0, value) / max;
  const tick = (frac: number, inner: number, outer: number) => {
    const t = Math.PI * (1 - frac);
    const [c, s] = [Math.cos(t), Math.sin(t)];
    return `x1="${n1(cx + inner * c)}" y1="${n1(cy - inner * s)}" x2="${n1(cx + outer * c)}" y2="${n1(cy - outer * s)}"`;
  };
  const tl = at(threshold / max);
  const label =
    level === 1
      ? `Level 1: ${value} of ${max} requirements met; all ${max} are needed`
      : `Score ${value} of ${max}; Conditional needs ${threshold}${passing ? ' (reached)' : ` (${threshold - value} short)`}`;
  const body = [
    `<path class="g-track" d="${arc(1)}" fill="none" stroke-width="20" stroke-linecap="butt"/>`,
    f > 0 ? `<path class="${passing ? 'g-ok' : 'g-bad'}" d="${arc(f)}" fill="none" stroke-width="20" stroke-linecap="butt"/>` : '',
    `<line class="g-tick" ${tick(threshold / max, r - 16, r + 16)} stroke-width="3"/>`,
    `<text class="g-ticklabel" x="${n1(tl.x + (tl.x >= cx ? 10 : -10))}" y="${n1(tl.y - 14)}" text-anchor="${tl.x >= cx ? 'start' : 'end'}">`,
    `${threshold}</text>`,
    `<text class="g-value" x="${cx}" y="${cy - 22}" text-anchor="middle">${value}</text>`,
    `<text class="g-max" x="${cx}" y="${cy}" text-anchor="middle">of ${max}${level === 1 ? ' met' : ''}</text>`,
    `<text class="g-end" x="${cx - r}" y="${cy + 18}" text-anchor="middle">0</text>`,
    `<text class="g-end" x="${cx + r}" y="${cy + 18}" text-anchor="middle">${max}</text>`,
  ].join('');
  return svg(260, 150, label, body, 'gauge');
}

/** Points open per family as horizontal bars: the track is the family's points, the fill what is open. */
export function familyBars(rows: readonly FamilyRow[], unit: string): string {
  const top = Math.max(1, ...rows.map((r) => r.pointsMax));
  const labelW = 44;
  const barW = 360;
  const rowH = 22;
  const height = rows.length * rowH + 6;
  const label = `${unit} open per family: ${
    rows
      .filter((r) => r.pointsOpen > 0)
      .map((r) => `${r.code} ${r.pointsOpen}`)
      .join(', ') || 'none'
  }`;
  const body = rows.map((r, i) => {
    const y = 3 + i * rowH;
    const track = (r.pointsMax / top) * barW;
    const fill = r.pointsMax ? (r.pointsOpen / r.pointsMax) * track : 0;
    return [
      `<text class="b-label" x="0" y="${y + 15}">${esc(r.code)}</text>`,
      `<rect class="b-track" x="${labelW}" y="${y + 4}" width="${n1(track)}" height="14" rx="2"/>`,
      fill > 0 ? `<rect class="b-open" x="${labelW}" y="${y + 4}" width="${n1(Math.max(fill, 2))}" height="14" rx="2"/>` : '',
      `<text class="b-value${r.pointsOpen ? ' b-value-open' : ''}" x="${n1(labelW + track + 6)}" y="${y + 15}">`,
      `${r.pointsOpen ? `${r.pointsOpen} open` : '0'} / ${r.pointsMax}</text>`,
    ].join('');
  });
  return svg(labelW + barW + 80, height, label, body.join(''), 'bars');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The POA&M timeline: the 180-day window, each item's deadline and milestones, today marked. */
export function timelineChart(t: Timeline, today: string): string {
  const day = (d?: string) => (d === undefined ? undefined : parseDay(d));
  const start = day(t.start);
  const close = day(t.closeout);
  const now = parseDay(today)!;
  const points: number[] = [now];
  for (const d of [start, close]) if (d !== undefined) points.push(d);
  for (const it of t.items) {
    for (const d of [day(it.deadline), day(it.completed), ...it.milestones.map((m) => day(m.due))]) if (d !== undefined) points.push(d);
  }
  const lo = Math.min(...points) - 4;
  const hi = Math.max(...points) + 4;
  const left = 200;
  const width = 920;
  const right = width - 20;
  const x = (d: number) => left + ((d - lo) / (hi - lo)) * (right - left);
  const rowH = 30;
  const top = 46;
  const height = top + Math.max(1, t.items.length) * rowH + 12;
  const parts: string[] = [];
  if (start !== undefined && close !== undefined) {
    parts.push(`<rect class="t-window" x="${n1(x(start))}" y="${top - 6}" width="${n1(x(close) - x(start))}" height="${height - top - 2}"/>`);
  }
  // Month ticks on the first of each month.
  const first = new Date(lo * 86_400_000);
  for (let y = first.getUTCFullYear(), m = first.getUTCMonth() + 1; ; m++) {
    if (m > 11) {
      m = 0;
      y++;
    }
    const d = Date.UTC(y, m, 1) / 86_400_000;
    if (d > hi) break;
    parts.push(`<line class="t-grid" x1="${n1(x(d))}" y1="${top - 8}" x2="${n1(x(d))}" y2="${height - 8}"/>`);
    parts.push(`<text class="t-month" x="${n1(x(d) + 3)}" y="${top - 12}">${MONTHS[m]}${m === 0 ? ` ${y}` : ''}</text>`);
  }
  // A marker's label is centred on its line, or ends (starts) there near the right (left) edge.
  const marker = (d: number, cls: string, text: string, row: number) => {
    const at = x(d);
    const anchor = at > right - 110 ? 'end' : at < left + 110 ? 'start' : 'middle';
    const line = `<line class="${cls}" x1="${n1(at)}" y1="${top - 8}" x2="${n1(at)}" y2="${height - 8}"/>`;
    return `${line}<text class="${cls}-label" x="${n1(at)}" y="${12 + row * 13}" text-anchor="${anchor}">${esc(text)}</text>`;
  };
  if (start !== undefined) parts.push(marker(start, 't-start', `Conditional ${formatDay(start)}`, 0));
  if (close !== undefined) parts.push(marker(close, 't-close', `Day 180 closeout ${formatDay(close)}`, 0));
  parts.push(marker(now, 't-today', `Today ${today}`, 1));
  t.items.forEach((it, i) => {
    const y = top + i * rowH + rowH / 2;
    parts.push(`<text class="t-label t-${it.state}-text" x="0" y="${y + 4}">${esc(it.id)}${it.practice ? ` · ${esc(it.practice)}` : ''}</text>`);
    const due = day(it.deadline);
    const from = start ?? due;
    if (due !== undefined && from !== undefined) {
      parts.push(
        `<rect class="t-bar t-${it.state}" x="${n1(x(Math.min(from, due)))}" y="${y - 6}" ` +
          `width="${n1(Math.max(3, Math.abs(x(due) - x(from))))}" height="12" rx="3"/>`,
      );
      parts.push(`<circle class="t-deadline t-${it.state}" cx="${n1(x(due))}" cy="${y}" r="5"/>`);
    } else {
      parts.push(`<text class="t-none" x="${left + 4}" y="${y + 4}">no valid deadline</text>`);
    }
    const done = day(it.completed);
    if (done !== undefined) parts.push(`<path class="t-check" d="M ${n1(x(done) - 5)} ${y} l 4 4 l 7 -9" fill="none" stroke-width="2.5"/>`);
    for (const m of it.milestones) {
      const md = day(m.due);
      if (md === undefined) continue;
      const cls = m.done ? 't-ms-done' : m.overdue ? 't-ms-overdue' : close !== undefined && md > close ? 't-ms-late' : 't-ms-open';
      parts.push(
        `<path class="t-ms ${cls}" d="M ${n1(x(md))} ${y - 7} l 6 7 l -6 7 l -6 -7 z" stroke-width="1.5">` +
          `<title>${esc(`${m.task}: due ${m.due}${m.done ? ', done' : m.overdue ? ', overdue' : ''}`)}</title></path>`,
      );
    }
  });
  const counts = (['overdue', 'late', 'open', 'completed'] as const)
    .map((s) => [s, t.items.filter((it) => it.state === s).length] as const)
    .filter(([, c]) => c > 0);
  const window = t.start ? `Conditional status ${t.start}, closeout ${t.closeout}` : 'no conditional status date';
  const tally = counts.length ? ` (${counts.map(([s, c]) => `${c} ${s}`).join(', ')})` : '';
  const label = `POA&M timeline of ${t.file}: ${window}; today ${today}; ${t.items.length} items${tally}`;
  return svg(width, height, label, parts.join(''), 'timeline');
}
