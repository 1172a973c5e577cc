#!/usr/bin/env node
// Takes screenshots of the app's pages at desktop and phone sizes in both themes, for a person to
// look at: node scripts/screenshots.mjs [baseURL] [outDir] [path...]
import { chromium } from '@playwright/test';
import { mkdirSync } from 'node:fs';

const base = process.argv[2] ?? 'http://127.0.0.1:4173';
const out = process.argv[3] ?? '/tmp/shots';
const paths = process.argv.slice(4).length ? process.argv.slice(4) : ['/', '/workbench', '/flows'];
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--disable-gpu', '--disable-dev-shm-usage', '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'],
});
for (const [size, viewport] of [
  ['desktop', { width: 1440, height: 900 }],
  ['phone', { width: 390, height: 844 }],
]) {
  for (const scheme of ['light', 'dark']) {
    const page = await browser.newPage({ viewport, colorScheme: scheme });
    for (const p of paths) {
      await page.goto(base + p);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(400);
      const name = `${out}/${size}-${scheme}${p.replace(/\//g, '_') || '_'}.png`;
      await page.screenshot({ path: name });
      console.log(name);
    }
    await page.close();
  }
}
await browser.close();
