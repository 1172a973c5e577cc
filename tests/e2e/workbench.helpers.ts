/** Helpers for the workbench specs: drive the Monaco editor the way a person does. */
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

export async function openWorkbench(page: Page, hash = ''): Promise<void> {
  await page.goto(`/workbench${hash}`);
  await expect(page.getByTestId('policy-editor')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('decision')).toBeVisible();
}

/** Replaces the active document's text by selecting all and pasting (no auto-closing brackets, as with a real paste). */
export async function replaceText(page: Page, text: string): Promise<void> {
  const editor = page.getByTestId('policy-editor');
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

export async function setActions(page: Page, actions: string): Promise<void> {
  await page.getByTestId('req-actions').fill(actions);
}
