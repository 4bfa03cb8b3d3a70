/**
 * Versions (issue 19): the build stamps version + commit (dist/version.json, vite define); the
 * settings screen shows them and the relay's; /relay/status reports the relay's version and the served app's;
 * binding and device_report carry the build's app_cpay_version.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindDemoDevice } from './app-steps.js';
import { DIST_DIR, startHarness, type Harness } from './harness.js';
import { checkoutView, FINAL_PHASES, pendingReports, waitFor } from '../faults/page.js';

interface Report {
  readonly content: { readonly app_cpay_version?: string; readonly api_calling_infos?: readonly { readonly out_trade_no: string }[] };
}

const BUILD = JSON.parse(readFileSync(join(DIST_DIR, 'version.json'), 'utf8')) as { version: string; commit: string; appCpayVersion: string };
const RELAY_VERSION = (JSON.parse(readFileSync(new URL('../../packages/relay/package.json', import.meta.url), 'utf8')) as { version: string }).version;
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('build version everywhere', () => {
  it('the build stamped the package version and the git commit', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string; cpay: { appCpayVersion: string } };
    expect(BUILD.version).toBe(pkg.version);
    expect(BUILD.commit).toMatch(/^[0-9a-f]{7,}$/);
    expect(BUILD.appCpayVersion).toBe(process.env.CPAY_APP_CPAY_VERSION ?? pkg.cpay.appCpayVersion);
  });

  it('/relay/status, the settings screen and device_report carry the versions', async () => {
    const status = (await (await fetch(h.url('/relay/status'))).json()) as { versions: { relay: string; app: { version: string; commit: string } } };
    expect(status.versions.relay).toBe(RELAY_VERSION);
    expect(status.versions.app).toMatchObject({ version: BUILD.version, commit: BUILD.commit });

    const page = await h.newPage();
    await bindDemoDevice(h, page);
    await page.keyboard.type('0.05');
    await page.keyboard.press('Enter');
    await page.keyboard.type('135005875955000000', { delay: 1 });
    await page.keyboard.press('Enter');
    const sale = await waitFor(
      () => checkoutView(page),
      (v) => FINAL_PHASES.has(v.phase),
      20_000,
    );
    expect(sale.value.phase).toBe('success');
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    // The sale's report goes out after its result is on screen (issue 21): wait for cpay to hold it,
    // then for the terminal to have nothing left to report.
    const mineNow = async () =>
      (await h.sandbox<Report[]>('/sandbox/reports')).filter((r) => r.content.api_calling_infos?.some((i) => i.out_trade_no === sale.value.orderNo));
    await expect.poll(async () => (await mineNow()).length, { timeout: 20_000 }).toBeGreaterThan(0);
    await waitFor(
      () => pendingReports(page),
      (n) => n === 0,
      20_000,
    );
    const mine = await mineNow();
    expect(mine.length).toBe(1);
    expect(mine[0]?.content.app_cpay_version).toBe(BUILD.appCpayVersion);

    await page.locator('[data-nav=settings]').click();
    await expect
      .poll(() =>
        page
          .locator('settings-screen [data-app-version]')
          .innerText({ timeout: 1_000 })
          .catch(() => ''),
      )
      .toBe(`${BUILD.version} (${BUILD.commit})`);
    // The relay's version and the app it serves (the same build here), from /relay/status.
    await expect
      .poll(
        () =>
          page
            .locator('settings-screen [data-relay-version]')
            .innerText({ timeout: 1_000 })
            .catch(() => ''),
        { timeout: 20_000 },
      )
      .toBe(RELAY_VERSION);
    expect(await page.locator('settings-screen [data-served-version]').innerText()).toBe(`${BUILD.version} (${BUILD.commit})`);
  });
});
