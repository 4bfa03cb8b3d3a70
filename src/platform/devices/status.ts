/**
 * The peripherals as the status bar lists them, from the transports' connection streams.
 * The shape matches `DeviceConnection` in src/app/context/signals.ts (structurally; devices do not import
 * the app), so the composition root can pipe this into `AppSignals.setDevices`.
 */
import { combineLatest, map, type Observable } from 'rxjs';
import type { PrinterConnection } from './printer/webusb.js';
import type { ScannerConnection } from './scanner/webhid.js';

/** One peripheral for the status bar. */
export interface PeripheralStatus {
  readonly kind: 'scanner' | 'printer' | 'voice' | 'other';
  readonly name: string;
  readonly connected: boolean;
}

/** Printer first, then every open HID scanner; a missing printer is listed as disconnected. */
export function peripheralStatus$(printer$: Observable<PrinterConnection>, scanners$: Observable<ScannerConnection>): Observable<readonly PeripheralStatus[]> {
  return combineLatest([printer$, scanners$]).pipe(
    map(([printer, scanners]): readonly PeripheralStatus[] => [
      printer.state === 'connected' ? { kind: 'printer', name: printer.name, connected: true } : { kind: 'printer', name: 'printer', connected: false },
      ...scanners.devices.map((d): PeripheralStatus => ({ kind: 'scanner', name: d.name, connected: true })),
    ]),
  );
}
