/**
 * Event objects shaped like USBConnectionEvent, HIDConnectionEvent and HIDInputReportEvent
 * (the real constructors do not exist outside Chromium, and cannot carry fake devices).
 */

/** An Event with extra read-only fields (`device`, `reportId`, `data`). */
export function deviceEvent<T extends object>(type: string, fields: T): Event & T {
  const e = new Event(type);
  for (const [k, v] of Object.entries(fields)) Object.defineProperty(e, k, { value: v, enumerable: true });
  return e as Event & T;
}

/** The DOMException Chromium raises, by name and message. */
export function domError(name: 'NotFoundError' | 'InvalidStateError' | 'NetworkError' | 'SecurityError', message: string): DOMException {
  return new DOMException(message, name);
}
