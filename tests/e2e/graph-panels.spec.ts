// The Access graph's panels through the real page: an edge's proof (the decision in words, the
// deciding statement) and its Open in workbench; the context panel's MFA switch turning a
// conditional edge into an always one and then into none; the table view sorted and filtered by
// keyboard; screenshots of the panels at two sizes in both themes.
import { mkdirSync } from 'node:fs';
import { defaultWorld } from '../../src/world/default-world';
import { test, expect } from './fixtures';
import { openGraph, shotDir, useWorld } from './graph.helpers';

test.describe.configure({ timeout: 120_000 });

/** The default world, with alice allowed to delete public photos only with MFA. */
function mfaWorld() {
  const w = defaultWorld();
  w.users!.find((u) => u.name === 'alice')!.inlinePolicies = [
    {
      name: 'S3Notes',
      document: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'DeleteWithMfa',
            Effect: 'Allow',
            Action: 's3:DeleteObject',
            Resource: 'arn:aws:s3:::playground-photos/public/*',
            Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
          },
        ],
      },
    },
  ];
  return w;
}

test('an edge’s proof: the decision in words, the deciding statement, its JSON; Open in workbench asks the same', async ({
  page,
}) => {
  await openGraph(page);
  await page.getByRole('button', { name: 'Access', exact: true }).click();
  await page.getByLabel('Find a node by name or ARN').fill('bob');
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  const details = page.getByTestId('graph-details');
  await details.getByRole('button', { name: 'bob → playground-photos', exact: true }).click();

  const proof = page.getByTestId('graph-proof');
  await expect(proof.getByRole('heading', { level: 3 })).toHaveText('bob → playground-photos');
  const first = proof.getByTestId('proof-action').first();
  await expect(first.getByRole('heading', { level: 4 })).toContainText('s3:ListBucket');
  await expect(first.getByTestId('proof-decision')).toHaveText('Allowed');
  await expect(first.getByTestId('proof-holds')).toHaveText('Holds always, whatever the open keys');
  await expect(first.getByTestId('proof-deciding')).toContainText('ReadOnlyActionsGroup2');
  await expect(first.getByTestId('proof-deciding')).toContainText(
    'the AWS managed policy ReadOnlyAccess of the group read-only',
  );
  await expect(first.getByTestId('proof-reasons').locator('li').first()).toHaveText(
    'Allowed by the statement ReadOnlyActionsGroup2 of the AWS managed policy ReadOnlyAccess of the group read-only',
  );
  // The bucket policy's statement that its s3:prefix condition stopped, with its condition row.
  const condition = first.getByTestId('proof-condition').filter({ hasText: 's3:prefix' });
  await expect(condition).toContainText('s3:prefix');
  await expect(condition).toContainText('Fails');
  await expect(condition).toContainText('absent');
  // The statement's JSON opens on demand.
  await first.getByText('The statement’s JSON').first().click();
  await expect(first.locator('pre.json').first()).toContainText('"Sid": "ReadOnlyActionsGroup2"');

  await first.getByTestId('proof-workbench').click();
  await expect(page).toHaveURL(/\/workbench/);
  await expect(page.getByTestId('decision')).toHaveAttribute('data-decision', 'Allow', { timeout: 30_000 });
  await expect(page.getByTestId('req-actions')).toHaveValue('s3:ListBucket');
  await expect(page.getByTestId('deciding')).toContainText('ReadOnlyActionsGroup2');
});

test('the context panel: MFA yes makes a conditional edge always, no removes it; the table by keyboard', async ({
  page,
}) => {
  await useWorld(page, mfaWorld());
  await openGraph(page);
  await page.getByRole('button', { name: 'Access', exact: true }).click();
  await page.getByTestId('graph-table-toggle').click();
  const table = page.getByTestId('graph-table');
  await expect(table).toBeVisible();

  // Filter by keyboard, then ArrowDown lands on the first row's Show proof.
  const filter = page.getByTestId('graph-table-filter');
  await filter.focus();
  await page.keyboard.type('alice welcome.txt write');
  const rows = table.getByTestId('graph-table-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Under a condition');
  await expect(page.getByTestId('graph-table-count')).toContainText(/^1 of \d+ rows$/);
  await page.keyboard.press('ArrowDown');
  await expect(rows.first().getByTestId('graph-table-show')).toBeFocused();
  await page.keyboard.press('Enter');
  const action = page.getByTestId('graph-proof').getByTestId('proof-action').first();
  await expect(action).toHaveAttribute('data-holds', 'conditional');
  await expect(action.getByTestId('proof-holds')).toHaveText(
    'Holds only under a condition on aws:MultiFactorAuthPresent',
  );
  await expect(action.getByTestId('proof-witness')).toContainText('Allowed');

  // MFA: yes, applied: the edge holds always.
  const context = page.getByTestId('graph-context');
  await context.getByTestId('graph-mfa-yes').check();
  await context.getByTestId('graph-context-apply').click();
  await expect(page.getByTestId('graph-context-summary')).toHaveText('MFA present');
  await expect(table.getByTestId('graph-table-row')).toHaveCount(1);
  await expect(table.getByTestId('graph-table-row').first()).toContainText('Always');

  // MFA: no: the edge is gone.
  await context.getByTestId('graph-mfa-no').check();
  await context.getByTestId('graph-context-apply').click();
  await expect(page.getByTestId('graph-context-summary')).toHaveText('no MFA');
  await expect(table.getByTestId('graph-table-row')).toHaveCount(0);
  await expect(table).toContainText('No row matches the filter.');

  // A bad source IP is refused with a precise message, and nothing is applied.
  await context.getByTestId('graph-source-ip').fill('300.1.2.3');
  await context.getByTestId('graph-context-apply').click();
  await expect(context.getByTestId('graph-source-ip-error')).toHaveText(
    '300 in 300.1.2.3 is above 255: each of the four parts is a number from 0 to 255',
  );
  await expect(context.getByTestId('graph-source-ip')).toBeFocused();
  await expect(page.getByTestId('graph-context-summary')).toHaveText('no MFA');

  // Reset: nothing fixed, the conditional edge is back; sort by a column by keyboard.
  await context.getByTestId('graph-context-reset').click();
  await expect(table.getByTestId('graph-table-row')).toHaveCount(1);
  await expect(table.getByTestId('graph-table-row').first()).toContainText('Under a condition');
  await filter.fill('welcome.txt write');
  await expect(table.getByTestId('graph-table-row').nth(1)).toBeVisible();
  const fromHeader = table.locator('thead th').first();
  await expect(fromHeader).toHaveAttribute('aria-sort', 'ascending');
  await table.getByTestId('graph-table-sort-from').focus();
  await page.keyboard.press('Enter');
  await expect(fromHeader).toHaveAttribute('aria-sort', 'descending');
  const firstNames = await table.getByTestId('graph-table-row').locator('th').allTextContents();
  expect(firstNames).toEqual([...firstNames].sort().reverse());
});

test('screenshots of the panels at 1440×900 and 390×844, light and dark', async ({ page }) => {
  mkdirSync(shotDir, { recursive: true });
  await useWorld(page, mfaWorld());
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  await openGraph(page);
  await page.getByRole('button', { name: 'Access', exact: true }).click();
  await page.getByTestId('graph-table-toggle').click();
  await page.getByTestId('graph-table-filter').fill('alice welcome.txt');
  await page.getByTestId('graph-table-show').first().click();
  await expect(page.getByTestId('proof-action').first()).toBeVisible();
  for (const [w, h] of [
    [1440, 900],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
      await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(w);
      await page.screenshot({ path: `${shotDir}/panels-${w}x${h}-${theme}.png`, fullPage: true });
      await page.getByTestId('graph-proof').screenshot({ path: `${shotDir}/panels-proof-${w}x${h}-${theme}.png` });
    }
  }
});
