/**
 * Test doubles and a virtual-time driver for the payment flow tests (imported only by tests).
 *
 * The journal and order-number ports return Promises (they are IndexedDB in the app), so the
 * tests cannot flush a TestScheduler in one synchronous go: `drive` runs the scheduler one
 * virtual instant at a time and lets promise callbacks run in between. Every port call lands
 * on one shared timeline, so tests can assert the order of journal writes and requests.
 */
import { defer, finalize, map, timer, type Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import type { EndpointName, Fen, MicroPayResponse, OrderStateOnWire, Reply, RequestOf, ResponseOf } from '@cpay/protocol';
import type { CallOutcome, CpayPort } from '../platform/net/ports.js';
import type { PayDeps, PayTerminal } from '../features/pay/pay-deps.js';
import type { Announcer, JournalEntry, JournalPort, OrderNumberPort, Sentence } from '../kernel/flow/ports.js';

/** One thing that happened, at a virtual time. */
export type Mark =
  | { readonly at: number; readonly what: 'call'; readonly endpoint: EndpointName; readonly req: unknown }
  | { readonly at: number; readonly what: 'abort'; readonly endpoint: EndpointName }
  | { readonly at: number; readonly what: 'put'; readonly entry: JournalEntry }
  | { readonly at: number; readonly what: 'warmup' }
  | { readonly at: number; readonly what: 'number'; readonly orderNo: string };

/** How one call is answered: an outcome after `delayMs` (default 100), or never (`hang`). */
export interface Answer {
  readonly outcome?: CallOutcome<unknown>;
  readonly delayMs?: number;
  readonly hang?: boolean;
}
/** Script: answers the n-th call (1-based) to an endpoint. */
export type Script = (endpoint: EndpointName, n: number, req: unknown) => Answer;

/**
 * Runs the scheduler up to `untilMs` (or until idle). Promise-based port operations take zero
 * virtual time: while `busy()` says one is in flight, time does not advance.
 */
export async function drive(ts: TestScheduler, untilMs = Number.POSITIVE_INFINITY, busy: () => boolean = () => false): Promise<void> {
  let idle = 0;
  for (let guard = 0; guard < 100_000 && idle < 3; guard += 1) {
    await new Promise<void>((resolve) => {
      setImmediate(resolve);
    });
    if (busy()) continue;
    const next = ts.actions[0];
    if (!next || next.delay > untilMs) {
      idle += 1;
      continue;
    } // a promise may still schedule work
    idle = 0;
    ts.maxFrames = next.delay;
    ts.flush();
  }
  if (Number.isFinite(untilMs) && ts.frame < untilMs) ts.frame = untilMs;
}

/** A reply outcome with the given status / internal status / body. */
export function reply<T>(body?: T, head: Partial<Reply<T>> = {}, httpStatus = 200): CallOutcome<T> {
  const r: Reply<T> = { status: 0, description: '', internalStatus: 0, ...head, ...(body === undefined ? {} : { body }) };
  return { kind: 'reply', reply: r, httpStatus, durationMs: 100 };
}

/** A WeChat order state (with its trade-state description when given). */
export const wx = (cts: number, tradeStateDesc?: string): OrderStateOnWire => ({ platform: 'wechat', cts, ...(tradeStateDesc ? { tradeStateDesc } : {}) });
/** An Alipay order state. */
export const ali = (cts: number): OrderStateOnWire => ({ platform: 'alipay', cts });
/** A status-0 brief_micro_pay reply carrying `state`. */
export const micropayState = (state: OrderStateOnWire): CallOutcome<MicroPayResponse> => reply({ state });
/** A status-0 brief_query_order reply carrying `state`. */
export const queryState = (state: OrderStateOnWire, amount = 1234): CallOutcome<unknown> =>
  reply({ platform: state.platform, outTradeNo: 'x', totalFee: amount as Fen, state });
/** A reply with status `s` (and internal status `is`), no body. */
export const status = (s: number, is = 0, description = `status ${s}`): CallOutcome<never> =>
  reply<never>(undefined, { status: s, internalStatus: is, description });
/** An unknown outcome: a timeout, or a signature that did not verify. */
export const unknownOutcome = (reason: 'timeout' | 'bad_signature' = 'timeout'): CallOutcome<never> => ({
  kind: 'unknown',
  reason,
  detail: reason,
  durationMs: 100,
  ...(reason === 'bad_signature' ? { httpStatus: 200 } : {}),
});
/** A request that certainly never left (offline). */
export const notSent: CallOutcome<never> = { kind: 'not_sent', reason: 'offline', detail: 'navigator offline', durationMs: 0 };

/** The terminal used by every test. */
export const TERMINAL: PayTerminal = {
  snCode: 'CPAYSIM_WEB1_SIM0000001',
  outShopId: 'shop1',
  deviceId: 'dev1',
  cloudCashierId: '01000052',
  subTerminalType: 2451,
  body: '演示店',
};

/** A full test environment: scheduler, scripted ports, timeline, journal contents, voice. */
export function payEnv(script: Script, opts: { failJournal?: boolean; serverOffset?: number } = {}) {
  const ts = new TestScheduler(() => undefined);
  const timeline: Mark[] = [];
  const journal = new Map<string, JournalEntry>();
  const said: [number, Sentence][] = [];
  const warnings: string[] = [];
  const counts = new Map<EndpointName, number>();
  let seq = 0;
  let inFlight = 0;
  const io = async <T>(op: () => Promise<T>): Promise<T> => {
    inFlight += 1;
    try {
      await new Promise<void>((resolve) => {
        setImmediate(resolve);
      }); // durable only after an I/O turn
      return await op();
    } finally {
      inFlight -= 1;
    }
  };
  const cpay: CpayPort = {
    warmup: () => {
      timeline.push({ at: ts.now(), what: 'warmup' });
    },
    call<E extends EndpointName>(endpoint: E, req: RequestOf<E>): Observable<CallOutcome<ResponseOf<E>>> {
      return defer(() => {
        timeline.push({ at: ts.now(), what: 'call', endpoint, req });
        const n = (counts.get(endpoint) ?? 0) + 1;
        counts.set(endpoint, n);
        const a = script(endpoint, n, req);
        const done = { value: false };
        return timer(a.hang ? 10 ** 9 : (a.delayMs ?? 100), ts).pipe(
          map(() => {
            done.value = true;
            return (a.outcome ?? unknownOutcome()) as CallOutcome<ResponseOf<E>>;
          }),
          finalize(() => {
            if (!done.value) timeline.push({ at: ts.now(), what: 'abort', endpoint });
          }),
        );
      });
    },
  };
  const journalPort: JournalPort & { entries: Map<string, JournalEntry> } = {
    entries: journal,
    put: (entry) =>
      io(async () => {
        if (opts.failJournal) throw new Error('QuotaExceededError');
        timeline.push({ at: ts.now(), what: 'put', entry });
        journal.set(entry.outTradeNo, entry);
      }),
    get: (no) => io(async () => journal.get(no)),
    listOpen: () => io(async () => [...journal.values()].filter((e) => e.status === 'pending' || e.status === 'unknown')),
  };
  const orderNumbers: OrderNumberPort = {
    next: (prefix) =>
      io(async () => {
        const orderNo = `${prefix}123456${String(1_700_000_000_000 + (seq += 1))}`;
        timeline.push({ at: ts.now(), what: 'number', orderNo });
        return orderNo;
      }),
  };
  const announcer: Announcer = {
    say: (s) => {
      said.push([ts.now(), s]);
    },
  };
  const deps: PayDeps = {
    cpay,
    journal: journalPort,
    orderNumbers,
    announcer,
    scheduler: ts,
    clock: { serverNow: () => 1_763_776_800_000 + (opts.serverOffset ?? 0) + ts.now() },
    terminal: () => TERMINAL,
    nonce: () => 'n'.repeat(32),
    random: () => 0.5,
    warn: (message) => {
      warnings.push(message);
    },
  };
  const calls = (endpoint?: EndpointName) =>
    timeline.filter((m): m is Extract<Mark, { what: 'call' }> => m.what === 'call' && (endpoint === undefined || m.endpoint === endpoint));
  const run = (untilMs?: number) => drive(ts, untilMs, () => inFlight > 0);
  return { ts, deps, timeline, journal, said, warnings, calls, run };
}
