import { test, expect } from './fixtures';

const SECTIONS = [
  { nav: 'Account', path: '/account', heading: 'Account' },
  { nav: 'Workbench', path: '/workbench', heading: 'Policy workbench' },
  { nav: 'Flows', path: '/flows', heading: 'Identity flows' },
  { nav: 'Access graph', path: '/graph', heading: 'Access graph' },
  { nav: 'Lessons', path: '/lessons', heading: 'Lessons' },
];

test('every section opens from the header, with a real URL, and back/forward work', async ({ page }) => {
  await page.goto('/');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Learn AWS identity and access by trying it' }),
  ).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Sections' });
  // The path names the section (the workbench adds its state in the hash, which is not part of it).
  const path = () => new URL(page.url()).pathname;
  for (const s of SECTIONS) {
    await nav.getByRole('link', { name: s.nav }).click();
    await expect.poll(path).toBe(s.path);
    await expect(page.getByRole('heading', { level: 1, name: s.heading })).toBeVisible();
    await expect(nav.getByRole('link', { name: s.nav })).toHaveAttribute('aria-current', 'page');
    await expect(page).toHaveTitle(new RegExp(`${s.heading} · IAM Playground`));
  }
  // Sections not built yet say so plainly.
  await expect(page.getByText('Not built yet', { exact: true })).toBeVisible();

  await page.goBack();
  await expect.poll(path).toBe('/graph');
  await expect(page.getByRole('heading', { level: 1, name: 'Access graph' })).toBeVisible();
  await page.goBack();
  await expect.poll(path).toBe('/flows');
  await page.goForward();
  await expect.poll(path).toBe('/graph');
  await expect(page.getByRole('heading', { level: 1, name: 'Access graph' })).toBeVisible();
});

test('the home page says what exists today and keeps the planned sections secondary', async ({ page }) => {
  await page.goto('/');
  // The promise is what exists: the workbench, the account, the flows and the graph; only lessons are planned.
  await expect(page.getByTestId('home-lede')).toHaveText(
    'IAM Playground evaluates IAM policies the way AWS does, rule by rule, and shows you why a request is allowed or denied. Today it is a policy workbench, a simulated account, identity flows and an access graph to explore; lessons are planned.',
  );
  const available = page.getByTestId('home-available');
  await expect(available.getByRole('heading', { level: 2 })).toHaveText('Policy workbench Available now');
  await expect(available).toContainText('1,594 AWS managed policies');
  await expect(available).not.toContainText('Cognito');
  await expect(page.getByTestId('home-account').getByRole('heading', { level: 2 })).toHaveText('Account Available now');
  const planned = page.getByTestId('home-planned');
  await expect(planned.getByRole('heading', { level: 2 })).toHaveText('Planned, not built yet');
  await expect(page.getByTestId('home-flows').getByRole('heading', { level: 2 })).toHaveText(
    'Identity flows Available now',
  );
  await expect(page.getByTestId('home-graph').getByRole('heading', { level: 2 })).toHaveText(
    'Access graph Available now',
  );
  await expect(planned.getByRole('heading', { level: 3 })).toHaveText(['Lessons']);
  // Secondary: smaller headings than the workbench's, muted text, no shadow, and no call to action in the accent colour.
  const look = (sel: string) =>
    page
      .locator(sel)
      .first()
      .evaluate((el) => {
        const s = getComputedStyle(el);
        return { size: parseFloat(s.fontSize), color: s.color, shadow: s.boxShadow };
      });
  const nowHeading = await look('[data-testid="home-available"] h2');
  const plannedHeading = await look('[data-testid="home-planned"] h3');
  expect(plannedHeading.size).toBeLessThan(nowHeading.size);
  expect((await look('[data-testid="home-planned"] .card')).shadow).toBe('none');
  expect((await look('[data-testid="home-planned"] .card a')).color).not.toBe(
    (await look('[data-testid="home-available"] a')).color,
  );
  await planned.getByRole('link', { name: 'What is planned for Lessons' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lessons' })).toBeVisible();
  await expect(page.getByText('Not built yet', { exact: true })).toBeVisible();
});

test('a section URL opened directly serves that section, and an unknown one says so', async ({ page }) => {
  await page.goto('/lessons');
  await expect(page.getByRole('heading', { level: 1, name: 'Lessons' })).toBeVisible();
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expect(page.getByText('/no/such/page')).toBeVisible();
});

test('the theme follows the system setting and the toggle switches it, remembered across reloads', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const darkBg = await bg();

  await page.getByRole('button', { name: 'Switch to light theme' }).click();
  await expect(html).toHaveAttribute('data-theme', 'light');
  expect(await bg()).not.toBe(darkBg);
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'light');

  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  expect(await bg()).toBe(darkBg);
  // Back to following the system: light system now means light page.
  await page.emulateMedia({ colorScheme: 'light' });
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'light');
});

test('keyboard: skip link, visible focus, and sections reachable without a mouse', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();

  await page.keyboard.press('Tab'); // brand
  await page.keyboard.press('Tab'); // Account
  await page.keyboard.press('Tab'); // Workbench
  const workbench = page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Workbench' });
  await expect(workbench).toBeFocused();
  const outline = await workbench.evaluate((el) => {
    const s = getComputedStyle(el);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
  });
  expect(outline.style).toBe('solid');
  expect(outline.width).toBeGreaterThanOrEqual(2);

  await page.keyboard.press('Tab'); // Flows
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL('/flows');
  await expect(page.getByRole('heading', { level: 1, name: 'Identity flows' })).toBeVisible();
  // Focus moved to the page content after navigating.
  await expect(page.locator('main')).toBeFocused();
});

test('the About box shows the version, the catalogue date, and the engine answering from its worker', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'About IAM Playground' }).click();
  const dialog = page.getByRole('dialog', { name: 'About IAM Playground' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('engine-status')).toHaveText(/^\d+\.\d+\.\d+, running in a background worker$/);
  await expect(dialog).toContainText(/@cloud-copilot\/iam-data\s+\d+\.\d+\.\d+/);
  await expect(dialog).toContainText(/data of \d{4}-\d{2}-\d{2}/);
  await expect(dialog).toContainText('Available now: the policy workbench');
  await expect(dialog.getByTestId('about-planned')).toHaveText('Planned, not built yet: lessons.');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('the first page does not load Monaco; the workbench loads it from this origin', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(scripts.some((u) => /monaco/i.test(u))).toBe(false);

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Workbench' }).click();
  await expect(page.locator('.monaco-editor').first()).toBeVisible();
  expect(scripts.some((u) => /monaco/i.test(u))).toBe(true);
});

test.describe('phone layout', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the header fits and every section is reachable', async ({ page }) => {
    await page.goto('/');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const nav = page.getByRole('navigation', { name: 'Sections' });
    for (const s of SECTIONS) {
      const link = nav.getByRole('link', { name: s.nav });
      await expect(link).toBeInViewport();
    }
    await nav.getByRole('link', { name: 'Lessons' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Lessons' })).toBeVisible();
  });
});

test('leaving the workbench while it is still working raises no error', async ({ page }) => {
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await page.goto('/');
  // Leave at every stage: before Monaco has loaded, while it starts, while the first checks run.
  for (const wait of [0, 50, 150, 300, 500, 800, 1200]) {
    await nav.getByRole('link', { name: 'Workbench' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Policy workbench' })).toBeVisible();
    await page.waitForTimeout(wait);
    await nav.getByRole('link', { name: 'Flows' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Identity flows' })).toBeVisible();
  }
  // Answers the worker was still computing arrive after the editor is gone; the guard in the
  // fixture fails the test on any page error they cause.
  await page.waitForTimeout(1_000);
});
