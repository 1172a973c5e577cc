/** The library of AWS managed policies: closing it, previewing a policy, its order, the keyboard. */
import { test, expect } from './fixtures';
import { openWorkbench } from './workbench.helpers';

test('one Escape closes the library, even with text in the search box', async ({ page }) => {
  await openWorkbench(page);
  await page.getByTestId('open-library').click();
  const library = page.getByTestId('library');
  await expect(library).toBeVisible();
  await page.getByTestId('library-search').fill('s3');
  await expect(library.getByRole('button', { name: 'Add AmazonS3ReadOnlyAccess' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(library).toBeHidden();
  await expect(page.getByTestId('doc-tab')).toHaveCount(1);
  // Focus goes back to the button that opened it.
  await expect(page.getByTestId('open-library')).toBeFocused();
});

test('a click on the backdrop closes the library; a click inside it does not', async ({ page }) => {
  await openWorkbench(page);
  await page.getByTestId('open-library').click();
  const library = page.getByTestId('library');
  await expect(library).toBeVisible();
  await expect(library.getByTestId('library-hit').first()).toBeVisible();
  await library.getByRole('heading', { name: 'AWS managed policies' }).click();
  await expect(library).toBeVisible();
  const box = await library.boundingBox();
  if (!box) throw new Error('the library has no box');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height + 20 < 900 ? box.y + box.height + 20 : 10);
  await expect(library).toBeHidden();
});

test('the unfiltered list says its order: job-function policies first, then A–Z', async ({ page }) => {
  await openWorkbench(page);
  await page.getByTestId('open-library').click();
  const library = page.getByTestId('library');
  await expect(library.getByRole('status')).toContainText(
    'All 1,645 policies: job-function policies first, then the others A–Z',
  );
  await expect(library.locator('.group').first()).toHaveText('Job function');
  await expect(library.getByTestId('library-hit').first()).toContainText('AmazonODBAutonomousVmClusterAdmin');
  await expect(library.getByTestId('library-hit').nth(11)).toContainText('AccountManagementFromVercel');
  await expect(library.locator('.group').nth(1)).toHaveText('AWS managed');
  // A search ranks by the query instead, without group headings.
  await page.getByTestId('library-search').fill('ReadOnlyAccess');
  await expect(library.getByTestId('library-hit').first()).toContainText('ReadOnlyAccess');
  await expect(library.locator('.group')).toHaveCount(0);
});

test('a policy can be previewed, its description and JSON, before adding it', async ({ page }) => {
  await openWorkbench(page);
  await page.getByTestId('open-library').click();
  const library = page.getByTestId('library');
  await page.getByTestId('library-search').fill('AmazonS3ReadOnlyAccess');
  const preview = library.getByRole('button', { name: 'Preview AmazonS3ReadOnlyAccess' });
  await preview.click();
  await expect(preview).toHaveAttribute('aria-expanded', 'true');
  const panel = library.getByTestId('library-preview');
  await expect(panel).toContainText(
    'An AWS managed policy to attach to your users, groups and roles. 1 statement, version v3',
  );
  await expect(panel.getByRole('list', { name: 'What AmazonS3ReadOnlyAccess does' })).toContainText('Amazon S3');
  await expect(panel.getByLabel('The JSON of AmazonS3ReadOnlyAccess')).toContainText('"s3-object-lambda:List*"');
  // Nothing was added by previewing; Hide folds it away, Add adds it.
  await expect(page.getByTestId('doc-tab')).toHaveCount(1);
  await library.getByRole('button', { name: 'Preview AmazonS3ReadOnlyAccess' }).click();
  await expect(panel).toHaveCount(0);
  await library.getByRole('button', { name: 'Add AmazonS3ReadOnlyAccess' }).click();
  await expect(library).toBeHidden();
  await expect(page.getByTestId('doc-tab')).toHaveCount(2);
  await page.screenshot({ path: '/tmp/uia-after-add.png' });
});

test('keyboard only: add a managed policy and change the action', async ({ page }) => {
  await openWorkbench(page);
  // From the document list to the library, with the keyboard alone.
  await page.getByTestId('add-doc').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('open-library')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('library-search')).toBeFocused();
  await page.keyboard.type('AmazonS3ReadOnlyAccess');
  const add = page.getByTestId('library').getByRole('button', { name: 'Add AmazonS3ReadOnlyAccess' });
  await expect(add).toBeVisible();
  for (let i = 0; i < 20; i++) {
    if (await add.evaluate((el) => el === document.activeElement)) break;
    await page.keyboard.press('Tab');
  }
  await expect(add).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('library')).toBeHidden();
  await expect(page.getByTestId('doc-tab').filter({ hasText: 'AmazonS3ReadOnlyAccess' })).toHaveAttribute(
    'aria-current',
    'true',
  );
  // One Escape closes the library without adding anything, whatever the search box holds.
  await page.getByTestId('open-library').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('library-search')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('library')).toBeHidden();
  await expect(page.getByTestId('doc-tab')).toHaveCount(2);
  // The request, field by field.
  await page.getByTestId('req-principal').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('req-actions')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('s3:PutObject');
  await expect(page.getByTestId('decision')).toHaveAttribute('data-decision', 'ImplicitDeny');
});
