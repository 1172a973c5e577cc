/**
 * Answers that say what they are: a policy AWS would refuse, an action AWS does not have, a session
 * policy that does not apply, request fields that cannot be taken as typed, the levels and order
 * of the explanation, contrast in both themes at both sizes, and the phone layout.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { openWorkbench, replaceText, setActions } from './workbench.helpers';

const ALLOW_S3 = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}';

async function addDoc(page: Page, label: string, text: string): Promise<void> {
  await page.getByTestId('new-doc-kind').selectOption({ label });
  await page.getByTestId('add-doc').click();
  await replaceText(page, text);
}

test.describe('answers that say what they are', () => {
  test('a policy AWS would refuse is shown as refused, with a jump to the finding and a fail-closed "evaluate anyway"', async ({
    page,
  }) => {
    await openWorkbench(page);
    await replaceText(
      page,
      `{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" },
    { "Sid": "NotOnFridays", "Effect": "Deny", "Action": "s3:GetObject", "Resource": "*",
      "Condition": { "StringEqualz": { "aws:username": "alice" } } }
  ]
}
`,
    );
    const decision = page.getByTestId('decision');
    await expect(decision).toHaveAttribute('data-decision', 'refused');
    await expect(decision).toContainText('AWS would refuse this policy');
    await expect(page.getByTestId('refusals')).toHaveText(
      /“ReadReports”, line 6: StringEqualz is not a condition operator/,
    );
    await expect(page.getByTestId('access-denied')).toHaveCount(0);
    await expect(page.getByTestId('flowchart')).toHaveCount(0);
    // The jump selects the finding in the editor.
    await page.getByTestId('refusals').getByRole('button').click();
    await expect(page.locator('.monaco-editor .selected-text').first()).toBeVisible();

    // Evaluated anyway, the broken Deny always applies, and the answer says so.
    await page.getByTestId('evaluate-anyway').check();
    await expect(decision).toHaveAttribute('data-decision', 'ExplicitDeny');
    await expect(page.getByTestId('flowchart')).toBeVisible();
    await expect(page.getByTestId('anyway-banner')).toContainText(
      'Evaluated anyway: AWS would refuse “ReadReports” (statement 2). Here a broken Allow never matches and a broken Deny always applies.',
    );
    await page.getByTestId('evaluate-anyway').uncheck();
    await expect(decision).toHaveAttribute('data-decision', 'refused');
  });

  test('a pasted policy over IAM’s size limit gets a finding naming the limit, and is refused; stored as a role’s inline policy it fits', async ({
    page,
  }) => {
    await openWorkbench(page);
    const actions = Array.from({ length: 180 }, (_, i) => `s3:GetObject${String(i).padStart(3, '0')}xxxxxxxxxxxxxxxxx`);
    await replaceText(
      page,
      JSON.stringify(
        { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] },
        null,
        2,
      ),
    );
    await expect(page.getByTestId('findings')).toContainText(
      'the policy has 6,383 characters without whitespace, over the limit of 6,144 for a customer managed policy',
    );
    const decision = page.getByTestId('decision');
    await expect(decision).toHaveAttribute('data-decision', 'refused');
    await expect(page.getByTestId('refusals')).toContainText('over the limit of 6,144 for a customer managed policy');
    // Stored as a role's inline policy, the limit is 10,240: the size finding goes, and the answer comes back.
    await page.getByTestId('doc-stored-as').selectOption({ label: 'Inline policy of a role (10,240 in total)' });
    await expect(page.getByTestId('findings')).not.toContainText('over the limit');
    await expect(decision).not.toHaveAttribute('data-decision', 'refused');
    // As a user's inline policy (2,048 in total) it is over again, and the choice survives a reload.
    await page.getByTestId('doc-stored-as').selectOption({ label: 'Inline policy of a user (2,048 in total)' });
    await expect(page.getByTestId('findings')).toContainText('over the limit of 2,048 for a user’s inline policies');
    await expect(decision).toHaveAttribute('data-decision', 'refused');
    await expect
      .poll(() =>
        page.evaluate(() =>
          Object.keys(localStorage)
            .filter((k) => k.startsWith('iamplay.scenario.'))
            .map((k) => localStorage.getItem(k))
            .join('\n'),
        ),
      )
      .toContain('"storedAs":"user-inline"');
    await page.reload();
    await expect(page.getByTestId('doc-stored-as')).toHaveValue('user-inline');
  });

  test('a user’s inline policies share one limit: the second that takes the total over 2,048 is named in the editor', async ({
    page,
  }) => {
    await openWorkbench(page);
    const actions = Array.from({ length: 30 }, (_, i) => `s3:GetObject${String(i).padStart(3, '0')}xxxxxxxxxxxxxxxxx`);
    const text = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }],
    });
    await replaceText(page, text);
    await page.getByTestId('doc-stored-as').selectOption({ label: 'Inline policy of a user (2,048 in total)' });
    await addDoc(page, 'Identity policy', text);
    await expect(page.getByTestId('findings')).not.toContainText('over the limit');
    await page.getByTestId('doc-stored-as').selectOption({ label: 'Inline policy of a user (2,048 in total)' });
    await expect(page.getByTestId('findings')).toContainText(
      'the user’s inline policies have 2,266 characters without whitespace, over the limit of 2,048 for a user’s inline policies together',
    );
    await expect(page.getByTestId('decision')).toHaveAttribute('data-decision', 'refused');
  });

  test('a policy that does not parse says first that it is left out and why, not "Implicit deny"', async ({ page }) => {
    await openWorkbench(page);
    await replaceText(page, '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", \n');
    const decision = page.getByTestId('decision');
    await expect(decision).toHaveAttribute('data-decision', 'refused');
    await expect(decision).not.toContainText('Implicit deny');
    await expect(page.getByTestId('refusals')).toContainText('“ReadReports”, line');
    await expect(page.getByTestId('refusals')).toContainText('it is left out even when evaluating anyway');
  });

  test('an action AWS does not have, and a wildcard, are answered as such, with the decision only "if it existed"', async ({
    page,
  }) => {
    await openWorkbench(page);
    await replaceText(page, ALLOW_S3);
    await setActions(page, 's3:GetObjct');
    const decision = page.getByTestId('decision');
    await expect(decision).toHaveAttribute('data-decision', 'no-such-action');
    await expect(decision.locator('.big')).toHaveText('No such action');
    await expect(page.getByTestId('action-problem')).toHaveText(
      'AWS has no action s3:GetObjct in Amazon S3; did you mean s3:GetObject?',
    );
    await expect(page.getByTestId('if-existed')).toHaveText('If this action existed, the answer would be Allow');
    await expect(page.getByTestId('explain-if-existed')).toHaveText(
      'AWS has no action s3:GetObjct: this is how it would decide if the action existed.',
    );
    await decision.getByRole('button', { name: 'use s3:GetObject' }).click();
    await expect(page.getByTestId('req-actions')).toHaveValue('s3:GetObject');
    await expect(decision).toHaveAttribute('data-decision', 'Allow');

    await setActions(page, 's3:*, s3:GetObject');
    const table = page.getByTestId('results-table');
    await expect(table.getByRole('row', { name: /s3:\*/ })).toContainText('No such action if it existed: Allow');
    await expect(table.getByRole('row', { name: /s3:GetObject/ })).toContainText('Allow');
    await expect(page.getByTestId('action-problem')).toHaveText(
      's3:* is a wildcard: a request names one action, and AWS has no action called s3:*',
    );
  });

  test('a session policy does not apply to a plain IAM user, and is left out of the decision', async ({ page }) => {
    await openWorkbench(page);
    await addDoc(
      page,
      'Session policy',
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"}]}',
    );
    const decision = page.getByTestId('decision');
    await expect(decision).toHaveAttribute('data-decision', 'Allow');
    await expect(page.getByTestId('left-out')).toHaveText(
      '“Session policy 1” is left out: session policies apply only to role sessions and federated users, and the principal is an IAM user: it does not apply and is left out of the decision',
    );
    await expect(page.getByTestId('verdicts').getByRole('row', { name: /Session policy/ })).toContainText(
      'Not in play',
    );
    // A role session is limited by it.
    await page.getByRole('button', { name: 'Role session' }).click();
    await expect(decision).toHaveAttribute('data-decision', 'ImplicitDeny');
    await expect(page.getByTestId('left-out')).toHaveCount(0);
  });

  test('request fields flag bad input at the field: owner account, a resource that is not an ARN, an empty principal', async ({
    page,
  }) => {
    await openWorkbench(page);
    await page.getByTestId('req-account').fill('abc');
    await expect(page.getByTestId('req-account-problem')).toHaveText(
      'Owner account: abc is not an account id: it has 12 digits; it is left out, so the owner is the account in the resource ARN',
    );
    await expect(page.getByTestId('req-account')).toHaveAttribute('aria-invalid', 'true');
    await page.getByTestId('req-resource').fill('reports/2026/q3.csv');
    await expect(page.getByTestId('req-resource-problem')).toHaveText(
      'reports/2026/q3.csv is not an ARN: write one such as arn:aws:s3:::bucket/key, or * for an action that takes no resource',
    );
    await page.getByTestId('req-principal').fill('');
    await expect(page.getByTestId('req-principal-problem')).toHaveText(
      'the principal is empty, so the request is evaluated as anonymous; type an ARN, or anonymous for a caller with no credentials',
    );
    await page.getByTestId('req-principal').fill('arn:aws:iam::111122223333:usr/alice');
    await expect(page.getByTestId('req-principal-problem')).toContainText(
      'arn:aws:iam::111122223333:usr/alice is not a user, role, provider or root ARN',
    );
    // Fixed, the flags go.
    await page.getByTestId('req-principal').fill('arn:aws:iam::111122223333:user/alice');
    await page.getByTestId('req-account').fill('111122223333');
    await page.getByTestId('req-resource').fill('arn:aws:s3:::reports/2026/q3.csv');
    await expect(page.getByTestId('decision')).toHaveAttribute('data-decision', 'Allow');
    await expect(page.locator('[data-testid$="-problem"]')).toHaveCount(0);
  });
});

test.describe('labels and order', () => {
  test('SCP levels are named as the tabs name them, in the flowchart and the statement trace', async ({ page }) => {
    await openWorkbench(page);
    await addDoc(
      page,
      'Service control policy',
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
    );
    await addDoc(
      page,
      'Service control policy',
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"}]}',
    );
    await page.getByLabel('Attached at').selectOption({ label: 'OU' });
    await expect(page.getByRole('list', { name: 'Documents' })).toContainText('SCP · OU');
    await expect(page.getByTestId('decision')).toHaveAttribute('data-decision', 'ImplicitDeny');
    await expect(page.locator('[data-step="scp"]')).toContainText(
      'No allow: denied: no service control policy at OU of the organization path allows the request',
    );
    await expect(page.locator('[data-step="scp"]')).not.toContainText('level 1');
    await expect(page.locator('[data-step="scp"]')).not.toContainText('OU 1');
    const headings = page.locator('.trace h4');
    await expect(headings.filter({ hasText: 'SCP 1' })).toContainText('Service control policies · Root');
    await expect(headings.filter({ hasText: 'SCP 2' })).toContainText('Service control policies · OU');
  });

  test('an explicit deny through an OU’s SCP names the OU level in the answer and the trace', async ({ page }) => {
    await openWorkbench(page);
    await addDoc(
      page,
      'Service control policy',
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
    );
    await addDoc(
      page,
      'Service control policy',
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Sid":"NoReports","Effect":"Deny","Action":"s3:GetObject","Resource":"*"}]}',
    );
    await page.getByLabel('Attached at').selectOption({ label: 'OU' });
    await expect(page.getByTestId('decision')).toHaveAttribute('data-decision', 'ExplicitDeny');
    await expect(page.getByTestId('deciding')).toContainText('“NoReports” in “SCP 2”, an SCP at OU, line 1');
    const deny = page.getByTestId('trace-statement').filter({ hasText: 'NoReports' });
    await expect(deny).toContainText('decides the request');
    await expect(page.locator('.trace h4').filter({ hasText: 'SCP 2' })).toContainText('Service control policies · OU');
  });

  test('the flowchart and the verdict table follow AWS’s chart order in every case, in words', async ({ page }) => {
    const CHART = ['explicit-deny', 'rcp', 'scp', 'resource', 'identity', 'boundary', 'session', 'decision'];
    await openWorkbench(page);
    const order = () =>
      page.locator('[data-testid="flowchart"] > li').evaluateAll((els) => els.map((e) => e.getAttribute('data-step')));
    expect(await order()).toEqual(CHART);
    await addDoc(
      page,
      'Service control policy',
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
    );
    await addDoc(
      page,
      'Resource control policy',
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}',
    );
    await page.getByTestId('doc-tab').filter({ hasText: 'ReadReports' }).click();
    await replaceText(
      page,
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"},{"Effect":"Deny","Action":"s3:GetObject","Resource":"*","Condition":{"Null":{"aws:SourceIp":"true"}}}]}',
    );
    await expect(page.getByTestId('decision')).toHaveAttribute('data-decision', 'ExplicitDeny');
    expect(await order()).toEqual(CHART);
    await expect(page.getByTestId('verdicts').locator('th')).toHaveText([
      'Resource control policies',
      'Service control policies',
      'Resource-based policy',
      'Identity-based policies',
      'Permissions boundary',
      'Session policy',
    ]);
    // Words, not enum names; an SVG icon, not an emoji that needs a font.
    await expect(page.locator('[data-step="decision"]')).toContainText('Explicit deny');
    await expect(page.getByTestId('flowchart')).not.toContainText('ExplicitDeny');
    await expect(page.getByTestId('decision').locator('svg')).toHaveCount(1);
    await expect(page.getByTestId('decision')).not.toContainText('⛔');
    // The deciding Deny is never called "not matched"; its condition says the key is absent, in words.
    const deny = page.getByTestId('trace-statement').filter({ hasText: 'Null' });
    await expect(deny).toHaveAttribute('data-deciding', 'true');
    await expect(deny).toContainText('decides the request');
    await expect(deny).not.toContainText('does not match');
    const condition = deny.getByTestId('trace-condition');
    await expect(condition).toContainText('Null on aws:SourceIp');
    await expect(condition.locator('dd').nth(0)).toHaveText('true');
    await expect(condition.locator('dd').nth(1)).toHaveText('the request does not have this key');
    await expect(condition.getByTestId('condition-rule')).toContainText('the Null operator');
  });

  test('a resource policy naming the caller says so with words and spaces', async ({ page }) => {
    await openWorkbench(page);
    await replaceText(page, '{"Version":"2012-10-17","Statement":[]}');
    await addDoc(
      page,
      'Resource policy',
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Action":"s3:GetObject","Resource":"*"}]}',
    );
    await expect(page.getByTestId('decision')).toHaveAttribute('data-decision', 'Allow');
    const principal = page.getByTestId('trace-statement').getByRole('row', { name: /Principal/ });
    await expect(principal).toContainText('arn:aws:iam::111122223333:user/alice · names this caller exactly');
  });

  test('context-key suggestions stay right when action keys and global keys overlap', async ({ page }) => {
    await openWorkbench(page);
    await page.getByRole('button', { name: 'Add a context key' }).click();
    for (const action of ['sts:AssumeRole', 'ec2:RunInstances', 'ec2:TerminateInstances']) {
      await setActions(page, action);
      await expect(page.getByRole('list', { name: 'About the actions' })).toContainText(action);
      const keys = await page
        .locator('#wb-keys option')
        .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
      expect(keys.length).toBeGreaterThan(10);
      expect(new Set(keys.map((k) => k.toLowerCase())).size).toBe(keys.length);
    }
    const keys = await page
      .locator('#wb-keys option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(keys).toContain('ec2:InstanceType');
  });
});

test.describe('phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the decision stays in view while the request is edited; keys show whole; the intro fits the layout', async ({
    page,
  }) => {
    await openWorkbench(page);
    await expect(page.getByRole('list', { name: 'How to use the workbench' })).toContainText('in the editor');
    await expect(page.getByRole('list', { name: 'How to use the workbench' })).not.toContainText('on the left');
    await page.getByTestId('req-actions').scrollIntoViewIfNeeded();
    await page.getByTestId('req-actions').fill('s3:PutObject');
    const sticky = page.getByTestId('sticky-answer');
    await expect(sticky).toContainText('Implicit deny');
    await expect(sticky).toBeInViewport();
    await expect(page.getByTestId('req-actions')).toBeInViewport();
    await page.getByTestId('req-actions').fill('s3:GetObject');
    await expect(sticky).toContainText('Allow');

    await page.getByRole('button', { name: 'Add a context key' }).click();
    const key = page.getByLabel('Context key 1', { exact: true });
    await key.fill('aws:MultiFactorAuthPresent');
    const fits = await key.evaluate(
      (el) => (el as HTMLInputElement).scrollWidth <= (el as HTMLInputElement).clientWidth,
    );
    expect(fits).toBe(true);
    await expect(sticky).toBeInViewport();
    await page.screenshot({ path: '/tmp/uib-phone-request.png' });
  });
});

for (const size of [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
]) {
  for (const theme of ['light', 'dark'] as const) {
    test.describe(`accessibility, ${theme} theme, ${size.name}`, () => {
      test.use({ viewport: { width: size.width, height: size.height } });

      test('no serious or critical violation with unreached flowchart boxes, a refusal and line numbers', async ({
        page,
      }) => {
        await page.emulateMedia({ colorScheme: theme });
        await openWorkbench(page);
        const scan = async () => {
          const results = await new AxeBuilder({ page }).analyze();
          return results.violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        };
        // An explicit deny leaves most flowchart boxes unreached.
        await replaceText(
          page,
          '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}',
        );
        await expect(page.getByTestId('decision')).toHaveAttribute('data-decision', 'ExplicitDeny');
        await expect(page.locator('[data-outcome="pending"]').first()).toBeVisible();
        await page.screenshot({ path: `/tmp/uib-${size.name}-${theme}-deny.png`, fullPage: true });
        expect(await scan()).toEqual([]);
        await setActions(page, 's3:GetObjct, s3:GetObject');
        await expect(page.getByTestId('results-table')).toContainText('No such action');
        expect(await scan()).toEqual([]);
        await replaceText(
          page,
          '{"Version":"2012-10-17","Statement":[{"Effect":"Alow","Action":"s3:*","Resource":"*"}]}',
        );
        await expect(page.getByTestId('decision')).toHaveAttribute('data-decision', 'refused');
        await page.screenshot({ path: `/tmp/uib-${size.name}-${theme}-refused.png`, fullPage: true });
        expect(await scan()).toEqual([]);
      });
    });
  }
}
