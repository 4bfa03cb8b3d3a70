import { beforeAll, describe, expect, it } from 'vitest';
import type { Fen } from '@cpay/protocol';
import type { AppServices } from '../../app/context/services.js';
import type { JournalEntry } from '../../kernel/flow/ports.js';
import type { DrawerEvent } from './drawer.js';
import type { PaidOrder } from '../devices/devices.js';
import { TenderController } from './tender-controller.js';

/** Just the services the tender step uses, recording what happens. */
function setup(opts: { failJournal?: boolean; printFails?: boolean } = {}) {
  const journal: JournalEntry[] = [];
  const printed: PaidOrder[] = [];
  const drawer: DrawerEvent[] = [];
  const said: unknown[] = [];
  let n = 0;
  const services = {
    orderNumbers: { next: async (p: string) => `${p}${++n}` },
    journal: {
      put: async (e: JournalEntry) => {
        if (opts.failJournal) throw new Error('QuotaExceededError');
        journal.push(e);
      },
    },
    clock: { serverNow: () => 1_765_000_000_000 },
    announcer: { say: (s: unknown) => said.push(s) },
    devices: {
      afterPayment: async (o: PaidOrder) => {
        printed.push(o);
        if (opts.printFails) throw new Error('printer gone');
        return { kind: 'printed', id: `pay:${o.outTradeNo}` };
      },
    },
    bookkeeping: { drawerLog: { append: async (e: DrawerEvent) => void drawer.push(e), between: async () => [] } },
  } as unknown as AppServices;
  let changes = 0;
  const till = new TenderController(
    () => services,
    () => 'P',
    () => ({ staffName: '小王' }),
    () => {
      changes += 1;
    },
  );
  return { till, journal, printed, drawer, said, changes: () => changes };
}
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('TenderController (the checkout’s 现金 / 银行卡 step)', () => {
  // The recording half loads after the keypad has painted in the app (TenderController.prefetch); here
  // it is loaded once up front so the timing of each test is the step's own.
  beforeAll(async () => {
    await import('./tender-record.js');
  });

  it('a second Enter while the sale is being recorded does nothing: one number, one journal row, one receipt', async () => {
    const t = setup();
    t.till.open('cash', 500 as Fen);
    t.till.key('enter');
    expect(t.till.tender?.saving).toBe(true);
    t.till.key('enter');
    void t.till.confirm();
    await settle();
    await settle();
    expect(t.journal.map((e) => e.outTradeNo)).toEqual(['P1']);
    expect(t.printed).toHaveLength(1);
    expect(t.till.recorded?.outTradeNo).toBe('P1');
  });

  it('cash: digits, backspace and one decimal point edit what was handed over; Enter records with the change; the drawer log follows the print', async () => {
    const t = setup();
    t.till.open('cash', 1234 as Fen);
    for (const k of ['2', '0', '.', '.', '5', 'backspace'] as const) t.till.key(k);
    expect(t.till.tender?.text).toBe('20.');
    t.till.key('enter');
    await settle();
    await settle();
    expect(t.journal).toMatchObject([{ outTradeNo: 'P1', subPayPlatform: 402, tenderedFen: 2000, changeFen: 766, staffName: '小王' }]);
    expect(t.till.tender).toBeUndefined();
    expect(t.till.recorded).toEqual({ method: 'cash', outTradeNo: 'P1', amount: 1234, tendered: 2000, change: 766 });
    expect(t.printed).toEqual([
      { outTradeNo: 'P1', amount: 1234, platform: 'bookkeeping', bookkeeping: { method: 'cash', tenderedFen: 2000, changeFen: 766 } },
    ]);
    expect(t.drawer).toMatchObject([{ reason: 'cash_sale', outTradeNo: 'P1', staffName: '小王', sent: 'printer' }]);
    expect(t.said).toEqual([{ kind: 'payment_success', platform: 'bookkeeping', amount: 1234 }]);
  });

  it('cash: less than the amount is refused with a message and nothing is recorded; Esc leaves without recording', async () => {
    const t = setup();
    t.till.open('cash', 1234 as Fen);
    t.till.key('1');
    t.till.key('0');
    expect(await t.till.confirm()).toBeUndefined();
    expect(t.till.tender?.error).toBe('实收金额不足：应收 ¥12.34，实收 ¥10.00。请重新输入实收金额。');
    t.till.key('escape');
    expect(t.till.tender).toBeUndefined();
    expect(t.journal).toEqual([]);
    expect(t.printed).toEqual([]);
  });

  it('card: digits do nothing, Enter records 401, no drawer', async () => {
    const t = setup();
    t.till.open('card', 500 as Fen);
    t.till.key('9');
    expect(t.till.tender?.text).toBe('');
    await t.till.confirm();
    await settle();
    expect(t.journal).toMatchObject([{ subPayPlatform: 401 }]);
    expect(t.drawer).toEqual([]);
  });

  it('a journal that cannot be written: the step stays open with the reason; nothing printed or logged', async () => {
    const t = setup({ failJournal: true });
    t.till.open('cash', 100 as Fen);
    expect(await t.till.confirm()).toBeUndefined();
    expect(t.till.tender).toMatchObject({ saving: false, error: expect.stringContaining('QuotaExceededError') as string });
    expect(t.printed).toEqual([]);
    expect(t.drawer).toEqual([]);
  });

  it('a print that fails still logs the drawer attempt as failed (the sale stays recorded)', async () => {
    const t = setup({ printFails: true });
    t.till.open('cash', 100 as Fen);
    await t.till.confirm();
    await settle();
    await settle();
    expect(t.journal).toHaveLength(1);
    expect(t.drawer).toMatchObject([{ reason: 'cash_sale', sent: 'failed' }]);
  });
});
