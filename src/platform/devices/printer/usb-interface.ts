/**
 * Finding where to send print data on a USB device: the interface (and alternate setting) that
 * has a bulk OUT endpoint, preferring the USB printer class (7). Pure over the descriptors.
 */
import type { UsbConfigurationLike } from '../platform/usb.js';
import { USB_PRINTER_CLASS } from './profiles.js';

/** Where print data goes. */
export interface BulkOutTarget {
  readonly interfaceNumber: number;
  readonly alternateSetting: number;
  readonly endpointNumber: number;
}

/** The bulk OUT endpoint to print through, or undefined when the device has none. */
export function findBulkOut(config: UsbConfigurationLike): BulkOutTarget | undefined {
  const candidates: (BulkOutTarget & { printerClass: boolean })[] = [];
  for (const iface of config.interfaces) {
    for (const alt of iface.alternates) {
      const ep = alt.endpoints.find((e) => e.direction === 'out' && e.type === 'bulk');
      if (ep)
        candidates.push({
          interfaceNumber: iface.interfaceNumber,
          alternateSetting: alt.alternateSetting,
          endpointNumber: ep.endpointNumber,
          printerClass: alt.interfaceClass === USB_PRINTER_CLASS,
        });
    }
  }
  const best = candidates.find((c) => c.printerClass) ?? candidates[0];
  return best && { interfaceNumber: best.interfaceNumber, alternateSetting: best.alternateSetting, endpointNumber: best.endpointNumber };
}
