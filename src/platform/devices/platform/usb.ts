/**
 * The slice of WebUSB the printer transport uses, as structural types. TypeScript's DOM lib has
 * no WebUSB types; declaring the slice here lets the real `navigator.usb` and our fake
 * (fakes/usb-printer.ts) both be passed in without casts to `any`.
 */

/** USBEndpoint. */
export interface UsbEndpointLike {
  readonly endpointNumber: number;
  readonly direction: 'in' | 'out';
  readonly type: 'bulk' | 'interrupt' | 'isochronous';
  readonly packetSize: number;
}

/** USBAlternateInterface. */
export interface UsbAlternateLike {
  readonly alternateSetting: number;
  readonly interfaceClass: number;
  readonly endpoints: readonly UsbEndpointLike[];
}

/** USBInterface. */
export interface UsbInterfaceLike {
  readonly interfaceNumber: number;
  readonly alternates: readonly UsbAlternateLike[];
  readonly claimed: boolean;
}

/** USBConfiguration. */
export interface UsbConfigurationLike {
  readonly configurationValue: number;
  readonly interfaces: readonly UsbInterfaceLike[];
}

/** USBOutTransferResult. */
export interface UsbOutTransferResultLike {
  readonly bytesWritten: number;
  readonly status: 'ok' | 'stall' | 'babble';
}

/** USBDevice. */
export interface UsbDeviceLike {
  readonly vendorId: number;
  readonly productId: number;
  readonly productName?: string | undefined;
  readonly manufacturerName?: string | undefined;
  readonly serialNumber?: string | undefined;
  readonly opened: boolean;
  readonly configuration: UsbConfigurationLike | null;
  readonly configurations: readonly UsbConfigurationLike[];
  open(): Promise<void>;
  close(): Promise<void>;
  selectConfiguration(value: number): Promise<void>;
  claimInterface(interfaceNumber: number): Promise<void>;
  releaseInterface(interfaceNumber: number): Promise<void>;
  selectAlternateInterface(interfaceNumber: number, alternateSetting: number): Promise<void>;
  transferOut(endpointNumber: number, data: Uint8Array): Promise<UsbOutTransferResultLike>;
  clearHalt(direction: 'in' | 'out', endpointNumber: number): Promise<void>;
  forget?(): Promise<void>;
}

/** USBDeviceFilter. */
export interface UsbDeviceFilterLike {
  readonly vendorId?: number;
  readonly productId?: number;
  readonly classCode?: number;
}

/** `navigator.usb`: an EventTarget firing `connect`/`disconnect` (USBConnectionEvent). */
export interface UsbLike extends EventTarget {
  getDevices(): Promise<UsbDeviceLike[]>;
  requestDevice(options: { filters: UsbDeviceFilterLike[] }): Promise<UsbDeviceLike>;
}

/** The `device` of a USBConnectionEvent, or undefined for another event. */
export function usbEventDevice(e: Event): UsbDeviceLike | undefined {
  const d: unknown = (e as Event & { device?: unknown }).device;
  return typeof d === 'object' && d !== null && 'transferOut' in d ? (d as UsbDeviceLike) : undefined;
}
