// The staff's results page: sign in with a token, read the figures, change the period with the
// GET form, plan a sample size; with and without JavaScript; axe-core on each page.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';

const token = () => readFileSync(new URL('../.token', import.meta.url), 'utf8').trim();

async function signIn(page) {
  await page.goto('/');
  await page.getByRole('link', { name: /Lire les résultats/ }).click();
  await expect(page).toHaveURL(/\/resultats\/connexion/);
  await page.getByLabel('Jeton d\'accès').fill(token());
  await page.getByRole('button', { name: 'Accéder aux résultats' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Résultats des enquêtes de satisfaction' })).toBeVisible();
}

async function expectNoViolations(page, testInfo) {
  if (testInfo.project.name === 'without-javascript') return; // axe runs as a script in the page
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, summary.join('\n')).toEqual([]);
}

test('a wrong token is refused with a message', async ({ page }, testInfo) => {
  await page.goto('/resultats/connexion');
  await expectNoViolations(page, testInfo);
  await page.getByLabel('Jeton d\'accès').fill('qa_faux');
  await page.getByRole('button', { name: 'Accéder aux résultats' }).click();
  await expect(page.getByText('Ce jeton n\'est pas valide')).toBeVisible();
  await expectNoViolations(page, testInfo);
});

test('the results show each figure with its interval, for the period chosen', async ({ page }, testInfo) => {
  await signIn(page);
  // The default: the last whole quarter against the one before.
  await expect(page.getByText(/répondants/).first()).toBeVisible();
  await expectNoViolations(page, testInfo);

  await page.getByLabel('Périmètre').selectOption('touchpoint:belfort-cert');
  await page.getByLabel('Du').first().fill('2026-04-01');
  await page.getByLabel('Au').first().fill('2026-07-31');
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
  await page.getByLabel('Du').first().fill('2026-09-30');
  await page.getByLabel('Au').first().fill('2026-07-01');
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
  const referent = readFileSync(new URL('../.referent-token', import.meta.url), 'utf8').trim();
  await page.goto('/resultats/connexion');
  await page.getByLabel('Jeton d\'accès').fill(referent);
  await page.getByRole('button', { name: 'Accéder aux résultats' }).click();
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
