import { isOpenJournalStatus, type JournalEntry } from '../../kernel/flow/ports.js';
import type { JournalRow } from './schema.js';

/**
 * The stored row of a journal entry: `open` (0/1) and, only on a finished entry not yet carried
 * by device_report, `unreported: 1` (a sparse index: a year of reported orders is not in it).
 * Every writer of the journal store builds its row here, so the indexed flags never disagree
 * with the entry.
 */
export function journalRow(entry: JournalEntry): JournalRow {
  const open = isOpenJournalStatus(entry.status);
  return { outTradeNo: entry.outTradeNo, open: open ? 1 : 0, ...(!open && entry.reported !== true ? { unreported: 1 as const } : {}), entry };
}
