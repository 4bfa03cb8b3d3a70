/**
 * Printer knowledge as data: USB vendor/product id → paper width, cutter, firmware quirks.
 *
 * The ids are those commonly reported by these printers (Chinese clones often reuse the USB
 * controller vendor's id: Winbond 0x0416, STMicro 0x0483, NXP 0x1FC9, GigaDevice 0x28E9); confirm a
 * new model with chrome://usb-internals and add a row. A printer not in the table still works
 * through its USB printer class (7) with the 58 mm default.
 */
import type { UsbDeviceFilterLike } from '../platform/usb.js';
import { LAYOUT_58MM, LAYOUT_80MM, type PrintLayout } from './model.js';

/** One printer model (or a whole vendor when `productId` is absent). */
export interface PrinterProfile {
  readonly name: string;
  readonly vendorId: number;
  readonly productId?: number;
  readonly layout: PrintLayout;
  /** Bytes per transferOut: small buffers in cheap firmware overflow on large transfers. */
  readonly chunkSize: number;
}

const NO_CUTTER_58: PrintLayout = { ...LAYOUT_58MM, cutter: false, minBarcodeModule: 1 };
const CLONE_80: PrintLayout = { ...LAYOUT_80MM, minBarcodeModule: 1 };

/** Known printers, most specific first. */
export const PRINTER_PROFILES: readonly PrinterProfile[] = [
  { name: 'Epson TM-T20', vendorId: 0x04b8, productId: 0x0e15, layout: LAYOUT_80MM, chunkSize: 4096 },
  { name: 'Epson TM-T82', vendorId: 0x04b8, productId: 0x0e11, layout: LAYOUT_80MM, chunkSize: 4096 },
  { name: 'Epson (other)', vendorId: 0x04b8, layout: LAYOUT_80MM, chunkSize: 4096 },
  { name: 'Xprinter XP-58 (STM32)', vendorId: 0x0483, productId: 0x5743, layout: NO_CUTTER_58, chunkSize: 1024 },
  { name: 'Xprinter XP-80 (STM32)', vendorId: 0x0483, productId: 0x5720, layout: CLONE_80, chunkSize: 2048 },
  { name: 'Xprinter / POS-58 (GD32)', vendorId: 0x28e9, productId: 0x0289, layout: NO_CUTTER_58, chunkSize: 1024 },
  { name: 'POS58 (Winbond)', vendorId: 0x0416, productId: 0x5011, layout: NO_CUTTER_58, chunkSize: 1024 },
  { name: 'POS-80 (NXP)', vendorId: 0x1fc9, productId: 0x2016, layout: CLONE_80, chunkSize: 2048 },
  { name: 'Rongta RP80', vendorId: 0x0fe6, productId: 0x811e, layout: CLONE_80, chunkSize: 2048 },
  { name: 'HPRT TP805', vendorId: 0x20d1, productId: 0x7008, layout: CLONE_80, chunkSize: 2048 },
  { name: 'Gprinter GP-58', vendorId: 0x6868, productId: 0x0200, layout: NO_CUTTER_58, chunkSize: 1024 },
];

/** Used for a printer-class device not in the table. */
export const DEFAULT_PROFILE: PrinterProfile = { name: 'Generic 58 mm', vendorId: 0, layout: NO_CUTTER_58, chunkSize: 1024 };

/** USB class code of printers (the chooser lists class-7 devices too). */
export const USB_PRINTER_CLASS = 7;

/** The profile for a device: exact model, then vendor, then the default. */
export function printerProfile(vendorId: number, productId: number): PrinterProfile {
  return (
    PRINTER_PROFILES.find((p) => p.vendorId === vendorId && p.productId === productId) ??
    PRINTER_PROFILES.find((p) => p.vendorId === vendorId && p.productId === undefined) ??
    DEFAULT_PROFILE
  );
}

/** `requestDevice` filters: every known vendor plus the printer class. */
export function printerFilters(): UsbDeviceFilterLike[] {
  const vendors = [...new Set(PRINTER_PROFILES.map((p) => p.vendorId))];
  return [...vendors.map((vendorId) => ({ vendorId })), { classCode: USB_PRINTER_CLASS }];
}
