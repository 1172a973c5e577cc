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
    await expect(page.getByTestId('doc-tab').filter({ hasText: 'AmazonS3ReadOnlyAccess' })).toHaveAttribute(
      'aria-current',
      'true',
    );
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

  test('SCPs at the root and at a nested OU: every level of the path must allow', async ({ page }) => {
    await openWorkbench(page);
    const allowAll = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';
    await page.getByTestId('new-doc-kind').selectOption({ label: 'Service control policy' });
    await page.getByTestId('add-doc').click();
    await replaceText(page, allowAll);
    await page.getByTestId('new-doc-kind').selectOption({ label: 'Service control policy' });
    await page.getByTestId('add-doc').click();
    await replaceText(
      page,
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"}]}',
    );
    await page.getByLabel('Attached at').selectOption({ label: 'OU, 2nd level' });
    const tabs = page.getByRole('list', { name: 'Documents' });
    await expect(tabs).toContainText('SCP · Root');
    await expect(tabs).toContainText('SCP · OU 2');

    await setActions(page, 's3:GetObject');
    await expect(page.getByTestId('decision')).toHaveAttribute('data-decision', 'ImplicitDeny');
    await expect(page.getByTestId('access-denied')).toContainText(
      'because no service control policy allows the s3:GetObject action',
    );
    await expect(page.locator('[data-step="scp"]')).toHaveAttribute('data-outcome', 'implicit-deny');

    // Moved up beside the allow-all at the root, it no longer stands alone at a level: one allow
    // per level is enough, so the request is allowed.
    await page.getByLabel('Attached at').selectOption({ label: 'Root' });
    await expect(tabs).not.toContainText('OU 2');
    await expect(page.getByTestId('decision')).toHaveAttribute('data-decision', 'Allow');
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
    await expect(
      page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error').first(),
    ).toBeVisible();
    // Put the cursor on the action and open the quick fixes (Ctrl+.).
    await page
      .getByTestId('policy-editor')
      .locator('.view-line', { hasText: 'GetObjekt' })
      .getByText('GetObjekt')
      .click();
    await page.keyboard.press('ControlOrMeta+.');
    const fix = page.locator('.action-widget').getByText(/s3:GetObject/);
    await expect(fix.first()).toBeVisible();
    await fix.first().click();
    await expect(page.getByTestId('policy-editor').locator('.view-lines')).toContainText('"s3:GetObject"');
    await expect(page.getByTestId('findings').filter({ hasText: 'GetObjekt' })).toHaveCount(0);
    await expect(page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error')).toHaveCount(0);
  });

  test('completion, hover and the summary come from the language service', async ({ page }) => {
    await openWorkbench(page);
    await expect(page.getByTestId('policy-summary')).toContainText('Allows 1 list and 1 read actions in Amazon S3');
    await replaceText(page, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetOb`);
    await page.keyboard.press('ControlOrMeta+Space');
    const suggest = page.locator('.suggest-widget');
    await expect(suggest.getByText('s3:GetObject', { exact: true }).first()).toBeVisible();
    await page.keyboard.press('Escape');
    await replaceText(
      page,
      `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`,
    );
    // Monaco shows a hover after the pointer rests on a word; move away and back until it does.
    const word = page.getByTestId('policy-editor').locator('.view-line').getByText('s3:GetObject');
    const hoverCard = page
      .locator('.monaco-hover')
      .filter({ hasText: 'Grants permission to retrieve objects from Amazon S3' })
      .first();
    await expect(async () => {
      await page.mouse.move(0, 0);
      await word.hover();
      await expect(hoverCard).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 20_000 });
  });

  test('context keys feed conditions, shown with their resolved values', async ({ page }) => {
    await openWorkbench(page);
    await replaceText(
      page,
      `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "OfficeOnly",
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::reports/*",
      "Condition": { "IpAddress": { "aws:SourceIp": "10.0.0.0/8" } }
    }
  ]
}
`,
    );
    await setActions(page, 's3:GetObject');
    // No source IP in the request: the condition fails, so nothing allows.
    await expect(page.getByTestId('decision')).toHaveAttribute('data-decision', 'ImplicitDeny');
    await page.getByRole('button', { name: 'Add a context key' }).click();
    await page.getByLabel('Context key 1', { exact: true }).fill('aws:SourceIp');
    await page.getByLabel('Value of context key 1').fill('10.1.2.3');
    await expect(page.getByTestId('decision')).toHaveAttribute('data-decision', 'Allow');
    const statement = page.getByTestId('trace-statement').filter({ hasText: 'OfficeOnly' });
    await expect(statement).toContainText('IpAddress');
    const condition = statement.getByTestId('trace-condition');
    await expect(condition.locator('dd').nth(0)).toHaveText('10.0.0.0/8');
    await expect(condition.locator('dd').nth(1)).toHaveText('10.1.2.3');
    await expect(condition.getByTestId('condition-rule')).toContainText('value comparison');
    await page.getByLabel('Value of context key 1').fill('192.168.1.1');
    await expect(page.getByTestId('decision')).toHaveAttribute('data-decision', 'ImplicitDeny');
    // A failed condition: the key, the operator, both values and the rule that decided.
    await expect(statement).toContainText('does not match: Condition fails');
    await expect(condition.locator('dd').nth(1)).toHaveText('192.168.1.1');
    await expect(condition.locator('td').first()).toContainText('does not hold');
    await page.getByLabel('Value of context key 1').fill('not-an-ip');
    await expect(page.getByText('`aws:SourceIp` takes an IP address'.replace(/`/g, ''))).toBeVisible();
    await page.evaluate(() => document.getElementById('explain-title')?.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: '/tmp/wb-conditions.png' });
  });

  test('a copied share link opens the same state and answer in a new page', async ({ page, context }) => {
    await openWorkbench(page);
    await replaceText(
      page,
      `{"Version":"2012-10-17","Statement":[{"Sid":"Shared","Effect":"Deny","Action":"s3:*","Resource":"*"}]}`,
    );
    await setActions(page, 's3:ListBucket');
    await expect(page.getByTestId('decision')).toHaveAttribute('data-decision', 'ExplicitDeny');
    await page.getByTestId('share').click();
    const link = await page.getByTestId('share-link').inputValue();
    expect(link).toMatch(/\/workbench#s=2\.[A-Za-z0-9_-]+$/);

    const other = await context.newPage();
    await other.evaluate(() => localStorage.clear()).catch(() => {});
    await other.goto(link);
    await expect(other.getByTestId('policy-editor')).toHaveAttribute('data-state', 'ready');
    await expect(other.getByTestId('req-actions')).toHaveValue('s3:ListBucket');
    await expect(other.getByTestId('decision')).toHaveAttribute('data-decision', 'ExplicitDeny');
    await expect(other.getByTestId('deciding')).toContainText('“Shared”');
    await expect(other.getByTestId('policy-editor').locator('.view-lines')).toContainText('"Shared"');
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

  for (const theme of ['light', 'dark'] as const) {
    test(`the page has no serious or critical accessibility violation (${theme} theme)`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: theme });
      await openWorkbench(page);
      await setActions(page, 's3:GetObject, s3:PutObject');
      await expect(page.getByTestId('results-table')).toBeVisible();
      await page.getByTestId('add-doc').click();
      await expect(page.getByTestId('findings')).toBeVisible();
      const scan = async () => {
        const results = await new AxeBuilder({ page }).analyze();
        return results.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      };
      expect(await scan()).toEqual([]);
      await page.getByTestId('open-library').click();
      await page.getByTestId('library-search').fill('s3');
      await expect(
        page.getByTestId('library').getByRole('button', { name: 'Add AmazonS3ReadOnlyAccess' }),
      ).toBeVisible();
      expect(await scan()).toEqual([]);
    });
  }

  test('an engine that stops answering is replaced after 5 s and the person is told', async ({ page }) => {
    // The first engine worker swallows every message, as a worker stuck in a loop would.
    await page.addInitScript(() => {
      const Real = window.Worker;
      let hung = false;
      window.Worker = class extends Real {
        constructor(url: string | URL, options?: WorkerOptions) {
          super(url, options);
          if (!hung && String(url).includes('engine.worker')) {
            hung = true;
            this.postMessage = () => {};
          }
        }
      };
    });
    await page.goto('/workbench');
    await expect(page.getByTestId('workbench-notice')).toContainText(
      'the engine did not answer within 5 s and was restarted'.replace(/^t/, 'T'),
      {
        timeout: 15_000,
      },
    );
    await expect(page.getByTestId('workbench-notice')).toContainText(
      'Your work is kept; the answer is being computed again',
    );
    // The fresh worker answers, without any action from the person, and so does the next change.
    await expect(page.getByTestId('decision')).toHaveAttribute('data-decision', 'Allow', { timeout: 15_000 });
    await expect(page.getByText('No problems found.')).toBeVisible();
    await setActions(page, 's3:PutObject');
    await expect(page.getByTestId('decision')).toHaveAttribute('data-decision', 'ImplicitDeny', { timeout: 15_000 });
  });
});

test.describe('phone layout', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the workbench fits a phone and still answers', async ({ page }) => {
    await openWorkbench(page);
    await setActions(page, 's3:GetObject, s3:PutObject');
    await expect(page.getByTestId('results-table')).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByTestId('decision').scrollIntoViewIfNeeded();
    await expect(page.getByTestId('decision')).toBeInViewport();
  });
});
