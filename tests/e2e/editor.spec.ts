/**
 * The policy editor as a learner uses it: typing a statement by hand (Monaco auto-closes quotes
 * and brackets, so the keys pressed are a person's), the quick-fix menu, the problem hover, and
 * problems counted alike in the tab and the panel.
 */
import { test, expect } from './fixtures';
import { openWorkbench, replaceText } from './workbench.helpers';

const editorText = async (page: import('@playwright/test').Page) =>
  ((await page.getByTestId('policy-editor').locator('.view-lines').textContent()) ?? '').replace(/\u00a0/g, ' ');

test.describe('the policy editor', () => {
  test('a statement typed by hand, key by key, ends up as typed (no "*" inserted by Enter after a closed string)', async ({
    page,
  }) => {
    await openWorkbench(page);
    await replaceText(page, '{\n  "Version": "2012-10-17",\n  "Statement": [\n    \n  ]\n}\n');
    // The empty line inside the list.
    await page.getByTestId('policy-editor').locator('.view-line').nth(3).click();
    await page.keyboard.press('End');
    // What a person presses: an opening quote or bracket is closed by the editor, and typing the
    // closing one steps over it.
    const keys = [
      '{',
      'Enter',
      '"Effect": "Allow",',
      'Enter',
      '"Action": "s3:GetObject",',
      'Enter',
      '"Resource": "arn:aws:s3:::reports/*"',
      'Enter',
    ];
    for (const k of keys) {
      if (k === 'Enter') {
        // A person's pause before Enter: time for a completion list to open, as it does for them.
        await page.waitForTimeout(400);
        await page.keyboard.press('Enter');
      } else await page.keyboard.type(k, { delay: 120 }); // about a person's typing speed
    }
    await expect(page.getByText('No problems found.')).toBeVisible();
    const text = await editorText(page);
    expect(text).toContain('"Resource": "arn:aws:s3:::reports/*"');
    expect(text).not.toContain('"*""*"');
    expect(text).not.toContain('*"*');
    await expect(page.locator('.suggest-widget.visible')).toHaveCount(0);
    await expect(page.getByTestId('decision')).toHaveAttribute('data-decision', 'Allow');
  });

  test('the quick-fix menu shows its whole suggestion, and the problem hover says it once, without backticks', async ({
    page,
  }) => {
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
    // The problems panel asks "did you mean" once too.
    const listed = (await page.getByTestId('findings').textContent()) ?? '';
    expect(listed.match(/did you mean/gi)).toHaveLength(1);
    const word = page
      .getByTestId('policy-editor')
      .locator('.view-line', { hasText: 'GetObjekt' })
      .getByText('GetObjekt');
    const hover = page.locator('.monaco-hover').filter({ hasText: 'is not an action of Amazon S3' }).first();
    await expect(async () => {
      await page.mouse.move(0, 0);
      await word.hover();
      await expect(hover).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 20_000 });
    const said = (await hover.textContent()) ?? '';
    expect(said).toContain('s3:GetObjekt is not an action of Amazon S3; did you mean s3:GetObject?');
    expect(said.match(/did you mean/gi)).toHaveLength(1);
    expect(said).not.toContain('`');
    await page.mouse.move(0, 0);

    await word.click();
    await page.keyboard.press('ControlOrMeta+.');
    const item = page.locator('.action-widget .monaco-list-row').filter({ hasText: 's3:GetObject' }).first();
    await expect(item).toBeVisible();
    await expect(item).toContainText('s3:GetObject');
    await expect(item).not.toContainText('…');
    await expect(item).not.toContainText('`');
    const cut = await item.evaluate((row) =>
      [...row.querySelectorAll<HTMLElement>('*')].some(
        (el) => el.scrollWidth > el.clientWidth + 1 && el.textContent?.includes('s3:GetObject'),
      ),
    );
    expect(cut).toBe(false);
    await page.screenshot({ path: '/tmp/uib-quickfix.png' });
  });

  test('the tab badge and the problems panel count alike; an unknown service is one problem, with its lines', async ({
    page,
  }) => {
    await openWorkbench(page);
    await replaceText(
      page,
      `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": [
        "foo:ListThings",
        "foo:GetThing",
        "foo:PutThing"
      ],
      "Resource": "*"
    },
    { "Effect": "Alow", "Action": "s3:GetObject", "Resource": "*" }
  ]
}
`,
    );
    const findings = page.getByTestId('findings').locator('> li');
    await expect(findings).toHaveCount(2);
    await expect(page.locator('#findings-title')).toContainText('(2)');
    await expect(page.getByTestId('doc-tab').locator('.count')).toHaveText('2 problems, with errors');
    await expect(page.getByTestId('finding-repeats')).toHaveText('3 times, also on lines 8, 9');
  });
});
