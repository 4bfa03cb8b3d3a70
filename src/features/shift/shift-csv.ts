/**
 * Shifts as a CSV table (issue 20's export): one row per shift with its window, cashiers, float,
 * per-method amounts, expected and counted cash and the difference, in yuan (two decimals) and
 * the difference in fen too. Headers come from the caller (the UI's language). Pure.
 */
import { formatCst } from '../../kernel/china-time.js';
import { encodeCsv, yuanCell, type CsvCell } from '../../kernel/csv.js';
import { SHIFT_METHODS, netOf, type ShiftMethod, type ShiftRecord } from './shift.js';

/** Column captions, in the UI's language. */
export interface ShiftCsvLabels {
  readonly startedAt: string;
  readonly endedAt: string;
  readonly cashiers: string;
  readonly float: string;
  /** "{method} amount" and "{method} count" captions per method. */
  readonly methodAmount: (m: ShiftMethod) => string;
  readonly methodCount: (m: ShiftMethod) => string;
  readonly refunds: string;
  readonly net: string;
  readonly fees: string;
  readonly expected: string;
  readonly counted: string;
  readonly difference: string;
  readonly differenceFen: string;
  readonly cpayError: string;
  /** Shown for a shift still open or closed without a count. */
  readonly notCounted: string;
}

/** The CSV of shifts (oldest first). */
export function shiftsCsv(shifts: readonly ShiftRecord[], l: ShiftCsvLabels): string {
  const methods = SHIFT_METHODS;
  const header = [
    l.startedAt,
    l.endedAt,
    l.cashiers,
    l.float,
    ...methods.flatMap((m) => [l.methodCount(m), l.methodAmount(m)]),
    l.refunds,
    l.net,
    l.fees,
    l.expected,
    l.counted,
    l.difference,
    l.differenceFen,
    l.cpayError,
  ];
  const rows = [...shifts]
    .sort((a, b) => a.startedAt - b.startedAt)
    .map((s): CsvCell[] => {
      const c = s.close;
      const line = (m: ShiftMethod) => c?.lines.find((x) => x.method === m);
      const base: CsvCell[] = [
        formatCst(s.startedAt),
        s.endedAt !== undefined ? formatCst(s.endedAt) : '',
        s.cashiers.map((x) => x.staffName).join(' / '),
        yuanCell(s.floatFen),
      ];
      if (!c) return [...base, ...methods.flatMap(() => ['', '']), '', '', '', '', '', '', '', l.notCounted];
      return [
        ...base,
        ...methods.flatMap((m) => [line(m)?.count ?? 0, yuanCell(line(m)?.amount ?? 0)]),
        yuanCell(c.total.refundAmount),
        yuanCell(netOf(c.total)),
        c.feesFen !== undefined ? yuanCell(c.feesFen) : '',
        yuanCell(c.expectedCashFen),
        yuanCell(c.countedFen),
        yuanCell(c.differenceFen),
        c.differenceFen,
        c.cpayError ?? '',
      ];
    });
  return encodeCsv(header, rows);
}
