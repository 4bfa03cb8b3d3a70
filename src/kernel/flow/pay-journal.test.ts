/**
 * advanceEntry: the write that makes an order paid marks its receipt owed (issue 15, fault run #92).
 * OrderRecorder: the first write must succeed before anything is sent; later failed writes are
 * reported and the payment goes on (spec §10.2 step 4).
 */
import type { Fen } from '@cpay/protocol';
import { firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { OrderRecorder, advanceEntry } from './pay-journal.js';
import { OPEN_JOURNAL_STATUSES, isOpenJournalStatus, type JournalEntry, type JournalPort } from './ports.js';

const pending: JournalEntry = {
  outTradeNo: '0100005200000031',
  kind: 'scan_code',
  amount: 5 as Fen,
  body: 'b',
  status: 'pending',
  createdAt: 1,
  updatedAt: 1,
  history: [],
};

describe('advanceEntry receipt mark', () => {
  it('marks the receipt owed on the transition to success, in the same entry', () => {
    const paid = advanceEntry(pending, { status: 'success' }, { phase: 'success', cause: 'settled' }, 2);
    expect(paid).toMatchObject({ status: 'success', receiptOwed: true, updatedAt: 2 });
  });

  it('marks nothing for other outcomes or for a write on an order already paid', () => {
    for (const status of ['failed', 'unknown', 'closed', 'cancelled', 'pending'] as const)
      expect(advanceEntry(pending, { status }, { phase: status, cause: 'x' }, 2).receiptOwed).toBeUndefined();
    const { receiptOwed: _o, ...printed } = advanceEntry(pending, { status: 'success' }, { phase: 'success', cause: 'settled' }, 2);
    expect(advanceEntry(printed, { status: 'success' }, { phase: 'success', cause: 'again' }, 3).receiptOwed).toBeUndefined();
    expect(advanceEntry(printed, { description: 'note' }, { phase: 'success', cause: 'note' }, 3).receiptOwed).toBeUndefined();
  });
});

/** A journal in memory (the app's is IndexedDB, browser-only); `fail` makes every put reject. */
function memoryJournal(fail = false): JournalPort & { readonly entries: Map<string, JournalEntry> } {
  const entries = new Map<string, JournalEntry>();
  return {
    entries,
    put: (entry) => (fail ? Promise.reject(new Error('QuotaExceededError')) : Promise.resolve(void entries.set(entry.outTradeNo, entry))),
    get: (no) => Promise.resolve(entries.get(no)),
    listOpen: () => Promise.resolve([...entries.values()].filter((e) => isOpenJournalStatus(e.status))),
  };
}
const clock = { serverNow: () => 5_000 };

describe('OrderRecorder', () => {
  it('create() writes the first entry and emits it; a failed first write errors (the caller then refuses to send)', async () => {
    const journal = memoryJournal();
    const warnings: string[] = [];
    const emitted = await firstValueFrom(new OrderRecorder(journal, clock, pending, (m) => warnings.push(m)).create());
    expect(emitted).toEqual(pending);
    expect(journal.entries.get(pending.outTradeNo)).toEqual(pending);
    await expect(firstValueFrom(new OrderRecorder(memoryJournal(true), clock, pending, (m) => warnings.push(m)).create())).rejects.toThrow(
      'QuotaExceededError',
    );
    expect(warnings).toEqual([]);
  });

  it('record() writes the advanced entry (server time) and emits it', async () => {
    const journal = memoryJournal();
    const recorder = new OrderRecorder(journal, clock, pending, () => undefined);
    const emitted = await firstValueFrom(recorder.record({ status: 'unknown' }, { phase: 'unknown', cause: 'give-up' }));
    expect(emitted).toMatchObject({ status: 'unknown', updatedAt: 5_000, history: [{ at: 5_000, phase: 'unknown', cause: 'give-up' }] });
    expect(journal.entries.get(pending.outTradeNo)).toEqual(emitted);
    expect(recorder.current).toEqual(emitted);
  });

  it('a failed later write is reported and the payment goes on with the advanced entry', async () => {
    const warnings: [string, unknown][] = [];
    const recorder = new OrderRecorder(memoryJournal(true), clock, pending, (m, cause) => warnings.push([m, cause]));
    const emitted = await firstValueFrom(recorder.record({ status: 'success' }, { phase: 'success', cause: 'settled' }));
    expect(emitted).toMatchObject({ status: 'success', receiptOwed: true });
    expect(recorder.current).toEqual(emitted);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.[0]).toContain(pending.outTradeNo);
    expect(warnings[0]?.[1]).toBeInstanceOf(Error);
  });
});

describe('open journal statuses: recovery reconciles exactly pending and unknown', () => {
  it('pending and unknown are open; every final status is not', () => {
    expect(OPEN_JOURNAL_STATUSES).toEqual(['pending', 'unknown']);
    for (const s of ['pending', 'unknown'] as const) expect(isOpenJournalStatus(s)).toBe(true);
    for (const s of ['success', 'failed', 'cancelled', 'closed'] as const) expect(isOpenJournalStatus(s)).toBe(false);
  });
});
