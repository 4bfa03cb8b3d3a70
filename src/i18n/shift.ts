/**
 * Shift handover and export strings in their own catalogs (shift.zh-CN.ts, shift.en.ts), following
 * the app's locale like the other catalogs; the CSV captions the export mappers take.
 */
import type { HistoryStatus } from '../features/history/history.js';
import type { ExportRow, HistoryCsvLabels } from '../features/history/history-csv.js';
import type { ShiftCsvLabels } from '../features/shift/shift-csv.js';
import { translator, type Locale, type MessageParams } from './index.js';
import { shiftEn } from './shift.en.js';
import { shiftZhCN, type ShiftMessageKey } from './shift.zh-CN.js';

export type { ShiftMessageKey } from './shift.zh-CN.js';

const catalogs: Record<Locale, Record<ShiftMessageKey, string>> = { 'zh-CN': shiftZhCN, en: shiftEn };

/** Translates a shift/export key in the current locale, filling `{name}` placeholders. */
export const ts: (key: ShiftMessageKey, params?: MessageParams) => string = translator(catalogs);

/** The shifts export's captions in the current locale. */
export function shiftCsvLabels(): ShiftCsvLabels {
  return {
    startedAt: ts('csv.shift.startedAt'),
    endedAt: ts('csv.shift.endedAt'),
    cashiers: ts('csv.shift.cashiers'),
    float: ts('csv.shift.float'),
    methodCount: (m) => ts('csv.shift.count', { method: ts(`shift.method.${m}`) }),
    methodAmount: (m) => ts('csv.shift.amount', { method: ts(`shift.method.${m}`) }),
    refunds: ts('csv.shift.refunds'),
    net: ts('csv.shift.net'),
    fees: ts('csv.shift.fees'),
    expected: ts('csv.shift.expected'),
    counted: ts('csv.shift.counted'),
    difference: ts('csv.shift.difference'),
    differenceFen: ts('csv.shift.differenceFen'),
    cpayError: ts('csv.shift.cpayError'),
    notCounted: ts('csv.shift.notCounted'),
  };
}

const METHODS = new Set(['wechat', 'alipay', 'card', 'cash', 'bankcard']);

/** The history export's captions and words in the current locale. */
export function historyCsvLabels(): HistoryCsvLabels {
  return {
    columns: [
      ts('csv.history.time'),
      ts('csv.history.type'),
      ts('csv.history.orderNo'),
      ts('csv.history.refundNo'),
      ts('csv.history.method'),
      ts('csv.history.status'),
      ts('csv.history.yuan'),
      ts('csv.history.fen'),
      ts('csv.history.source'),
    ],
    kind: (r: ExportRow) => (r.kind === 'deposit' ? ts(`csv.kind.${r.depositStep ?? 'freeze'}`) : ts(`csv.kind.${r.kind}`)),
    method: (m) => (m !== undefined && METHODS.has(m) ? ts(`csv.method.${m as 'wechat'}`) : ts('csv.method.unknown')),
    status: (s: HistoryStatus) => ts(`csv.status.${s}`),
    source: (s) => ts(`csv.source.${s}`),
  };
}
