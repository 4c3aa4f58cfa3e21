// UI smoke test through the browser: open the findings POA&M from the Explorer, hover a red
// squiggle, read the Problems panel, and save screenshots for the README.
//   NODE_PATH=.e2e/tools/node_modules node test/e2e/ui-test.js http://127.0.0.1:PORT WORKSPACE OUT_DIR
const fs = require('node:fs');
const path = require('node:path');
const { launch } = require('./browser');

const [base, folder, outDir] = process.argv.slice(2);

/** Put the cursor on 13:12 and open the quick-fix menu; returns its rows (empty when it never opened). */
async function openQuickFixMenu(page) {
  for (let attempt = 1; attempt <= 3; attempt++) {
    await page.keyboard.press('Escape');
    await page.locator('.editor-instance .monaco-editor textarea').first().focus();
    await page.keyboard.press('Control+g');
    const box = await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 10000 }).catch(() => null);
    if (!box) {
      console.log(`quick fix attempt ${attempt}: the go-to-line box did not open`);
      continue;
    }
    await page.keyboard.type('13:12');
    await page.keyboard.press('Enter');
    const placed = await page
      .waitForFunction(() => [...document.querySelectorAll('.statusbar-item')].some((e) => /Ln 13, Col 12/.test(e.textContent || '')), null, { timeout: 10000 })
      .then(() => true)
      .catch(() => false);
    if (!placed) {
      console.log(`quick fix attempt ${attempt}: the cursor did not reach 13:12`);
      continue;
    }
    await page.keyboard.press('Control+.');
    const menu = await page.waitForSelector('.action-widget', { timeout: 10000 }).catch(() => null);
    if (menu) return page.$$eval('.action-widget .action-list-item, .action-widget .monaco-list-row', (rows) => rows.map((r) => r.innerText.trim()));
    const said = await page
      .locator('.monaco-editor-overlaymessage')
      .first()
      .innerText({ timeout: 500 })
      .catch(() => '');
    console.log(`quick fix attempt ${attempt}: the menu did not open${said ? ` (the editor said: ${said.trim()})` : ''}`);
    await page.waitForTimeout(1000);
  }
  console.log('QUICK FIXES: the menu did not open after 3 attempts');
  return [];
}

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
    // Each step waits for what it needs instead of typing blind: the go-to-line box must be open
    // before the line is typed, the cursor must be on 13:12 before Ctrl+. (the status bar says
    // so). Even then, in the run of 2026-12-04 the first Ctrl+. opened no menu and the second did
    // (the extension tests show our server answering code actions at once, so the empty first
    // answer is on the editor side; its cause is not found). So the menu is asked for up to 3
    // times, each failed attempt logged with the editor's own message if it shows one. A menu
    // that never opens, or opens without our fix, FAILS the test.
    const menuItems = await openQuickFixMenu(page);
    console.log('QUICK FIXES:', JSON.stringify(menuItems.slice(0, 6)));
    await page.screenshot({ path: path.join(outDir, 'quickfix.png') });
    const fixOffered = menuItems.some((t) => /Insert deadline/.test(t));
    if (!fixOffered) console.log('UI smoke test FAILED: the quick-fix menu did not offer "Insert deadline"');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Shift+M');
    await page.waitForSelector('.markers-panel .monaco-list-row', { timeout: 20000 });
    await page.waitForTimeout(500); // let the panel render every row before the screenshot
    const problems = await page.$$eval('.markers-panel .monaco-list-row', (rows) => rows.map((r) => r.innerText.replace(/\s+/g, ' ').trim()));
    console.log('PROBLEMS:', JSON.stringify(problems.slice(0, 12)));
    await page.screenshot({ path: path.join(outDir, 'problems.png') });
    const ok = fixOffered && problems.some((p) => p.includes('poam-practice-excluded')) && problems.some((p) => p.includes('170.21'));
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
