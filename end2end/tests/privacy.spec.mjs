// The referent's privacy screens: retention periods, and erasing a visitor's comment on request;
// with and without JavaScript (plain forms); axe-core on each page.
import { test, expect } from '@playwright/test';
import { REFERENT, expectNoViolations, fillSignIn } from './staff.mjs';

test('a referent sets the retention periods', async ({ page }, testInfo) => {
  await page.goto('/admin/confidentialite');
  await fillSignIn(page, REFERENT);
  await expect(page.getByRole('heading', { name: 'Durées de conservation' })).toBeVisible();
  const comments = page.getByLabel(/Commentaires des usagers/);
  await expect(comments).toHaveValue('365');
  // Within each field's bounds, but a comment kept longer than its answer: the server refuses.
  await comments.fill('500');
  await page.getByLabel(/Réponses au questionnaire/).fill('400');
  await page.getByRole('button', { name: 'Enregistrer les durées' }).click();
  await expect(page.getByRole('alert')).toContainText('Un commentaire ne peut être gardé plus longtemps');
  await expect(comments).toHaveValue('500');
  await expectNoViolations(page, testInfo);
  await comments.fill('365');
  await page.getByLabel(/Réponses au questionnaire/).fill('1826');
  await page.getByRole('button', { name: 'Enregistrer les durées' }).click();
  await expect(page.getByRole('status')).toContainText('Durées enregistrées');
  await expectNoViolations(page, testInfo);
});

test('a referent erases a comment a visitor asked about', async ({ page }, testInfo) => {
  await page.goto('/admin');
  await fillSignIn(page, REFERENT);
  await page.getByRole('link', { name: /Commentaires des usagers/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Commentaires des usagers/ })).toBeVisible();
  await page.getByLabel(/Mots du commentaire/).fill('40 MINUTES');
  await page.getByRole('button', { name: 'Chercher' }).click();
  const first = page.locator('.comment-line').first();
  await expect(first).toContainText("40 minutes d'attente");
  await expectNoViolations(page, testInfo);
  const heading = await first.getByRole('heading').innerText();
  await first.getByLabel(/Motif/).fill("demande de l'usager");
  await first.getByRole('button', { name: 'Effacer le commentaire' }).click();
  await expect(page.getByRole('status')).toContainText('Le commentaire a été effacé');
  // Back on the same search, without the erased one.
  await expect(page.getByLabel(/Mots du commentaire/)).toHaveValue('40 MINUTES');
  await expect(page.getByRole('heading', { name: heading })).toHaveCount(0);
  await expectNoViolations(page, testInfo);
});
