import { openDB, type IDBPDatabase } from 'idb';
import { StorageError } from '../../kernel/errors.js';
import { isReceiptOwed, journalRow } from './journal-row.js';
import { DB_NAME, DB_VERSION, type TerminalDb } from './schema.js';

/** An open terminal database. */
export type Db = IDBPDatabase<TerminalDb>;

/**
 * Opens (and migrates) the terminal database. Migrations are `if (oldVersion < n)` blocks that are
 * never edited once released; a new version appends a block.
 */
export async function openTerminalDb(name: string = DB_NAME): Promise<Db> {
  try {
    const db: Db = await openDB<TerminalDb>(name, DB_VERSION, {
      upgrade(db, oldVersion, _newVersion, tx) {
        if (oldVersion < 1) {
          db.createObjectStore('settings');
          db.createObjectStore('secrets');
          db.createObjectStore('binding');
          const journal = db.createObjectStore('journal', { keyPath: 'outTradeNo' });
          journal.createIndex('open', 'open');
          db.createObjectStore('outbox', { keyPath: 'id', autoIncrement: true });
          db.createObjectStore('counters');
        }
        if (oldVersion < 2) {
          // v2: the refund ledger (issue #7); refunds of an order are read through the index.
          const refunds = db.createObjectStore('refunds', { keyPath: 'outRefundNo' });
          refunds.createIndex('outTradeNo', 'outTradeNo');
        }
        if (oldVersion < 3) {
          // v3: the deposit journal (issue #9), keyed by out_freeze_no; open deposits through the index.
          const deposits = db.createObjectStore('deposits', { keyPath: 'outFreezeNo' });
          deposits.createIndex('status', 'status');
        }
        if (oldVersion < 4) {
          // v4: print jobs of the print-once queue (issue #6); unfinished jobs through the index.
          db.createObjectStore('printJobs', { keyPath: 'id' }).createIndex('open', 'open');
        }
        if (oldVersion < 5) {
          // v5: indexes for a year of data (issue 21). The sparse `unreported` flag is written on
          // the finished rows not yet reported (read through the `open` index, one pass here in the
          // upgrade transaction); every other record is left as it was.
          const journal = tx.objectStore('journal');
          journal.createIndex('unreported', 'unreported');
          journal.createIndex('createdAt', 'entry.createdAt');
          const refunds = tx.objectStore('refunds');
          refunds.createIndex('status', 'status');
          refunds.createIndex('createdAt', 'createdAt');
          tx.objectStore('deposits').createIndex('createdAt', 'createdAt');
          void (async () => {
            for (let c = await journal.index('open').openCursor(0); c; c = await c.continue()) {
              if (c.value.entry.reported !== true) await c.update(journalRow(c.value.entry));
            }
          })();
        }
        if (oldVersion < 6) {
          // v6 (issue 20, shift handover): one record per shift keyed by its start (range reads for
          // the list and the export need no index). Shifts kept in `settings` before (the current
          // one and the last 50 closed, no float, no count) are copied in; the old keys stay as they were.
          const shifts = db.createObjectStore('shifts', { keyPath: 'startedAt' });
          const settings = tx.objectStore('settings');
          void (async () => {
            const history = await settings.get('shift:history');
            for (const s of [await settings.get('shift:current'), ...(Array.isArray(history) ? (history as unknown[]) : [])]) {
              const startedAt = (s as { startedAt?: unknown } | undefined)?.startedAt;
              const endedAt = (s as { endedAt?: unknown } | undefined)?.endedAt;
              if (typeof startedAt !== 'number' || (endedAt !== undefined && typeof endedAt !== 'number')) continue;
              await shifts.put({ startedAt, ...(typeof endedAt === 'number' ? { endedAt } : {}), floatFen: 0, cashiers: [] });
            }
          })();
          // v6 (issue 21): the sparse `receiptOwed` index (owed-receipts.ts). Existing owed rows are
          // flagged in one pass over the last 30 days of the `createdAt` index: the start only ever
          // printed owed receipts of the last 7 days (OWED_RECEIPT_WINDOW_MS), 30 leaves room for a
          // device clock that was off. Nothing else is rewritten.
          const journal = tx.objectStore('journal');
          journal.createIndex('receiptOwed', 'receiptOwed');
          void (async () => {
            const since = IDBKeyRange.lowerBound(Date.now() - 30 * 86_400_000);
            for (let c = await journal.index('createdAt').openCursor(since); c; c = await c.continue()) {
              if (isReceiptOwed(c.value.entry)) await c.update(journalRow(c.value.entry));
            }
          })();
        }
        if (oldVersion < 7) {
          // v7 (issue 21): the sparse `bookkeeping` index of the local books (local-books.ts). Its key
          // path is on the entry itself ([entry.payPlatform, entry.createdAt]): a compound key exists
          // only when every part does, and only bookkeeping sales carry payPlatform (4, 记账模式), so
          // the index holds exactly those rows. createIndex fills it from the existing rows inside
          // this upgrade transaction (the browser's own pass, no row is rewritten); every later write
          // and delete (sales, refunds' state, retention) keeps it in step by itself.
          tx.objectStore('journal').createIndex('bookkeeping', ['entry.payPlatform', 'entry.createdAt']);
        }
      },
      blocking() {
        // A newer tab wants to upgrade: step aside instead of blocking it forever.
        db.close();
      },
    });
    return db;
  } catch (cause) {
    throw new StorageError(
      'storage_unavailable',
      `IndexedDB "${name}" could not be opened; check that the browser allows storage for this site (not private mode).`,
      false,
      { cause },
    );
  }
}
