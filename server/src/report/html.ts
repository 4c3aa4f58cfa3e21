/**
 * The readiness report as one self-contained HTML page: inline CSS (light and dark through
 * prefers-color-scheme, a print style), inline SVG charts from charts.ts, a table behind every
 * chart, no script, no font, no request of any kind (a content security policy says so too).
 * The editor's webview passes a nonce for its own policy; the file on disk needs none.
 */
import { esc, familyBars, gauge, timelineChart } from './charts';
import type { Report, ReportSet, Timeline } from './model';
import { counted } from '../domain/verdict';

export interface HtmlOptions {
  /** The webview's nonce: the style element carries it and the policy allows only it. */
  readonly nonce?: string;
}

/** The light palette: the default, and always on paper (whatever the screen's scheme). */
const LIGHT = `--bg:#f6f7f9;--card:#fff;--fg:#1d2330;--muted:#5b6475;--border:#dde1e8;--accent:#2f6fdb;--ok:#1f8a4c;--okbg:#e6f5ec;
--bad:#c62f2f;--badbg:#fdecec;--warn:#b86e00;--warnbg:#fff4e0;--track:#e4e7ed;--window:#eef3fc`;

const CSS = `
:root{${LIGHT}}
@media (prefers-color-scheme:dark){:root{--bg:#15181e;--card:#1e222a;--fg:#e6e9ef;--muted:#9aa3b2;--border:#323846;--accent:#6ea1ff;
--ok:#4cc383;--okbg:#163222;--bad:#ff6b6b;--badbg:#3a1d1f;--warn:#f0a640;--warnbg:#3a2c14;--track:#2c323d;--window:#1d2840}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Ubuntu,sans-serif}
main{max-width:1120px;margin:0 auto;padding:24px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:21px;margin:0}h3{font-size:15px;margin:0 0 10px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
.sub{color:var(--muted);margin:0 0 18px}
section.set{margin:0 0 36px}
.sethead{display:flex;justify-content:space-between;align-items:baseline;gap:12px;flex-wrap:wrap;margin-bottom:10px}
.files{color:var(--muted);font-size:13px}
.verdict{border-radius:10px;padding:14px 18px;margin:0 0 16px;font-size:18px;font-weight:600;border:1px solid var(--border)}
.verdict small{display:block;font-size:13px;font-weight:400;color:var(--muted);margin-top:2px}
.v-final,.v-conditional{background:var(--okbg);border-color:var(--ok)}.v-not-eligible{background:var(--badbg);border-color:var(--bad)}
.v-unknown{background:var(--warnbg);border-color:var(--warn)}
.grid{display:grid;grid-template-columns:300px 1fr;gap:16px;margin-bottom:16px}
.card{background:var(--card);border:1px solid var(--border);border-radius:10px;padding:16px 18px;margin-bottom:16px;break-inside:avoid}
.grid>.card,.stack>.card:last-child{margin-bottom:0}
.chart{display:block;width:100%;height:auto}
.gauge{max-width:260px;margin:0 auto}
.bars{max-width:560px}
.split{display:grid;grid-template-columns:minmax(0,1.1fr) minmax(0,1fr);gap:24px;align-items:start}
table.compact{margin-top:0;font-size:12.5px}table.compact td,table.compact th{padding:2.5px 8px}tr.hot td{font-weight:600}
table{border-collapse:collapse;width:100%;font-size:13.5px;margin-top:8px}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--border);vertical-align:top}
th{color:var(--muted);font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
code{font:12.5px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.pill{display:inline-block;border-radius:999px;padding:0 8px;font-size:12px;font-weight:600;border:1px solid currentColor}
.s-overdue{color:var(--bad)}.s-late{color:var(--warn)}.s-open{color:var(--accent)}.s-completed{color:var(--ok)}
.forced{color:var(--bad);font-weight:600}
ul.blockers{list-style:none;margin:0;padding:0}
ul.blockers li{padding:8px 0;border-bottom:1px solid var(--border)}ul.blockers li:last-child{border:0}
.cite{color:var(--muted);font-size:13px}
.ok{color:var(--ok);font-weight:600}
dl.sprs{display:grid;grid-template-columns:max-content 1fr;gap:6px 18px;margin:0}
dl.sprs dt{color:var(--muted)}dl.sprs dd{margin:0;font-weight:600}
.note{color:var(--muted);font-size:13px}
details summary{cursor:pointer;color:var(--accent);font-size:13px;margin-top:8px}
.g-track{stroke:var(--track)}.g-ok{stroke:var(--ok)}.g-bad{stroke:var(--bad)}.g-tick{stroke:var(--fg)}
.g-value{fill:var(--fg);font-size:44px;font-weight:700}.g-max,.g-end,.g-ticklabel{fill:var(--muted);font-size:13px}.g-ticklabel{font-weight:700;fill:var(--fg)}
.b-label{fill:var(--fg);font:600 13px ui-monospace,Menlo,Consolas,monospace}.b-track{fill:var(--track)}.b-open{fill:var(--bad)}
.b-value{fill:var(--muted);font-size:12px}.b-value-open{fill:var(--fg);font-weight:600}
.t-window{fill:var(--window)}.t-grid{stroke:var(--border);stroke-width:1}.t-month{fill:var(--muted);font-size:11px}
.t-start,.t-close{stroke:var(--fg);stroke-width:1.5}.t-close{stroke:var(--bad);stroke-dasharray:5 3}.t-today{stroke:var(--accent);stroke-width:2}
.t-start-label,.t-close-label{fill:var(--fg);font-size:11.5px;font-weight:600}.t-close-label{fill:var(--bad)}
.t-today-label{fill:var(--accent);font-size:11.5px;font-weight:700}
.t-label{fill:var(--fg);font-size:12.5px}.t-none{fill:var(--muted);font-size:12px;font-style:italic}
.t-bar{opacity:.35}.t-open{fill:var(--accent)}.t-completed{fill:var(--ok)}.t-overdue{fill:var(--bad)}.t-late{fill:var(--warn)}
circle.t-deadline{opacity:1}.t-overdue-text{fill:var(--bad);font-weight:700}.t-late-text{fill:var(--warn);font-weight:700}
.t-check{stroke:var(--ok)}.t-ms{stroke:var(--card)}.t-ms-done{fill:var(--ok)}.t-ms-open{fill:var(--accent)}
.t-ms-overdue{fill:var(--bad)}.t-ms-late{fill:var(--warn)}
.legend{display:flex;gap:14px;flex-wrap:wrap;font-size:12.5px;color:var(--muted);margin-top:6px}
@media (max-width:760px){.grid,.split{grid-template-columns:1fr}}
@media print{:root{${LIGHT};--bg:#fff;--card:#fff;--fg:#000;--muted:#444;--border:#bbb;--track:#e6e6e6;--window:#f0f4fb}
body{font-size:11pt}main{max-width:none;padding:0}.card{border-color:#bbb}section.set{break-before:page}section.set:first-of-type{break-before:auto}
details>summary{display:none}details::details-content{content-visibility:visible;display:block}}
`;

/** Render the whole report. */
export function renderHtml(report: Report, options: HtmlOptions = {}): string {
  const style = options.nonce ? `'nonce-${options.nonce}'` : "'unsafe-inline'";
  const csp = `default-src 'none'; style-src ${style}; img-src data:; script-src 'none'; base-uri 'none'; form-action 'none'`;
  const sets = report.sets.length
    ? report.sets.map((s, i) => renderSet(s, i, report.today)).join('\n')
    : '<p class="card">No SSP or POA&amp;M document was found.</p>';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>CMMC readiness report</title>
<style${options.nonce ? ` nonce="${esc(options.nonce)}"` : ''}>${CSS}</style>
</head>
<body>
<main>
<h1>CMMC readiness report</h1>
<p class="sub">As of ${esc(report.today)} · ${counted(report.sets.length, 'document set')} · scored under 32 CFR 170.24, Conditional status under 170.21</p>
${sets}
<p class="note">Made by cmmc-check from the documents alone. It is not an assessment: an assessor (or, for a
self-assessment, the organization) decides each requirement.</p>
</main>
</body>
</html>
`;
}

function renderSet(s: ReportSet, index: number, today: string): string {
  const files = [s.ssp?.file, ...s.poams.map((p) => p.file)]
    .filter(Boolean)
    .map((f) => `<code>${esc(f!)}</code>`)
    .join(' · ');
  const issues = [s.ssp, ...s.poams]
    .filter((d) => d && (d.errors || d.warnings))
    .map((d) => `${esc(d!.file)}: ${counted(d!.errors, 'error')}, ${counted(d!.warnings, 'warning')}`);
  const id = `set${index + 1}`;
  return `<section class="set" id="${id}" aria-labelledby="${id}-title">
<div class="sethead"><h2 id="${id}-title">${esc(s.title)}${s.score ? ` · Level ${s.score.level}` : ''}</h2><span class="files">${files}</span></div>
<div class="verdict v-${s.verdict.kind}" role="status">${esc(s.verdict.line)}
${issues.length ? `<small>Findings in the documents: ${issues.join('; ')}</small>` : ''}</div>
${s.score ? `<div class="grid">${scoreCard(s)}<div class="stack">${blockersCard(s)}${s.path ? pathCard(s) : ''}</div></div>` : ''}
${s.families.length ? familiesCard(s) : ''}
${s.timelines.map((t) => timelineCard(t, today)).join('\n')}
${sprsCard(s)}
</section>`;
}

function scoreCard(s: ReportSet): string {
  const sc = s.score!;
  const rows: [string, string | number][] =
    sc.level === 1
      ? [
          ['Requirements met', sc.score],
          ['Needed (all)', sc.max],
          ['Still open', sc.open],
        ]
      : [
          ['Score', sc.score],
          ['Conditional threshold', `${sc.threshold} (4/5 of ${sc.max})`],
          ['Maximum', sc.max],
          [sc.level === 2 ? 'Points open' : 'Requirements open', sc.open],
        ];
  return `<div class="card"><h3>Score</h3>${gauge(sc)}
<table aria-label="Score"><tbody>${rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td class="num">${esc(v)}</td></tr>`).join('')}</tbody></table></div>`;
}

function blockersCard(s: ReportSet): string {
  if (!s.blockers.length) {
    return `<div class="card"><h3>Blockers</h3><p class="ok">None: every requirement not met may be deferred to the POA&amp;M.</p>
<p class="note">32 CFR 170.21(a) lists what may not be deferred: requirements worth more than 1 point (SC.L2-3.13.11 aside), and the excluded ones.</p></div>`;
  }
  const items = s.blockers.map(
    (b) => `<li><code>${esc(b.id)}</code> ${esc(b.title)} ${b.points ? `<span class="pill s-overdue">${esc(counted(b.points, 'point'))}</span>` : ''}<br>
<span>${esc(b.reason)}</span> <span class="cite">— ${esc(b.citation)}</span></li>`,
  );
  const status = s.score?.level === 1 ? 'Final Level 1' : 'Conditional';
  return `<div class="card"><h3>Blockers: ${counted(s.blockers.length, 'requirement')} to meet before ${status} status</h3>
<ul class="blockers">${items.join('\n')}</ul></div>`;
}

function pathCard(s: ReportSet): string {
  const p = s.path!;
  const target = p.target === 'final' ? 'Final Level 1' : 'Conditional';
  if (p.none) {
    const why = s.verdict.kind === 'final' ? 'every requirement is met' : `the SSP is already ${target} eligible at ${p.reaches}`;
    return `<div class="card"><h3>Path to ${target}</h3><p class="ok">Nothing needed: ${why}.</p></div>`;
  }
  const rows = p.steps.map(
    (st) =>
      `<tr><td><code>${esc(st.id)}</code></td><td>${esc(st.title)}</td><td class="num">${st.points}</td>` +
      `<td>${st.forced ? '<span class="forced">must be met</span>' : 'reaches the threshold'}</td></tr>`,
  );
  return `<div class="card"><h3>Path to ${target}</h3>
<p>Meet these ${counted(p.steps.length, 'requirement')} (${counted(p.points, 'point')} of work) and the score reaches
<strong>${p.reaches}</strong> of ${s.score?.max} (needed: ${p.needed}). It is the smallest such set: fewest points, then fewest requirements.</p>
<table><thead><tr><th>Requirement</th><th>Title</th><th class="num">Points</th><th>Why</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function familiesCard(s: ReportSet): string {
  const unit = s.score?.level === 2 ? 'Points' : 'Requirements';
  const rows = s.families.map(
    (f) =>
      `<tr${f.pointsOpen ? ' class="hot"' : ''}><td><code>${esc(f.code)}</code> ${esc(f.name)}</td>` +
      `<td class="num">${f.notMet} of ${f.requirements}</td><td class="num">${f.pointsOpen} / ${f.pointsMax}</td></tr>`,
  );
  const open = s.families.reduce((a, f) => a + f.pointsOpen, 0);
  return `<div class="card"><h3>${unit} open by family · ${open} in all</h3>
<div class="split">${familyBars(s.families, unit)}
<table class="compact" aria-label="${unit} open by family">
<thead><tr><th>Family</th><th class="num">Not met</th><th class="num">${unit} open</th></tr></thead><tbody>${rows.join('')}</tbody></table></div></div>`;
}

const STATE_TEXT = { open: 'open', completed: 'completed', overdue: 'overdue', late: 'after closeout' } as const;

function timelineCard(t: Timeline, today: string): string {
  const rows = t.items.map((it) => {
    const ms = it.milestones
      .map(
        (m) =>
          `${m.done ? '✓' : m.overdue ? '⚠' : '○'} ${esc(m.task)}${m.due ? ` (${esc(m.due)})` : ''}` +
          `${m.overdue ? ' <span class="s-overdue">overdue</span>' : ''}`,
      )
      .join('<br>');
    const status = `<span class="pill s-${it.state}">${STATE_TEXT[it.state]}</span>${it.completed ? ` ${esc(it.completed)}` : ''}`;
    const head = `<td><code>${esc(it.id)}</code></td><td><code>${esc(it.practice ?? '')}</code></td><td>${esc(it.deadline ?? 'none')}</td>`;
    return `<tr>${head}<td>${status}</td><td>${ms || '—'}</td></tr>`;
  });
  const window = t.start
    ? `Conditional status ${esc(t.start)} → closeout ${esc(t.closeout!)} (day 180)`
    : 'No valid conditional_status_date: the 180-day window is unknown';
  return `<div class="card"><h3>POA&amp;M timeline · <code>${esc(t.file)}</code></h3>
<p class="note">${window}</p>
${t.items.length ? timelineChart(t, today) : '<p>No items.</p>'}
<div class="legend"><span class="s-open">■ open</span><span class="s-overdue">■ overdue</span><span class="s-late">■ deadline after closeout</span>
<span class="s-completed">■ completed</span><span>◆ milestone</span><span class="s-open">│ today</span></div>
<table><thead><tr><th>Item</th><th>Practice</th><th>Deadline</th><th>Status</th><th>Milestones</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function sprsCard(s: ReportSet): string {
  const r = s.sprs;
  const unset = '<span class="note">not in the documents</span>';
  const fields: [string, string][] = [
    ['Assessment date', r.assessmentDate ? esc(r.assessmentDate) : unset],
    ['Score', r.score === undefined ? unset : `${r.score}${r.max ? ` of ${r.max}` : ''}${r.level ? ` (Level ${r.level})` : ''}`],
    ['Scope', r.scope ? esc(r.scope) : unset],
    [
      'Plan of action completion date',
      r.planOfActionDate
        ? `${esc(r.planOfActionDate)} <span class="note">(latest deadline of an open item)</span>`
        : '<span class="note">no open POA&amp;M item</span>',
    ],
    ['SSP name', r.sspName ? esc(r.sspName) : unset],
    ['SSP version date', r.sspDate ? esc(r.sspDate) : unset],
    ['CAGE codes', r.cageCodes ? esc(r.cageCodes.join(', ')) : unset],
  ];
  return `<div class="card"><h3>SPRS summary</h3>
<dl class="sprs">${fields.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('')}</dl>
<p class="note">What the tool cannot know, to check before entering the assessment in SPRS:</p>
<ul class="note">${r.cannotKnow.map((c) => `<li>${esc(c)}</li>`).join('')}</ul></div>`;
}
