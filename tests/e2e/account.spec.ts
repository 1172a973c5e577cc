// The Account section as a person uses it: open it from the header, find and open users, add one,
// put them in a group (undo, redo), attach a policy, edit an inline policy in Monaco, rename a
// group, and ask as the user in the workbench.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

const accountNav = (page: Page) => page.getByRole('navigation', { name: 'Account' });
const path = (page: Page) => () => new URL(page.url()).pathname;

async function openList(page: Page, label: string): Promise<void> {
  await accountNav(page)
    .getByRole('link', { name: new RegExp(`^${label}`) })
    .click();
  await expect(page.getByRole('heading', { level: 2, name: new RegExp(`^${label}`) })).toBeVisible();
}

/** Adds an entity from the list page's form; lands on its page. */
async function add(page: Page, label: string, name: string): Promise<void> {
  await openList(page, label);
  await page.getByTestId('list-add').click();
  await page.getByTestId('add-name').fill(name);
  await page.getByTestId('add-submit').click();
  await expect(page.getByTestId('detail-name')).toHaveText(name);
}

/** Opens the group the test needs: the default world's, or one added through the UI when it has none. */
async function openGroup(page: Page, name: string): Promise<void> {
  await openList(page, 'User groups');
  const link = page.getByTestId('list-row').getByRole('link', { name, exact: true });
  if ((await link.count()) === 0) await add(page, 'User groups', name);
  else await link.click();
  await expect(page.getByTestId('detail-name')).toHaveText(name);
}

async function notice(page: Page, text: string): Promise<void> {
  await expect(page.getByTestId('account-notice')).toContainText(text);
}

/** Replaces the account editor's text the way a paste does. */
async function pasteInEditor(page: Page, text: string): Promise<void> {
  const editor = page.getByTestId('account-editor');
  await expect(editor).toHaveAttribute('data-state', 'ready');
  await editor.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    document.activeElement?.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, text);
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function accountId(page: Page): Promise<string> {
  return (await page.getByTestId('account-id').locator('.arn').textContent())!.trim();
}

const NOTES = `{
  "Version": "2012-10-17",
  "Statement": [
    { "Sid": "ReadOrders", "Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*" }
  ]
}
`;

test.describe('the Account section', () => {
  test('add a user, put them in a group, attach and edit their policies, rename the group, ask as them', async ({
    page,
  }) => {
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Account' }).click();
    await expect.poll(path(page)).toBe('/account');
    await expect(page.getByRole('heading', { level: 1, name: 'Account' })).toBeVisible();
    await expect(page).toHaveTitle('Account · IAM Playground');
    const account = await accountId(page);
    expect(account).toMatch(/^\d{12}$/);

    await openGroup(page, 'developers');

    // A bad name is refused with a message that names the character; a good one adds the user.
    await openList(page, 'Users');
    await page.getByTestId('list-add').click();
    await page.getByTestId('add-name').fill('priya patel');
    await page.getByTestId('add-submit').click();
    await expect(page.getByTestId('add-problem')).toHaveText(
      '`space` cannot be used in a user name: use letters, digits and `+=,.@_-`',
    );
    await expect(page.getByTestId('add-name')).toHaveAttribute('aria-invalid', 'true');
    await page.getByTestId('add-name').fill('priya');
    await page.getByTestId('add-submit').click();
    await expect.poll(path(page)).toBe('/account/users/priya');
    await expect(page.getByTestId('detail-arn')).toHaveText(`arn:aws:iam::${account}:user/priya`);
    await notice(page, 'Added the user priya.');
    await add(page, 'Users', 'sam');

    // Search filters as you type, ignoring case; Enter on the row's name opens it.
    await openList(page, 'Users');
    await page.getByTestId('list-search').fill('PRI');
    await expect(page.getByTestId('list-row')).toHaveCount(1);
    await expect(page.getByTestId('list-row').first()).toContainText('priya');
    await page.getByTestId('list-search').fill('.*');
    await expect(page.getByTestId('list-none')).toHaveText('No users match .*.');
    await page.getByTestId('list-search').fill('priya');
    await page.getByTestId('list-row').getByRole('link', { name: 'priya' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(path(page)).toBe('/account/users/priya');

    // Into the developers group; undo takes them out, redo puts them back.
    await expect(page.getByTestId('user-groups')).toHaveText('Not in any group.');
    await page.getByTestId('join-group').selectOption('developers');
    await page.getByTestId('join-submit').click();
    await notice(page, 'Added priya to the group developers.');
    await expect(page.getByTestId('user-groups').getByRole('link')).toHaveText(['developers']);
    await page.getByTestId('account-undo').click();
    await notice(page, 'Undone: Added priya to the group developers.');
    await expect(page.getByTestId('user-groups')).toHaveText('Not in any group.');
    await page.getByTestId('account-redo').click();
    await notice(page, 'Redone: Added priya to the group developers.');
    await expect(page.getByTestId('user-groups').getByRole('link')).toHaveText(['developers']);

    // Attach an AWS managed policy, found by name.
    await page.getByTestId('attach-open').click();
    await page.getByTestId('attach-search').fill('AmazonS3ReadOnly');
    await page.getByRole('button', { name: 'Attach AmazonS3ReadOnlyAccess', exact: true }).click();
    await notice(page, 'Attached AmazonS3ReadOnlyAccess to the user priya.');
    await expect(page.getByTestId('attached-policies')).toContainText(/AmazonS3ReadOnlyAccess\s*AWS managed/);

    // An inline policy, edited in Monaco: the edit is kept after leaving the page and coming back.
    await page.getByTestId('inline-open').click();
    await page.getByTestId('inline-name').fill('Notes');
    await page.getByTestId('inline-add').click();
    await notice(page, 'Added the inline policy Notes to the user priya.');
    await expect(page.getByRole('tab', { name: /^Notes/, selected: true })).toBeVisible();
    await pasteInEditor(page, NOTES);
    await notice(page, 'Edited the inline policy Notes of the user priya.');
    await accountNav(page).getByRole('link', { name: 'Overview' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Account overview' })).toBeVisible();
    await page.goBack();
    await expect.poll(path(page)).toBe('/account/users/priya');
    await page.getByRole('tab', { name: /^Notes/ }).click();
    await expect(page.getByTestId('account-editor').locator('.view-lines')).toContainText('dynamodb:GetItem');

    // Rename the group: the user's groups follow.
    await page.getByTestId('user-groups').getByRole('link', { name: 'developers' }).click();
    await expect.poll(path(page)).toBe('/account/groups/developers');
    await expect(page.getByTestId('group-members').getByRole('link', { name: 'priya' })).toBeVisible();
    await page.getByTestId('detail-rename').click();
    await page.getByTestId('rename-input').fill('dev team');
    await expect(page.getByTestId('rename-problem')).toHaveText(
      '`space` cannot be used in a group name: use letters, digits and `+=,.@_-`',
    );
    await page.getByTestId('rename-input').fill('engineers');
    await page.getByTestId('rename-save').click();
    await expect.poll(path(page)).toBe('/account/groups/engineers');
    await notice(page, 'Renamed the group developers to engineers.');
    await page.getByTestId('group-members').getByRole('link', { name: 'priya' }).click();
    await expect(page.getByTestId('user-groups').getByRole('link')).toHaveText(['engineers']);
    await openList(page, 'Users');
    await page.getByTestId('list-search').fill('priya');
    await expect(page.getByTestId('list-row').locator('td[data-label="Groups"]')).toHaveText('engineers');

    // Ask as this principal: the workbench opens a new scenario with the request filled in.
    await page.getByTestId('list-row').getByRole('link', { name: 'priya' }).click();
    await page.getByTestId('ask-as').click();
    await expect.poll(path(page)).toBe('/workbench');
    await expect(page.getByTestId('req-principal')).toHaveValue(`arn:aws:iam::${account}:user/priya`);
    await expect(page.getByTestId('workbench-notice')).toContainText('from the account as a new scenario');
  });

  // Holds once scenarioFromWorld (src/workbench/from-world.ts) is filled: the stub names the
  // scenario by the ARN and hands over no documents.
  test('asking as a user brings their group’s policy into the workbench, in a scenario named for them', async ({
    page,
  }) => {
    await page.goto('/account');
    const account = await accountId(page);
    await openGroup(page, 'developers');
    await page.getByTestId('attach-open').click();
    await page.getByTestId('attach-search').fill('AmazonDynamoDBReadOnly');
    await page.getByRole('button', { name: 'Attach AmazonDynamoDBReadOnlyAccess', exact: true }).click();
    await notice(page, 'Attached AmazonDynamoDBReadOnlyAccess to the group developers.');
    await add(page, 'Users', 'riley');
    await page.getByTestId('join-group').selectOption('developers');
    await page.getByTestId('join-submit').click();
    await notice(page, 'Added riley to the group developers.');
    // The user's page shows the group's policy among its documents, read-only.
    await expect(
      page.getByRole('tab', { name: /AmazonDynamoDBReadOnlyAccess\s*From the group developers/ }),
    ).toBeVisible();

    await page.getByTestId('ask-as').click();
    await expect.poll(path(page)).toBe('/workbench');
    await expect(page.getByTestId('req-principal')).toHaveValue(`arn:aws:iam::${account}:user/riley`);
    await expect(page.getByTestId('scenario-select').locator('option:checked')).toHaveText('As riley');
    // The group's managed policy is one of the documents, by its policy name.
    await expect(page.getByTestId('doc-tab').filter({ hasText: 'AmazonDynamoDBReadOnlyAccess' })).toHaveCount(1);
  });

  test('sub-pages have real addresses: back and forward, a reload, an unknown name', async ({ page }) => {
    await page.goto('/account');
    await add(page, 'Roles', 'report-builder');
    await expect(page.getByTestId('detail-arn')).toHaveText(/^arn:aws:iam::\d{12}:role\/report-builder$/);
    await expect(page.getByRole('tab', { name: /^Trust policy/ })).toBeVisible();
    await expect(page.getByTestId('account-editor')).toHaveAttribute('data-state', 'ready');
    expect(await seriousViolations(page)).toEqual([]);
    await openList(page, 'Roles');
    await expect(
      page.getByTestId('list-row').filter({ hasText: 'report-builder' }).locator('td[data-label="Trusted entities"]'),
    ).toHaveText('AWS service: ec2');
    await page.goBack();
    await expect.poll(path(page)).toBe('/account/roles/report-builder');
    await expect(page.getByTestId('detail-name')).toHaveText('report-builder');
    await page.goForward();
    await expect.poll(path(page)).toBe('/account/roles');

    await page.goto('/account/users/nobody-here');
    await expect(page.getByTestId('missing')).toContainText('No user named nobody-here');
    await page.goto('/account/nothing');
    await expect(page.getByRole('heading', { name: 'There is no such page in the account' })).toBeVisible();
  });

  test('a bucket: add it, give it a bucket policy, ask about it in the workbench', async ({ page }) => {
    await page.goto('/account');
    await openList(page, 'Resources');
    await page.getByTestId('list-add').click();
    await page.getByTestId('add-name').fill('Team_Photos');
    await page.getByTestId('add-submit').click();
    await expect(page.getByTestId('add-problem')).toHaveText(
      '`T` cannot be used in a bucket name: use lowercase letters, digits, `.` and `-`',
    );
    await page.getByTestId('add-name').fill('team-photos');
    await page.getByTestId('add-submit').click();
    await expect(page.getByTestId('detail-arn')).toHaveText('arn:aws:s3:::team-photos');
    await expect.poll(path(page)).toBe('/account/resources/arn%3Aaws%3As3%3A%3A%3Ateam-photos');
    await page.getByTestId('resource-policy-add').click();
    await notice(page, 'Added a bucket policy to team-photos.');
    await expect(page.getByRole('tab', { name: /^Bucket policy/ })).toBeVisible();
    await expect(page.getByTestId('account-editor').locator('.view-lines')).toContainText('s3:GetObject');
    await openList(page, 'Resources');
    await expect(page.getByTestId('list-row').filter({ hasText: 'team-photos' })).toContainText(
      /team-photos\s*S3 bucket\s*Yes/,
    );
    await page.getByTestId('list-row').getByRole('link', { name: 'team-photos' }).click();
    await page.getByTestId('ask-about').click();
    await expect.poll(path(page)).toBe('/workbench');
    await expect(page.getByTestId('req-resource')).toHaveValue('arn:aws:s3:::team-photos');
  });

  test('a removed user can be brought back with Undo; a taken name is refused', async ({ page }) => {
    await page.goto('/account');
    await add(page, 'Users', 'temp-user');
    await openList(page, 'Users');
    await page.getByTestId('list-add').click();
    await page.getByTestId('add-name').fill('TEMP-USER');
    await page.getByTestId('add-submit').click();
    await expect(page.getByTestId('add-problem')).toHaveText(
      'a user named `temp-user` already exists in this account (names are unique regardless of case)',
    );
    await page.getByTestId('list-row').getByRole('link', { name: 'temp-user' }).click();
    await page.getByTestId('detail-remove').click();
    await expect.poll(path(page)).toBe('/account/users');
    await notice(page, 'Removed the user temp-user.');
    await expect(page.getByTestId('list-row').filter({ hasText: 'temp-user' })).toHaveCount(0);
    await page.getByTestId('account-undo').click();
    await expect(page.getByTestId('list-row').filter({ hasText: 'temp-user' })).toHaveCount(1);

    // Undoing a rename from the renamed page goes back to the list, where the old name is again.
    await page.getByTestId('list-row').getByRole('link', { name: 'temp-user' }).click();
    await page.getByTestId('detail-rename').click();
    await page.getByTestId('rename-input').fill('temp-user-2');
    await page.getByTestId('rename-save').click();
    await expect.poll(path(page)).toBe('/account/users/temp-user-2');
    await page.getByTestId('account-undo').click();
    await expect.poll(path(page)).toBe('/account/users');
    await expect(page.getByTestId('list-row').getByRole('link', { name: 'temp-user', exact: true })).toBeVisible();
  });

  for (const scheme of ['light', 'dark'] as const)
    test(`on a phone (${scheme}) the lists are cards, nothing runs off the screen, and axe finds nothing serious`, async ({
      page,
    }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto('/account');
      await openGroup(page, 'developers');
      await add(page, 'Users', 'kai');
      await page.getByTestId('join-group').selectOption('developers');
      await page.getByTestId('join-submit').click();
      await openList(page, 'Users');
      const row = page.getByTestId('list-row').filter({ hasText: 'kai' });
      // A card: the cells stack under the name, each with its label.
      await expect(row.locator('td[data-label="Groups"]')).toHaveText('developers');
      expect(await row.evaluate((el) => getComputedStyle(el).display)).toBe('block');
      const scan = () => seriousViolations(page);
      const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(await overflow()).toBeLessThanOrEqual(0);
      expect(await scan()).toEqual([]);
      await row.getByRole('link', { name: 'kai' }).click();
      await expect(page.getByTestId('detail-name')).toHaveText('kai');
      expect(await overflow()).toBeLessThanOrEqual(0);
      expect(await scan()).toEqual([]);
      await accountNav(page).getByRole('link', { name: 'Overview' }).click();
      expect(await scan()).toEqual([]);
    });
});
