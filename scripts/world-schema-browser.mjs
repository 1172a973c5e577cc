#!/usr/bin/env node
// `node scripts/world-schema-browser.mjs`: checks the world schema in Monaco in real Chromium (the
// dev server serves tests/harness/world-schema.html): squiggles on a world file and none on a
// policy document, completion of the world's keys, hover text, and no request off the page's
// origin. Prints what it saw; exits 1 when something is missing. PORT (default 4182) picks the port.
import { chromium } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const port = Number(process.env.PORT ?? 4182);
const root = fileURLToPath(new URL('..', import.meta.url));
const server = await createServer({ root, server: { port, strictPort: true }, logLevel: 'error' });
await server.listen();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--disable-gpu', '--disable-dev-shm-usage', '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'],
});
const origin = `http://127.0.0.1:${port}`;
const foreign = [];
const problems = [];
try {
  const page = await browser.newPage();
  page.on('request', (r) => {
    if (!/^(data|blob):/.test(r.url()) && !r.url().startsWith(origin)) foreign.push(r.url());
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(`${origin}/tests/harness/world-schema.html`);
  const markersOf = (which) =>
    page.evaluate(
      (w) =>
        window.harness.monaco.editor
          .getModelMarkers({ resource: window.harness[w].uri })
          .map((m) => `${m.startLineNumber}:${m.startColumn} ${m.message}`),
      which,
    );
  await page.waitForFunction(
    () => window.harness?.monaco.editor.getModelMarkers({ resource: window.harness.model.uri }).length > 0,
    null,
    { timeout: 30_000 },
  );
  const world = await markersOf('model');
  const policy = await markersOf('policy');
  console.log('squiggles on the world file:', world);
  console.log('squiggles on the policy document:', policy);
  if (!world.includes('3:3 Property user is not allowed.')) problems.push('no squiggle for the unknown key');
  if (policy.length > 0) problems.push('the policy document got world squiggles');

  await page.evaluate(() => {
    const { editor, model } = window.harness;
    model.setValue('{\n  "accounts": []\n  \n}');
    editor.setPosition({ lineNumber: 3, column: 3 });
    editor.focus();
    editor.trigger('check', 'editor.action.triggerSuggest', {});
  });
  await page.waitForSelector('.suggest-widget .monaco-list-row', { timeout: 15_000 });
  const suggestions = await page.$$eval('.suggest-widget .monaco-list-row', (rows) =>
    rows.map((r) => (r.getAttribute('aria-label') ?? '').replace(/, Property$/, '')),
  );
  console.log('completion:', suggestions);
  if (!suggestions.includes('users')) problems.push('no completion of `users`');
  await page.keyboard.press('Escape');

  await page.evaluate(() => {
    const { editor } = window.harness;
    editor.setPosition({ lineNumber: 2, column: 6 });
    editor.trigger('check', 'editor.action.showHover', {});
  });
  await page.waitForSelector('.monaco-hover-content', { timeout: 15_000 });
  const hover = await page.$eval('.monaco-hover-content', (h) => h.textContent);
  console.log('hover:', hover);
  if (!hover?.includes('The AWS accounts of the world.')) problems.push('no hover text');
  console.log('requests off the origin:', foreign);
  if (foreign.length > 0) problems.push('a request left the page origin');
} finally {
  await browser.close();
  await server.close();
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('ok');
