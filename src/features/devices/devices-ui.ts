/**
 * Mounts the devices' page-level UI next to the shell (loaded lazily after the first screen):
 * the toast for scans nothing waited for and for reprint problems, and the on-screen receipt
 * preview fed by the virtual printer, with its reprint action. Part of the composition root: it
 * subscribes and sets properties on presentational components.
 */
import './device-toast.js';
import '../../ui/receipt-preview.js';
import { maskCode } from '../../platform/devices/scanner/index.js';
import { scanKindText, tdev } from '../../i18n/devices.js';
import type { DeviceServices, PrintProblem } from './devices.js';

/** The toast text of each print problem. */
const PROBLEM_TEXT = {
  reprint_failed: 'dev.reprintFailed',
  reprint_interrupted: 'dev.reprintInterrupted',
  print_failed: 'dev.printFailed',
  print_interrupted: 'dev.printInterrupted',
} as const satisfies Record<PrintProblem['kind'], string>;

/** How long a toast stays (ms). */
const TOAST_MS = 6_000;

/** Creates the toast and the preview area in `body` and wires them; starts the device runtime. */
export async function mountDeviceUi(body: HTMLElement, devices: DeviceServices): Promise<void> {
  const doc = body.ownerDocument;
  const toast = doc.createElement('device-toast');
  body.append(toast);
  let hide: ReturnType<typeof setTimeout> | undefined;
  const show = (message: string) => {
    toast.message = message;
    clearTimeout(hide);
    hide = setTimeout(() => {
      toast.message = '';
    }, TOAST_MS);
  };
  // Print problems: the cashier must learn that a receipt or a copy did not (fully) print.
  devices.problems$.subscribe((p) => show(tdev(PROBLEM_TEXT[p.kind], { order: p.outTradeNo || '—', detail: p.detail })));
  devices.hub.unclaimed$.subscribe((s) =>
    show(tdev('dev.unclaimed', { text: s.class.kind === 'payment_code' ? maskCode(s.scan.text) : s.scan.text.slice(0, 48), kind: scanKindText(s.class) })),
  );

  const runtime = await devices.runtime();
  const aside = doc.createElement('aside');
  aside.setAttribute('aria-label', tdev('receipt.title'));
  aside.className = 'receipt-dock';
  aside.hidden = true;
  const preview = doc.createElement('receipt-preview');
  aside.append(preview);
  body.append(aside);
  // The screen makes room for the dock while it shows (app-shell's main): its width beside the
  // screen when it floats at the side, its height below the screen when it is a phone's bottom sheet.
  const root = doc.documentElement;
  new ResizeObserver(() => {
    const r = aside.getBoundingClientRect();
    const sheet = r.width > 0 && r.left < 8; // full width: the phone's bottom sheet
    const w = aside.hidden || sheet ? 0 : Math.ceil((doc.defaultView?.innerWidth ?? r.right) - r.left);
    const h = aside.hidden || !sheet ? 0 : Math.ceil(r.height);
    root.style.setProperty('--receipt-dock-w', `${w}px`);
    root.style.setProperty('--receipt-dock-h', `${h}px`);
    root.style.scrollPaddingBottom = `${h}px`;
  }).observe(aside);
  let jobId = '';
  runtime.preview$.subscribe((p) => {
    jobId = p.jobId;
    Object.assign(preview, {
      heading: tdev('receipt.title'),
      reprintLabel: tdev('receipt.reprint'),
      closeLabel: tdev('receipt.close'),
      lines: p.receipt.lines,
      codes: [...p.receipt.barcodes, ...p.receipt.qr],
    });
    aside.hidden = false;
  });
  preview.addEventListener('receipt-reprint', () => {
    void runtime.reprintJob(jobId).catch((e: unknown) => show(tdev('dev.error', { detail: e instanceof Error ? e.message : String(e) })));
  });
  preview.addEventListener('receipt-close', () => {
    aside.hidden = true;
  });
  // The dock floats over the corner of the screen: it belongs to the sale that printed. Moving to
  // another screen puts it away, so it never covers that screen's buttons (settings, history …).
  doc.addEventListener('click', (e) => {
    if (e.composedPath().some((n) => n instanceof Element && n.hasAttribute('data-nav'))) aside.hidden = true;
  });
  // Nor does it outlive its sale: the next one's first key (an amount digit, F2/F3 cash or card,
  // a keypad tap) puts it away, or it covers the tender panel's quick amounts and 取消 (found at
  // 1280×800). A key typed into the dock itself (its reprint button) is the dock's.
  const nextSale = (e: Event): boolean => !e.composedPath().includes(aside);
  doc.addEventListener(
    'keydown',
    (e) => {
      if (!aside.hidden && nextSale(e) && startsNextSale(e.key)) aside.hidden = true;
    },
    true,
  );
  doc.addEventListener(
    'click',
    (e) => {
      if (
        !aside.hidden &&
        nextSale(e) &&
        e.composedPath().some((n) => n instanceof Element && (n.localName === 'pay-keypad' || n.hasAttribute('data-bookkeeping')))
      )
        aside.hidden = true;
    },
    true,
  );
}

/** Keys that begin the next sale on the checkout or the next entry on a desk: digits, the decimal point, F2/F3 and numpad + (cash/card). */
export function startsNextSale(key: string): boolean {
  return /^[0-9.]$/.test(key) || key === 'F2' || key === 'F3' || key === '+';
}
