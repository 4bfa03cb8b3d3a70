/**
 * Pure parser for HID POS barcode-scanner input reports (usage page 0x8C, "Barcode Scanner").
 *
 * Layouts are data. The common one (Honeywell, Zebra and Datalogic in HID POS mode) is input
 * report 0x02, 63 data bytes after the report id:
 *   [0] length of decoded data in this report · [1..3] AIM symbology id (e.g. `]Q1`)
 *   [4..59] decoded data (56 bytes) · [60] vendor symbology code (Honeywell "HHP code id")
 *   [62] non-zero when more data follows in the next report
 * Long reads (binding URLs) span several reports; the parser joins them.
 */
import type { RawScan } from './types.js';

/** Where the fields of one vendor's scanned-data report sit (offsets exclude the report id). */
export interface HidPosLayout {
  readonly reportId: number;
  readonly lengthAt: number;
  readonly aimAt: number;
  readonly dataAt: number;
  readonly dataMax: number;
  readonly vendorCodeAt?: number;
  readonly moreAt: number;
}

/** Known layouts by name. */
export const HID_POS_LAYOUTS = {
  /** Honeywell/Zebra/Datalogic "HID POS" 64-byte report 0x02. */
  'hid-pos-64': { reportId: 0x02, lengthAt: 0, aimAt: 1, dataAt: 4, dataMax: 56, vendorCodeAt: 60, moreAt: 62 },
} as const satisfies Record<string, HidPosLayout>;

/** Honeywell code ids (byte 60) → symbology names. A subset: what payment terminals meet. */
export const HONEYWELL_CODE_IDS: Readonly<Record<number, string>> = {
  0x6a: 'code128',
  0x73: 'qr-code',
  0x64: 'ean13',
  0x44: 'ean8',
  0x63: 'upca',
  0x62: 'code39',
  0x77: 'data-matrix',
  0x72: 'pdf417',
  0x65: 'interleaved-2-of-5',
  0x48: 'chinese-sensible-code',
};

/** One WebHID input report as the `inputreport` event delivers it. */
export interface HidReport {
  readonly reportId: number;
  readonly data: Uint8Array;
  readonly timeStamp: number;
}

/** Parser state: data of a read that continues in the next report. */
export interface HidPosState {
  readonly pending: readonly number[];
}

/** The empty state. */
export const HID_POS_IDLE: HidPosState = { pending: [] };

/** Feeds one report; returns the next state and, when a read is complete, the scan. */
export function hidPosStep(
  state: HidPosState,
  report: HidReport,
  layout: HidPosLayout = HID_POS_LAYOUTS['hid-pos-64'],
): { state: HidPosState; scan: RawScan | null } {
  if (report.reportId !== layout.reportId) return { state, scan: null };
  const d = report.data;
  const length = Math.min(d[layout.lengthAt] ?? 0, layout.dataMax);
  const chunk = Array.from(d.subarray(layout.dataAt, layout.dataAt + length));
  const pending = [...state.pending, ...chunk];
  if ((d[layout.moreAt] ?? 0) !== 0) return { state: { pending }, scan: null };
  const aim = String.fromCharCode(...d.subarray(layout.aimAt, layout.aimAt + 3));
  const code = layout.vendorCodeAt === undefined ? undefined : d[layout.vendorCodeAt];
  const symbology = code === undefined ? undefined : HONEYWELL_CODE_IDS[code];
  const text = new TextDecoder().decode(Uint8Array.from(pending)).replace(/[\r\n]+$/, '');
  const scan: RawScan = { text, source: 'hid', at: report.timeStamp, aim, ...(symbology ? { symbology } : {}) };
  return { state: HID_POS_IDLE, scan: text === '' ? null : scan };
}
