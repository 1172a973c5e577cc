/**
 * Run by `npm run bench:ui`, not by `npm test`: the access relation of 1,000 principals × about
 * 10,000 resources (the bench's generated world, `scripts/bench/graph-entry.ts`), built in the
 * page's real Web Worker, as a person gets it by opening the Access graph on that account. Prints
 * the figures the worker reports; asserts no timing.
 */
import { test, expect } from './fixtures';
import { useWorld } from './graph.helpers';
import { benchWorld } from '../../scripts/bench/graph-entry';

test('the access relation of 1,000 principals × 10,000 resources, in the worker', async ({ page }) => {
  test.setTimeout(300_000);
  const world = benchWorld();
  console.log(`    the world: ${(JSON.stringify(world).length / 1e6).toFixed(1)} MB of JSON`);
  await useWorld(page, world);
  await page.goto('/graph');
  const summary = page.getByTestId('graph-summary');
  const failed = page.getByText('The graph could not be computed');
  await expect(summary.or(failed)).toBeVisible({ timeout: 240_000 });
  if (await failed.isVisible()) console.log(`    the page did not finish: ${await failed.innerText()}`);
  await expect(summary).toBeVisible({ timeout: 1 });
  const relation = Number(await summary.getAttribute('data-relation-ms'));
  const escalations = Number(await summary.getAttribute('data-escalation-ms'));
  const text = (await summary.innerText()).replace(/\s+/g, ' ');
  const unreadable = await page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.includes('unreadable'))
      .map((k) => (localStorage.getItem(k) ?? '').slice(0, 600)),
  );
  if (unreadable.length) console.log(`    the saved world was not read: ${unreadable.join(' | ')}`);
  console.log(
    `    in the worker: access relation ${relation} ms, escalations ${escalations} ms (target for the relation: < 2000 ms)`,
  );
  console.log(`    the page says: ${text}`);
  // The figure is of the bench world, not of a default account the page fell back to.
  expect(text).toContain('1,004 principals');
});
