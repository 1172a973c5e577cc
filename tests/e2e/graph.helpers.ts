/** Helpers of the Access graph's end-to-end tests. */
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** Opens the Access graph on the Account's world and waits for its summary. */
export async function openGraph(page: Page): Promise<void> {
  await page.goto('/graph');
  await expect(page.getByRole('heading', { level: 1, name: 'Access graph' })).toBeVisible();
  await expect(page.getByTestId('graph-summary')).toBeVisible({ timeout: 45_000 });
}

/** Starts the page with `world` as the Account's saved world (once per tab: later loads keep what the page saved). */
export async function useWorld(page: Page, world: unknown): Promise<void> {
  await page.addInitScript((text) => {
    if (sessionStorage.getItem('graph-test-seeded')) return;
    localStorage.removeItem('iamplay.account');
    localStorage.setItem('iamplay.world', text);
    sessionStorage.setItem('graph-test-seeded', '1');
  }, JSON.stringify(world));
}

export const shotDir = '/tmp/graph-shots';
