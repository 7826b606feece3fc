// The staff's results page: sign in with an account, read the figures, change the period with the
// GET form, plan a sample size; with and without JavaScript; axe-core on each page.
import { test, expect } from '@playwright/test';
import { REFERENT, VIEWER, expectNoViolations, fillSignIn } from './staff.mjs';

async function signIn(page) {
  await page.goto('/');
  await page.getByRole('link', { name: /Lire les résultats/ }).click();
  await expect(page).toHaveURL(/\/login\?.*next=%2Fresultats/);
  await fillSignIn(page, VIEWER);
  await expect(page.getByRole('heading', { level: 1, name: 'Résultats des enquêtes de satisfaction' })).toBeVisible();
}

test('the results show each figure with its interval, for the period chosen', async ({ page }, testInfo) => {
  await signIn(page);
  // The default: the last whole quarter against the one before.
  await expect(page.getByText(/répondants/).first()).toBeVisible();
  await expectNoViolations(page, testInfo);

  await page.getByLabel('Périmètre').selectOption('touchpoint:belfort-cert');
  await page.getByLabel('Du').first().fill('2026-04');
  await page.getByLabel('Au').first().fill('2026-07');
  await page.getByRole('button', { name: 'Afficher les résultats' }).click();
  await expect(page).toHaveURL(/scope=touchpoint%3Abelfort-cert/);
  const row = page.getByRole('row', { name: /Note sur 10/ }).first();
  await expect(row).toContainText('[');
  await expect(row.getByText(/Suffisante|Fragile/)).toBeVisible();
  await expectNoViolations(page, testInfo);

  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Satisfaction survey results' })).toBeVisible();
  await expect(page).toHaveURL(/scope=touchpoint%3Abelfort-cert/);
});

test('a reversed period comes back with a message next to the field', async ({ page }, testInfo) => {
  await signIn(page);
  await page.getByLabel('Du').first().fill('2026-09');
  await page.getByLabel('Au').first().fill('2026-07');
  await page.getByRole('button', { name: 'Afficher les résultats' }).click();
  await expect(page.getByRole('alert')).toContainText('Début de la période est après fin de la période');
  await expectNoViolations(page, testInfo);
});

test('the planner gives the answers needed', async ({ page }, testInfo) => {
  await signIn(page);
  await page.getByLabel(/Marge d'erreur souhaitée/).fill('5');
  await page.getByLabel(/Fréquentation de la période/).fill('1000');
  await page.getByRole('button', { name: 'Calculer' }).click();
  await expect(page.getByRole('status')).toContainText('278 réponses nécessaires');
  await expectNoViolations(page, testInfo);
});

test('a referent imports past results from the upload screen and follows the progress', async ({ page }, testInfo) => {
  await page.goto('/resultats');
  await fillSignIn(page, REFERENT);
  await page.getByRole('link', { name: /Importer des résultats antérieurs/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Importer des résultats antérieurs' })).toBeVisible();
  await expectNoViolations(page, testInfo);
  await page.getByLabel('Point de contact').selectOption('belfort-pan');
  // Each project imports its own year, so the two runs do not depend on each other.
  const year = testInfo.project.name === 'without-javascript' ? '2022' : '2023';
  const csv = `submitted_at,overall,courtesy\n${year}-01-15T09:30:00+01:00,very_good,4\n${year}-01-16T10:00:00+01:00,average,3\n`;
  await page.getByLabel(/Fichier CSV/).setInputFiles({ name: 'papier.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Importer' }).click();
  await expect(page.getByText('2 réponses importées dans belfort-pan')).toBeVisible({ timeout: 15_000 });
  await expectNoViolations(page, testInfo);
});
