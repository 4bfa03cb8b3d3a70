/**
 * WebHID transport for HID POS barcode scanners (usage page 0x8C). `navigator.hid` is injected.
 *
 * `pair()` must run from a user gesture; `reconnect()` reopens granted scanners without a prompt;
 * a `connect` event reopens a granted scanner when it is plugged back in. Reports go through the
 * pure parser (hid-pos.ts) with one parser state per device.
 */
import { BehaviorSubject, Subject, type Observable } from 'rxjs';
import { DeviceError, fromPlatformError } from '../errors.js';
import { hidEventDevice, hidReportOf, type HidDeviceFilterLike, type HidDeviceLike, type HidLike } from '../platform/hid.js';
import { HID_POS_IDLE, HID_POS_LAYOUTS, hidPosStep, type HidPosLayout, type HidPosState } from './hid-pos.js';
import type { RawScan } from './types.js';

/** HID usage page of barcode scanners (HID POS Usage Tables). */
export const HID_POS_USAGE_PAGE = 0x8c;

/** The scanners currently open. */
export interface ScannerConnection {
  readonly devices: readonly { readonly name: string; readonly vendorId: number; readonly productId: number }[];
}

const isPosScanner = (d: HidDeviceLike): boolean => d.collections.some((c) => c.usagePage === HID_POS_USAGE_PAGE);
const hex4 = (n: number): string => n.toString(16).padStart(4, '0');

/** One or more WebHID HID POS scanners merged into one stream of raw scans. */
export class WebHidScanner {
  private readonly scanSubject = new Subject<RawScan>();
  /** Every completed read from every open scanner. */
  readonly scans$: Observable<RawScan> = this.scanSubject.asObservable();
  readonly connection$ = new BehaviorSubject<ScannerConnection>({ devices: [] });
  private readonly open = new Map<HidDeviceLike, { state: HidPosState; listener: (e: Event) => void }>();
  private readonly onConnect = (e: Event): void => {
    const d = hidEventDevice(e);
    if (d && isPosScanner(d))
      void this.attach(d).catch((err: unknown) => {
        this.lastError = fromPlatformError(err, 'scanner', 'reconnecting');
      });
  };
  /** Why the last automatic reconnection failed, for the settings screen. */
  lastError: DeviceError | undefined;
  private readonly onDisconnect = (e: Event): void => {
    const d = hidEventDevice(e);
    if (d) this.detach(d);
  };

  constructor(
    private readonly hid: HidLike | undefined,
    private readonly layout: HidPosLayout = HID_POS_LAYOUTS['hid-pos-64'],
    private readonly filters: HidDeviceFilterLike[] = [{ usagePage: HID_POS_USAGE_PAGE }],
  ) {
    hid?.addEventListener('connect', this.onConnect);
    hid?.addEventListener('disconnect', this.onDisconnect);
  }

  /** Shows the chooser (from a user gesture) and opens the chosen scanners. */
  async pair(): Promise<ScannerConnection> {
    const devices = await this.requireHid()
      .requestDevice({ filters: this.filters })
      .catch((e: unknown) => {
        throw fromPlatformError(e, 'scanner', 'choosing a scanner');
      });
    if (devices.length === 0) throw new DeviceError('permission_denied', 'scanner', 'no scanner was chosen: pick the scanner in the browser dialog');
    for (const d of devices) await this.attach(d);
    return this.connection$.value;
  }

  /** Reopens every granted HID POS scanner that is plugged in. */
  async reconnect(): Promise<ScannerConnection> {
    for (const d of (await this.requireHid().getDevices()).filter(isPosScanner)) await this.attach(d);
    return this.connection$.value;
  }

  /** Closes and forgets every scanner (Settings → forget). */
  async forget(): Promise<void> {
    for (const d of [...this.open.keys()]) {
      this.detach(d);
      await d.close();
      await d.forget?.();
    }
  }

  /** Removes every listener and completes the streams. */
  dispose(): void {
    for (const d of [...this.open.keys()]) this.detach(d);
    this.hid?.removeEventListener('connect', this.onConnect);
    this.hid?.removeEventListener('disconnect', this.onDisconnect);
    this.scanSubject.complete();
  }

  private requireHid(): HidLike {
    if (!this.hid) throw new DeviceError('unsupported', 'scanner', 'this browser has no WebHID: use the scanner in keyboard mode instead');
    return this.hid;
  }

  private async attach(device: HidDeviceLike): Promise<void> {
    if (this.open.has(device)) return;
    try {
      if (!device.opened) await device.open();
    } catch (e) {
      throw fromPlatformError(e, 'scanner', `opening ${device.productName}`);
    }
    const entry = { state: HID_POS_IDLE, listener: (e: Event): void => this.onReport(device, e) };
    device.addEventListener('inputreport', entry.listener);
    this.open.set(device, entry);
    this.publish();
  }

  private onReport(device: HidDeviceLike, e: Event): void {
    const entry = this.open.get(device);
    const r = hidReportOf(e);
    if (!entry || !r) return;
    const data = new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength);
    const step = hidPosStep(entry.state, { reportId: r.reportId, data, timeStamp: e.timeStamp }, this.layout);
    entry.state = step.state;
    if (step.scan) this.scanSubject.next({ ...step.scan, deviceId: `${hex4(device.vendorId)}:${hex4(device.productId)}` });
  }

  private detach(device: HidDeviceLike): void {
    const entry = this.open.get(device);
    if (!entry) return;
    device.removeEventListener('inputreport', entry.listener);
    this.open.delete(device);
    this.publish();
  }

  private publish(): void {
    const devices = [...this.open.keys()].map((d) => ({ name: d.productName, vendorId: d.vendorId, productId: d.productId }));
    this.connection$.next({ devices });
  }
}
