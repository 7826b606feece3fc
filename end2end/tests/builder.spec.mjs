// The survey builder, with and without JavaScript: a referent creates a questionnaire, adds a
// question, previews and publishes it, shows it on a new touchpoint, and a visitor sees it;
// axe-core on each page.
import { test, expect } from '@playwright/test';
import { REFERENT, expectNoViolations, fillSignIn } from './staff.mjs';

test('a referent builds, publishes and shows a questionnaire', async ({ page }, testInfo) => {
  // Each project builds its own, so the two runs do not depend on each other.
  const suffix = testInfo.project.name === 'without-javascript' ? 'sans-js' : 'js';
  const survey = `guichet-${suffix}`;
  const touchpoint = `belfort-guichet-${suffix}`;

  await page.goto('/admin');
  await fillSignIn(page, REFERENT);
  await page.getByRole('link', { name: 'Questionnaires' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Questionnaires' })).toBeVisible();
  await expectNoViolations(page, testInfo);

  await page.getByLabel(/^Code/).fill(survey);
  await page.getByLabel('Titre en français').fill('Votre avis sur le guichet');
  await page.getByLabel('Titre en anglais').fill('Your opinion of the counter');
  await page.getByRole('button', { name: 'Créer le questionnaire' }).click();
  await expect(page.getByText('Modifications non publiées')).toBeVisible();
  await expectNoViolations(page, testInfo);

  await page.getByLabel(/^Code de la question/).fill('signage');
  await page.getByLabel('Type', { exact: true }).selectOption('yes_partly_no');
  await page.getByLabel('Question en français').fill('Avez-vous trouvé facilement le guichet ?');
  await page.getByLabel('Question en anglais').fill('Did you find the counter easily?');
  await page.getByRole('button', { name: 'Ajouter une question' }).click();
  await expect(page.getByText('Avez-vous trouvé facilement le guichet ?')).toBeVisible();

  await page.getByRole('button', { name: 'Monter signage' }).click();
  await page.getByRole('link', { name: 'Aperçu' }).click();
  await expect(page.getByText('Aperçu du brouillon')).toBeVisible();
  await expect(page.getByText('Avez-vous trouvé facilement le guichet ?')).toBeVisible();
  await expectNoViolations(page, testInfo);
  await page.getByRole('link', { name: 'Retour au questionnaire' }).click();

  await page.getByRole('button', { name: 'Publier une nouvelle version' }).click();
  await expect(page.getByText('Version publiée.')).toBeVisible();

  await page.goto('/admin/lieux');
  await page.locator('#tp-code').fill(touchpoint);
  await page.locator('#tp-name-fr').fill('Guichet des titres, hall A');
  await page.locator('#tp-site').selectOption('prefecture');
  await page.locator('#tp-service').selectOption('cert');
  await page.locator('#tp-survey').selectOption(survey);
  await page.locator('#tp-channel').selectOption('counter');
  await page.getByRole('button', { name: 'Ajouter un point de contact' }).click();
  await expect(page.getByText('Modification enregistrée.')).toBeVisible();
  await expect(page.getByRole('cell', { name: touchpoint, exact: true })).toBeVisible();
  await expectNoViolations(page, testInfo);

  await page.goto(`/affiche/${touchpoint}`);
  await expect(page.locator('img, svg').first()).toBeVisible();
  await page.goto(`/q/${touchpoint}`);
  await expect(page.getByText('Avez-vous trouvé facilement le guichet ?')).toBeVisible();
});
