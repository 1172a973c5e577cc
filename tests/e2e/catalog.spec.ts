// The action catalogue reaches the browser compressed, fetched by the engine worker on first use
// and never by the first page.
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
  await expect.poll(() => fetched.length).toBe(1);
  expect(fetched[0].url).toMatch(/\/assets\/catalog\.json-[\w-]+\.gz$/);
  expect(fetched[0].bytes).toBeLessThan(700 * 1024);
});
