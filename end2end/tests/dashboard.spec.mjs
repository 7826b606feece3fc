// The committee's dashboard: a committee member signs in on a phone, with and without
// JavaScript, and reads the score with its interval and its change, the year's trend, where it
// is weak, what the mystery calls found; axe-core on the page; no label of a chart overlaps
// another; no sideways scroll at 390 px; it prints to PDF.
import { test, expect } from '@playwright/test';
import { VIEWER, expectNoViolations, fillSignIn } from './staff.mjs';

const QUARTER = 'survey=accueil&from=2026-07&to=2026-09&compare_from=2026-04&compare_to=2026-06';

async function open(page, query = QUARTER) {
  await page.goto(`/tableau-de-bord?${query}`);
  await expect(page).toHaveURL(/\/login/);
  await fillSignIn(page, VIEWER);
  await expect(page.getByRole('heading', { level: 1, name: 'Tableau de bord' })).toBeVisible();
}

/** Pairs of text labels of one chart whose boxes intersect. */
async function overlaps(page) {
  return page.evaluate(() => {
    const found = [];
    for (const svg of document.querySelectorAll('svg.chart__svg')) {
      const boxes = [...svg.querySelectorAll('text')]
        .map((t) => ({ text: t.textContent, r: t.getBoundingClientRect() }))
        .filter((b) => b.r.width > 0);
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i].r;
          const b = boxes[j].r;
          const apart = a.right <= b.left + 0.5 || b.right <= a.left + 0.5 || a.bottom <= b.top + 0.5 || b.bottom <= a.top + 0.5;
          if (!apart) found.push(`${svg.closest('figure').id}: "${boxes[i].text}" / "${boxes[j].text}"`);
        }
      }
    }
    return found;
  });
}

test('a committee member reads the dashboard on a phone', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await open(page);
  // The score, its interval and whether it changed, in one sentence.
  await expect(page.locator('.dash__headline')).toContainText(/Note de satisfaction\s:\s\d+,\d\ssur\s10,\sintervalle\sde\s\d+,\d\sà\s\d+,\d,\s[\d\s]+\sréponses\s;\s(hausse significative|baisse significative|pas de différence démontrée)/);
  // The year's trend, where it is weak, what the mystery calls found.
  await expect(page.getByRole('img', { name: /Note de satisfaction par mois/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /par point de contact/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Appels mystères/ }).first()).toBeVisible();
  await expect(page.getByText('Note moyenne des tests').first()).toBeVisible();
  // The numbers are in a table too.
  await page.getByText('Voir les données du graphique').first().click();
  await expect(page.getByRole('table').first()).toBeVisible();
  // No sideways scroll.
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(widths[0]).toBeLessThanOrEqual(widths[1]);
  await expectNoViolations(page, testInfo);
  if (testInfo.project.name === 'with-javascript') {
    expect(await overlaps(page)).toEqual([]);
  }
  await page.screenshot({ path: testInfo.outputPath('dashboard-390.png'), fullPage: true, timeout: 30000 });
  // The CSV of a section is a plain link.
  const csv = page.getByRole('link', { name: /Télécharger le tableau \(CSV\) — L'essentiel/ });
  const href = await csv.getAttribute('href');
  const response = await page.request.get(href);
  expect(response.status()).toBe(200);
  expect(await response.text()).toContain('Note de satisfaction;');
});

test('the dashboard fits a desktop and prints', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await open(page);
  if (testInfo.project.name === 'with-javascript') {
    expect(await overlaps(page)).toEqual([]);
  }
  await page.screenshot({ path: testInfo.outputPath('dashboard-1280.png'), fullPage: true, timeout: 30000 });
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  expect(pdf.length).toBeGreaterThan(10_000);
});

test('a bad period comes back with the form and a message', async ({ page }, testInfo) => {
  await open(page, 'survey=accueil&from=2026-09&to=2026-07');
  await expect(page.getByRole('alert')).toContainText('Début de la période est après fin de la période');
  await expect(page.getByRole('button', { name: 'Afficher les résultats' })).toBeVisible();
  await expectNoViolations(page, testInfo);
});
