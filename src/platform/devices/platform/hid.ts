/**
 * The slice of WebHID the scanner transport uses, as structural types (no WebHID in the DOM lib).
 */

/** HIDCollectionInfo (top-level collection). */
export interface HidCollectionLike {
  readonly usagePage: number;
  readonly usage: number;
}

/** HIDDevice: an EventTarget firing `inputreport` (HIDInputReportEvent). */
export interface HidDeviceLike extends EventTarget {
  readonly vendorId: number;
  readonly productId: number;
  readonly productName: string;
  readonly opened: boolean;
  readonly collections: readonly HidCollectionLike[];
  open(): Promise<void>;
  close(): Promise<void>;
  sendFeatureReport(reportId: number, data: Uint8Array): Promise<void>;
  forget?(): Promise<void>;
}

/** HIDDeviceFilter. */
export interface HidDeviceFilterLike {
  readonly vendorId?: number;
  readonly productId?: number;
  readonly usagePage?: number;
  readonly usage?: number;
}

/** `navigator.hid`: an EventTarget firing `connect`/`disconnect` (HIDConnectionEvent). */
export interface HidLike extends EventTarget {
  getDevices(): Promise<HidDeviceLike[]>;
  requestDevice(options: { filters: HidDeviceFilterLike[] }): Promise<HidDeviceLike[]>;
}

/** Fields of an HIDInputReportEvent, or undefined for another event. */
export function hidReportOf(e: Event): { device: HidDeviceLike; reportId: number; data: DataView } | undefined {
  const r = e as Event & { device?: HidDeviceLike; reportId?: number; data?: DataView };
  return r.device && typeof r.reportId === 'number' && r.data instanceof DataView ? { device: r.device, reportId: r.reportId, data: r.data } : undefined;
}

/** The `device` of an HIDConnectionEvent, or undefined. */
export function hidEventDevice(e: Event): HidDeviceLike | undefined {
  const d: unknown = (e as Event & { device?: unknown }).device;
  return typeof d === 'object' && d !== null && 'collections' in d ? (d as HidDeviceLike) : undefined;
}
