// Measurements in a real browser (`npm run bench:ui`): they print figures and save screenshots
// under /tmp for a person to look at; they assert no timings and are not part of `npm test`.
import { defineConfig } from '@playwright/test';
import base from './playwright.config';

export default defineConfig({ ...base, testMatch: '**/*.measure.ts', workers: 1 });
