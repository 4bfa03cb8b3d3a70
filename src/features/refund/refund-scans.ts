/**
 * Receipt barcodes (order numbers, classified `order_no`) on the refund screen. HID, camera and
 * sandbox scans open the order. A keyboard-wedge scan also arrives as keys: it is left to the
 * order-number field only while that field has the focus (the burst lands there and its form
 * looks the order up on the Enter). Anywhere else the scan opens the order too, and the screen
 * takes the burst back: the keys it typed into another field (the refund amount, a PIN) are
 * undone and its Enter is cancelled, so a receipt number never becomes an amount and never
 * submits a refund or presses a focused button.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ClassifiedScan, RawScan } from '../../platform/devices/scanner/index.js';
import { wedgeKey } from '../../platform/devices/scanner/wedge-keys.js';
import { deepActiveElement } from '../deposit/deposit-scans.js';

/** What the refund screen does with a scanned receipt number. */
export interface RefundScan {
  readonly orderNo: string;
  /** True for a keyboard-wedge scan: its keys and Enter must be taken back from the focused element. */
  readonly takeBack: boolean;
}

/** Maps a scan to what the refund screen does; undefined = not ours, or the focused lookup field has it. */
export function refundScanOf(x: ClassifiedScan, lookupFocused: boolean): RefundScan | undefined {
  if (x.class.kind !== 'order_no') return undefined;
  if (x.scan.source !== 'wedge') return { orderNo: x.class.orderNo, takeBack: false };
  return lookupFocused ? undefined : { orderNo: x.class.orderNo, takeBack: true };
}

/** A keydown seen on the document, with the text field it was typed into and that field's value before it. */
interface SeenKey {
  readonly event: KeyboardEvent;
  readonly field: HTMLInputElement | HTMLTextAreaElement | undefined;
  readonly value: string;
}

/** Keys remembered: more than any scanned order number (with the odd Shift) plus its Enter. */
const KEPT_KEYS = 64;

/** When the burst began: wedge scans carry `startedAt` (the first key's timestamp); other sources do not. */
function burstStart(scan: RawScan): number | undefined {
  return 'startedAt' in scan && typeof scan.startedAt === 'number' ? scan.startedAt : undefined;
}

/** True for the Enter that ended the burst of `scan` (same event timestamp). */
function isEnterOf(k: SeenKey | undefined, scan: RawScan): boolean {
  return k !== undefined && k.event.timeStamp === scan.at && wedgeKey(k.event).kind === 'enter';
}

/**
 * Remembers the last keys typed on a document while its host is connected, so a keyboard-wedge
 * burst can be taken back. It listens in the capture phase, before any field or the scan hub
 * (on `window`) sees the key, so each field's value is recorded before the key changed it, and
 * the hub's scan is delivered while the burst's Enter is still being dispatched (cancellable).
 */
export class WedgeTakeBack implements ReactiveController {
  private readonly seen: SeenKey[] = [];
  private readonly onKey = (event: KeyboardEvent): void => {
    const el = deepActiveElement(this.doc);
    const field = el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement ? el : undefined;
    this.seen.push({ event, field, value: field?.value ?? '' });
    if (this.seen.length > KEPT_KEYS) this.seen.shift();
  };

  constructor(
    host: ReactiveControllerHost,
    private readonly doc: Document,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.doc.addEventListener('keydown', this.onKey, { capture: true });
  }

  hostDisconnected(): void {
    this.doc.removeEventListener('keydown', this.onKey, { capture: true });
    this.seen.length = 0;
  }

  /**
   * Takes back the wedge burst that produced `scan`: cancels its Enter (called while that Enter
   * is dispatched, so no form submits and no button is pressed) and gives every field it typed
   * into the value it had before the burst.
   */
  takeBack(scan: RawScan): void {
    let enter = this.seen.length - 1;
    while (enter >= 0 && !isEnterOf(this.seen[enter], scan)) enter -= 1;
    const start = burstStart(scan);
    if (enter >= 0) {
      this.seen[enter]?.event.preventDefault();
      const restored = new Set<HTMLInputElement | HTMLTextAreaElement>();
      for (const k of this.seen.slice(0, enter)) {
        if (start === undefined || k.event.timeStamp < start || !k.field || restored.has(k.field)) continue;
        restored.add(k.field); // the first key of the burst in this field: its value before the burst
        k.field.value = k.value;
      }
    }
    this.seen.length = 0;
  }
}
