// The visitors' comments among the results: a committee member reads them from the results page
// and filters them; the referent hides one from the committee and marks another to quote, then
// undoes both (so the other project finds the same data). With and without JavaScript (plain
// forms); axe-core on each page; no sideways scroll on a phone; screenshots at 390 and 1280 px.
import { test, expect } from '@playwright/test';
import { REFERENT, VIEWER, expectNoViolations, fillSignIn } from './staff.mjs';

const CERT_Q3 = '/resultats/commentaires?scope=touchpoint%3Abelfort-cert&from=2026-07&to=2026-09';

async function expectNoSidewaysScroll(page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

async function screenshots(page, testInfo, name) {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: testInfo.outputPath(`${name}-${width}.png`), fullPage: true });
  }
}

/** Signs out, then opens `path` signed in as `email` (signing in comes back to the page, not
 * to its query: the page is opened again). */
async function openAs(page, path, email) {
  const out = page.getByRole('button', { name: 'Se déconnecter' });
  if (await out.count()) await out.click();
  await page.goto(path);
  await fillSignIn(page, email);
  await expect(page.getByRole('heading', { level: 1, name: 'Commentaires des usagers' })).toBeVisible();
  await page.goto(path);
}

test('a committee member reads the comments from the results and filters them', async ({ page }, testInfo) => {
  await page.goto('/resultats');
  await fillSignIn(page, VIEWER);
  await page.getByRole('link', { name: /Commentaires des usagers sur la même période/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Commentaires des usagers' })).toBeVisible();
  await expect(page.getByText(/ont pas pu être affichés/)).toHaveCount(0);
  const cards = page.locator('.comment-line');
  await expect(cards.first()).toBeVisible();
  await expect(cards.first()).toContainText("Avis d'ensemble");
  // No control for the committee.
  await expect(page.getByRole('button', { name: /Masquer|Citer/ })).toHaveCount(0);
  await expectNoViolations(page, testInfo);
  await expectNoSidewaysScroll(page);

  await page.getByLabel("Avis d'ensemble du visiteur").selectOption('bad');
  await page.getByRole('button', { name: 'Afficher les commentaires' }).click();
  await expect(page).toHaveURL(/overall=bad/);
  const bad = await cards.count();
  expect(bad).toBeGreaterThan(0);
  for (let i = 0; i < bad; i += 1) await expect(cards.nth(i)).toContainText('Pas bien');

  await page.getByLabel(/Mots du commentaire/).fill('ATTENTE');
  await page.getByRole('button', { name: 'Afficher les commentaires' }).click();
  await expect(page.getByLabel(/Mots du commentaire/)).toHaveValue('ATTENTE');
  for (const text of await cards.locator('blockquote').allInnerTexts()) expect(text.toLowerCase()).toContain('attente');
  await expectNoViolations(page, testInfo);

  // A month that does not exist comes back with the form and the message.
  await page.getByLabel('Du', { exact: true }).fill('2026-09');
  await page.getByLabel('Au', { exact: true }).fill('2026-07');
  await page.getByRole('button', { name: 'Afficher les commentaires' }).click();
  await expect(page.getByRole('alert')).toContainText('est après');
  await expectNoViolations(page, testInfo);

  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: "Visitors' comments" })).toBeVisible();
});

test('a referent hides a comment from the committee and quotes another, then undoes both', async ({ page }, testInfo) => {
  // Three sign-ins (each hashes a password), four scans and four screenshots.
  test.setTimeout(60_000);
  await openAs(page, CERT_Q3, VIEWER);
  const cards = page.locator('.comment-line');
  const seen = await cards.count();
  expect(seen).toBeGreaterThan(1);

  await openAs(page, CERT_Q3, REFERENT);
  await expect(cards).toHaveCount(seen);
  await cards.nth(0).getByRole('button', { name: 'Masquer au comité' }).click();
  await expect(page.getByRole('status')).toContainText('Le commentaire est masqué');
  await expect(page).toHaveURL(/scope=touchpoint%3Abelfort-cert.*done=hidden/);
  await expect(cards.nth(0)).toContainText('Masqué au comité');
  await cards.nth(1).getByRole('button', { name: 'Citer dans le rapport', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('sera cité dans le rapport');
  await expect(cards.nth(1)).toContainText('À citer dans le rapport');
  await expectNoViolations(page, testInfo);
  await screenshots(page, testInfo, 'comments-referent');

  await openAs(page, CERT_Q3, VIEWER);
  await expect(cards).toHaveCount(seen - 1);
  await expect(cards.nth(0)).toContainText('À citer dans le rapport');
  await expect(page.getByText('Masqué au comité')).toHaveCount(0);
  await expectNoViolations(page, testInfo);
  await screenshots(page, testInfo, 'comments-committee');

  await openAs(page, CERT_Q3, REFERENT);
  await cards.nth(0).getByRole('button', { name: 'Afficher à nouveau au comité' }).click();
  await expect(page.getByRole('status')).toContainText('de nouveau visible');
  await cards.nth(1).getByRole('button', { name: 'Ne plus citer dans le rapport' }).click();
  await expect(page.getByRole('status')).toContainText('ne sera plus cité');
  await expect(page.getByText('À citer dans le rapport')).toHaveCount(0);
  await expect(page.getByText('Masqué au comité')).toHaveCount(0);
});
