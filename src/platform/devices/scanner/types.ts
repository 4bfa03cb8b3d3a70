/**
 * Types shared by every scanner transport and by the scan stream.
 */

/** Where a scan came from. */
export type ScanSource = 'wedge' | 'hid' | 'camera' | 'sandbox';

/** One decoded barcode/QR read, before classification. */
export interface RawScan {
  /** The decoded text exactly as read (no trailing Enter/CR). */
  readonly text: string;
  readonly source: ScanSource;
  /** Event time in ms (the keyboard/report/frame timestamp, not wall-clock). */
  readonly at: number;
  /** AIM symbology identifier (e.g. `]Q1` for QR, `]C0` for CODE128) when the device sends one. */
  readonly aim?: string;
  /** Human name of the symbology when known (e.g. `qr-code`, `code128`). */
  readonly symbology?: string;
  /** A stable id of the device that read it (vendor:product for HID). */
  readonly deviceId?: string;
}
