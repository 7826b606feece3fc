// The committee's report: a committee member opens it on a phone and on a desktop, with and
// without JavaScript; axe-core on the page; no sideways scroll at 390 px; printed from the
// browser it keeps its running header and page numbers; the server's PDF downloads.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { VIEWER, expectNoViolations, fillSignIn } from './staff.mjs';

const YEAR = 'survey=accueil&from=2025-12&to=2026-11&compare_from=2024-12&compare_to=2025-11';

async function open(page, query = YEAR) {
  await page.goto(`/rapport?${query}`);
  await expect(page).toHaveURL(/\/login/);
  await fillSignIn(page, VIEWER);
  await expect(page.getByRole('heading', { level: 1, name: 'Rapport au comité local des usagers' })).toBeVisible();
}

test('a committee member reads the report on a phone', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await open(page);
  await expect(page.getByRole('heading', { level: 2, name: 'Synthèse' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Annexe : la méthode' })).toBeVisible();
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(widths[0]).toBeLessThanOrEqual(widths[1]);
  await expectNoViolations(page, testInfo);
  await page.screenshot({ path: testInfo.outputPath('report-390.png'), fullPage: true, timeout: 30000 });
});

test('the report prints with its running header and downloads as a PDF', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await open(page);
  await expectNoViolations(page, testInfo);
  await page.emulateMedia({ media: 'print' });
  const path = testInfo.outputPath('rapport-navigateur.pdf');
  writeFileSync(path, await page.pdf({ preferCSSPageSize: true }));
  const info = execFileSync('pdfinfo', [path]).toString();
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)[1]);
  expect(pages).toBeGreaterThanOrEqual(4);
  const words = execFileSync('pdftotext', [path, '-']).toString();
  expect(words).toContain(`Page 2 sur ${pages}`);
  expect(words).toContain('Préfecture du Territoire de Belfort — Votre avis sur l');
  expect(words).not.toContain('Télécharger le rapport (PDF)');
  await page.emulateMedia({ media: 'screen' });
  const href = await page.getByRole('link', { name: 'Télécharger le rapport (PDF)' }).getAttribute('href');
  const response = await page.request.get(href);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/pdf');
  expect((await response.body()).subarray(0, 4).toString()).toBe('%PDF');
});

test('the slides go forward and back by links and the keyboard, and print one page each', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await open(page);
  await page.getByRole('link', { name: 'Projeter le diaporama' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Rapport au comité local des usagers' })).toBeInViewport();
  const slides = await page.locator('section.slide').count();
  expect(slides).toBeGreaterThanOrEqual(10);
  // A link to the next slide, then the keyboard: Tab to the next link and Enter.
  await page.getByRole('navigation', { name: `Diapositive 1 sur ${slides}` }).getByRole('link', { name: /Suivante/ }).click();
  await expect(page).toHaveURL(/#diapo-2$/);
  await expect(page.locator('#diapo-2 h2')).toBeInViewport();
  await page.locator('#diapo-2 a[rel=next]').focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#diapo-3$/);
  await expect(page.locator('#diapo-3 h2')).toBeInViewport();
  await page.locator('#diapo-3 a[rel=prev]').focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#diapo-2$/);
  await expectNoViolations(page, testInfo);
  await page.screenshot({ path: testInfo.outputPath('slide-2.png') });
  await page.emulateMedia({ media: 'print' });
  const path = testInfo.outputPath('diaporama.pdf');
  writeFileSync(path, await page.pdf({ preferCSSPageSize: true }));
  const info = execFileSync('pdfinfo', [path]).toString();
  expect(Number(/^Pages:\s+(\d+)/m.exec(info)[1])).toBe(slides);
  const [, w, h] = /^Page size:\s+([\d.]+) x ([\d.]+)/m.exec(info);
  expect(Number(w)).toBeGreaterThan(Number(h));
});
