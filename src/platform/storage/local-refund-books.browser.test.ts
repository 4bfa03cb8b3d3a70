/**
 * The local books' atomic refund step against Chromium's real IndexedDB. Two connections to one
 * database stand for two windows of the till; both refund the whole of one cash sale at the same
 * moment. A control first shows the race is real with the old check-then-write (both refunds
 * written); through LocalRefundBooksRepo exactly one is written and the other is refused.
 */
import { fen } from '@cpay/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { refundLocally, type LocalRefundDeps } from '../../features/bookkeeping/bookkeeping-flow.js';
import { checkLocalRefund, localRefundRecord, saleEntry } from '../../features/bookkeeping/bookkeeping.js';
import type { JournalEntry } from '../../kernel/flow/ports.js';
import { openTerminalDb, type Db } from './db.js';
import { JournalRepo } from './journal-repo.js';
import { LocalRefundBooksRepo } from './local-refund-books.js';
import { ReportingJournal } from './outbox-journal.js';
import { RefundRepo } from './refund-repo.js';

const NOW = 1_765_000_000_000;
const opened: Db[] = [];
/** Two connections to one fresh database: two windows of one till. */
async function twoWindows(): Promise<[Db, Db]> {
  const name = `test-${crypto.randomUUID()}`;
  const a = await openTerminalDb(name);
  const b = await openTerminalDb(name);
  opened.push(a, b);
  return [a, b];
}
afterEach(() => {
  const names = new Set(opened.map((d) => d.name));
  for (const db of opened.splice(0)) db.close();
  for (const n of names) indexedDB.deleteDatabase(n);
});

const sale = (amount: number): JournalEntry =>
  saleEntry({ outTradeNo: '0100000000000000001', method: 'cash', amount: fen(amount), tendered: fen(amount), change: fen(0), at: NOW });

let numbers = 0;
/** One window's ports: its own connection for reads, the allocator and the atomic step. */
function windowDeps(db: Db, onFinal: (otn: string) => void = () => undefined): LocalRefundDeps {
  return {
    orderNumbers: { next: async (prefix) => `${prefix}${String((numbers += 1)).padStart(15, '0')}` },
    journal: new JournalRepo(db),
    ledger: new RefundRepo(db),
    books: new LocalRefundBooksRepo(db, onFinal),
    clock: { serverNow: () => NOW + 1_000 },
    prefix: () => '0200',
  };
}

describe('two windows refund one cash sale at the same moment', () => {
  it('control: the old check-then-write lets both through (the race this guards against is real here)', async () => {
    const [a, b] = await twoWindows();
    await new JournalRepo(a).put(sale(333));
    const naive = async (db: Db, no: string) => {
      const journal = new JournalRepo(db);
      const ledger = new RefundRepo(db);
      const s = await journal.get(sale(333).outTradeNo);
      const before = await ledger.forOrder(sale(333).outTradeNo);
      if (!s || !checkLocalRefund(s, before, fen(333)).ok) return false;
      await ledger.put(localRefundRecord(s, no, fen(333), NOW));
      return true;
    };
    expect(await Promise.all([naive(a, 'R1'), naive(b, 'R2')])).toEqual([true, true]);
    expect(await new RefundRepo(a).forOrder(sale(333).outTradeNo)).toHaveLength(2); // ¥6.66 back for a ¥3.33 sale
  });

  it('through the atomic step: one refund written, the other refused as too much, the sale marked refunded once', async () => {
    const [a, b] = await twoWindows();
    const s = sale(333);
    await new JournalRepo(a).put(s);
    const results = await Promise.all([refundLocally(s.outTradeNo, fen(333), windowDeps(a)), refundLocally(s.outTradeNo, fen(333), windowDeps(b))]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, error: { kind: 'too_much', refundable: 0 } }]);
    const refunds = await new RefundRepo(b).forOrder(s.outTradeNo);
    expect(refunds).toHaveLength(1);
    expect(refunds.reduce((t, r) => t + r.amount, 0)).toBe(333);
    const after = await new JournalRepo(b).get(s.outTradeNo);
    expect(after?.recordState).toBe(3);
    expect(after?.history.filter((h) => h.phase === 'refunded')).toHaveLength(1);
  });

  it('many windows, part refunds: the total never passes the sale, every refusal states what was left', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const dbs = await Promise.all(Array.from({ length: 5 }, () => openTerminalDb(name)));
    opened.push(...dbs);
    const s = sale(1000);
    await new JournalRepo(dbs[0]!).put(s);
    // Five windows each refund ¥3.00 of a ¥10.00 sale at once: at most three fit.
    const results = await Promise.all(dbs.map((db) => refundLocally(s.outTradeNo, fen(300), windowDeps(db))));
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    for (const r of results) if (!r.ok) expect(r.error).toEqual({ kind: 'too_much', refundable: 100 });
    const refunds = await new RefundRepo(dbs[1]!).forOrder(s.outTradeNo);
    expect(refunds.reduce((t, r) => t + r.amount, 0)).toBe(900);
    expect((await new JournalRepo(dbs[2]!).get(s.outTradeNo))?.recordState).toBe(2); // ¥1.00 still refundable
  });

  it('the sale row keeps the outbox’s reported mark; an unreported one is handed to device_report once', async () => {
    const [a] = await twoWindows();
    const reported = { ...sale(200), outTradeNo: '0100000000000000002', reported: true } satisfies JournalEntry;
    const unreported = { ...sale(200), outTradeNo: '0100000000000000003' };
    await new ReportingJournal(a).put(reported);
    await new ReportingJournal(a).put(unreported);
    const told: string[] = [];
    const deps = windowDeps(a, (otn) => told.push(otn));
    expect((await refundLocally(reported.outTradeNo, fen(200), deps)).ok).toBe(true);
    expect((await refundLocally(unreported.outTradeNo, fen(200), deps)).ok).toBe(true);
    expect((await new JournalRepo(a).get(reported.outTradeNo))?.reported).toBe(true);
    expect((await new JournalRepo(a).get(reported.outTradeNo))?.recordState).toBe(3);
    expect(told).toEqual([unreported.outTradeNo]);
  });

  it('a failed write leaves nothing half-written and says so (the transaction aborts as a whole)', async () => {
    const [a] = await twoWindows();
    const s = sale(100);
    await new JournalRepo(a).put(s);
    const books = new LocalRefundBooksRepo(a);
    const bad = { ...localRefundRecord(s, 'R9', fen(100), NOW), outRefundNo: undefined as unknown as string }; // no key: the put fails
    await expect(books.atomically(s.outTradeNo, () => ({ result: 1, refund: bad, sale: { ...s, recordState: 3 as const } }))).rejects.toThrow(
      /could not be written to the books/,
    );
    expect(await new RefundRepo(a).forOrder(s.outTradeNo)).toEqual([]);
    expect((await new JournalRepo(a).get(s.outTradeNo))?.recordState).toBe(2);
  });
});
