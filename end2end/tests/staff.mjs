// What the staff's tests share: the accounts start-server.sh creates, signing in through the
// form, and the axe-core check.
import { expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const PASSWORD = 'mot de passe des tests de bout en bout';
export const VIEWER = 'clu@belfort.example';
export const REFERENT = 'referente@belfort.example';
export const SHOPPER = 'testeur@belfort.example';

/** Fills and sends the sign-in form the page shows. */
export async function fillSignIn(page, email, password = PASSWORD) {
  await page.getByLabel(/Adresse électronique/).fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

export async function expectNoViolations(page, testInfo) {
  if (testInfo.project.name === 'without-javascript') return; // axe runs as a script in the page
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, summary.join('\n')).toEqual([]);
}
