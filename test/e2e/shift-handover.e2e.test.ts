/**
 * Shift handover and exports end to end (issue 20): the built app through the real relay and
 * simulator in headless Chromium, a fake USB printer for the paper. A shift is opened with a ¥200
 * float; a cash bookkeeping sale (a journal row shaped as the bookkeeping feature writes it:
 * PayPlatform 4, SubPayPlatform 402, RecordOrderState 2) and cpay sales (WeChat, Alipay, one
 * declined) happen during it; the shift is closed with a count one yuan over the expected cash: the
 * difference is shown and printed (decoded from the printer's bytes, drawer kicked); the next
 * shift starts from zero; the past shift reprints; the history CSV is downloaded, parsed and its
 * totals equal the screen and `/sandbox/` truth; the shifts CSV holds the difference.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import Papa from 'papaparse';
import { bindDemoDevice } from './app-steps.js';
import { startHarness, type Harness } from './harness.js';
import { buildFakesInitScript, paperBytes, paperFrom, plugFakeDevices, type FakeWindow } from './devices-fakes.js';

interface Truth {
  out_trade_no: string;
  platform: string;
  total_fee: number;
  paid: boolean;
  refunds: { out_refund_no: string; refund_fee: number }[];
}

let h: Harness;
let page: Page;
const CASH_NO = '0100009999000000000000000000001';
const SALES = [
  ['135005875955000000', '0.05'],
  ['281234567890120000', '0.07'],
  ['135005875955009103', '0.09'],
  ['135005875955000000', '0.11'],
] as const;

beforeAll(async () => {
  const script = await buildFakesInitScript();
  h = await startHarness();
  page = await h.newPage({ acceptDownloads: true });
  page.on('pageerror', (e) => console.log('[pageerror]', e.message));
  await plugFakeDevices(page, script);
  await bindDemoDevice(h, page);
  await page.waitForFunction(() => (window as unknown as FakeWindow).__cpayPrinter.opened, undefined, { timeout: 15_000 });
}, 120_000);
afterAll(async () => {
  await h?.close();
});

const orders = () => h.sandbox<Truth[]>('/sandbox/orders');
const panel = () => page.locator('shift-panel');
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

async function takePayments(): Promise<void> {
  const phase = () => page.locator('checkout-screen [data-phase]').getAttribute('data-phase');
  await page.locator('[data-nav=checkout]').click();
  await page.locator('checkout-screen h1').click();
  for (const [code, amount] of SALES) {
    await page.keyboard.type(amount);
    await page.keyboard.press('Enter');
    await expect.poll(phase).toBe('awaiting_code');
    await page.keyboard.type(code, { delay: 1 });
    await page.keyboard.press('Enter');
    await expect.poll(phase, { timeout: 30_000 }).toMatch(/^(success|failed)$/);
  }
}

/** Writes a cash bookkeeping sale into the journal as the bookkeeping feature does (its own code is another branch). */
async function journalCashSale(no: string, amountFen: number): Promise<void> {
  await page.evaluate(
    async ([no, amount]) => {
      const db = await new Promise<IDBDatabase>((ok, ko) => {
        const r = indexedDB.open('cpay-terminal');
        r.onsuccess = () => ok(r.result);
        r.onerror = () => ko(r.error ?? new Error('indexedDB.open failed'));
      });
      const at = await new Promise<number>((ok) => {
        const c = db.transaction('shifts').objectStore('shifts').openCursor(null, 'prev');
        c.onsuccess = () => ok((c.result?.value as { startedAt: number }).startedAt + 1_000);
      });
      await new Promise<void>((ok, ko) => {
        const tx = db.transaction('journal', 'readwrite');
        tx.objectStore('journal').put({
          outTradeNo: no,
          open: 0,
          entry: {
            outTradeNo: no,
            kind: 'bookkeeping',
            payPlatform: 4,
            subPayPlatform: 402,
            amount,
            body: '',
            status: 'success',
            recordState: 2,
            createdAt: at,
            updatedAt: at,
            history: [],
          },
        });
        tx.oncomplete = () => ok();
        tx.onerror = () => ko(tx.error ?? new Error('the journal write failed'));
      });
      db.close();
    },
    [no, amountFen] as const,
  );
}

const downloaded = async (d: Download): Promise<string> => readFileSync((await d.path()) ?? '', 'utf8');

describe('shift handover', () => {
  it('opens with a float; cpay sales and a cash sale; closes with a count ¥1 over: shown, printed, kept; the next shift starts clean', async () => {
    await page.locator('[data-nav=summary]').click();
    await panel().locator('[data-shift-state=none]').waitFor();
    // a bad float is refused with a specific message and nothing opens
    await panel().locator('[data-float-input]').fill('2o0');
    await panel().locator('[data-float-input]').press('Enter');
    await expect.poll(() => panel().locator('[data-float-error]').innerText()).toContain('备用金');
    await panel().locator('[data-float-input]').fill('200');
    await panel().locator('[data-float-input]').press('Enter');
    await expect
      .poll(() =>
        panel()
          .locator('[data-shift-state=open]')
          .innerText()
          .catch(() => ''),
      )
      .toContain('备用金 ¥200.00');

    await journalCashSale(CASH_NO, 500);
    await takePayments();
    await page.locator('[data-nav=summary]').click();

    const truth = await orders();
    const paid = (p: string) => truth.filter((o) => o.platform === p && o.paid).reduce((s, o) => s + o.total_fee, 0);
    const yuan = (f: number) => `¥${(f / 100).toFixed(2)}`;
    await expect
      .poll(
        () =>
          panel()
            .locator('tr[data-method=wechat] [data-amount]')
            .innerText()
            .catch(() => ''),
        { timeout: 20_000 },
      )
      .toBe(yuan(paid('wechat')));
    expect(await panel().locator('tr[data-method=alipay] [data-amount]').innerText()).toBe(yuan(paid('alipay')));
    expect(await panel().locator('tr[data-method=cash] [data-amount]').innerText()).toBe('¥5.00');
    expect(await panel().locator('[data-expected]').innerText()).toBe('¥205.00');
    // the screen's own cpay summary says the same as the handover's lines
    expect(await page.locator('summary-table tr[data-line=wechat] td').nth(2).innerText()).toBe(yuan(paid('wechat')));

    // the count, keyboard only: 2 × ¥100, 1 × ¥5, 1 × ¥1 = ¥206.00 against ¥205.00
    await panel().locator('[data-shift-close]').click();
    await expect
      .poll(
        () =>
          panel()
            .locator('input[data-denomination="10000"]')
            .evaluate((e) => e.matches(':focus')),
        { timeout: 10_000 },
      )
      .toBe(true);
    for (const pieces of ['2', '', '', '', '1', '1', '', '']) {
      if (pieces) await page.keyboard.type(pieces);
      await page.keyboard.press('Enter');
    }
    const diff = panel().locator('[data-difference]');
    // a typo in a count is named, blocks the close and loses nothing typed
    const fives = panel().locator('input[data-denomination="500"]');
    await fives.fill('1.5');
    await expect.poll(() => panel().locator('[data-count-error]').innerText()).toContain('¥5：请填写整数张数');
    expect(await panel().locator('[data-shift-confirm]').isDisabled()).toBe(true);
    expect(await diff.count()).toBe(0);
    await fives.fill('1');
    await panel().locator('[data-shift-confirm]').focus();
    expect(await diff.getAttribute('data-difference')).toBe('100');
    expect(await diff.getAttribute('data-kind')).toBe('over');
    expect(squash(await diff.innerText())).toBe('差额: 长款 ¥1.00');
    expect(await panel().locator('[data-counted]').innerText()).toBe('¥206.00');

    const before = (await paperBytes(page)).length;
    await page.keyboard.press('Enter'); // the focus is on the confirm button
    await expect
      .poll(
        () =>
          panel()
            .locator('[data-shift-message]')
            .innerText()
            .catch(() => ''),
        { timeout: 20_000 },
      )
      .toMatch(/已交班.*长款 ¥1\.00/);
    await expect.poll(async () => (await paperFrom(page, before)).cuts, { timeout: 15_000 }).toBe(1);
    const paper = await paperFrom(page, before);
    const lines = paper.text.split('\n').map(squash);
    expect(lines).toContain('交接班小票');
    expect(lines).toContain('差额 +1.00 长款');
    expect(lines).toContain('应有现金 205.00');
    expect(lines).toContain('实点现金 206.00');
    expect(lines).toContain('备用金 200.00');
    expect(lines).toContain('现金 1 5.00');
    expect(lines.find((l) => l.startsWith('微信支付'))).toBe(
      `微信支付 ${truth.filter((o) => o.platform === 'wechat' && o.paid).length} ${(paid('wechat') / 100).toFixed(2)}`,
    );
    expect(paper.drawerKicks).toBe(1);

    // the next shift starts from zero
    await panel().locator('[data-shift-state=none]').waitFor();
    await panel().locator('[data-float-input]').fill('');
    await panel().locator('[data-shift-open]').click();
    await expect
      .poll(
        () =>
          panel()
            .locator('[data-expected]')
            .innerText()
            .catch(() => ''),
        { timeout: 20_000 },
      )
      .toBe('¥0.00');
    expect(await panel().locator('tfoot tr[data-method=total] [data-count]').innerText()).toBe('0');
    expect(await panel().locator('tr[data-method=cash] [data-amount]').innerText()).toBe('¥0.00');

    // the closed shift is listed and reprints
    const past = page.locator('shift-list-panel tr[data-past-shift]').first();
    await expect.poll(() => past.locator('[data-difference]').getAttribute('data-difference')).toBe('100');
    const again = (await paperBytes(page)).length;
    await past.locator('[data-reprint-shift]').click();
    await expect.poll(async () => (await paperFrom(page, again)).cuts, { timeout: 15_000 }).toBe(1);
    expect((await paperFrom(page, again)).text).toContain('交接班小票（重打）');

    // the shifts CSV of today holds the closed shift's difference
    const [file] = await Promise.all([page.waitForEvent('download'), page.locator('shift-list-panel [data-export-shifts]').click()]);
    const csv = await downloaded(file);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const rows = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true, delimiter: ',' }).data;
    const closed = rows.find((r) => r['差额（分）'] === '100');
    expect(closed?.['应有现金（元）']).toBe('205.00');
    expect(closed?.['实点现金（元）']).toBe('206.00');
    expect(closed?.['现金收款（元）']).toBe('5.00');
  }, 180_000);

  it('the history CSV (UTF-8 BOM, CRLF) holds every row of the day: totals equal the screen and the sandbox truth', async () => {
    await page.locator('[data-nav=history]').click();
    const rows = page.locator('history-list tr[data-row]');
    // The four cpay sales and the cash bookkeeping sale (history lists the terminal's own rows too).
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(SALES.length + 1);
    const [file] = await Promise.all([page.waitForEvent('download'), page.locator('history-screen [data-export-history]').click()]);
    expect(file.suggestedFilename()).toMatch(/^history-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await downloaded(file);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.split('\r\n').length).toBeGreaterThan(SALES.length);
    const parsed = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true, delimiter: ',' });
    expect(parsed.errors).toEqual([]);
    const truth = await orders();
    const server = parsed.data.filter((r) => r['来源'] === '云支付');
    // the same orders as the screen and the simulator
    const onScreen = (await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row') ?? ''))).filter((no) => no !== CASH_NO);
    expect(server.map((r) => r['订单号']).sort()).toEqual(onScreen.sort());
    expect(server.map((r) => r['订单号']).sort()).toEqual(truth.map((o) => o.out_trade_no).sort());
    const sum = (rs: Record<string, string>[]) => rs.reduce((s, r) => s + Number(r['金额（分）']), 0);
    const paidRows = server.filter((r) => r['状态'] === '成功');
    expect(sum(paidRows)).toBe(truth.filter((o) => o.paid).reduce((s, o) => s + o.total_fee, 0));
    for (const r of parsed.data) expect(Math.round(Number(r['金额（元）']) * 100)).toBe(Number(r['金额（分）']));
    // the cash bookkeeping sale is in the file once, from this terminal
    const cash = parsed.data.filter((r) => r['订单号'] === CASH_NO);
    expect(cash.map((r) => [r['支付方式'], r['金额（元）'], r['来源']])).toEqual([['现金（记账）', '5.00', '本机']]);
    await expect.poll(() => page.locator('history-screen [data-export-note]').innerText()).toMatch(/已导出 \d+ 行/);
  }, 90_000);

  it('with the network cut (context offline, relay stopped) the shift still closes: the cash check stands and the paper says cpay is missing', async () => {
    await page.locator('[data-nav=summary]').click();
    await panel().locator('[data-shift-state=open]').waitFor(); // the clean shift opened above
    await page.context().setOffline(true);
    await h.stopRelay();
    try {
      await page.locator('summary-screen button', { hasText: '刷新' }).click();
      await expect
        .poll(
          () =>
            panel()
              .locator('[data-cpay-missing]')
              .innerText()
              .catch(() => ''),
          { timeout: 45_000 },
        )
        .toContain('云支付数据未取到');
      expect(await panel().locator('[data-expected]').innerText()).toBe('¥0.00');
      await panel().locator('[data-shift-close]').click();
      await panel().locator('input[data-denomination="10"]').fill('3'); // ¥0.30 in the drawer, none expected
      expect(squash(await panel().locator('[data-difference]').innerText())).toBe('差额: 长款 ¥0.30');
      const before = (await paperBytes(page)).length;
      await panel().locator('[data-shift-confirm]').click();
      await expect.poll(async () => (await paperFrom(page, before)).cuts, { timeout: 60_000 }).toBe(1);
      const lines = (await paperFrom(page, before)).text.split('\n').map(squash);
      expect(lines.some((l) => l.startsWith('云支付数据未取到'))).toBe(true);
      expect(lines).toContain('差额 +0.30 长款');
      await panel().locator('[data-shift-state=none]').waitFor();
    } finally {
      await h.startRelay();
      await page.context().setOffline(false);
    }
  }, 150_000);
});
