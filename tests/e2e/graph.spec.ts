// The Access graph as a person uses it: open the default account's graph, ask who can read the
// bucket, find a node, click an edge for its proof, use the table view and the drawing by
// keyboard, follow a path to admin and apply the proposed fix; the page talks only to its own
// origin (fixtures.ts) and passes an axe check; screenshots at two sizes in both themes.
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { openGraph, shotDir } from './graph.helpers';

test.describe.configure({ timeout: 90_000 });

const BUCKET = 'arn:aws:s3:::playground-photos';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('the default account: who can read the bucket, find a node, an edge and its proof, no axe violation', async ({
  page,
}) => {
  await openGraph(page);
  const summary = page.getByTestId('graph-summary');
  await expect(summary).toContainText('13 principals');
  await expect(summary).toContainText('19 resources');

  // The preset asks the worker; the answer is a table, and its nodes are outlined in the drawing.
  await page.getByRole('button', { name: 'Who can read playground-photos' }).click();
  const answer = page.getByTestId('graph-answer');
  await expect(answer.getByRole('heading')).toHaveText('Who can read playground-photos');
  await expect(answer.locator('tbody tr td:first-child')).toHaveText(['admin', 'bob', 'root (playground)']);
  await expect(page.getByRole('button', { name: 'Access', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator(`[data-node="res:${BUCKET}"]`)).toHaveClass(/\bhit\b/);

  // The question box says what it did not understand.
  await page.getByLabel('Ask a question').fill('what can mallory do');
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
  await expect(answer.getByRole('alert')).toHaveText('there is no principal `mallory` in this account');

  // Search selects its hit and shows it in the side panel.
  await page.getByLabel('Find a node by name or ARN').fill('bob');
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  const details = page.getByTestId('graph-details');
  await expect(details.getByRole('heading', { level: 2 })).toHaveText('bob');
  await expect(details).toContainText('arn:aws:iam::111122223333:user/bob');

  // An edge of bob's, from the side panel: its proof, decided by the engine.
  await details.getByRole('button', { name: 'bob → playground-photos', exact: true }).click();
  await expect(details.getByRole('heading', { level: 2 })).toHaveText('bob → playground-photos');
  const proof = page.getByTestId('graph-proof');
  await expect(proof).toContainText('Allow');
  await expect(proof.getByRole('button', { name: 'Open in workbench' }).first()).toBeVisible();

  expect(await seriousViolations(page)).toEqual([]);

  // Escape closes the panel.
  await page.keyboard.press('Escape');
  await expect(details.getByRole('heading', { level: 2 })).toHaveText('Details');
});

test('by keyboard: Tab into the drawing, arrows between nodes, Enter selects; the table view of the same data', async ({
  page,
}) => {
  await openGraph(page);
  await page.getByRole('button', { name: 'Access', exact: true }).click();
  // The first node takes the focus; ArrowDown goes to the next principal in its column.
  const first = page.locator('[data-node][tabindex="0"]');
  await expect(first).toHaveAttribute('data-node', 'arn:aws:iam::111122223333:user/admin');
  await first.focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('[data-node]:focus')).toHaveAttribute('data-node', 'arn:aws:iam::111122223333:user/alice');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('graph-details').getByRole('heading', { level: 2 })).toHaveText('alice');

  // The table view: reached and opened by keyboard, one row per access level.
  const toggle = page.getByTestId('graph-table-toggle');
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const table = page.getByTestId('graph-table');
  await expect(table).toBeVisible();
  await expect(table.locator('tbody tr')).toHaveCount(263);
  const row = table.locator('tbody tr').filter({ hasText: 'bob' }).filter({ hasText: 'playground-photos' }).first();
  await row.getByRole('button').first().focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('graph-proof')).toContainText('Allow');
});

test('screenshots at 1440×900 and 390×844, light and dark: nothing wider than the page', async ({ page }) => {
  test.setTimeout(120_000);
  mkdirSync(shotDir, { recursive: true });
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  await openGraph(page);
  await page.getByRole('button', { name: 'Access', exact: true }).click();
  await page.locator(`[data-node="arn:aws:iam::111122223333:user/bob"]`).click();
  for (const [w, h] of [
    [1440, 900],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
      await page.getByRole('button', { name: 'Fit', exact: true }).click();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(w);
      await page.screenshot({ path: `${shotDir}/graph-${w}x${h}-${theme}.png`, fullPage: true });
    }
  }
});
