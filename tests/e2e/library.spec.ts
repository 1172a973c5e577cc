/**
 * The library of AWS managed policies: closing it, previewing a policy, its order, the keyboard,
 * its versions and what changed between two of them, and how it travels (gzipped, only once the
 * dialog is opened).
 */
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
    'All 1,594 policies: job-function policies first, then the others A–Z',
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
    'An AWS managed policy to attach to your users, groups and roles. 1 statement, version v3 (the default), updated 2023-08-10.',
  );
  await expect(panel.getByRole('list', { name: 'What AmazonS3ReadOnlyAccess does' })).toContainText('Amazon S3');
  await expect(panel.getByLabel('The JSON of AmazonS3ReadOnlyAccess, version v3')).toContainText(
    '"s3-object-lambda:List*"',
  );
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

test('the library file is fetched only when the dialog opens, and it travels gzipped', async ({ page }) => {
  const fetched: { url: string; bytes: number; gzip: boolean }[] = [];
  page.context().on('response', async (res) => {
    if (!/managed-policies/i.test(new URL(res.url()).pathname)) return;
    await res.finished();
    // Bytes on the wire, and whether they are gzip (the .gz as it is, or a server's Content-Encoding).
    const body = await res.body();
    const encoded = (await res.headerValue('content-encoding')) === 'gzip';
    fetched.push({
      url: res.url(),
      bytes: (await res.request().sizes()).responseBodySize,
      gzip: encoded || (body[0] === 0x1f && body[1] === 0x8b),
    });
  });
  await openWorkbench(page);
  await page.waitForLoadState('networkidle');
  expect(fetched).toEqual([]);

  await page.getByTestId('open-library').click();
  await expect(page.getByTestId('library').getByTestId('library-hit').first()).toBeVisible();
  await expect.poll(() => fetched.length).toBe(1);
  expect(fetched[0].url).toMatch(/\/assets\/managed-policies\.json-[\w-]+\.gz$/);
  expect(fetched[0].gzip).toBe(true);
  // 3.9 MB of JSON with every version; well under 0.7 MB as it travels.
  expect(fetched[0].bytes).toBeLessThan(700 * 1024);
  // Opened again, it is not fetched again.
  await page.keyboard.press('Escape');
  await page.getByTestId('open-library').click();
  await expect(page.getByTestId('library').getByTestId('library-hit').first()).toBeVisible();
  expect(fetched.length).toBe(1);
});

test('a policy’s versions, and what changed between two of them, with an older one to add', async ({ page }) => {
  await openWorkbench(page);
  await page.getByTestId('open-library').click();
  const library = page.getByTestId('library');
  await page.getByTestId('library-search').fill('AmazonS3ReadOnlyAccess');
  await expect(library.getByTestId('library-hit').first()).toContainText('(3 versions)');
  await library.getByRole('button', { name: 'Preview AmazonS3ReadOnlyAccess' }).click();
  const panel = library.getByTestId('library-preview');

  // Its versions, newest first, with their dates and which is the default.
  const versions = panel.getByTestId('library-version');
  await expect(versions).toHaveCount(3);
  await expect(versions.nth(0)).toContainText('v3');
  await expect(versions.nth(0)).toContainText('default');
  await expect(versions.nth(0)).toContainText('2023-08-10');
  await expect(versions.nth(1)).toContainText('v2');
  await expect(versions.nth(1)).toContainText('2021-09-27');
  await expect(versions.nth(1)).not.toContainText('default');
  await expect(versions.nth(2)).toContainText('v1');
  await expect(versions.nth(2)).toContainText('2015-02-06');

  // Compare the first version with the default.
  await panel.getByLabel('Compare from version').selectOption('v1');
  await panel.getByLabel('Compare with version').selectOption('v3');
  await panel.getByRole('button', { name: 'Show changes' }).click();
  const diff = panel.getByTestId('library-diff');
  await expect(diff.getByRole('status')).toHaveText('From v1 to v3: +4 lines added, −1 line removed.');
  const changes = diff.getByRole('region', { name: 'Changes from v1 to v3' });
  const added = changes.locator('[data-kind="added"]');
  const removed = changes.locator('[data-kind="removed"]');
  await expect(added).toHaveCount(4);
  await expect(removed).toHaveCount(1);
  // A sign as well as a colour: + for an added line, − for a removed one.
  await expect(added.nth(1)).toHaveText('+added: "s3:Describe*",');
  await expect(removed.first()).toHaveText('−removed: "s3:List*"');
  const colours = await Promise.all(
    [added.first(), removed.first()].map((l) => l.evaluate((el) => getComputedStyle(el).backgroundColor)),
  );
  expect(colours[0]).not.toBe(colours[1]);

  // An older version can be shown and added instead of the default.
  await panel.getByRole('button', { name: 'Show v1 of AmazonS3ReadOnlyAccess' }).click();
  const json = panel.getByLabel('The JSON of AmazonS3ReadOnlyAccess, version v1');
  await expect(json).toContainText('"s3:List*"');
  await expect(json).not.toContainText('s3:Describe*');
  await expect(panel).toContainText('version v1, not the default');
  await panel.getByRole('button', { name: 'Add v1' }).click();
  await expect(library).toBeHidden();
  await expect(page.getByTestId('doc-tab').filter({ hasText: 'AmazonS3ReadOnlyAccess v1' })).toHaveCount(1);
});

test('a policy with 151 versions lists them all and compares its oldest with its newest', async ({ page }) => {
  await openWorkbench(page);
  await page.getByTestId('open-library').click();
  const library = page.getByTestId('library');
  await page.getByTestId('library-search').fill('ReadOnlyAccess');
  await library.getByRole('button', { name: 'Preview ReadOnlyAccess', exact: true }).click();
  const panel = library.getByTestId('library-preview');
  await expect(panel.getByTestId('library-version')).toHaveCount(151);
  await expect(panel.getByTestId('library-version').nth(1)).toContainText('date unknown');
  await panel.getByLabel('Compare from version').selectOption('v1');
  await panel.getByRole('button', { name: 'Show changes' }).click();
  await expect(panel.getByTestId('library-diff').getByRole('status')).toContainText('From v1 to v188: +');
  await expect(panel.getByTestId('library-diff').locator('[data-kind="added"]').first()).toBeVisible();
});

for (const theme of ['light', 'dark'] as const) {
  for (const size of [
    { name: 'desktop', width: 1440, height: 900 },
    { name: 'phone', width: 390, height: 844 },
  ]) {
    test(`the versions and the diff fit the dialog, ${theme} theme, ${size.name}`, async ({ page }) => {
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.emulateMedia({ colorScheme: theme });
      await openWorkbench(page);
      await page.getByTestId('open-library').click();
      const library = page.getByTestId('library');
      await page.getByTestId('library-search').fill('AmazonS3ReadOnlyAccess');
      await library.getByRole('button', { name: 'Preview AmazonS3ReadOnlyAccess' }).click();
      const panel = library.getByTestId('library-preview');
      await panel.getByLabel('Compare from version').selectOption('v1');
      await panel.getByRole('button', { name: 'Show changes' }).click();
      const changes = panel.getByRole('region', { name: 'Changes from v1 to v3' });
      await changes.scrollIntoViewIfNeeded();
      await expect(changes).toBeVisible();
      // Nothing sticks out of the dialog sideways.
      const box = (await library.boundingBox())!;
      for (const part of [panel.getByRole('region', { name: 'Versions of AmazonS3ReadOnlyAccess' }), changes]) {
        const b = (await part.boundingBox())!;
        expect(b.x).toBeGreaterThanOrEqual(box.x);
        expect(b.x + b.width).toBeLessThanOrEqual(box.x + box.width + 1);
      }
      await page.screenshot({ path: `/tmp/managed-library-${theme}-${size.name}.png` });
    });
  }
}
