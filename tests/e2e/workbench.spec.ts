import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures';
import { openWorkbench, replaceText, setActions } from './workbench.helpers';

test.describe('policy workbench', () => {
  test('adds AmazonS3ReadOnlyAccess from the library and answers Allow and Implicit deny', async ({ page }) => {
    await openWorkbench(page);
    await page.getByTestId('open-library').click();
    const library = page.getByTestId('library');
    await expect(library).toBeVisible();
    await page.getByTestId('library-search').fill('AmazonS3ReadOnlyAccess');
    await library.getByRole('button', { name: 'Add AmazonS3ReadOnlyAccess' }).click();
    await expect(library).toBeHidden();
    await expect(page.getByTestId('doc-tab').filter({ hasText: 'AmazonS3ReadOnlyAccess' })).toHaveAttribute('aria-current', 'true');
    // Only the managed policy in play: remove the starting example.
    await page.getByTestId('doc-tab').filter({ hasText: 'ReadReports' }).click();
    await page.getByRole('button', { name: 'Remove “ReadReports”' }).click();
    await expect(page.getByTestId('doc-tab')).toHaveCount(1);

    await page.getByTestId('req-resource').fill('arn:aws:s3:::amzn-s3-demo-bucket/photos/cat.jpg');
    await setActions(page, 's3:GetObject');
    await expect(page.getByTestId('decision')).toHaveAttribute('data-decision', 'Allow');
    await expect(page.getByTestId('deciding')).toContainText('statement 1 in “AmazonS3ReadOnlyAccess”');
    await expect(page.getByTestId('verdicts')).toContainText('Identity-based policies');

    await setActions(page, 's3:PutObject');
    await expect(page.getByTestId('decision')).toHaveAttribute('data-decision', 'ImplicitDeny');
    await expect(page.getByTestId('decision')).toContainText('Implicit deny');
    await expect(page.getByTestId('access-denied')).toHaveText(
      'AccessDenied: User: arn:aws:iam::111122223333:user/alice is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::amzn-s3-demo-bucket/photos/cat.jpg because no identity-based policy allows the s3:PutObject action',
    );

    // Several actions give a results table, like the policy simulator's.
    await setActions(page, 's3:GetObject, s3:PutObject');
    const table = page.getByTestId('results-table');
    await expect(table.getByRole('row', { name: /s3:GetObject/ })).toContainText('Allow');
    await expect(table.getByRole('row', { name: /s3:PutObject/ })).toContainText('Implicit deny');
  });

  test('a typed Deny statement gives Explicit deny, highlighted in its document', async ({ page }) => {
    await openWorkbench(page);
    await replaceText(
      page,
      `{
  "Version": "2012-10-17",
  "Statement": [
    { "Sid": "ReadReports", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*" },
    { "Sid": "NoQ3", "Effect": "Deny", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/2026/q3.csv" }
  ]
}
`,
    );
    await setActions(page, 's3:GetObject');
    await expect(page.getByTestId('decision')).toHaveAttribute('data-decision', 'ExplicitDeny');
    await expect(page.getByTestId('access-denied')).toContainText('with an explicit deny in an identity-based policy');
    await expect(page.getByTestId('deciding')).toContainText('“NoQ3” in “ReadReports”, line 5');
    // The statement is highlighted in the editor, and the deciding link selects it.
    await expect(page.locator('.wb-deciding-deny').first()).toBeVisible();
    await page.getByTestId('deciding').getByRole('button').click();
    await expect(page.locator('.monaco-editor .selected-text').first()).toBeVisible();
    // The flowchart stops at the explicit deny.
    await expect(page.locator('[data-step="explicit-deny"]')).toHaveAttribute('data-outcome', 'deny');
    await expect(page.locator('[data-step="decision"]')).toHaveAttribute('data-outcome', 'deny');
  });

  test('a misspelled action gets a squiggle and the "did you mean" fix', async ({ page }) => {
    await openWorkbench(page);
    await replaceText(
      page,
      `{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "*" }
  ]
}
`,
    );
    await expect(page.getByTestId('findings')).toContainText('s3:GetObjekt');
    await expect(page.locator(".monaco-editor .squiggly-warning, .monaco-editor .squiggly-error").first()).toBeVisible();
    // Put the cursor on the action and open the quick fixes (Ctrl+.).
    await page.getByTestId('policy-editor').locator('.view-line', { hasText: 'GetObjekt' }).getByText('GetObjekt').click();
    await page.keyboard.press('ControlOrMeta+.');
    const fix = page.locator('.action-widget').getByText(/s3:GetObject/);
    await expect(fix.first()).toBeVisible();
    await fix.first().click();
    await expect(page.getByTestId('policy-editor').locator('.view-lines')).toContainText('"s3:GetObject"');
    await expect(page.getByTestId('findings')).not.toContainText('GetObjekt');
  });

  test('a copied share link opens the same state and answer in a new page', async ({ page, context }) => {
    await openWorkbench(page);
    await replaceText(page, `{"Version":"2012-10-17","Statement":[{"Sid":"Shared","Effect":"Deny","Action":"s3:*","Resource":"*"}]}`);
    await setActions(page, 's3:ListBucket');
    await expect(page.getByTestId('decision')).toHaveAttribute('data-decision', 'ExplicitDeny');
    await page.getByTestId('share').click();
    const link = await page.getByTestId('share-link').inputValue();
    expect(link).toMatch(/\/workbench#s=1\.[A-Za-z0-9_-]+$/);

    const other = await context.newPage();
    await other.evaluate(() => localStorage.clear()).catch(() => {});
    await other.goto(link);
    await expect(other.getByTestId('policy-editor')).toHaveAttribute('data-state', 'ready');
    await expect(other.getByTestId('req-actions')).toHaveValue('s3:ListBucket');
    await expect(other.getByTestId('decision')).toHaveAttribute('data-decision', 'ExplicitDeny');
    await expect(other.getByTestId('deciding')).toContainText('“Shared”');
    await expect(other.getByTestId('policy-editor').locator('.view-lines')).toContainText('"Shared"');
  });

  test('a corrupt link opens the default workbench with a notice', async ({ page }) => {
    await page.goto('/workbench#s=1.bm90LWRlZmxhdGU');
    await expect(page.getByTestId('workbench-notice')).toContainText('This link could not be opened');
    await expect(page.getByTestId('workbench-notice')).toContainText('The default workbench is shown instead');
    await expect(page.getByTestId('doc-tab')).toHaveCount(1);
    await expect(page.getByTestId('doc-tab')).toContainText('ReadReports');
    await expect(page.getByTestId('decision')).toHaveAttribute('data-decision', 'Allow');
    expect(new URL(page.url()).hash).toBe('');

    // A well-formed link with a hostile shape is refused the same way.
    await page.goto('/workbench#s=9.AAAA');
    await expect(page.getByTestId('workbench-notice')).toContainText('newer version of IAM Playground');
  });

  test('reset returns to the starting example, with undo', async ({ page }) => {
    await openWorkbench(page);
    await page.getByTestId('doc-name').fill('Renamed');
    await expect(page.getByTestId('doc-tab')).toContainText('Renamed');
    await page.getByTestId('reset').click();
    await expect(page.getByTestId('doc-tab')).toContainText('ReadReports');
    await page.getByTestId('workbench-notice').getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByTestId('doc-tab')).toContainText('Renamed');
  });

  test('the page has no serious or critical accessibility violation', async ({ page }) => {
    await openWorkbench(page);
    await setActions(page, 's3:GetObject, s3:PutObject');
    await expect(page.getByTestId('results-table')).toBeVisible();
    const results = await new AxeBuilder({ page }).exclude('.monaco-editor').analyze();
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(serious).toEqual([]);
  });

  test('keyboard only: reach the request and change the action', async ({ page }) => {
    await openWorkbench(page);
    await page.getByTestId('req-principal').focus();
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('req-actions')).toBeFocused();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('s3:PutObject');
    await expect(page.getByTestId('decision')).toHaveAttribute('data-decision', 'ImplicitDeny');
  });
});
