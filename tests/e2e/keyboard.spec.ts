/** Leaving the Monaco editor with the keyboard, and an answer that never stays busy. */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { openWorkbench } from './workbench.helpers';

/** Whether the keyboard focus is inside the editor. */
const inEditor = (page: Page) =>
  page.evaluate(() => !!document.activeElement?.closest('[data-testid="policy-editor"]'));

test('Esc then Tab leaves the editor, and a hint says so while the editor has focus', async ({ page }) => {
  await openWorkbench(page);
  const hint = page.getByTestId('tab-hint');
  await expect(hint).toHaveCount(0);
  const editor = page.getByTestId('policy-editor');
  await editor.locator('.view-lines').click();
  await expect(hint).toHaveText('Esc then Tab leaves the editor · Ctrl+M: Tab moves focus');

  // Tab indents while in the editor…
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.press('Tab');
  await expect.poll(() => inEditor(page)).toBe(true);
  // …and Esc then Tab moves on, out of the editor.
  await page.keyboard.press('Escape');
  await expect(hint).toHaveText('Tab now leaves the editor');
  await page.keyboard.press('Tab');
  await expect.poll(() => inEditor(page)).toBe(false);
  await expect(hint).toHaveCount(0);

  // Back in the editor, Tab indents again (the way out was for once).
  await editor.locator('.view-lines').click();
  await expect(hint).toHaveText('Esc then Tab leaves the editor · Ctrl+M: Tab moves focus');
  await page.keyboard.press('Tab');
  await expect.poll(() => inEditor(page)).toBe(true);
});

test('Ctrl+M makes Tab move focus until pressed again, and the hint shows which mode is on', async ({ page }) => {
  await openWorkbench(page);
  const hint = page.getByTestId('tab-hint');
  await page.getByTestId('policy-editor').locator('.view-lines').click();
  await page.keyboard.press('Control+M');
  await expect(hint).toHaveText('Tab moves focus · Ctrl+M: Tab indents again');
  await page.keyboard.press('Tab');
  await expect.poll(() => inEditor(page)).toBe(false);

  // Back, and Ctrl+M again: the hint says Tab indents again, and it does; Esc then Tab still leaves.
  await page.getByTestId('policy-editor').locator('.view-lines').click();
  await expect(hint).toHaveText('Tab moves focus · Ctrl+M: Tab indents again');
  await page.keyboard.press('Control+M');
  await expect(hint).toHaveText('Esc then Tab leaves the editor · Ctrl+M: Tab moves focus');
  await page.keyboard.press('Tab');
  await expect.poll(() => inEditor(page)).toBe(true);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect.poll(() => inEditor(page)).toBe(false);
});

test('clearing the actions while an answer is on its way leaves the answer not busy', async ({ page }) => {
  // A slow engine: every message to it arrives 300 ms late, so answers are still on their way
  // when the next question (or none) is asked.
  await page.addInitScript(() => {
    const Real = window.Worker;
    window.Worker = class extends Real {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        if (String(url).includes('engine.worker')) {
          const post = this.postMessage.bind(this) as (...args: unknown[]) => void;
          this.postMessage = (...args: unknown[]) => void setTimeout(() => post(...args), 300);
        }
      }
    };
  });
  await openWorkbench(page);
  const answer = page.locator('section[aria-labelledby="answer-title"]');
  const actions = page.getByTestId('req-actions');
  // Clear the field at several moments after a question was asked, while its answer is in flight.
  for (const wait of [150, 200, 300]) {
    await actions.fill('s3:PutObject');
    await page.waitForTimeout(wait);
    await actions.fill('');
    await expect(page.getByText('Type an action to ask about, such as s3:GetObject.')).toBeVisible();
    await expect(answer).toHaveAttribute('aria-busy', 'false');
  }
  // The answer that was on its way is not shown for the question no longer asked.
  await page.waitForTimeout(800);
  await expect(page.getByText('Type an action to ask about, such as s3:GetObject.')).toBeVisible();
  await expect(answer).toHaveAttribute('aria-busy', 'false');
  // Fast typing, letter by letter: the answer is for the whole action, and not busy.
  await actions.pressSequentially('s3:PutObject');
  await expect(page.getByTestId('decision')).toHaveAttribute('data-decision', 'ImplicitDeny');
  await expect(answer).toHaveAttribute('aria-busy', 'false');
});
