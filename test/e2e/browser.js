// Headless Debian chromium through playwright-core, as E2E.md proved on these machines.
const { chromium } = require('playwright-core');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

async function launch() {
  const udd = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-chromium-'));
  const ctx = await chromium.launchPersistentContext(udd, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    ctx,
    page: ctx.pages()[0] || (await ctx.newPage()),
    async close() {
      await ctx.close().catch(() => undefined);
      fs.rmSync(udd, { recursive: true, force: true });
    },
  };
}

module.exports = { launch };
