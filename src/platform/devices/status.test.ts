import { BehaviorSubject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { PrinterConnection } from './printer/webusb.js';
import { printerProfile } from './printer/profiles.js';
import type { ScannerConnection } from './scanner/webhid.js';
import { peripheralStatus$ } from './status.js';

describe('peripheral status for the status bar', () => {
  it('lists the printer and each open scanner', () => {
    const printer$ = new BehaviorSubject<PrinterConnection>({ state: 'disconnected' });
    const scanners$ = new BehaviorSubject<ScannerConnection>({ devices: [] });
    const seen: unknown[] = [];
    peripheralStatus$(printer$, scanners$).subscribe((s) => seen.push(s));
    printer$.next({ state: 'connected', name: 'XP-58', vendorId: 0x0483, productId: 0x5743, profile: printerProfile(0x0483, 0x5743) });
    scanners$.next({ devices: [{ name: 'Voyager 1400g', vendorId: 0x0c2e, productId: 0x0b8f }] });
    expect(seen.at(0)).toEqual([{ kind: 'printer', name: 'printer', connected: false }]);
    expect(seen.at(-1)).toEqual([
      { kind: 'printer', name: 'XP-58', connected: true },
      { kind: 'scanner', name: 'Voyager 1400g', connected: true },
    ]);
  });
});
