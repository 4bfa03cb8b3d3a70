/**
 * A fake `navigator.usb` with fake receipt printers that follow WebUSB: open/selectConfiguration/
 * claimInterface/transferOut (USBOutTransferResult with bytesWritten/status), DOMException
 * failures, and connect/disconnect events on the `usb` object. Bytes the "printer" accepted are
 * kept in `paper` for the test decoder. For vitest browser tests and `page.addInitScript`.
 */
import type { UsbConfigurationLike, UsbDeviceFilterLike, UsbDeviceLike, UsbLike, UsbOutTransferResultLike } from '../../platform/devices/platform/usb.js';
import { deviceEvent, domError } from './events.js';

/** A scripted failure for the next transferOut. */
export type UsbFault =
  | { readonly kind: 'partial'; readonly bytesWritten: number }
  | { readonly kind: 'stall' }
  /** The cable is pulled during the transfer: some bytes reach the paper, the promise rejects. */
  | { readonly kind: 'unplug'; readonly bytesReached: number };

const PRINTER_CONFIG: UsbConfigurationLike = {
  configurationValue: 1,
  interfaces: [
    {
      interfaceNumber: 0,
      claimed: false,
      alternates: [
        {
          alternateSetting: 0,
          interfaceClass: 7,
          endpoints: [
            { endpointNumber: 1, direction: 'out', type: 'bulk', packetSize: 64 },
            { endpointNumber: 2, direction: 'in', type: 'bulk', packetSize: 64 },
          ],
        },
      ],
    },
  ],
};

/** One fake printer. */
export class FakeUsbPrinter implements UsbDeviceLike {
  opened = false;
  configuration: UsbConfigurationLike | null = null;
  readonly configurations = [PRINTER_CONFIG];
  /** Every byte that reached the paper, across connections. */
  readonly paper: number[] = [];
  readonly faults: UsbFault[] = [];
  /** Another tab/driver holds the interface: claimInterface fails. */
  claimedElsewhere = false;
  plugged = true;
  owner: FakeUsb | undefined;
  private claimed = false;

  constructor(
    readonly vendorId = 0x0483,
    readonly productId = 0x5743,
    readonly productName = 'Fake POS-58',
    readonly serialNumber = 'FAKE0001',
  ) {}

  async open(): Promise<void> {
    this.requirePlugged();
    this.opened = true;
  }
  async close(): Promise<void> {
    this.opened = false;
    this.claimed = false;
  }
  async selectConfiguration(value: number): Promise<void> {
    this.requireOpen();
    if (value !== 1) throw domError('NotFoundError', 'The configuration value provided is not supported by the device.');
    this.configuration = PRINTER_CONFIG;
  }
  async claimInterface(n: number): Promise<void> {
    this.requireOpen();
    if (n !== 0) throw domError('NotFoundError', 'The interface number provided is not supported by the device in its current configuration.');
    if (this.claimedElsewhere) throw domError('InvalidStateError', 'Unable to claim interface.');
    this.claimed = true;
  }
  async releaseInterface(): Promise<void> {
    this.claimed = false;
  }
  async selectAlternateInterface(): Promise<void> {
    this.requireOpen();
  }
  async clearHalt(): Promise<void> {
    this.requireOpen();
  }
  async forget(): Promise<void> {
    this.owner?.revoke(this);
  }

  async transferOut(endpoint: number, data: Uint8Array): Promise<UsbOutTransferResultLike> {
    this.requireOpen();
    if (!this.claimed || endpoint !== 1)
      throw domError('InvalidStateError', 'The specified endpoint is not part of a claimed and selected alternate interface.');
    await new Promise((r) => setTimeout(r, 1)); // a transfer takes time; lets an unplug race it
    const fault = this.faults.shift();
    if (fault?.kind === 'stall') return { bytesWritten: 0, status: 'stall' };
    const n = fault?.kind === 'partial' ? fault.bytesWritten : fault?.kind === 'unplug' ? fault.bytesReached : data.length;
    this.paper.push(...data.subarray(0, n));
    if (fault?.kind === 'unplug') {
      this.owner?.unplug(this);
      throw domError('NetworkError', 'A transfer error has occurred.');
    }
    return { bytesWritten: n, status: 'ok' };
  }

  private requirePlugged(): void {
    if (!this.plugged) throw domError('NotFoundError', 'The device was disconnected.');
  }
  private requireOpen(): void {
    this.requirePlugged();
    if (!this.opened) throw domError('InvalidStateError', 'The device must be opened first.');
  }

  /** Called by FakeUsb when the cable is pulled. */
  detach(): void {
    this.plugged = false;
    this.opened = false;
    this.claimed = false;
    this.configuration = null;
  }
}

/** A fake `navigator.usb`. `choose` plays the user in the chooser (default: first match). */
export class FakeUsb extends EventTarget implements UsbLike {
  readonly attached: FakeUsbPrinter[] = [];
  private readonly granted = new Set<FakeUsbPrinter>();
  choose: (candidates: FakeUsbPrinter[]) => FakeUsbPrinter | undefined = (c) => c[0];

  /** Plugs a printer in; fires `connect` if the page may see it. */
  plug(p: FakeUsbPrinter, opts: { granted?: boolean } = {}): FakeUsbPrinter {
    p.owner = this;
    p.plugged = true;
    if (!this.attached.includes(p)) this.attached.push(p);
    if (opts.granted) this.granted.add(p);
    if (this.granted.has(p)) this.dispatchEvent(deviceEvent('connect', { device: p }));
    return p;
  }

  /** Pulls a printer's cable; fires `disconnect`. */
  unplug(p: FakeUsbPrinter): void {
    const i = this.attached.indexOf(p);
    if (i >= 0) this.attached.splice(i, 1);
    p.detach();
    if (this.granted.has(p)) this.dispatchEvent(deviceEvent('disconnect', { device: p }));
  }

  /** Forgets the permission (USBDevice.forget). */
  revoke(p: FakeUsbPrinter): void {
    this.granted.delete(p);
  }

  async getDevices(): Promise<UsbDeviceLike[]> {
    return this.attached.filter((p) => this.granted.has(p));
  }

  async requestDevice(options: { filters: UsbDeviceFilterLike[] }): Promise<UsbDeviceLike> {
    const matches = this.attached.filter((p) => options.filters.some((f) => matchesFilter(p, f)));
    const picked = this.choose(matches);
    if (!picked) throw domError('NotFoundError', 'No device selected.');
    this.granted.add(picked);
    return picked;
  }
}

function matchesFilter(p: FakeUsbPrinter, f: UsbDeviceFilterLike): boolean {
  if (f.vendorId !== undefined && f.vendorId !== p.vendorId) return false;
  if (f.productId !== undefined && f.productId !== p.productId) return false;
  if (f.classCode !== undefined && !p.configurations.some((c) => c.interfaces.some((i) => i.alternates.some((a) => a.interfaceClass === f.classCode))))
    return false;
  return true;
}
