// Pages are server HTML; only islands reach the browser as wasm. The home page loads no script
// and no wasm; the shopper's test form hydrates its island without an error (its status line
// appears, the criteria after a call not picked up hide) and everything it loads stays within
// 150 KB compressed.
import { test, expect } from '@playwright/test';
import { fillSignIn } from './staff.mjs';

const DEMO_SHOPPER = 'enqueteur@demo.example';
const DEMO_PASSWORD = 'demo-qualite-accueil';

/** Collects what the page loads: address, kind and bytes on the wire (compressed, with headers). */
function weigh(page) {
  const sizes = [];
  page.on('requestfinished', async (request) => {
    const s = await request.sizes();
    sizes.push({ url: request.url(), type: request.resourceType(), bytes: s.responseBodySize + s.responseHeadersSize });
  });
  return sizes;
}

test('the home page is plain server HTML: no script, no wasm, at most 50 KB', async ({ page }) => {
  const sizes = weigh(page);
  await page.goto('/', { waitUntil: 'networkidle' });
  await expect(page.getByRole('heading', { name: 'Vous êtes usager' })).toBeVisible();
  const total = sizes.reduce((n, s) => n + s.bytes, 0);
  console.log(`home page: ${sizes.length} requests, ${total} B (compressed, with headers)`);
  expect(sizes.some((s) => /\.(wasm|js)(\?|$)/.test(s.url))).toBe(false);
  expect(await page.locator('script').count()).toBe(0);
  expect(total).toBeLessThanOrEqual(50 * 1024);
});

test("the shopper's test form hydrates its island and loads at most 150 KB", async ({ browser, page: signIn }, testInfo) => {
  test.skip(testInfo.project.name === 'without-javascript', 'hydration needs JavaScript');
  await signIn.goto('/login');
  await fillSignIn(signIn, DEMO_SHOPPER, DEMO_PASSWORD);
  await expect(signIn.getByRole('heading', { level: 1, name: 'Mes tests mystères' })).toBeVisible();
  const address = await signIn.getByRole('link', { name: 'Reprendre' }).first().getAttribute('href');
  // A new context: the same session, an empty cache, so everything the form needs is counted.
  const context = await browser.newContext({
    baseURL: new URL(signIn.url()).origin,
    locale: 'fr-FR',
    storageState: await signIn.context().storageState(),
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (['error', 'warning'].includes(m.type())) errors.push(m.text()); });
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });
  const sizes = weigh(page);
  const wasm = page.waitForResponse((r) => r.url().endsWith('/pkg/app_bg.wasm'));
  await page.goto(address, { waitUntil: 'networkidle' });
  expect((await wasm).status()).toBe(200);
  await expect(page.locator('leptos-island form.mystery-form')).toHaveCount(1);
  // Hydrated: the status line is there, and a call not picked up hides what follows it.
  await expect(page.locator('.autosave-status')).toBeAttached({ timeout: 10_000 });
  await page.locator('label[for="crit-C01-no"]').click();
  await expect(page.locator('#crit-C02')).toBeHidden();
  await page.locator('label[for="crit-C01-yes"]').click();
  await expect(page.locator('#crit-C02')).toBeVisible();
  await page.waitForTimeout(300);
  const total = sizes.reduce((n, s) => n + s.bytes, 0);
  const byKind = {};
  for (const s of sizes) byKind[s.type] = (byKind[s.type] || 0) + s.bytes;
  console.log(`test form: ${sizes.length} requests, ${total} B in all (compressed, with headers): ${JSON.stringify(byKind)}`);
  expect(sizes.some((s) => s.type === 'stylesheet')).toBe(true);
  expect(total).toBeLessThanOrEqual(150 * 1024);
  expect(errors).toEqual([]);
  await context.close();
});

test('what the shopper types before the islands run is kept and saved', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name === 'without-javascript', 'the islands need JavaScript');
  await page.goto('/login');
  await fillSignIn(page, DEMO_SHOPPER, DEMO_PASSWORD);
  const address = await page.getByRole('link', { name: 'Reprendre' }).last().getAttribute('href');
  // A slow network: the wasm arrives two seconds after the page.
  await page.route('**/pkg/app_bg.wasm', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await route.continue();
  });
  await page.goto(address, { waitUntil: 'domcontentloaded' });
  await page.locator('#reached').fill('03 84 57 99 99');
  await expect(page.locator('.autosave-status')).toContainText('Brouillon enregistré', { timeout: 15_000 });
  await expect(page.locator('#reached')).toHaveValue('03 84 57 99 99');
  await page.unroute('**/pkg/app_bg.wasm');
  await page.reload();
  await expect(page.locator('#reached')).toHaveValue('03 84 57 99 99');
});
