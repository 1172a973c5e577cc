// The Flows section as a person uses it: pick each flow and run it to its end, step back and
// forward, jump, open a request and a token, flip each break-it switch and see AWS's error at its
// step, open a decision in the workbench, copy a link to a step and open it in a new page, and
// compare the identity pool's two flows. The page talks only to its own origin (fixtures.ts).
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { FLOW_INFOS } from '../../src/flows/catalog';
import type { FlowInfo } from '../../src/flows/catalog-types';

const position = (page: Page) => page.getByTestId('flow-position');

async function open(page: Page): Promise<void> {
  await page.goto('/flows');
  await expect(page.getByRole('heading', { level: 1, name: 'Identity flows' })).toBeVisible();
}

/** Picks a flow, its variant and switches, runs it, and waits for the first step. */
async function run(page: Page, f: FlowInfo, options: { variant?: string; switches?: string[] } = {}): Promise<number> {
  await page.getByRole('radio', { name: new RegExp(`^${f.order}\\. ${escape(f.title)}`) }).check();
  if (options.variant) await page.locator(`input[name=variant][value="${options.variant}"]`).check();
  for (const s of options.switches ?? []) await page.locator(`[data-switch="${s}"]`).check();
  await page.getByTestId('flow-run').click();
  await expect(position(page)).toHaveText(/^Step 1 of \d+$/, { timeout: 30_000 });
  return Number(/of (\d+)/.exec((await position(page).textContent()) ?? '')![1]);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('the picker lists every flow by its number, and each runs to its end step by step', async ({ page }) => {
  test.setTimeout(30_000 + FLOW_INFOS.length * 20_000);
  await open(page);
  const picker = page.getByRole('group', { name: 'Flow' });
  await expect(picker.getByRole('radio')).toHaveCount(FLOW_INFOS.length);
  for (const f of [...FLOW_INFOS].sort((a, b) => a.order - b.order)) {
    const n = await run(page, f);
    for (let i = 2; i <= n; i++) {
      await page.getByTestId('flow-forward').click();
      await expect(position(page)).toHaveText(`Step ${i} of ${n}`);
    }
    await expect(page.getByTestId('flow-forward')).toBeDisabled();
    await expect(page.getByTestId('flow-final')).toHaveText(`The run ends after step ${n}: done.`);
    await expect(page.getByTestId('flow-narration')).toContainText(`${n}.`);
  }
});

test('step back and forward, jump to a step, open a request and a token (flow 2)', async ({ page }) => {
  await open(page);
  const f = FLOW_INFOS.find((x) => x.id === 'identity-pool-enhanced')!;
  const n = await run(page, f, { variant: 'group' });
  expect(n).toBe(4);
  const narration = page.getByTestId('flow-narration');
  await expect(narration).toContainText('1. Sign in to the user pool');

  // The first step's tokens, each in a panel of its own: the ID token's claims explained, with dates.
  const id = page.getByTestId('token-panel').filter({ has: page.getByRole('heading', { name: 'ID token' }) });
  await expect(id.getByTestId('token-claims')).toContainText('token_use');
  await expect(id.getByTestId('token-claims')).toContainText('cognito:groups');
  await expect(id.getByTestId('token-claims')).toContainText('2026-12-01T09:00');

  await page.getByTestId('flow-forward').click();
  await expect(position(page)).toHaveText('Step 2 of 4');
  await expect(narration).toContainText('2. GetId');
  await page.getByTestId('flow-back').click();
  await expect(position(page)).toHaveText('Step 1 of 4');
  // The keyboard steps too.
  await page.getByTestId('flow-forward').focus();
  await page.keyboard.press('ArrowRight');
  await expect(position(page)).toHaveText('Step 2 of 4');

  await page.getByTestId('flow-step').nth(2).click();
  await expect(position(page)).toHaveText('Step 3 of 4');
  await expect(page.getByTestId('flow-credentials')).toContainText('arn:aws:iam::111122223333:role/photos-app-editors');
  await expect(page.getByTestId('flow-expiry')).toContainText(/expires in 59 min \d+ s/);

  // Each arrow opens its message exactly as exchanged.
  await page
    .getByRole('button', { name: /^Step 3: Request from Browser app to Identity pool: POST GetCredentialsForIdentity/ })
    .click();
  const http = page.getByTestId('http-panel');
  await expect(http).toContainText('POST https://cognito-identity.us-east-1.amazonaws.com/ HTTP/1.1');
  await expect(http).toContainText('x-amz-target: AWSCognitoIdentityService.GetCredentialsForIdentity');
  await expect(http).toContainText('"IdentityId"');
  // The body byte for byte as sent: JSON without a space.
  await http.getByRole('button', { name: 'As sent' }).click();
  await expect(http.getByTestId('http-raw')).toContainText('{"IdentityId":"us-east-1:');
  await http.getByRole('button', { name: 'Indented' }).click();
  await page.getByRole('button', { name: /^Step 3: Response from Identity pool to Browser app: 200 OK/ }).click();
  await expect(http).toContainText('HTTP/1.1 200 OK');
  await expect(http).toContainText('"SessionToken"');
  // A field explained on focus.
  await http.getByRole('button', { name: 'SessionToken' }).focus();
  await expect(page.getByRole('tooltip')).toContainText('X-Amz-Security-Token');
});

test('play at 4× steps on by itself and pauses; with reduced motion the arrows are not animated', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await open(page);
  await run(
    page,
    FLOW_INFOS.find((x) => x.id === 'identity-pool-enhanced')!,
  );
  const now = page.locator('[data-testid=flow-arrow].now .line').first();
  await expect(now).toHaveCSS('animation-name', 'none');
  await page.getByTestId('flow-speed').selectOption('4');
  await page.getByTestId('flow-play').click();
  await expect(page.getByTestId('flow-play')).toHaveAttribute('aria-pressed', 'true');
  await expect(position(page)).toHaveText('Step 2 of 4');
  await page.getByTestId('flow-play').click();
  await expect(page.getByTestId('flow-play')).toHaveAttribute('aria-pressed', 'false');
  const paused = await position(page).textContent();
  await page.getByTestId('flow-back').click();
  expect(paused).not.toBe(await position(page).textContent());
  await expect(page.getByTestId('flow-narration')).toHaveAttribute('aria-live', 'polite');
});

for (const f of FLOW_INFOS)
  for (const s of f.switches.filter((w) => w.fails))
    test(`flow ${f.order}: “${s.id}” fails at ${s.fails!.step} with ${s.fails!.code}`, async ({ page }) => {
      await open(page);
      const n = await run(page, f, { switches: [s.id] });
      // The step of the declared event whose exchange failed with AWS's code (the run may go on after it).
      const failing = page
        .locator(`[data-testid=flow-step][data-event="${s.fails!.step}"]`)
        .filter({ hasText: `✕ ${s.fails!.code}` });
      await expect(failing).toHaveCount(1);
      await failing.click();
      await expect(page.getByTestId('flow-error')).toContainText(s.fails!.code);
      await page.getByTestId('flow-step').last().click();
      await expect(position(page)).toHaveText(`Step ${n} of ${n}`);
      await expect(page.getByTestId('flow-final')).toHaveText(`The run ends after step ${n}: it failed.`);
      await expect(page.getByTestId('flow-arrow').filter({ hasText: `✕ ` }).last()).toBeVisible();
    });

test('the access token in Logins gets AWS’s words at GetId', async ({ page }) => {
  await open(page);
  await run(
    page,
    FLOW_INFOS.find((x) => x.id === 'identity-pool-enhanced')!,
    { switches: ['access-token'] },
  );
  await page.getByTestId('flow-step').nth(1).click();
  await expect(page.getByTestId('flow-error')).toHaveText(
    /NotAuthorizedException: Invalid login token\. Missing a required claim: aud/,
  );
});

test('a decision of a flow opens in the workbench with the same answer and deciding statements', async ({ page }) => {
  test.setTimeout(120_000);
  await open(page);
  // An S3 decision when a flow of this build talks to S3; until then, any decision (flow 2's trust decision).
  const s3 = FLOW_INFOS.some((x) => x.parties.some((p) => p.id === 's3'));
  // Flow 5 (the credentials used) first: its S3 steps are what a learner opens most.
  const flows = FLOW_INFOS.filter((x) => !s3 || x.parties.some((p) => p.id === 's3')).sort(
    (a, b) => Number(b.id === 'using-credentials') - Number(a.id === 'using-credentials'),
  );
  let found = '';
  for (const f of flows) {
    const n = await run(page, f);
    for (let i = 0; i < n && !found; i++) {
      await page.getByTestId('flow-step').nth(i).click();
      const d = page.getByTestId('flow-decision');
      if ((await d.count()) === 0) continue;
      const text = (await d.textContent()) ?? '';
      if (s3 && !text.includes('s3:')) continue;
      found = `${f.id} step ${i + 1}`;
      const allowed = (await page.getByTestId('flow-decision-verdict').textContent())!.includes('Allowed');
      const deciding = await page.getByTestId('flow-deciding').locator('li').allTextContents();
      await page.getByTestId('flow-open-workbench').click();
      await expect(page).toHaveURL(/\/workbench/);
      const decision = page.getByTestId('decision');
      await expect(decision).toHaveAttribute('data-decision', allowed ? 'Allow' : /Deny/, { timeout: 30_000 });
      // The workbench's deciding statements are the flow's (the engine's own list, on both sides).
      const wbDeciding = await page.getByTestId('deciding').locator('li').allTextContents();
      expect(wbDeciding.length).toBeGreaterThan(0);
      expect(wbDeciding.length).toBe(deciding.length);
      for (const line of wbDeciding) {
        const sid = /“([^”]+)”/.exec(line)?.[1];
        if (sid)
          expect(
            deciding.some((d) => d.includes(`“${sid}”`)),
            `${sid} in ${deciding.join('; ')}`,
          ).toBe(true);
      }
    }
    if (found) break;
  }
  expect(found, 'a flow of this build shows a decision').not.toBe('');
});

test('copy a link to step 5 (or the last), open it in a new page: the same run, at that step', async ({
  page,
  context,
  baseURL,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  await open(page);
  const n = await run(
    page,
    FLOW_INFOS.find((x) => x.id === 'identity-pool-enhanced')!,
    {
      variant: 'no-group',
      switches: ['several-groups'],
    },
  );
  // Step 5 once the flow has five steps; flow 2 has four.
  const step = Math.min(5, n) - 1;
  await page.getByTestId('flow-step').nth(step).click();
  await expect(position(page)).toHaveText(`Step ${step + 1} of ${n}`);
  const facts = await page.getByTestId('flow-facts').textContent();
  const narration = await page.getByTestId('flow-narration').textContent();
  await page.getByTestId('flow-copy-link').click();
  await expect(page.getByText(/Link copied/)).toBeVisible();
  const url = await page.evaluate(() => navigator.clipboard.readText());
  expect(url).toMatch(/\/flows#flow=1\.[A-Za-z0-9_-]+$/);
  expect(new URL(page.url()).hash).toBe(new URL(url).hash);

  const other = await context.newPage();
  await other.goto(url);
  await expect(other.getByTestId('flow-position')).toHaveText(`Step ${step + 1} of ${n}`, { timeout: 30_000 });
  await expect(other.getByRole('radio', { name: /A user in no group/ })).toBeChecked();
  await expect(other.locator('[data-switch="several-groups"]')).toBeChecked();
  await expect(other.getByTestId('flow-narration')).toHaveText(narration!);
  // The same seed: the same session, byte for byte.
  await expect(other.getByTestId('flow-facts')).toHaveText(facts!);
  await other.close();
});

test('a corrupt or hostile link opens nothing and says why', async ({ page }) => {
  await page.goto('/flows#flow=1.AAAA');
  await expect(page.getByTestId('flows-notice')).toContainText('The shared link was not opened: the link is corrupt');
  await expect(page.getByTestId('flow-position')).toHaveCount(0);
  await page.goto('/flows#flow=9.AAAA');
  await expect(page.getByTestId('flows-notice')).toContainText('made by a newer version of IAM Playground');
});

test('compare mode puts the enhanced and basic flows side by side', async ({ page }) => {
  await open(page);
  await page.getByTestId('flow-compare-start').click();
  const cmp = page.getByTestId('flow-compare');
  await expect(cmp.getByTestId('flow-compare-table')).toBeVisible({ timeout: 30_000 });
  await expect(cmp.getByTestId('flow-diagram')).toHaveCount(2);
  const rows = cmp.getByTestId('flow-compare-table').locator('tbody th');
  await expect(rows).toHaveText([
    /Who chooses the role/,
    /Calls/,
    /Role/,
    /Its policies/,
    /What it was allowed/,
    /Ended/,
  ]);
  await expect(cmp.getByTestId('flow-compare-table')).toContainText('The identity pool: from its authenticated role');
});

for (const [w, h] of [
  [1440, 900],
  [390, 844],
] as const)
  for (const theme of ['light', 'dark'] as const)
    test(`screenshots at ${w}×${h}, ${theme}: nothing cut off or overlapping`, async ({ page }, info) => {
      await page.setViewportSize({ width: w, height: h });
      await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
      await open(page);
      await run(
        page,
        FLOW_INFOS.find((x) => x.id === 'identity-pool-enhanced')!,
        { switches: ['ambiguous-deny'] },
      );
      await page.getByTestId('flow-step').last().click();
      // The page never scrolls sideways; the diagram scrolls inside its own box.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(w);
      await page.screenshot({ path: info.outputPath(`flows-${w}x${h}-${theme}.png`), fullPage: true });
    });
