// Runs the extension-host mocha suite (test/vscode) inside code-server's node extension host:
// the workbench URL payload carries extensionDevelopmentPath/extensionTestsPath (honoured with
// --vscode-option enable-smoke-test-driver); the result comes back through codeAutomationExit.
//   NODE_PATH=.e2e/tools/node_modules node test/e2e/ext-test.js http://127.0.0.1:PORT WORKSPACE EXT_DIR TESTS_ENTRY
const path = require('node:path');
const util = require('node:util');
const { launch } = require('./browser');

const [base, folder, devPath, testsPath] = process.argv.slice(2);
const remote = (p) => `vscode-remote://${new URL(base).host}${path.resolve(p)}`;

(async () => {
  const browser = await launch();
  let timer;
  try {
    const exit = new Promise((resolve) => {
      browser.page.exposeFunction('codeAutomationLog', (_type, args) => console.log(util.format(...(args || []))));
      browser.page.exposeFunction('codeAutomationExit', (code) => resolve(code));
    });
    const payload = [
      ['extensionDevelopmentPath', remote(devPath)],
      ['extensionTestsPath', remote(testsPath)],
    ];
    await browser.page.goto(`${base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const code = await Promise.race([exit, new Promise((r) => (timer = setTimeout(() => r('timeout'), 300000)))]);
    console.log(`extension tests exit code: ${code}`);
    process.exitCode = code === 0 ? 0 : 1;
  } catch (e) {
    console.error('ext-test error:', e.message.split('\n')[0]);
    process.exitCode = 1;
  } finally {
    clearTimeout(timer);
    await browser.close();
  }
})();
