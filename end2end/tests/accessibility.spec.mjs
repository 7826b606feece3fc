// axe-core on every public page: no violation allowed.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

// axe runs as a script inside the page, so it scans in the JavaScript project; the visitor's
// pages carry no script, so what it scans there is exactly what a browser without JavaScript gets.
test.beforeEach(({}, testInfo) => {
  test.skip(testInfo.project.name === 'without-javascript', 'axe-core needs JavaScript in the page');
});

async function expectNoViolations(page) {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, summary.join('\n')).toEqual([]);
}

test('survey page', async ({ page }) => {
  await page.goto('/q/belfort-accueil');
  await expectNoViolations(page);
});

test('survey page in English', async ({ page }) => {
  await page.goto('/q/belfort-accueil?lang=en');
  await expectNoViolations(page);
});

test('survey page with errors', async ({ page }) => {
  await page.goto('/q/belfort-pan');
  await page.getByRole('button', { name: 'Envoyer mon avis' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expectNoViolations(page);
});

test('thank-you page', async ({ page }) => {
  await page.goto('/q/belfort-cert/merci');
  await expectNoViolations(page);
});

test('not-found page', async ({ page }) => {
  await page.goto('/q/inconnu');
  await expectNoViolations(page);
});

test('QR poster', async ({ page }) => {
  await page.goto('/affiche/belfort-accueil');
  await expectNoViolations(page);
});

test('privacy notice', async ({ page }) => {
  await page.goto('/q/belfort-accueil');
  await page.getByRole('link', { name: 'Vos données et vos droits' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Vos données et ce questionnaire' })).toBeVisible();
  await expectNoViolations(page);
});

test('home page', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Vous êtes usager' })).toBeVisible();
  // An anonymous visitor is shown no organisation's touchpoints.
  await expect(page.getByText('belfort-pan')).toHaveCount(0);
  await expectNoViolations(page);
});
