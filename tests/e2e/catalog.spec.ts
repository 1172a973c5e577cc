// The action catalogue reaches the browser compressed, fetched by the engine worker on first use
// and never by the first page, in two files: the lookups that deciding and validating need, and
// the descriptions that hover, completion and the request builder show.
import { test, expect } from './fixtures';

test('the worker fetches the catalogue gzipped, only when the workbench needs it', async ({ page }) => {
  const fetched: { url: string; bytes: number }[] = [];
  page.context().on('response', async (res) => {
    if (!/catalog/i.test(new URL(res.url()).pathname)) return;
    // Bytes on the wire: a server may send the .gz with Content-Encoding: gzip, which the browser
    // then decodes itself; either way, what travels is the compressed copy.
    await res.finished();
    fetched.push({ url: res.url(), bytes: (await res.request().sizes()).responseBodySize });
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(fetched).toEqual([]);

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Workbench' }).click();
  // The summary of the starting policy comes from the catalogue (access levels, service names).
  await expect(page.getByText('in Amazon S3').first()).toBeVisible();
  await expect.poll(() => fetched.length).toBe(2);
  const lookups = fetched.find((f) => /\/assets\/catalog\.json-[\w-]+\.gz$/.test(f.url));
  const docs = fetched.find((f) => /\/assets\/catalog-docs\.json-[\w-]+\.gz$/.test(f.url));
  expect(lookups?.bytes).toBeLessThan(300 * 1024);
  expect(docs?.bytes).toBeLessThan(300 * 1024);
});
