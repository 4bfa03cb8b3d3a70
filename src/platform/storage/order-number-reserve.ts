import type { OrderNumberPort } from '../../kernel/flow/ports.js';

/** Runs `work` when the page has nothing better to do (requestIdleCallback in the app). */
export type WhenIdle = (work: () => void) => void;

interface Reserved {
  readonly prefix: string;
  readonly deviceKey: string;
  readonly orderNo: string;
}

/**
 * Keeps the next order number allocated ahead of time, so a sale (and the scan-to-request path)
 * never waits on the counters transaction: each number handed out is replaced by a new one,
 * allocated (and persisted, as every number is) when the page is idle after the sale's own work.
 * A reserved number is only used for the same prefix and device key; one that is never used is
 * skipped, which is harmless: numbers must be unique and move forward, not be dense.
 */
export class OrderNumberReserve implements OrderNumberPort {
  /** The reservation: `started` once its allocation runs (before that, nothing is persisted yet). */
  private reserved: { started: boolean; readonly result: Promise<Reserved | undefined> } | undefined;

  constructor(
    private readonly inner: OrderNumberPort,
    private readonly deviceKey: () => string,
    private readonly whenIdle: WhenIdle,
  ) {}

  /**
   * The reserved number when it fits, else a fresh one; then reserves the next. A reservation whose
   * allocation has not started yet (the page was never idle) is left for the next sale: waiting
   * for idle time would be slower than allocating now.
   */
  async next(prefix: string): Promise<string> {
    const taken = this.reserved?.started ? this.reserved : undefined;
    if (taken) this.reserved = undefined;
    const key = this.deviceKey();
    const ready = taken ? await taken.result : undefined;
    const orderNo = ready && ready.prefix === prefix && ready.deviceKey === key ? ready.orderNo : await this.inner.next(prefix);
    this.reserve(prefix);
    return orderNo;
  }

  /** Starts reserving a number for `prefix` when idle, unless one is reserved or on its way. */
  reserve(prefix: string): void {
    if (this.reserved) return;
    const deviceKey = this.deviceKey();
    let start = (): void => undefined;
    const result = new Promise<Reserved | undefined>((resolve) => {
      // A failure is not reported here: the next sale allocates afresh and reports its own.
      start = () => {
        this.inner.next(prefix).then(
          (orderNo) => resolve({ prefix, deviceKey, orderNo }),
          () => resolve(undefined),
        );
      };
    });
    const reservation = { started: false, result };
    this.reserved = reservation;
    this.whenIdle(() => {
      reservation.started = true;
      start();
    });
  }
}
