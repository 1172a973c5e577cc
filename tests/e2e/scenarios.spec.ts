/**
 * The workbench never loses a learner's work: links open as scenarios of their own, corrupt
 * links change nothing, scenarios can be managed with undo, and the autosave from before
 * scenarios survives the upgrade. Two pages of one browser context are two tabs sharing
 * localStorage.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { openWorkbench } from './workbench.helpers';

/** The text of every saved scenario, joined. */
function savedText(page: Page): Promise<string> {
  return page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith('iamplay.scenario.'))
      .map((k) => localStorage.getItem(k))
      .join('\n'),
  );
}

async function renameDoc(page: Page, name: string): Promise<void> {
  await page.getByTestId('doc-name').fill(name);
  await expect(page.getByTestId('doc-tab')).toContainText(name);
}

/** Makes a share link for a workbench whose document is named `name`, then names the learner's own document `mine`. */
async function linkThenOwnWork(page: Page, name: string, mine: string): Promise<string> {
  await openWorkbench(page);
  await renameDoc(page, name);
  await page.getByTestId('share').click();
  const link = await page.getByTestId('share-link').inputValue();
  await renameDoc(page, mine);
  await expect.poll(() => savedText(page)).toContain(`"name":"${mine}"`);
  await expect.poll(() => savedText(page)).not.toContain(`"name":"${name}"`);
  return link;
}

const options = (page: Page) => page.getByTestId('scenario-select').locator('option');

test('a share link opened in a new tab opens beside the autosaved work, which stays', async ({ page, context }) => {
  const link = await linkThenOwnWork(page, 'Theirs', 'Mine');

  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByTestId('workbench-notice')).toContainText(
    'The link opened as a new scenario, “Link: Theirs”. Your scenario “My work” is kept as it was',
  );
  await expect(other.getByTestId('doc-tab')).toContainText('Theirs');
  await expect(options(other)).toHaveText(['My work', 'Link: Theirs']);
  await expect.poll(() => savedText(other)).toContain('"name":"Mine"');

  // The first tab still shows the learner's work, and so does it after a reload.
  await expect(page.getByTestId('doc-tab')).toContainText('Mine');
  await page.reload();
  await expect(page.getByTestId('doc-tab')).toContainText('Mine');
  await expect(options(page)).toHaveText(['My work', 'Link: Theirs']);

  // Reopening the workbench in a third tab: both scenarios are there; the learner's work is one pick away.
  const third = await context.newPage();
  await third.goto('/workbench');
  await expect(options(third)).toHaveText(['My work', 'Link: Theirs']);
  await third.getByTestId('scenario-select').selectOption({ label: 'My work' });
  await expect(third.getByTestId('doc-tab')).toContainText('Mine');

  // Opening the same link again does not make a second copy.
  const fourth = await context.newPage();
  await fourth.goto(link);
  await expect(fourth.getByTestId('doc-tab')).toContainText('Theirs');
  await expect(options(fourth)).toHaveText(['My work', 'Link: Theirs']);
});

test('a valid link pasted into an open tab opens as a new scenario, with undo', async ({ page }) => {
  const link = await linkThenOwnWork(page, 'Pasted', 'Mine');
  await page.evaluate((h) => (location.hash = h), new URL(link).hash);
  await expect(page.getByTestId('workbench-notice')).toContainText('The link opened as a new scenario, “Link: Pasted”');
  await expect(page.getByTestId('doc-tab')).toContainText('Pasted');
  await expect(options(page)).toHaveText(['My work', 'Link: Pasted']);
  await expect.poll(() => savedText(page)).toContain('"name":"Mine"');

  await page.getByTestId('workbench-notice').getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('doc-tab')).toContainText('Mine');
  await expect(options(page)).toHaveText(['My work']);
  await expect.poll(() => savedText(page)).not.toContain('"name":"Pasted"');
});

test('a corrupt link typed into an open tab, or opened in a new one, changes nothing', async ({ page, context }) => {
  await openWorkbench(page);
  await renameDoc(page, 'Mine');
  await expect.poll(() => savedText(page)).toContain('"name":"Mine"');

  await page.evaluate(() => (location.hash = '#s=garbage'));
  const notice = page.getByTestId('workbench-notice');
  await expect(notice).toContainText('This link could not be opened (the link has no format version)');
  await expect(notice).toContainText('so nothing from it was used. Your scenario “My work” is unchanged.');
  await expect(page.getByTestId('doc-tab')).toContainText('Mine');
  // Nothing was saved over the work: a reload and a new tab both show it.
  await page.waitForTimeout(600);
  expect(await savedText(page)).toContain('"name":"Mine"');
  await page.reload();
  await expect(page.getByTestId('doc-tab')).toContainText('Mine');

  const other = await context.newPage();
  await other.goto('/workbench#s=1.bm90LWRlZmxhdGU');
  await expect(other.getByTestId('workbench-notice')).toContainText(
    'This link could not be opened (the link is corrupt or too large), so nothing from it was used. Your scenario “My work” is shown as you left it.',
  );
  await expect(other.getByTestId('doc-tab')).toContainText('Mine');
  await expect(options(other)).toHaveText(['My work']);
});

test('a corrupt link in a fresh browser opens the default workbench with a notice', async ({ page }) => {
  await page.goto('/workbench#s=1.bm90LWRlZmxhdGU');
  await expect(page.getByTestId('workbench-notice')).toContainText('This link could not be opened');
  await expect(page.getByTestId('workbench-notice')).toContainText('The default workbench is shown instead');
  await expect(page.getByTestId('doc-tab')).toHaveCount(1);
  await expect(page.getByTestId('doc-tab')).toContainText('ReadReports');
  await expect(page.getByTestId('decision')).toHaveAttribute('data-decision', 'Allow');
  // The address bar holds the workbench shown, not the corrupt link.
  expect(new URL(page.url()).hash).not.toContain('bm90LWRlZmxhdGU');

  // A well-formed link with a hostile shape is refused the same way.
  await page.goto('/workbench#s=9.AAAA');
  await expect(page.getByTestId('workbench-notice')).toContainText('newer version of IAM Playground');
});

test('the skip link in the workbench leaves the work alone', async ({ page }) => {
  await openWorkbench(page);
  await renameDoc(page, 'Mine');
  await page.keyboard.press('Shift+Tab');
  await page.getByRole('link', { name: 'Skip to content' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('workbench-notice')).toHaveCount(0);
  await expect(page.getByTestId('doc-tab')).toContainText('Mine');
});

test('scenarios: new, rename, duplicate, switch, delete and reset, with undo', async ({ page }) => {
  await openWorkbench(page);
  await renameDoc(page, 'First doc');
  await page.getByTestId('scenario-name').fill('Cross-account');
  await expect(options(page)).toHaveText(['Cross-account']);

  await page.getByTestId('scenario-duplicate').click();
  await expect(page.getByTestId('workbench-notice')).toContainText(
    'Duplicated “Cross-account” as “Cross-account (copy)”',
  );
  await expect(options(page)).toHaveText(['Cross-account', 'Cross-account (copy)']);
  await expect(page.getByTestId('scenario-select')).toHaveValue(
    await options(page)
      .nth(1)
      .getAttribute('value')
      .then((v) => v ?? ''),
  );
  await renameDoc(page, 'Copy doc');

  await page.getByTestId('scenario-new').click();
  await expect(options(page)).toHaveText(['Cross-account', 'Cross-account (copy)', 'Scenario']);
  await expect(page.getByTestId('doc-tab')).toContainText('ReadReports');

  await page.getByTestId('scenario-select').selectOption({ label: 'Cross-account' });
  await expect(page.getByTestId('doc-tab')).toContainText('First doc');
  await page.getByTestId('scenario-select').selectOption({ label: 'Cross-account (copy)' });
  await expect(page.getByTestId('doc-tab')).toContainText('Copy doc');

  // Delete, then undo: the scenario is back in its place, with its documents.
  await page.getByTestId('scenario-delete').click();
  await expect(page.getByTestId('workbench-notice')).toContainText('Deleted the scenario “Cross-account (copy)”');
  await expect(options(page)).toHaveText(['Cross-account', 'Scenario']);
  await page.getByTestId('workbench-notice').getByRole('button', { name: 'Undo' }).click();
  await expect(options(page)).toHaveText(['Cross-account', 'Cross-account (copy)', 'Scenario']);
  await expect(page.getByTestId('scenario-name')).toHaveValue('Cross-account (copy)');
  await expect(page.getByTestId('doc-tab')).toContainText('Copy doc');

  // Reset, then undo.
  await page.getByTestId('reset').click();
  await expect(page.getByTestId('workbench-notice')).toContainText(
    'The scenario “Cross-account (copy)” was reset to its starting example',
  );
  await expect(page.getByTestId('doc-tab')).toContainText('ReadReports');
  await page.getByTestId('workbench-notice').getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('doc-tab')).toContainText('Copy doc');

  // Everything survives a reload.
  await expect.poll(() => savedText(page)).toContain('"name":"Copy doc"');
  await page.reload();
  await expect(options(page)).toHaveText(['Cross-account', 'Cross-account (copy)', 'Scenario']);
  await expect(page.getByTestId('doc-tab')).toContainText('Copy doc');

  // Deleting the last scenario leaves a fresh “My work”, never nothing.
  for (let i = 0; i < 3; i++) await page.getByTestId('scenario-delete').click();
  await expect(options(page)).toHaveText(['My work']);
});

test('an autosave from before scenarios survives the upgrade as “My work”', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() =>
    localStorage.setItem(
      'iamplay.workbench',
      JSON.stringify({
        v: 1,
        docs: [
          {
            id: 'd1',
            name: 'Saved before the upgrade',
            kind: 'identity',
            text: '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}',
          },
        ],
        active: 'd1',
        request: {
          principal: 'arn:aws:iam::111122223333:user/alice',
          actions: 's3:DeleteObject',
          resource: 'arn:aws:s3:::reports/x',
          resourceAccount: '',
          context: [],
        },
      }),
    ),
  );
  await page.goto('/workbench');
  await expect(options(page)).toHaveText(['My work']);
  await expect(page.getByTestId('doc-tab')).toContainText('Saved before the upgrade');
  await expect(page.getByTestId('req-actions')).toHaveValue('s3:DeleteObject');
  await expect(page.getByTestId('decision')).toHaveAttribute('data-decision', 'ExplicitDeny');
  await expect(page.getByTestId('workbench-notice')).toHaveCount(0);
  expect(await page.evaluate(() => localStorage.getItem('iamplay.workbench'))).toBeNull();
});

test('a saved workbench that cannot be read is kept aside, with a notice saying where', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.setItem('iamplay.workbench', '{"v":1,"docs":[{"id":'));
  await page.goto('/workbench');
  const notice = page.getByTestId('workbench-notice');
  await expect(notice).toContainText('Your saved workbench could not be read (it is not valid JSON). It is kept aside');
  await expect(notice).toContainText('iamplay.unreadable.workbench.');
  const aside = await page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith('iamplay.unreadable.workbench.'))
      .map((k) => localStorage.getItem(k)),
  );
  expect(aside).toEqual(['{"v":1,"docs":[{"id":']);
  await expect(page.getByTestId('doc-tab')).toContainText('ReadReports');
});

test('a document tab too narrow for its name shows the name as its tooltip', async ({ page }) => {
  await openWorkbench(page);
  const long = 'A very long policy name that the tab cannot show in full';
  await renameDoc(page, long);
  await expect(page.getByTestId('doc-tab')).toHaveAttribute('title', `${long} (Identity policy)`);
});

test('two tabs on different scenarios keep both; on the same one, a change shows in the other', async ({
  page,
  context,
}) => {
  await openWorkbench(page);
  const other = await context.newPage();
  await openWorkbench(other);
  // Same scenario: the other tab follows, and says so.
  await renameDoc(page, 'Edited in the first tab');
  await expect(other.getByTestId('doc-tab')).toContainText('Edited in the first tab');
  await expect(other.getByTestId('workbench-notice')).toContainText(
    '“My work” was changed in another tab; this tab now shows that version.',
  );
  // Different scenarios: each tab saves its own, and neither overwrites the other.
  await other.getByTestId('scenario-new').click();
  await expect(options(page)).toHaveText(['My work', 'Scenario']);
  await renameDoc(other, 'Second tab work');
  await renameDoc(page, 'First tab work');
  await expect.poll(() => savedText(page)).toContain('"name":"Second tab work"');
  await expect.poll(() => savedText(page)).toContain('"name":"First tab work"');
  await page.reload();
  await other.reload();
  await expect(page.getByTestId('doc-tab')).toContainText('First tab work');
  await expect(other.getByTestId('doc-tab')).toContainText('Second tab work');
});

test('a reload straight after an edit shows the edit, and does not read the older link in the address bar as a new scenario', async ({
  page,
}) => {
  await openWorkbench(page);
  // The address bar holds the state as a link once the autosave has run.
  await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#s=/);
  const action = page.getByLabel(/^Action/).first();
  await action.fill('s3:DeleteObject');
  await page.reload(); // before the autosave pause is over
  await expect(page.getByLabel(/^Action/).first()).toHaveValue('s3:DeleteObject');
  await expect(options(page)).toHaveText(['My work']);
  await expect(page.getByText('The link opened as a new scenario')).toHaveCount(0);
});
