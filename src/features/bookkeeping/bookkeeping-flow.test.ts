import { describe, expect, it } from 'vitest';
import { asyncScheduler, lastValueFrom, of, toArray } from 'rxjs';
import type { Fen } from '@cpay/protocol';
import type { JournalEntry } from '../../kernel/flow/ports.js';
import type { RefundRecord } from '../refund/refund.js';
import type { RefundDeps } from '../refund/refund-deps.js';
import type { RefundEvent } from '../refund/refund-events.js';
import { refundFlow, type RefundIntent } from '../refund/refund-flow.js';
import { addTally, freezeBatch, tallyOf, ZERO_COUNTERS } from '../report/report.js';
import { memoryLocalRefundBooks } from '../../testing/local-refund-books.js';
import { recordSale, refundLocally, UnboundError, type BookkeepingSaleDeps } from './bookkeeping-flow.js';
import { localRefundRecord } from './bookkeeping.js';

const fen = (n: number) => n as Fen;
const NOW = 1_765_000_000_000;

/** In-memory journal, ledger and allocator that log every write in order. */
function env(opts: { failJournal?: boolean; pin?: string } = {}) {
  const log: string[] = [];
  const journal = new Map<string, JournalEntry>();
  const ledger = new Map<string, RefundRecord>();
  let n = 0;
  const cpayCalls: string[] = [];
  const deps = {
    orderNumbers: {
      next: async (prefix: string) => {
        n += 1;
        const no = `${prefix}${String(n).padStart(6, '0')}`;
        log.push(`number ${no}`);
        return no;
      },
    },
    journal: {
      put: async (e: JournalEntry) => {
        if (opts.failJournal) throw new Error('QuotaExceededError');
        log.push(`journal ${e.outTradeNo} ${e.recordState ?? ''}`);
        journal.set(e.outTradeNo, e);
      },
      get: async (no: string) => journal.get(no),
    },
    ledger: {
      put: async (r: RefundRecord) => {
        log.push(`ledger ${r.outRefundNo} ${r.status}`);
        ledger.set(r.outRefundNo, r);
      },
      forOrder: async (no: string) => [...ledger.values()].filter((r) => r.outTradeNo === no),
    },
    books: memoryLocalRefundBooks({ journal, ledger }, (line) => log.push(line)),
    clock: { serverNow: () => NOW },
    prefix: () => '0100' as string | undefined,
    staff: () => ({ staffName: '小王' }),
  };
  const said: unknown[] = [];
  const refundDeps: RefundDeps = {
    cpay: {
      warmup: () => undefined,
      call: (endpoint) => {
        cpayCalls.push(endpoint);
        throw new Error(`cpay must not be asked about a bookkeeping sale (${endpoint})`);
      },
    },
    ledger: deps.ledger,
    localBooks: deps.books,
    orderNumbers: deps.orderNumbers,
    journal: deps.journal,
    pin: { required: async () => opts.pin !== undefined, verify: async (p) => p === opts.pin },
    clock: deps.clock,
    scheduler: asyncScheduler,
    terminal: () => ({
      snCode: 'sn',
      outMchId: 'm',
      outSubMchId: 's',
      outShopId: 'shop',
      deviceId: 'd',
      cloudCashierId: '0100',
      terminalType: 100,
      sdkVersion: '1',
      spbillCreateIp: '127.0.0.1',
    }),
    nonce: () => 'n',
    random: () => 0.5,
    announce: (s) => said.push(s),
    warn: () => undefined,
  };
  return { log, journal, ledger, deps, refundDeps, cpayCalls, said };
}

const run = (intent: RefundIntent, deps: RefundDeps): Promise<RefundEvent[]> => lastValueFrom(refundFlow(of(intent), deps).pipe(toArray()));

describe('recordSale', () => {
  it('allocates (persists) the number first, then writes the journal row; nothing goes to cpay', async () => {
    const e = env();
    const entry = await recordSale({ method: 'cash', amount: fen(1234), tendered: fen(2000), change: fen(766) }, e.deps);
    expect(e.log).toEqual(['number 0100000001', 'journal 0100000001 2']);
    expect(entry).toMatchObject({
      outTradeNo: '0100000001',
      subPayPlatform: 402,
      payPlatform: 4,
      tenderedFen: 2000,
      changeFen: 766,
      staffName: '小王',
      createdAt: NOW,
    });
    expect(e.journal.get('0100000001')).toEqual(entry);
  });

  it('a failed journal write rejects (the cashier is told) and the skipped number is never handed out again', async () => {
    const e = env({ failJournal: true });
    await expect(recordSale({ method: 'card', amount: fen(1) }, e.deps)).rejects.toThrow('QuotaExceededError');
    expect(e.journal.size).toBe(0);
    const ok = env();
    ok.deps.orderNumbers = e.deps.orderNumbers; // the same allocator
    const next = await recordSale({ method: 'card', amount: fen(1) }, ok.deps);
    expect(next.outTradeNo).toBe('0100000002');
  });

  it('refuses to record while unbound (no prefix to number the sale with)', async () => {
    const e = env();
    const deps: BookkeepingSaleDeps = { ...e.deps, prefix: () => undefined };
    await expect(recordSale({ method: 'cash', amount: fen(1) }, deps)).rejects.toBeInstanceOf(UnboundError);
    expect(e.log).toEqual([]);
  });
});

describe('refundLocally', () => {
  it('numbers the refund from the same allocator, writes the ledger, then marks a fully refunded sale RecordOrderState 3', async () => {
    const e = env();
    const sale = await recordSale({ method: 'cash', amount: fen(1000) }, e.deps);
    const part = await refundLocally(sale.outTradeNo, fen(400), e.deps);
    expect(part).toMatchObject({ ok: true, record: { outRefundNo: '0100000002', status: 'success', recordRefundState: 2, amount: 400 } });
    expect(e.journal.get(sale.outTradeNo)?.recordState).toBe(2);
    expect(await refundLocally(sale.outTradeNo, fen(601), e.deps)).toEqual({ ok: false, error: { kind: 'too_much', refundable: 600 } });
    await refundLocally(sale.outTradeNo, fen(600), e.deps);
    expect(e.journal.get(sale.outTradeNo)?.recordState).toBe(3);
    expect(e.log).toEqual([
      'number 0100000001',
      'journal 0100000001 2',
      'number 0100000002',
      'ledger 0100000002 success',
      'number 0100000003',
      'ledger 0100000003 success',
      'journal 0100000001 3',
    ]);
  });
});

describe('refundLocally: two windows at the same moment', () => {
  it('both pass the first check, the atomic step lets one through and refuses the other: ¥10.00 back for a ¥10.00 sale, never ¥20.00', async () => {
    const e = env();
    const sale = await recordSale({ method: 'cash', amount: fen(1000) }, e.deps);
    const [one, two] = await Promise.all([refundLocally(sale.outTradeNo, fen(1000), e.deps), refundLocally(sale.outTradeNo, fen(1000), e.deps)]);
    expect([one.ok, two.ok].sort()).toEqual([false, true]);
    expect([one, two].find((r) => !r.ok)).toEqual({ ok: false, error: { kind: 'too_much', refundable: 0 } });
    expect([...e.ledger.values()].map((r) => r.amount)).toEqual([1000]);
    // Both windows took a number (each passed the first check); the refused one's stays unused.
    expect(e.log.filter((l) => l.startsWith('number'))).toHaveLength(3);
    expect(e.log.filter((l) => l.startsWith('ledger'))).toHaveLength(1);
    expect(e.log.filter((l) => l === `journal ${sale.outTradeNo} 3`)).toHaveLength(1);
  });

  it('the refund screen: a refund made in another window between the check and the write is a refusal in shop terms, not a failure, and it stays on screen', async () => {
    const e = env();
    const sale = await recordSale({ method: 'cash', amount: fen(500) }, e.deps);
    const other = localRefundRecord(sale, '0100999999', fen(500), NOW);
    // The other window commits its refund just before this one's atomic step.
    const raced: RefundDeps = {
      ...e.refundDeps,
      localBooks: {
        atomically: (otn, decide) => {
          e.ledger.set(other.outRefundNo, other);
          return e.deps.books.atomically(otn, decide);
        },
      },
    };
    const events = await run({ type: 'refund', outTradeNo: sale.outTradeNo, amountText: '5' }, raced);
    expect(events.filter((x) => x.type === 'settled')).toEqual([]);
    expect(events.find((x) => x.type === 'refused')).toEqual({
      type: 'refused',
      outTradeNo: sale.outTradeNo,
      refusal: { kind: 'amount', error: { kind: 'nothing_refundable' } },
    });
    expect(events.map((x) => x.type).slice(-2)).toEqual(['refused', 'order']); // shown again, no lookup step that would clear it
    expect(events.at(-1)).toMatchObject({ type: 'order', order: { display: 'fully_refunded', refundable: false } });
    expect([...e.ledger.values()]).toEqual([other]);
    expect(e.said).toEqual([]);
    // Part refunded by the other window: the refusal states what is left.
    const e2 = env();
    const sale2 = await recordSale({ method: 'cash', amount: fen(500) }, e2.deps);
    const part = localRefundRecord(sale2, '0100999998', fen(200), NOW);
    const raced2: RefundDeps = {
      ...e2.refundDeps,
      localBooks: {
        atomically: (otn, decide) => {
          e2.ledger.set(part.outRefundNo, part);
          return e2.deps.books.atomically(otn, decide);
        },
      },
    };
    const events2 = await run({ type: 'refund', outTradeNo: sale2.outTradeNo, amountText: '5' }, raced2);
    expect(events2.find((x) => x.type === 'refused')).toMatchObject({ refusal: { kind: 'amount', error: { kind: 'over_refundable', refundable: 300 } } });
  });
});

describe('refundLocally: only a bookkeeping sale of this terminal, only while bound', () => {
  it('refuses a cpay payment in the journal and an order the journal does not know: no number, no ledger record', async () => {
    const e = env();
    const wechat: JournalEntry = {
      outTradeNo: '0100999999',
      kind: 'micropay',
      amount: fen(500),
      body: 'b',
      status: 'success',
      createdAt: NOW,
      updatedAt: NOW,
      history: [],
    };
    e.journal.set(wechat.outTradeNo, wechat);
    expect(await refundLocally(wechat.outTradeNo, fen(100), e.deps)).toEqual({ ok: false, error: { kind: 'not_bookkeeping' } });
    expect(await refundLocally('0100888888', fen(100), e.deps)).toEqual({ ok: false, error: { kind: 'not_bookkeeping' } });
    expect(e.log).toEqual([]);
    expect(e.ledger.size).toBe(0);
  });

  it('refuses while unbound (no prefix to number the refund with): nothing written', async () => {
    const e = env();
    const sale = await recordSale({ method: 'cash', amount: fen(100) }, e.deps);
    await expect(refundLocally(sale.outTradeNo, fen(100), { ...e.deps, prefix: () => undefined })).rejects.toBeInstanceOf(UnboundError);
    expect(e.log).toEqual(['number 0100000001', 'journal 0100000001 2']);
    expect(e.ledger.size).toBe(0);
  });

  it('a card sale keeps no tendered/change and a sale without a signed-in cashier no staff id', async () => {
    const e = env();
    const card = await recordSale({ method: 'card', amount: fen(100) }, { ...e.deps, staff: () => ({}) });
    expect(card).not.toHaveProperty('tenderedFen');
    expect(card).not.toHaveProperty('changeFen');
    expect(card).not.toHaveProperty('staffId');
    expect(card).not.toHaveProperty('staffName');
  });
});

describe('the refund screen on a bookkeeping sale', () => {
  it('looks it up and refunds it locally; cpay is never asked', async () => {
    const e = env();
    const sale = await recordSale({ method: 'cash', amount: fen(1000) }, e.deps);
    const looked = await run({ type: 'lookup', outTradeNo: sale.outTradeNo }, e.refundDeps);
    expect(looked.at(-1)).toMatchObject({
      type: 'order',
      order: { platform: 'bookkeeping', total: 1000, refundable: true, subPayPlatform: 402, display: 'paid' },
    });
    const events = await run({ type: 'refund', outTradeNo: sale.outTradeNo, amountText: '10' }, e.refundDeps);
    expect(events.find((x) => x.type === 'settled')).toMatchObject({ result: { outcome: 'refunded', amount: 1000, platform: 'bookkeeping' } });
    expect(events.at(-1)).toMatchObject({ type: 'order', order: { display: 'fully_refunded', refundable: false } });
    expect(e.cpayCalls).toEqual([]);
    expect(e.said).toEqual([{ kind: 'refund_success', platform: 'bookkeeping', amount: 1000 }]);
  });

  it('asks for the manager PIN like any refund: none or a wrong one refunds nothing', async () => {
    const e = env({ pin: '2468' });
    const sale = await recordSale({ method: 'card', amount: fen(500) }, e.deps);
    expect(await run({ type: 'refund', outTradeNo: sale.outTradeNo, amountText: '5' }, e.refundDeps)).toEqual([
      { type: 'refused', outTradeNo: sale.outTradeNo, refusal: { kind: 'pin_required' } },
    ]);
    expect(await run({ type: 'refund', outTradeNo: sale.outTradeNo, amountText: '5', pin: '1111' }, e.refundDeps)).toEqual([
      { type: 'refused', outTradeNo: sale.outTradeNo, refusal: { kind: 'pin_wrong' } },
    ]);
    expect(e.ledger.size).toBe(0);
    const ok = await run({ type: 'refund', outTradeNo: sale.outTradeNo, amountText: '5', pin: '2468' }, e.refundDeps);
    expect(ok.find((x) => x.type === 'settled')).toMatchObject({ result: { outcome: 'refunded' } });
    expect([...e.ledger.values()]).toMatchObject([{ subPayPlatform: 401, status: 'success' }]);
  });

  it('keeps who refunded (the signed-in cashier) and the manager who authorised it on the refund record', async () => {
    const e = env();
    const sale = await recordSale({ method: 'cash', amount: fen(1000) }, e.deps);
    const base = e.refundDeps.terminal();
    const asCashier: RefundDeps = { ...e.refundDeps, terminal: () => ({ ...base, staffId: 'C07' }) };
    await run({ type: 'refund', outTradeNo: sale.outTradeNo, amountText: '2' }, asCashier);
    const authorised: RefundDeps = { ...e.refundDeps, terminal: () => ({ ...base, staffId: 'C07', authorizationStaffId: 'M01' }) };
    await run({ type: 'refund', outTradeNo: sale.outTradeNo, amountText: '8' }, authorised);
    const records = [...e.ledger.values()].sort((a, b) => a.amount - b.amount);
    expect(records.map((r) => [r.amount, r.staffId, r.authorizationStaffId])).toEqual([
      [200, 'C07', undefined],
      [800, 'C07', 'M01'],
    ]);
    // a terminal without staff keeps none
    const e2 = env();
    const sale2 = await recordSale({ method: 'card', amount: fen(300) }, e2.deps);
    await run({ type: 'refund', outTradeNo: sale2.outTradeNo, amountText: '3' }, e2.refundDeps);
    expect([...e2.ledger.values()][0]).not.toHaveProperty('staffId');
  });

  it('a refund whose ledger write fails is settled as failed (nothing refunded, nothing announced) and the sale stays refundable', async () => {
    const e = env();
    const sale = await recordSale({ method: 'cash', amount: fen(600) }, e.deps);
    const broken: RefundDeps = {
      ...e.refundDeps,
      localBooks: { atomically: () => Promise.reject(new Error('QuotaExceededError')) },
    };
    const events = await run({ type: 'refund', outTradeNo: sale.outTradeNo, amountText: '2' }, broken);
    const settled = events.find((x) => x.type === 'settled');
    expect(settled).toEqual({
      type: 'settled',
      result: {
        outcome: 'failed',
        outTradeNo: sale.outTradeNo,
        outRefundNo: undefined,
        amount: 200,
        reason: 'storage',
        description: expect.stringMatching(/^nothing was refunded: .*QuotaExceededError/) as unknown,
      },
    });
    expect(e.said).toEqual([]);
    expect(e.ledger.size).toBe(0);
    expect(e.journal.get(sale.outTradeNo)?.recordState).not.toBe(3);
    expect(events.at(-1)).toMatchObject({ type: 'order', order: { display: 'paid', refundable: true, totals: { refundable: 600 } } });
  });

  it('refuses more than what remains with the usual amount message', async () => {
    const e = env();
    const sale = await recordSale({ method: 'cash', amount: fen(300) }, e.deps);
    const events = await run({ type: 'refund', outTradeNo: sale.outTradeNo, amountText: '3.01' }, e.refundDeps);
    expect(events.at(-1)).toMatchObject({ type: 'refused', refusal: { kind: 'amount' } });
    expect(e.ledger.size).toBe(0);
  });
});

describe('device_report: bookkeeping sales are "other payments" (decision 0031-bookkeeping-sales)', () => {
  it('a cash sale counts in other_pay_* and not in WeChat or Alipay', async () => {
    const e = env();
    const sale = await recordSale({ method: 'cash', amount: fen(1234) }, e.deps);
    const c = addTally(ZERO_COUNTERS, tallyOf(sale));
    expect(c).toEqual({ ...ZERO_COUNTERS, otherPayCount: 1, otherPaySuccessCount: 1, otherPayAmount: 1234 });
    expect(freezeBatch([tallyOf(sale)], 'n', NOW).apiCallingInfos).toEqual([]); // no API call: no ApiCallingInfo
  });
});
