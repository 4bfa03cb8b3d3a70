import type { DBSchema } from 'idb';
import type { BindingRecord } from '../../kernel/binding.js';
import type { JournalEntry } from '../../kernel/flow/ports.js';
import type { RefundRecord } from '../../features/refund/refund.js';
import type { DepositRecord } from '../../features/deposit/deposit.js';
import type { PrintJob } from '../devices/printer/port.js';
import type { ShiftRecord } from '../../features/shift/shift.js';

/** AES-GCM ciphertext as stored: a fresh 12-byte IV per write, never reused with the same key. */
export interface Sealed {
  readonly iv: Uint8Array<ArrayBuffer>;
  readonly data: ArrayBuffer;
}

/** Names of the secrets the vault protects. */
export type SecretName = 'initial-key' | 'payment-key';

/** A journal row: the entry plus the indexed flags derived from it (see `journalRow`). */
export interface JournalRow {
  readonly outTradeNo: string;
  readonly open: 0 | 1;
  /** v5: present (1) only while the entry is finished and not yet reported. */
  readonly unreported?: 1;
  /** v6: present (the entry's createdAt) only while the entry is paid and its receipt owed. */
  readonly receiptOwed?: number;
  readonly entry: JournalEntry;
}

/** A queued report waiting to be sent (device_report); payload is the domain request. */
export interface OutboxRecord {
  readonly id?: number;
  readonly kind: string;
  readonly createdAt: number;
  readonly attempts: number;
  readonly payload: unknown;
}

/**
 * The terminal database. Stores:
 * - `settings`: plain preferences (locale, QR key case, …), no secrets.
 * - `secrets`: the vault's non-extractable CryptoKey (`vault-key`) and sealed secrets.
 * - `binding`: the current binding's identifiers (`current`) and the provisioned sn (`sn`).
 * - `journal`: orders keyed by out_trade_no (entries shaped by src/kernel/flow/ports.ts).
 * - `outbox`: reports waiting to be sent, in order.
 * - `counters`: per-prefix order-number sequence.
 */
export interface TerminalDb extends DBSchema {
  settings: { key: string; value: unknown };
  secrets: { key: 'vault-key' | SecretName; value: CryptoKey | Sealed };
  binding: { key: 'current' | 'sn'; value: BindingRecord | string };
  /**
   * Orders. `open` (0/1) is indexed because IndexedDB cannot index booleans; v5: `unreported` is 1
   * on a finished entry device_report has not carried yet and ABSENT otherwise, so its index holds
   * only those rows (the report sweep reads them without touching a year of reported orders);
   * `createdAt` indexes `entry.createdAt` (date ranges, retention).
   */
  journal: {
    key: string;
    value: JournalRow;
    /** v7: `bookkeeping` = [entry.payPlatform, entry.createdAt], sparse: only bookkeeping sales carry payPlatform (4). */
    indexes: { open: number; unreported: number; createdAt: number; receiptOwed: number; bookkeeping: [number, number] };
  };
  outbox: { key: number; value: OutboxRecord };
  counters: { key: string; value: number };
  /** v2: the refund ledger, keyed by out_refund_no (written before a refund is sent). */
  refunds: { key: string; value: RefundRecord; indexes: { outTradeNo: string; status: string; createdAt: number } };
  /** v3: the deposit journal, keyed by out_freeze_no (written before micro_freeze is sent). */
  deposits: { key: string; value: DepositRecord; indexes: { status: string; createdAt: number } };
  /** v4: print jobs (print-once queue), keyed by job id; unfinished ones through the index. */
  printJobs: { key: string; value: PrintJob & { readonly open: 0 | 1 }; indexes: { open: number } };
  /** v6: shifts (issue 20 handover), keyed by their start (server ms): float, cashiers, the close's count and figures. */
  shifts: { key: number; value: ShiftRecord };
}

/*
 * v5 (issue 21, a year of sales): indexes for the hot-path queries so none of them reads every
 * order: journal `unreported` (sparse) and `createdAt`; refunds `status` and `createdAt`;
 * deposits `createdAt`.
 * v6 (issue 21): journal `receiptOwed` (sparse, keyed by the entry's createdAt): the start's
 * owed-receipts scan reads only the owed rows, not 7 days of orders.
 * v7 (issue 21): journal `bookkeeping` (sparse, [entry.payPlatform, entry.createdAt]): the local
 * books (cash / card bookkeeping sales, PayPlatform 4) of a window are a key range of it, not every
 * order of the window (local-books.ts).
 */
/** Database name and current version (bump + add an `if (oldVersion < n)` block to migrate). */
export const DB_NAME = 'cpay-terminal';
export const DB_VERSION = 7;
