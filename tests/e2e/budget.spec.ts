// The first page must stay small: at most 150 kB of JavaScript gzipped, and no Monaco in it
// (Monaco and the action catalogue load lazily, when the workbench needs them).
import { gzipSync } from 'node:zlib';
import { test, expect } from './fixtures';

const BUDGET = 150 * 1024;

test('the first page loads at most 150 kB of JavaScript gzipped, none of it Monaco', async ({ page }) => {
  const scripts = new Map<string, Buffer>();
  page.on('response', async (res) => {
    if (res.request().resourceType() === 'script') scripts.set(res.url(), await res.body());
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.waitForLoadState('networkidle');

  expect(scripts.size).toBeGreaterThan(0);
  let gz = 0;
  for (const [url, body] of scripts) {
    gz += gzipSync(body, { level: 9 }).length;
    expect(url).not.toMatch(/monaco|editor\.worker|json\.worker/i);
    // Monaco's own code names its module ids; none of that may be in the first page.
    expect(body.toString('utf8')).not.toContain('vs/editor/');
  }
  test.info().annotations.push({
    type: 'first-page-js-gzip',
    description: `${(gz / 1024).toFixed(1)} kB in ${scripts.size} files`,
  });
  console.log(`first page JavaScript: ${(gz / 1024).toFixed(1)} kB gzipped in ${scripts.size} files`);
  expect(gz).toBeLessThanOrEqual(BUDGET);
});
