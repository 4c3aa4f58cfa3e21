// The readiness report in a real browser: `cmmc-check report samples` opened from disk in
// headless chromium must load with no console error, no page error and no request other than
// its own file; it saves screenshots (light, dark) for the README:
// report.png (head and first set), report-widgets.png (a set with blockers), report-dark.png.
// Usage: node test/e2e/report-test.js <screenshots dir>   (dist/ must be built)
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { launch } = require('./browser');

const ROOT = path.resolve(__dirname, '../..');
const SHOTS = path.resolve(process.argv[2] || path.join(ROOT, 'test-results/screenshots'));

function fail(message) {
  console.error(`report-test: ${message}`);
  process.exitCode = 1;
}

async function main() {
  fs.mkdirSync(SHOTS, { recursive: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmmc-report-'));
  const out = path.join(dir, 'report.html');
  execFileSync(process.execPath, ['dist/cli.js', 'report', 'samples', '--today', '2025-05-01', '--out', out], { cwd: ROOT, stdio: 'inherit' });
  const url = `file://${out}`;
  const b = await launch();
  const problems = [];
  try {
    const { page } = b;
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      if (r.url() !== url) problems.push(`request: ${r.url()}`);
    });
    await page.setViewportSize({ width: 1200, height: 900 });
    await page.goto(url, { waitUntil: 'load' });
    const sections = await page.locator('section.set').count();
    if (sections !== 5) fail(`expected 5 document sets (acme YAML, acme markdown, widgets, the Level 3 lab, the unscored POA&M), saw ${sections}`);
    const svgs = await page.locator('svg[role="img"]').count();
    if (svgs < 9) fail(`expected at least 9 charts, saw ${svgs}`);
    // Every chart has a drawn size (it rendered), and the verdict lines are there.
    for (const box of await page.locator('svg.chart').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width))) {
      if (!(box > 100)) fail(`a chart rendered ${box} px wide`);
    }
    const verdicts = await page.locator('.verdict').allInnerTexts();
    if (!verdicts.some((v) => v.startsWith('Conditional Level 2 eligible: score 104 of 110'))) fail(`no acme verdict in ${JSON.stringify(verdicts)}`);
    if (!verdicts.some((v) => v.startsWith('Not Conditional eligible'))) fail(`no widgets verdict in ${JSON.stringify(verdicts)}`);
    // The README's pictures: the page head with the clean Acme set, and the Widgets set with its blockers.
    const first = await page.locator('section.set').first().boundingBox();
    await page.screenshot({
      path: path.join(SHOTS, 'report.png'),
      fullPage: true,
      clip: { x: 0, y: 0, width: 1200, height: Math.ceil(first.y + first.height + 8) },
    });
    const widgets = await page.locator('section.set', { hasText: 'Widgets Engineering Network' }).boundingBox();
    const pad = 24;
    await page.screenshot({
      path: path.join(SHOTS, 'report-widgets.png'),
      fullPage: true,
      clip: { x: widgets.x - pad, y: widgets.y - pad, width: widgets.width + 2 * pad, height: widgets.height + 2 * pad },
    });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: path.join(SHOTS, 'report-dark.png'), fullPage: false });
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    if (bg === 'rgb(246, 247, 249)') fail('dark mode did not change the background');
    await page.emulateMedia({ colorScheme: 'light', media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    if (pdf.length < 10_000) fail(`the printed report is only ${pdf.length} bytes`);
  } finally {
    await b.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  for (const p of problems) fail(p);
  if (!process.exitCode) console.log(`report-test: ok (screenshots in ${SHOTS})`);
}

main().catch((e) => {
  fail(e.stack || String(e));
});
