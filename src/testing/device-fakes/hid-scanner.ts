/**
 * A fake `navigator.hid` with fake HID POS barcode scanners that follow WebHID: open/close,
 * `inputreport` events (HIDInputReportEvent: device, reportId, data as DataView) in the 64-byte
 * HID POS layout, and connect/disconnect events on the `hid` object.
 */
import type { HidCollectionLike, HidDeviceFilterLike, HidDeviceLike, HidLike } from '../../platform/devices/platform/hid.js';
import { deviceEvent, domError } from './events.js';

/** One fake scanner (HID POS top-level collection: usage page 0x8C, usage 0x02). */
export class FakeHidScanner extends EventTarget implements HidDeviceLike {
  opened = false;
  plugged = true;
  readonly collections: readonly HidCollectionLike[] = [{ usagePage: 0x8c, usage: 0x02 }];
  readonly featureReports: { reportId: number; data: number[] }[] = [];
  owner: FakeHid | undefined;

  constructor(
    readonly vendorId = 0x0c2e,
    readonly productId = 0x0b8f,
    readonly productName = 'Fake HID POS scanner',
  ) {
    super();
  }

  async open(): Promise<void> {
    if (!this.plugged) throw domError('NotFoundError', 'The device was disconnected.');
    this.opened = true;
  }
  async close(): Promise<void> {
    this.opened = false;
  }
  async sendFeatureReport(reportId: number, data: Uint8Array): Promise<void> {
    if (!this.opened) throw domError('InvalidStateError', 'The device must be opened first.');
    this.featureReports.push({ reportId, data: [...data] });
  }
  async forget(): Promise<void> {
    this.owner?.revoke(this);
  }

  /**
   * Reads `text` as the scanner would: one report 0x02 per 56 bytes, more-data flag on all but
   * the last. Returns false (nothing sent) when the device is not open, as real reports are lost.
   */
  scan(text: string, opts: { aim?: string; codeId?: number } = {}): boolean {
    if (!this.opened || !this.plugged) return false;
    const bytes = new TextEncoder().encode(text);
    for (let i = 0; i < bytes.length; i += 56) {
      const part = bytes.subarray(i, i + 56);
      const d = new Uint8Array(63);
      d[0] = part.length;
      d.set(new TextEncoder().encode((opts.aim ?? ']Q1').slice(0, 3)), 1);
      d.set(part, 4);
      d[60] = opts.codeId ?? 0x73;
      d[62] = i + 56 < bytes.length ? 1 : 0;
      this.dispatchEvent(deviceEvent('inputreport', { device: this, reportId: 0x02, data: new DataView(d.buffer) }));
    }
    return true;
  }

  /** Called by FakeHid when the cable is pulled. */
  detach(): void {
    this.plugged = false;
    this.opened = false;
  }
}

/** A fake `navigator.hid`. `choose` plays the user in the chooser (default: all matches). */
export class FakeHid extends EventTarget implements HidLike {
  readonly attached: FakeHidScanner[] = [];
  private readonly granted = new Set<FakeHidScanner>();
  choose: (candidates: FakeHidScanner[]) => FakeHidScanner[] = (c) => c.slice(0, 1);

  /** Plugs a scanner in; fires `connect` if the page may see it. */
  plug(s: FakeHidScanner, opts: { granted?: boolean } = {}): FakeHidScanner {
    s.owner = this;
    s.plugged = true;
    if (!this.attached.includes(s)) this.attached.push(s);
    if (opts.granted) this.granted.add(s);
    if (this.granted.has(s)) this.dispatchEvent(deviceEvent('connect', { device: s }));
    return s;
  }

  /** Pulls the cable; fires `disconnect`. */
  unplug(s: FakeHidScanner): void {
    const i = this.attached.indexOf(s);
    if (i >= 0) this.attached.splice(i, 1);
    s.detach();
    if (this.granted.has(s)) this.dispatchEvent(deviceEvent('disconnect', { device: s }));
  }

  /** Forgets the permission (HIDDevice.forget). */
  revoke(s: FakeHidScanner): void {
    this.granted.delete(s);
  }

  async getDevices(): Promise<HidDeviceLike[]> {
    return this.attached.filter((s) => this.granted.has(s));
  }

  /** Like WebHID: resolves with an empty array when the user cancels. */
  async requestDevice(options: { filters: HidDeviceFilterLike[] }): Promise<HidDeviceLike[]> {
    const matches = this.attached.filter((s) => options.filters.some((f) => matches_(s, f)));
    const picked = this.choose(matches);
    for (const s of picked) this.granted.add(s);
    return picked;
  }
}

function matches_(s: FakeHidScanner, f: HidDeviceFilterLike): boolean {
  if (f.vendorId !== undefined && f.vendorId !== s.vendorId) return false;
  if (f.productId !== undefined && f.productId !== s.productId) return false;
  return s.collections.some((c) => (f.usagePage === undefined || c.usagePage === f.usagePage) && (f.usage === undefined || c.usage === f.usage));
}
