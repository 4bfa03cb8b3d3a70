/**
 * Scans the deposit screen takes from the scan hub (decision 0006's routing): a customer's
 * payment code while taking a deposit, and a deposit receipt's number (our prefix, classified
 * `order_no`) to settle it. HID, camera and sandbox scans act; a keyboard-wedge scan acts only
 * when no text field has the focus, because a focused field already receives the burst as keys
 * and its form submits on the Enter (acting twice would start two freezes).
 */
import { filter, map, type Observable } from 'rxjs';
import type { ScanRoutes } from '../devices/devices.js';
import type { ClassifiedScan } from '../../platform/devices/scanner/index.js';

/** A scan the deposit screen acts on. */
export type DepositScan =
  { readonly kind: 'code'; readonly code: string; readonly inAmount?: string } | { readonly kind: 'receipt'; readonly no: string; readonly inAmount?: string };

/** Where the focus is: a text field, the deposit amount field (a wedge burst landed in it), or none. */
export type DepositFocus = boolean | 'amount';

/** The element with the focus, looking through open shadow roots (lit screens). */
export function deepActiveElement(doc: Document): Element | null {
  let el: Element | null = doc.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

/** True while the cashier types into a text field (a wedge burst lands in it as keys). */
export function typingInField(doc: Document): boolean {
  const el = deepActiveElement(doc);
  return el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement;
}

/** Maps a classified scan to what the deposit screen does; undefined = not ours. */
/**
 * Maps a classified scan to what the deposit screen does; undefined = not ours. A wedge burst that
 * landed in the amount field (the desk's resting focus) is still acted on, carrying the scanned
 * text (`inAmount`) so the screen can take it back out of the amount.
 */
export function depositScanOf(x: ClassifiedScan, fieldFocused: DepositFocus): DepositScan | undefined {
  const wedge = x.scan.source === 'wedge';
  if (wedge && fieldFocused === true) return undefined;
  const inAmount = wedge && fieldFocused === 'amount' ? { inAmount: x.scan.text } : {};
  if (x.class.kind === 'payment_code') return { kind: 'code', code: x.class.code, ...inAmount };
  if (x.class.kind === 'order_no') return { kind: 'receipt', no: x.class.orderNo, ...inAmount };
  return undefined;
}

/** Claims payment codes and order numbers while subscribed; emits what to do. */
export function depositScans(hub: ScanRoutes, fieldFocused: () => DepositFocus): Observable<DepositScan> {
  return hub
    .waitFor((c) => c.kind === 'payment_code' || c.kind === 'order_no')
    .pipe(
      map((x) => depositScanOf(x, fieldFocused())),
      filter((s): s is DepositScan => s !== undefined),
    );
}
