import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser';
import { tempDir } from '../support/core-fixture';
import { api, startStationProcess, type StationProcess } from '../support/station-process';

/**
 * The foundation's user journey in a real browser against the real station process:
 * first run → Administrator → add a Staff user → Staff sees no administrator screens and the
 * API refuses them → Persian flips the layout to right-to-left.
 */
const dataDir = tempDir('packdesk-e2e-');
let station: StationProcess;
let browser: Browser;

beforeAll(async () => {
  station = await startStationProcess(dataDir);
  console.log(`station started in ${station.startupMs.toFixed(0)} ms`);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await station?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function signIn(page: Page, username: string, password: string) {
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('first run, users and roles in Chromium', () => {
  it('sets up the shop, adds a Staff user, limits Staff, and flips to Persian', async () => {
    const page = await browser.newPage({ locale: 'en-US' });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(station.url);

    // First run: the shop and its Administrator.
    await page.getByRole('heading', { name: 'Set up Packdesk' }).waitFor();
    // Over HTTP the station asks for the one-time code it printed on its console: the field
    // takes focus, reads left to right in every language, and says where the code is.
    const setupCode = page.getByLabel('Setup code');
    await expect
      .poll(() => setupCode.evaluate((input) => input === document.activeElement))
      .toBe(true);
    expect(await setupCode.getAttribute('dir')).toBe('ltr');
    await page.getByText('on the “First run:” line').waitFor();
    await setupCode.fill(station.setupCode ?? '');
    await page.getByLabel('Shop name').fill('Counter One');
    await page.getByLabel('Administrator user name').fill('admin');
    await page.getByLabel('Display name').fill('Anna Admin');
    await page.getByLabel('Password', { exact: true }).fill('correct horse battery');
    await page.getByLabel('Confirm password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create shop' }).click();
    await page.getByRole('heading', { name: 'Hello, Anna Admin' }).waitFor();
    await page
      .getByRole('status', { name: 'Connection to the core' })
      .getByText('Connected')
      .waitFor();

    // Log out and back in with the new account.
    await page.getByRole('button', { name: 'Log out' }).click();
    await signIn(page, 'admin', 'correct horse battery');
    const nav = page.getByRole('navigation', { name: 'Sections' });
    for (const section of ['Home', 'Orders', 'Sync', 'Users', 'Audit log', 'Settings']) {
      await nav.getByRole('link', { name: section }).waitFor();
    }

    // Add a Staff user.
    await nav.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    await page.getByRole('button', { name: 'Add user' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add user' });
    await dialog.getByLabel('User name').fill('sam');
    await dialog.getByLabel('Display name').fill('Sam Staff');
    await dialog.getByLabel('Role').click();
    await page.getByRole('option', { name: 'Staff' }).click();
    await dialog.getByLabel('Password').fill('packer-password');
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page
      .getByRole('table', { name: 'Users of the shop' })
      .getByRole('cell', { name: 'Sam Staff' })
      .waitFor();

    // Staff: no administrator screens offered, and the API refuses them.
    await page.getByRole('button', { name: 'Log out' }).click();
    await signIn(page, 'sam', 'packer-password');
    await page.getByRole('heading', { name: 'Hello, Sam Staff' }).waitFor();
    // Staff work the counter, so they may hand the station to someone by PIN.
    await page.getByRole('button', { name: 'Switch operator' }).waitFor();
    const links = await nav.getByRole('link').allTextContents();
    expect(links).toEqual([
      'Home',
      'Orders',
      'Pick lists',
      'Packing',
      'Dispatch',
      'Sync',
      'Printing',
      'Settings',
    ]);
    const staffToken = await page.evaluate(() => localStorage.getItem('packdesk.token'));
    expect(staffToken).toBeTruthy();
    const refused = await api(station.url, 'users.list', {}, staffToken);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    const viaPage = await page.evaluate(async (token) => {
      const response = await fetch('/api/audit/list', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: '{}',
      });
      return { status: response.status, body: await response.json() };
    }, staffToken);
    expect(viaPage).toMatchObject({
      status: 403,
      body: { ok: false, error: { code: 'forbidden' } },
    });

    // Persian: the layout flips to right-to-left, and the choice is kept for this user.
    await nav.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    const before = await nav.boundingBox();
    await page.getByLabel('Language').click();
    await page.getByRole('option', { name: 'فارسی' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.evaluate(() => document.documentElement.lang)).toMatch(/^fa/);
    const persianNav = page.getByRole('navigation').first();
    const after = await persianNav.boundingBox();
    const width = page.viewportSize()?.width ?? 0;
    // The section menu moved from the left edge to the right edge.
    expect(before && before.x).toBeLessThan(width / 2);
    expect(after && after.x + after.width).toBeGreaterThan(width / 2);
    await page.screenshot({ path: `${dataDir}/persian.png` });

    const me = await api(station.url, 'auth.me', {}, staffToken);
    expect(me.body.data.preferences.language).toBe('fa');
    await page.reload();
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');

    expect(pageErrors).toEqual([]);
  });

  it('offers a Courier no operator switch: the station refuses it to them, so the header hides it', async () => {
    const admin = await api(station.url, 'auth.login', {
      username: 'admin',
      password: 'correct horse battery',
    });
    const created = await api(
      station.url,
      'users.create',
      {
        username: 'cole',
        displayName: 'Cole Courier',
        role: 'courier',
        password: 'courier-password',
      },
      admin.body.data.token,
    );
    expect(created.status).toBe(200);

    const page = await browser.newPage({ locale: 'en-US' });
    await page.goto(station.url);
    await signIn(page, 'cole', 'courier-password');
    await page.getByRole('heading', { name: 'Hello, Cole Courier' }).waitFor();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    expect(await page.getByRole('button', { name: 'Switch operator' }).count()).toBe(0);
    await page.close();
  });
});
