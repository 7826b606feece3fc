// Signing in and out, the administration home, the audit log and the page a role that does not
// reach a page gets; with and without JavaScript; axe-core on each page.
import { test, expect } from '@playwright/test';
import { REFERENT, VIEWER, expectNoViolations, fillSignIn } from './staff.mjs';

test('a referent signs in, reads the change log and signs out', async ({ page }, testInfo) => {
  await page.goto('/admin');
  await expect(page).toHaveURL(/\/login\?.*next=%2Fadmin/);
  await expect(page.getByRole('heading', { level: 1, name: 'Se connecter' })).toBeVisible();
  await expectNoViolations(page, testInfo);

  await fillSignIn(page, REFERENT, 'pas le bon mot de passe');
  await expect(page.getByRole('alert')).toContainText('Adresse électronique ou mot de passe incorrect');
  await expectNoViolations(page, testInfo);

  await fillSignIn(page, REFERENT);
  await expect(page).toHaveURL(/\/admin(\?lang=fr)?$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Administration' })).toBeVisible();
  await expect(page.getByText('Préfecture du Territoire de Belfort')).toBeVisible();
  await expectNoViolations(page, testInfo);

  await page.getByRole('link', { name: 'Journal des modifications' }).click();
  // Its creation, and each of its sign-ins (every sign-in is audited).
  await expect(page.getByRole('cell', { name: `account ${VIEWER}` }).first()).toBeVisible();
  await expect(page.getByRole('cell', { name: 'account.sign_in' }).first()).toBeVisible();
  await expectNoViolations(page, testInfo);

  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto('/admin');
  await expect(page).toHaveURL(/\/login\?/);
});

test('a committee member who opens the administration is told it is not theirs', async ({ page }, testInfo) => {
  await page.goto('/admin?lang=en');
  await page.getByLabel(/E-mail address/).fill(VIEWER);
  await page.getByLabel('Password').fill('mot de passe des tests de bout en bout');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Access denied' })).toBeVisible();
  await expect(page.getByText(VIEWER)).toBeVisible();
  await expectNoViolations(page, testInfo);
});
