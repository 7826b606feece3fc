// The quarterly transparency poster: a committee member opens it on a phone and on a desktop,
// with and without JavaScript; axe-core on the page; no sideways scroll at 390 px; printed to
// PDF it is exactly one page of its size (A4, and A3), with its text; a bad quarter comes back
// with its message and the form that corrects it.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { VIEWER, expectNoViolations, fillSignIn } from './staff.mjs';

async function open(page, query) {
  await page.goto(`/transparence?${query}`);
  await expect(page).toHaveURL(/\/login/);
  await fillSignIn(page, VIEWER);
}

/** What pdfinfo (Debian's poppler-utils) says of a PDF: its pages and their size. */
function pdfInfo(pdf, path) {
  writeFileSync(path, pdf);
  const out = execFileSync('pdfinfo', [path]).toString();
  const pages = Number(/^Pages:\s+(\d+)/m.exec(out)[1]);
  const [, w, h] = /^Page size:\s+([\d.]+) x ([\d.]+)/m.exec(out);
  return { pages, width: Number(w), height: Number(h) };
}

function pdfText(path) {
  return execFileSync('pdftotext', ['-layout', path, '-']).toString();
}

test('a committee member reads the poster on a phone', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await open(page, 'trimestre=2026-T3');
  await expect(page.getByRole('heading', { level: 1, name: 'Nos résultats du 3e trimestre 2026' })).toBeVisible();
  await expect(page.getByText(/Mesuré auprès de [\d\s]+\susagers/).first()).toBeVisible();
  await expect(page.getByText('Donnez votre avis')).toBeVisible();
  await expect(page.getByRole('img', { name: /QR code/ })).toBeVisible();
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(widths[0]).toBeLessThanOrEqual(widths[1]);
  await expectNoViolations(page, testInfo);
  await page.screenshot({ path: testInfo.outputPath('transparency-390.png'), fullPage: true });
});

test('the poster prints on exactly one sheet, A4 and A3', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await open(page, 'trimestre=2026-T3');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoViolations(page, testInfo);
  await page.screenshot({ path: testInfo.outputPath('transparency-1280.png'), fullPage: true });
  await page.emulateMedia({ media: 'print' });
  for (const [size, width, height] of [['a4', 595, 842], ['a3', 842, 1191]]) {
    if (size === 'a3') {
      await page.emulateMedia({ media: 'screen' });
      await page.getByRole('link', { name: 'A3', exact: true }).click();
      await expect(page.locator('main.tp--a3')).toBeVisible();
      await page.emulateMedia({ media: 'print' });
    }
    const path = testInfo.outputPath(`transparence-${size}.pdf`);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const info = pdfInfo(pdf, path);
    expect(info.pages, size).toBe(1);
    expect(Math.round(info.width), size).toBe(width);
    expect(Math.round(info.height), size).toBe(height);
    const words = pdfText(path);
    expect(words).toContain('Nos résultats du 3e trimestre 2026');
    expect(words).toContain('Donnez votre avis');
    expect(words).toContain('Source : tableau de bord ANTS');
    // The toolbar is not printed.
    expect(words).not.toContain('Trimestre suivant');
  }
});

test('a bad quarter comes back with its message and the form corrects it', async ({ page }, testInfo) => {
  await open(page, 'trimestre=2026-T7');
  await expect(page.getByRole('alert')).toContainText('Trimestre : écrivez-le AAAA-Tn');
  await expectNoViolations(page, testInfo);
  await page.getByRole('textbox', { name: 'Trimestre' }).fill('2026-T2');
  await page.getByRole('button', { name: 'Afficher' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nos résultats du 2e trimestre 2026' })).toBeVisible();
  // The quarter before, by a plain link.
  await page.getByRole('link', { name: 'Trimestre précédent' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nos résultats du 1er trimestre 2026' })).toBeVisible();
});
