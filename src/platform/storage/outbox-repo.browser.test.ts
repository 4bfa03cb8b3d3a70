/** The device_report outbox, refund ledger and manager PIN against Chromium's real IndexedDB. */
import { fen } from '@cpay/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../kernel/flow/ports.js';
import { openTerminalDb, type Db } from './db.js';
import { JournalRepo } from './journal-repo.js';
import { ReportingJournal } from './outbox-journal.js';
import { OutboxRepo } from './outbox-repo.js';
import { RefundPinRepo } from './refund-pin-repo.js';
import { RefundRepo } from './refund-repo.js';

const opened: Db[] = [];
async function freshDb(name = `test-${crypto.randomUUID()}`): Promise<Db> {
  const db = await openTerminalDb(name);
  opened.push(db);
  return db;
}
afterEach(() => {
  for (const db of opened.splice(0)) {
    db.close();
    indexedDB.deleteDatabase(db.name);
  }
});

const paid = (outTradeNo: string, status: JournalEntry['status'] = 'success', amount = 2): JournalEntry => ({
  outTradeNo,
  kind: 'micropay',
  amount: fen(amount),
  body: 'test',
  status,
  platform: 'wechat',
  createdAt: 10,
  updatedAt: 20,
  history: [],
  apiCallingInfos: [{ outTradeNo, code: 200, status: 0, internalStatus: 0, delayMs: 900, description: '', payPlatform: 1, orderStatus: 2 }],
});

describe('OutboxRepo', () => {
  it('queues a finished payment once, marking the journal entry in the same transaction', async () => {
    const db = await freshDb();
    const journal = new JournalRepo(db);
    const outbox = new OutboxRepo(db);
    await journal.put(paid('A'));
    await journal.put(paid('OPEN', 'unknown'));
    expect(await outbox.enqueuePayment('A')).toBe(true);
    expect(await outbox.enqueuePayment('A')).toBe(false);
    expect(await outbox.enqueuePayment('OPEN')).toBe(false);
    expect(await outbox.enqueuePayment('MISSING')).toBe(false);
    expect((await journal.get('A'))?.reported).toBe(true);
    expect(await outbox.pendingCount()).toBe(1);
  });

  it('sweep finds finished, unqueued payments after a crash; counts survive a reopen', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const db = await freshDb(name);
    const journal = new JournalRepo(db);
    for (const no of ['A', 'B', 'C']) await journal.put(paid(no));
    await new OutboxRepo(db).enqueuePayment('A');
    db.close();
    const again = await freshDb(name);
    const outbox = new OutboxRepo(again);
    expect(await outbox.sweep()).toBe(2);
    expect(await outbox.sweep()).toBe(0);
    expect(await outbox.pendingCount()).toBe(3);
  });

  it('freezes a batch; later payments wait for the next; the same batch comes back until confirmed', async () => {
    const db = await freshDb();
    const journal = new JournalRepo(db);
    const outbox = new OutboxRepo(db);
    await journal.put(paid('A', 'success', 2));
    await journal.put(paid('B', 'failed', 5));
    await outbox.sweep();
    const first = await outbox.freeze('nonce-1', 1_000_000);
    expect(first).toMatchObject({ nonce: 'nonce-1', outTradeNos: ['A', 'B'], counters: { wxPayCount: 2, wxPaySuccessCount: 1, wxPayAmount: 2 } });
    expect(first?.apiCallingInfos).toHaveLength(2);
    await journal.put(paid('C'));
    await outbox.enqueuePayment('C');
    expect(await outbox.freeze('nonce-2', 2_000_000)).toEqual(first);
    expect(await outbox.pendingCount()).toBe(3);
    await outbox.confirm(first?.id ?? -1);
    const second = await outbox.freeze('nonce-3', 3_000_000);
    expect(second).toMatchObject({ nonce: 'nonce-3', outTradeNos: ['C'] });
    await outbox.confirm(second?.id ?? -1);
    expect(await outbox.freeze('nonce-4', 4_000_000)).toBeUndefined();
    expect(await outbox.pendingCount()).toBe(0);
  });
});

describe('ReportingJournal', () => {
  it('a later put of an older copy keeps the reported mark (no second tally), and says when an order is final', async () => {
    const db = await freshDb();
    const finals: string[] = [];
    const journal = new ReportingJournal(db, (no) => finals.push(no));
    const outbox = new OutboxRepo(db);
    await journal.put(paid('A', 'pending'));
    await journal.put(paid('A'));
    expect(await outbox.enqueuePayment('A')).toBe(true);
    await journal.put({ ...paid('A'), description: 'rewritten by a stale recorder' });
    expect((await journal.get('A'))?.reported).toBe(true);
    expect(await outbox.sweep()).toBe(0);
    expect(await outbox.pendingCount()).toBe(1);
    expect(finals).toEqual(['A']);
  });
});

describe('RefundRepo and RefundPinRepo', () => {
  it('keeps refunds per order through the index', async () => {
    const ledger = new RefundRepo(await freshDb());
    const r = { outTradeNo: 'O1', platform: 'wechat', totalFee: fen(2), amount: fen(1), status: 'created', createdAt: 5, updatedAt: 5 } as const;
    await ledger.put({ ...r, outRefundNo: 'R2', createdAt: 7 });
    await ledger.put({ ...r, outRefundNo: 'R1' });
    await ledger.put({ ...r, outRefundNo: 'R1', status: 'success' });
    await ledger.put({ ...r, outRefundNo: 'X', outTradeNo: 'O2' });
    expect((await ledger.forOrder('O1')).map((x) => [x.outRefundNo, x.status])).toEqual([
      ['R1', 'success'],
      ['R2', 'created'],
    ]);
    expect((await ledger.listOpen()).map((x) => x.outRefundNo).sort()).toEqual(['R2', 'X']);
  });

  it('stores only a PBKDF2 hash of the manager PIN', async () => {
    const db = await freshDb();
    const pin = new RefundPinRepo(db, 1_000);
    expect(await pin.required()).toBe(false);
    await pin.set('2468');
    expect(await pin.required()).toBe(true);
    expect(await pin.verify('2468')).toBe(true);
    expect(await pin.verify('1357')).toBe(false);
    expect(JSON.stringify(await db.get('settings', 'refund-pin'))).not.toContain('2468');
    await pin.set(undefined);
    expect(await pin.required()).toBe(false);
  });
});
