// UI smoke test through the browser: open the findings POA&M from the Explorer, hover a red
// squiggle, read the Problems panel, and save screenshots for the README.
//   NODE_PATH=.e2e/tools/node_modules node test/e2e/ui-test.js http://127.0.0.1:PORT WORKSPACE OUT_DIR
const fs = require('fs');
const path = require('path');
const { launch } = require('./browser');

const [base, folder, outDir] = process.argv.slice(2);

(async () => {
  fs.mkdirSync(outDir, { recursive: true });
  const browser = await launch();
  const { page } = browser;
  try {
    await page.goto(`${base}/?folder=${encodeURIComponent(folder)}`);
    await page.waitForSelector('.monaco-workbench .part.editor', { timeout: 60000 });
    await page.getByRole('treeitem', { name: 'findings' }).click();
    await page.getByRole('treeitem', { name: 'widgets.poam.yaml' }).click();
    await page.waitForSelector('.tabs-container .tab.active[aria-label*="widgets.poam.yaml"]', { timeout: 20000 });
    // The editor re-renders its decorations when diagnostics arrive: find the squiggle afresh
    // for each try instead of holding an element that may be replaced.
    let hover = '';
    for (let attempt = 1; !hover; attempt++) {
      try {
        await page.locator('.editor-instance .squiggly-error').first().hover({ force: true, timeout: 60000 });
        hover = await page.locator('.monaco-hover-content').first().innerText({ timeout: 5000 });
      } catch (e) {
        if (attempt >= 5) throw e;
        await page.waitForTimeout(300);
      }
    }
    console.log('HOVER:', hover.replace(/\s+/g, ' ').slice(0, 300));
    await page.screenshot({ path: path.join(outDir, 'hover.png') });
    await page.keyboard.press('Escape');
    // The quick-fix menu on the item without a deadline (line 13: `- id: POAM-01`).
    await page.keyboard.press('Control+g');
    await page.keyboard.type('13:12');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+.');
    const menu = await page.waitForSelector('.action-widget', { timeout: 20000 }).catch(() => null);
    if (menu) {
      const items = await page.$$eval('.action-widget .action-list-item, .action-widget .monaco-list-row', (rows) => rows.map((r) => r.innerText.trim()));
      console.log('QUICK FIXES:', JSON.stringify(items.slice(0, 6)));
      await page.screenshot({ path: path.join(outDir, 'quickfix.png') });
    } else {
      console.log('QUICK FIXES: the menu did not open (screenshot skipped)');
    }
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Shift+M');
    await page.waitForSelector('.markers-panel .monaco-list-row', { timeout: 20000 });
    await page.waitForTimeout(500); // let the panel render every row before the screenshot
    const problems = await page.$$eval('.markers-panel .monaco-list-row', (rows) => rows.map((r) => r.innerText.replace(/\s+/g, ' ').trim()));
    console.log('PROBLEMS:', JSON.stringify(problems.slice(0, 12)));
    await page.screenshot({ path: path.join(outDir, 'problems.png') });
    const ok = problems.some((p) => p.includes('poam-practice-excluded')) && problems.some((p) => p.includes('170.21'));
    console.log(ok ? 'UI smoke test passed' : 'UI smoke test FAILED: our findings are not in the Problems panel');
    process.exitCode = ok ? 0 : 1;
  } catch (e) {
    console.error('UI test error:', e.message.split('\n')[0]);
    await page.screenshot({ path: path.join(outDir, 'ui-failure.png') }).catch(() => undefined);
    process.exitCode = 1;
  } finally {
    await browser.close();
  }
})();
