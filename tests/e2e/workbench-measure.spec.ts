/**
 * Measurements and screenshots, not assertions on speed: prints the diagnostics latency for a
 * 20 kB policy and saves screenshots at 1440×900 and 390×844 in both themes under /tmp.
 */
import { test, expect } from './fixtures';
import { openWorkbench, replaceText } from './workbench.helpers';

function bigPolicy(): string {
  const statements: string[] = [];
  let i = 0;
  let text = '';
  do {
    statements.push(
      `    {\n      "Sid": "S${i}",\n      "Effect": "Allow",\n      "Action": ["s3:GetObject", "s3:PutObject", "dynamodb:GetItem"],\n      "Resource": ["arn:aws:s3:::bucket-${i}/*", "arn:aws:dynamodb:us-east-1:111122223333:table/t${i}"],\n      "Condition": { "StringEquals": { "aws:PrincipalTag/team": "team-${i}" } }\n    }`,
    );
    i++;
    text = `{\n  "Version": "2012-10-17",\n  "Statement": [\n${statements.join(',\n')}\n  ]\n}\n`;
  } while (text.length < 20_000);
  return text;
}

test('diagnostics latency for a 20 kB policy', async ({ page }) => {
  await openWorkbench(page);
  const text = bigPolicy();
  await replaceText(page, text);
  await expect(page.getByTestId('findings').or(page.getByText('No problems found.'))).toBeVisible();
  const figures: number[] = [];
  for (let n = 0; n < 8; n++) {
    // Type one character at the end of a Sid, then wait for the editor to report fresh diagnostics.
    await page.evaluate(() => performance.clearMeasures('iamplay.diagnostics'));
    await page.keyboard.press('ControlOrMeta+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    await page.keyboard.type(' ');
    await page.waitForFunction(() => performance.getEntriesByName('iamplay.diagnostics').length > 0);
    figures.push(await page.evaluate(() => performance.getEntriesByName('iamplay.diagnostics')[0].duration));
    await page.waitForTimeout(50);
  }
  figures.sort((a, b) => a - b);
  console.log(
    `diagnostics after an edit of a ${text.length}-character policy: median ${figures[figures.length >> 1].toFixed(0)} ms, ` +
      `max ${figures[figures.length - 1].toFixed(0)} ms (${figures.map((f) => f.toFixed(0)).join(', ')}; includes the 60 ms pause)`,
  );
});

for (const [w, h] of [
  [1440, 900],
  [390, 844],
] as const) {
  for (const theme of ['light', 'dark'] as const) {
    test(`screenshot ${w}x${h} ${theme}`, async ({ page }) => {
      await page.setViewportSize({ width: w, height: h });
      await page.emulateMedia({ colorScheme: theme });
      await openWorkbench(page);
      await page.getByTestId('req-actions').fill('s3:GetObject, s3:PutObject');
      await expect(page.getByTestId('results-table')).toBeVisible();
      await page.waitForTimeout(300);
      await page.screenshot({ path: `/tmp/wb-${w}x${h}-${theme}.png`, fullPage: true });
    });
  }
}
