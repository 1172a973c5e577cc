/**
 * The guard every end-to-end test runs under: the page may talk only to its own origin, every
 * response must succeed, and no console error or uncaught page error may happen. A test that
 * trips any of these fails with the list of what went wrong.
 */
import { test as base, expect } from '@playwright/test';

export interface PageProblems {
  offOrigin: string[];
  failed: string[];
  consoleErrors: string[];
  pageErrors: string[];
}

export const test = base.extend<{ problems: PageProblems }>({
  problems: [
    async ({ page, context, baseURL }, use) => {
      const origin = new URL(baseURL ?? 'http://127.0.0.1:4173').origin;
      const problems: PageProblems = { offOrigin: [], failed: [], consoleErrors: [], pageErrors: [] };
      context.on('request', (req) => {
        const url = req.url();
        if (url.startsWith('data:') || url.startsWith('blob:')) return;
        if (new URL(url).origin !== origin) problems.offOrigin.push(url);
      });
      context.on('response', (res) => {
        if (res.status() >= 400) problems.failed.push(`${res.status()} ${res.url()}`);
      });
      context.on('requestfailed', (req) => {
        const url = req.url();
        // A navigation the test itself abandons is not a failure of the page.
        if (req.failure()?.errorText === 'net::ERR_ABORTED') return;
        problems.failed.push(`${req.failure()?.errorText ?? 'failed'} ${url}`);
      });
      page.on('console', (msg) => {
        if (msg.type() === 'error') problems.consoleErrors.push(msg.text());
      });
      page.on('pageerror', (err) => problems.pageErrors.push(err.message));
      await use(problems);
      expect(problems, 'the page stayed on its origin, with no failed request and no error').toEqual({
        offOrigin: [],
        failed: [],
        consoleErrors: [],
        pageErrors: [],
      });
    },
    { auto: true },
  ],
});

export { expect };
