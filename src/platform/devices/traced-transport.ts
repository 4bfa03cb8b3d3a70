/**
 * The traced wrapper for device writes (issue 18: "one traced wrapper around every outward call,
 * device writes included"): every chunk the print queue sends (receipts, and the cash drawer's kick,
 * which is printer bytes too) goes through it and leaves one trace record, like a cpay call: what,
 * outcome (bytes written and the transfer status, or the DeviceError's code) and duration. Never the
 * bytes themselves. The write's result or error is passed through unchanged.
 */
import type { Tracer } from '../net/trace.js';
import type { PrinterTransport } from './printer/port.js';

/** `transport` with each write traced as `what` (default `printer.write`). */
export function tracedTransport(
  transport: PrinterTransport,
  tracer: Pick<Tracer, 'timed'>,
  now: () => number = () => performance.now(),
  what = 'printer.write',
): PrinterTransport {
  return {
    async write(chunk) {
      const start = now();
      try {
        const r = await transport.write(chunk);
        tracer.timed(what, `${r.status} bytes=${r.bytesWritten}/${chunk.byteLength}`, now() - start);
        return r;
      } catch (err: unknown) {
        const code = typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string' ? (err as { code: string }).code : 'error';
        tracer.timed(what, `failed ${code}`, now() - start);
        throw err;
      }
    },
  };
}
