/**
 * Test doubles for the boot and bind flow tests (imported only by *.test.ts): a scripted CpayPort
 * that answers after a virtual delay and records every call, subscription and teardown.
 */
import type { EndpointName, Reply, RequestOf, ResponseOf } from '@cpay/protocol';
import { defer, finalize, map, timer, type Observable, type SchedulerLike } from 'rxjs';
import type { CallOutcome, CpayPort } from '../platform/net/ports.js';
import type { BindingRecord } from '../kernel/binding.js';
import type { SyncableClock } from '../kernel/flow/flow-support.js';

/** One recorded call. */
export interface CallLog {
  readonly endpoint: EndpointName;
  readonly at: number;
  readonly req: unknown;
  tornDown?: number;
  done?: boolean;
}

/** Answers a call: the outcome and how long (virtual ms) it takes. */
export type Script = (endpoint: EndpointName, req: unknown, n: number) => { outcome: CallOutcome<unknown>; delayMs?: number };

/** A scripted CpayPort. */
export function scriptedCpay(scheduler: SchedulerLike, script: Script): CpayPort & { calls: CallLog[] } {
  const calls: CallLog[] = [];
  return {
    calls,
    warmup: () => undefined,
    call<E extends EndpointName>(endpoint: E, req: RequestOf<E>): Observable<CallOutcome<ResponseOf<E>>> {
      return defer(() => {
        const log: CallLog = { endpoint, at: scheduler.now(), req };
        calls.push(log);
        const { outcome, delayMs = 100 } = script(endpoint, req, calls.filter((c) => c.endpoint === endpoint).length);
        return timer(delayMs, scheduler).pipe(
          map(() => {
            log.done = true;
            return outcome as CallOutcome<ResponseOf<E>>;
          }),
          finalize(() => {
            log.tornDown = scheduler.now();
          }),
        );
      });
    },
  };
}

/** A successful reply outcome. */
export function reply<T>(body?: T, head: Partial<Reply<T>> = {}): CallOutcome<T> {
  return {
    kind: 'reply',
    reply: { status: 0, description: '', internalStatus: 0, ...head, ...(body === undefined ? {} : { body }) },
    httpStatus: 200,
    durationMs: 100,
  };
}

/** A network-failure outcome. */
export const notSent: CallOutcome<never> = { kind: 'not_sent', reason: 'upstream_unreachable', detail: 'relay 502 connect_refused', durationMs: 100 };

/** Ping answer at server second `seconds`. */
export const pingAt = (seconds: number) => reply({ timestamp: seconds, status: 0, description: 'ok' });

/** A clock whose offset is recorded. */
export function testClock(scheduler: SchedulerLike): SyncableClock & { offset: number } {
  return {
    offset: 0,
    serverNow() {
      return scheduler.now() + this.offset;
    },
    sync(serverSeconds, sentAt, receivedAt) {
      this.offset = serverSeconds * 1000 + 500 - (sentAt + receivedAt) / 2;
      return this.offset;
    },
  };
}

/** A stored binding. */
export const BINDING: BindingRecord = {
  sn: 'CPAYSIM_WEB1_SIM0000001',
  outMchId: 'm',
  outSubMchId: 's',
  cloudCashierId: '01000052',
  authenType: 1,
  outShopId: 'shop',
  shopName: '演示店',
  deviceId: 'dev',
  deviceName: 'Till 1',
  method: 'qr',
  boundAt: 0,
};
