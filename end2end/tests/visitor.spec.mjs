// The visitor's journey: scan (open the address), answer, see the thank-you page.
import { test, expect } from '@playwright/test';

// Taps an answer the way a visitor does: on its label (the tile), not on the hidden radio.
async function choose(scope, label) {
  const exact = new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  await scope.locator('label.fr-label').filter({ hasText: exact }).click();
}

async function answerSurvey(page) {
  await choose(page, 'Très bien');
  await choose(page, 'Oui, tout à fait');
  await choose(page, 'Moins de 10 minutes');
  await choose(page.getByRole('group', { name: /obtenu la réponse/ }), 'Oui');
  await choose(page, '2 – Peu');
  await page.getByLabel(/remarque ou une suggestion/).fill('Très bon accueil, merci.');
}

test('a visitor scans, answers and is thanked', async ({ page }) => {
  await page.goto('/q/belfort-accueil');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Votre avis sur l'accueil");
  await expect(page.getByText('Accueil général')).toBeVisible();
  await answerSurvey(page);
  await page.getByRole('button', { name: 'Envoyer mon avis' }).click();
  await expect(page).toHaveURL(/\/q\/belfort-accueil\/merci/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Merci pour votre avis');
  // The same device, the same day, at the same counter: told it already answered.
  await page.goto('/q/belfort-accueil');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('déjà donné votre avis');
});

test('a missing answer is shown next to its question and the rest is kept', async ({ page }) => {
  await page.goto('/q/belfort-cert');
  await choose(page, 'Plutôt oui');
  await choose(page, 'De 20 à 30 minutes');
  await page.getByLabel(/remarque ou une suggestion/).fill('Un peu long');
  await page.getByRole('button', { name: 'Envoyer mon avis' }).click();
  await expect(page.getByRole('alert')).toContainText("Votre avis n'a pas encore été envoyé");
  const overall = page.getByRole('group', { name: /comment s'est passée votre venue/ });
  await expect(overall).toContainText('Choisissez une réponse pour cette question.');
  await expect(page.getByLabel('Plutôt oui')).toBeChecked();
  await expect(page.getByLabel('De 20 à 30 minutes')).toBeChecked();
  await expect(page.getByLabel(/remarque ou une suggestion/)).toHaveValue('Un peu long');
  await choose(page, 'Moyennement');
  await choose(page.getByRole('group', { name: /obtenu la réponse/ }), 'En partie');
  await page.getByRole('button', { name: 'Envoyer mon avis' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Merci pour votre avis');
});

test('the survey can be read and answered in English', async ({ page }) => {
  await page.goto('/q/belfort-pan');
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await choose(page, 'Very well');
  await choose(page, 'Yes, completely');
  await choose(page, 'Less than 10 minutes');
  await choose(page.getByRole('group', { name: /complete the procedure/ }), 'Yes');
  await page.getByRole('button', { name: 'Send my answers' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thank you for your feedback');
});

test('an unknown code says what to do', async ({ page }) => {
  const resp = await page.goto('/q/guichet-inconnu');
  expect(resp.status()).toBe(404);
  await expect(page.getByText(/scannez à nouveau le QR code/)).toBeVisible();
});

test('the survey page is light and loads no script or wasm', async ({ page }) => {
  const sizes = [];
  page.on('requestfinished', async (request) => {
    const s = await request.sizes();
    sizes.push({ url: request.url(), type: request.resourceType(), bytes: s.responseBodySize + s.responseHeadersSize });
  });
  await page.goto('/q/belfort-accueil', { waitUntil: 'networkidle' });
  const total = sizes.reduce((n, s) => n + s.bytes, 0);
  const blocking = sizes
    .filter((s) => ['document', 'stylesheet', 'script'].includes(s.type))
    .reduce((n, s) => n + s.bytes, 0);
  console.log(`survey page: ${sizes.length} requests, blocking ${blocking} B, total ${total} B (compressed, with headers)`);
  expect(sizes.some((s) => /\.(wasm|js)(\?|$)/.test(s.url))).toBe(false);
  expect(blocking).toBeLessThanOrEqual(30 * 1024);
  expect(total).toBeLessThanOrEqual(50 * 1024);
});
