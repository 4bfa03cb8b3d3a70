/**
 * WebUSB receipt-printer transport: only moves bytes (the encoder and queue live elsewhere).
 *
 * `navigator.usb` is injected, never read from the global. Pairing needs a user gesture
 * (`pair()` from a click handler); afterwards `reconnect()` reopens a granted printer without a
 * prompt, and a `connect` event does so automatically when the printer is plugged back in.
 */
import { BehaviorSubject } from 'rxjs';
import { DeviceError, fromPlatformError } from '../errors.js';
import { usbEventDevice, type UsbDeviceLike, type UsbLike } from '../platform/usb.js';
import type { PrinterTransport, WriteResult } from './port.js';
import { printerFilters, printerProfile, type PrinterProfile } from './profiles.js';
import { findBulkOut, type BulkOutTarget } from './usb-interface.js';

/** What the settings screen shows. */
export type PrinterConnection =
  | { readonly state: 'disconnected' }
  | { readonly state: 'connected'; readonly name: string; readonly vendorId: number; readonly productId: number; readonly profile: PrinterProfile };

/** A WebUSB printer. Implements the print queue's `PrinterTransport`. */
export class WebUsbPrinter implements PrinterTransport {
  /** Connection state; starts disconnected. */
  readonly connection$ = new BehaviorSubject<PrinterConnection>({ state: 'disconnected' });
  private device: UsbDeviceLike | undefined;
  private target: BulkOutTarget | undefined;
  private writing = false;
  private readonly onConnect = (e: Event): void => {
    void this.autoReconnect(usbEventDevice(e));
  };
  private readonly onDisconnect = (e: Event): void => {
    if (usbEventDevice(e) === this.device) this.dropDevice();
  };

  constructor(private readonly usb: UsbLike | undefined) {
    usb?.addEventListener('connect', this.onConnect);
    usb?.addEventListener('disconnect', this.onDisconnect);
  }

  /** Shows the browser's device chooser (call from a user gesture) and opens the chosen printer. */
  async pair(): Promise<PrinterConnection> {
    const usb = this.requireUsb();
    let device: UsbDeviceLike;
    try {
      device = await usb.requestDevice({ filters: printerFilters() });
    } catch (e) {
      throw fromPlatformError(e, 'printer', 'choosing a printer');
    }
    return this.open(device);
  }

  /** Reopens a previously granted printer (no prompt); `disconnected` when none is plugged in. */
  async reconnect(): Promise<PrinterConnection> {
    const devices = await this.requireUsb().getDevices();
    const device = devices.find((d) => d.configurations.some((c) => findBulkOut(c) !== undefined));
    return device ? this.open(device) : this.connection$.value;
  }

  /** Sends one chunk with a single `transferOut`. */
  async write(chunk: Uint8Array): Promise<WriteResult> {
    const { device, target } = this;
    if (!device || !target || !device.opened) throw new DeviceError('disconnected', 'printer', 'printer not connected: plug it in or pair it in Settings');
    if (this.writing) throw new DeviceError('busy', 'printer', 'printer is already receiving another job');
    this.writing = true;
    try {
      const r = await device.transferOut(target.endpointNumber, chunk);
      if (r.status === 'stall') await device.clearHalt('out', target.endpointNumber);
      return { bytesWritten: r.bytesWritten, status: r.status };
    } catch (e) {
      // Chromium rejects an interrupted transfer with NetworkError; if the device went away
      // meanwhile, that is a disconnect (resume on replug), not a transfer fault.
      if (this.device !== device || !device.opened)
        throw new DeviceError('disconnected', 'printer', 'printer was unplugged during printing: plug it back in to resume', { cause: e });
      throw fromPlatformError(e, 'printer', `sending ${chunk.length} bytes`);
    } finally {
      this.writing = false;
    }
  }

  /** Closes the device and revokes the permission (Settings → forget). */
  async forget(): Promise<void> {
    const device = this.device;
    this.dropDevice();
    if (device?.opened) await device.close();
    await device?.forget?.();
  }

  /** Removes the platform listeners. */
  dispose(): void {
    this.usb?.removeEventListener('connect', this.onConnect);
    this.usb?.removeEventListener('disconnect', this.onDisconnect);
  }

  private requireUsb(): UsbLike {
    if (!this.usb) throw new DeviceError('unsupported', 'printer', 'this browser has no WebUSB: use Chrome or Edge on a desktop or Android');
    return this.usb;
  }

  private async open(device: UsbDeviceLike): Promise<PrinterConnection> {
    try {
      if (!device.opened) await device.open();
      if (!device.configuration) await device.selectConfiguration(device.configurations[0]?.configurationValue ?? 1);
      const target = device.configuration ? findBulkOut(device.configuration) : undefined;
      if (!target) throw new DeviceError('no_bulk_out', 'printer', `${device.productName ?? 'device'} has no bulk OUT endpoint: it is not a receipt printer`);
      await device.claimInterface(target.interfaceNumber);
      if (target.alternateSetting !== 0) await device.selectAlternateInterface(target.interfaceNumber, target.alternateSetting);
      this.device = device;
      this.target = target;
    } catch (e) {
      throw fromPlatformError(e, 'printer', 'opening the printer');
    }
    const profile = printerProfile(device.vendorId, device.productId);
    const name = device.productName ?? profile.name;
    const connection: PrinterConnection = { state: 'connected', name, vendorId: device.vendorId, productId: device.productId, profile };
    this.connection$.next(connection);
    return connection;
  }

  private async autoReconnect(device: UsbDeviceLike | undefined): Promise<void> {
    if (!device || this.device) return;
    await this.open(device).catch((e: unknown) => {
      // Plugged-in but unusable (claimed by another tab): stay disconnected, keep the reason visible.
      this.lastError = fromPlatformError(e, 'printer', 'reconnecting');
    });
  }

  /** Why the last automatic reconnection failed, for the settings screen. */
  lastError: DeviceError | undefined;

  private dropDevice(): void {
    this.device = undefined;
    this.target = undefined;
    this.connection$.next({ state: 'disconnected' });
  }
}
