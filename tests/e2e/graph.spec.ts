// The Access graph as a person uses it: open the default account's graph, ask who can read the
// bucket, find a node, click an edge for its proof, use the table view and the drawing by
// keyboard, follow a path to admin and apply the proposed fix; the page talks only to its own
// origin (fixtures.ts) and passes an axe check; screenshots at two sizes in both themes.
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { openGraph, shotDir, useWorld } from './graph.helpers';
import { escalationDemoWorld } from '../../src/graph/testdata/demo';

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
  await page.getByRole('button', { name: 'Who can read playground-photos?' }).click();
  const answer = page.getByTestId('graph-answer');
  await expect(answer.getByRole('heading')).toHaveText('3 principals can read playground-photos');
  await expect(answer.locator('tbody tr td:first-child')).toHaveText(['admin', 'bob', 'root (playground)']);
  await expect(page.getByRole('button', { name: 'Access', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator(`[data-node="res:${BUCKET}"]`)).toHaveClass(/\bhit\b/);

  // The question box says what it did not understand.
  await page.getByLabel('Ask a question').fill('what can mallory do');
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
  await expect(answer.getByRole('alert')).toContainText('mallory');

  // Search selects its hit and shows it in the side panel.
  await page.getByLabel('Find a node by name or ARN').fill('bob');
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  const details = page.getByTestId('graph-details');
  await expect(details.locator('#graph-details-title')).toHaveText('bob');
  await expect(details).toContainText('arn:aws:iam::111122223333:user/bob');

  // An edge of bob's, from the side panel: its proof, decided by the engine.
  await details.getByRole('button', { name: 'bob → playground-photos', exact: true }).click();
  await expect(details.locator('#graph-details-title')).toHaveText('bob → playground-photos');
  const proof = page.getByTestId('graph-proof');
  await expect(proof.getByTestId('proof-decision').first()).toHaveText('Allowed');
  await expect(proof.getByTestId('proof-deciding').first()).toBeVisible();
  await expect(proof.getByTestId('proof-workbench').first()).toBeVisible();

  expect(await seriousViolations(page)).toEqual([]);

  // Escape closes the panel.
  await page.keyboard.press('Escape');
  await expect(details.locator('#graph-details-title')).toHaveText('Details');
});

test('by keyboard: Tab into the drawing, arrows between nodes, Enter selects; the table view of the same data', async ({
  page,
}) => {
  await openGraph(page);
  await page.getByRole('button', { name: 'Access', exact: true }).click();
  // One node takes the focus; an arrow key goes to its neighbour in the column, Enter selects it.
  await expect(page.locator(`[data-node="res:${BUCKET}"]`)).toBeVisible();
  const first = page.locator('[data-node][tabindex="0"]');
  const start = await first.getAttribute('data-node');
  await first.focus();
  const focused = page.locator('[data-node]:focus');
  await page.keyboard.press('ArrowDown');
  if ((await focused.getAttribute('data-node')) === start) await page.keyboard.press('ArrowUp');
  await expect(focused).not.toHaveAttribute('data-node', start!);
  const label = ((await focused.getAttribute('aria-label')) ?? '').split(',')[0]!;
  await page.keyboard.press('Enter');
  await expect(page.locator('#graph-details-title')).toHaveText(label);

  // The table view: reached and opened by keyboard, one row per access level.
  const toggle = page.getByTestId('graph-table-toggle');
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const table = page.getByTestId('graph-table');
  await expect(table).toBeVisible();
  await expect(table.locator('tbody tr')).toHaveCount(269);
  const row = table.locator('tbody tr').filter({ hasText: 'bob' }).filter({ hasText: 'playground-photos' }).first();
  await row.getByRole('button').first().focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('graph-proof').getByTestId('proof-decision').first()).toHaveText('Allowed');
});

test('a world with a path to admin: follow it, see its proof, apply the fix and see the path gone', async ({
  page,
}) => {
  await useWorld(page, escalationDemoWorld());
  await openGraph(page);
  await expect(page.getByTestId('graph-reach')).toHaveText('1 principal can reach admin');
  // The paths view: deployer → ops-admin → Admin, the step labelled with its technique.
  await expect(
    page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Paths to admin' }),
  ).toHaveAttribute('aria-pressed', 'true');
  const step = page.locator(
    '[data-edge="step:arn:aws:iam::111122223333:user/deployer>arn:aws:iam::111122223333:role/ops-admin"]',
  );
  await expect(step).toContainText('iam:PassRole+ec2:RunInstances');
  await expect(page.locator('[data-edge="admin:arn:aws:iam::111122223333:role/ops-admin"]')).toBeVisible();
  // Asking gives the path as a table.
  await page.getByLabel('Ask a question').fill('can deployer reach admin');
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
  await expect(page.getByTestId('graph-answer').locator('tbody tr')).toHaveCount(1);

  // Click the step: the proof has each action it needs, decided by the engine.
  await step.locator('.hit').click({ force: true });
  const details = page.getByTestId('graph-details');
  await expect(details.locator('#graph-details-title')).toHaveText('deployer → ops-admin');
  const proof = page.getByTestId('graph-proof');
  const pass = proof.getByTestId('proof-action').filter({ hasText: 'iam:PassRole' });
  await expect(pass.getByTestId('proof-decision')).toHaveText('Allowed');
  await expect(pass.getByTestId('proof-deciding')).toContainText('PassAnyRole');
  const run = proof.getByTestId('proof-action').filter({ hasText: 'ec2:RunInstances' });
  await expect(run.getByTestId('proof-decision')).toHaveText('Allowed');
  await expect(run.getByTestId('proof-deciding')).toContainText('Launch');

  // The fix: proposed, applied, recomputed: no path left.
  const fix = page.getByTestId('graph-fix');
  await fix.getByTestId('graph-fix-propose').click();
  await expect(fix.getByTestId('graph-fix-changes')).toContainText('deployer');
  await fix.getByTestId('graph-fix-apply').click();
  await expect(fix.getByTestId('graph-fix-result')).toContainText('No path to admin is left');
  await expect(page.getByTestId('graph-reach')).toHaveText('0 principals can reach admin');
  await expect(page.getByTestId('graph-notice')).toContainText('no path to admin is left');
  await expect(step).toHaveCount(0);

  // Kept in the Account, the fix survives a reload: the graph opens on the fixed world.
  await page.getByRole('button', { name: 'Keep the fix in the Account' }).click();
  await expect(page.getByTestId('graph-notice')).toContainText('The fixed world is now the Account’s');
  await page.waitForFunction(() => (localStorage.getItem('iamplay.account') ?? '').includes('iamplay-escalation-fix'));
  await page.reload();
  await expect(page.getByTestId('graph-summary')).toBeVisible({ timeout: 45_000 });
  await expect(page.getByTestId('graph-reach')).toHaveText('0 principals can reach admin');
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
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `${shotDir}/graph-${w}x${h}-${theme}.png`, fullPage: true });
    }
  }
});
