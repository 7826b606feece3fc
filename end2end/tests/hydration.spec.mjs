// The staff side of the app hydrates: the wasm bundle loads and runs without error.
import { test, expect } from '@playwright/test';

test('the home page hydrates without errors', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name === 'without-javascript', 'hydration needs JavaScript');
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });
  const wasm = page.waitForResponse((r) => r.url().endsWith('/pkg/app_bg.wasm'));
  await page.goto('/');
  expect((await wasm).status()).toBe(200);
  await page.waitForFunction(() => document.querySelectorAll('.fr-card').length >= 3);
  await page.waitForTimeout(500);
  expect(errors).toEqual([]);
});
