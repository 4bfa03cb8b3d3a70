import { Subject, defer, map, timer } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import type { DeviceReportRequest, EndpointName, Fen } from '@cpay/protocol';
import { freezeBatch, tallyOf, type PaymentTally, type ReportBatch, type ReportIdentity } from './report.js';
import type { CallOutcome, CpayPort } from '../../platform/net/ports.js';
import { drive, notSent, reply, unknownOutcome } from '../../testing/pay-test-kit.js';
import { reportFlow, type OutboxPort, type ReportEvent, type ReportTrigger } from './report-flow.js';

const ID: ReportIdentity = {
  sn: 'CPAYSIM_WEB1_SIM0000001',
  outMchId: 'm',
  outSubMchId: 's',
  cloudCashierId: '01000052',
  authenType: 1,
  outShopId: 'shop',
  deviceId: 'dev',
  appCpayVersion: '1.0.0',
  networkType: 'wifi',
};

/** In-memory outbox with the repository's semantics (freeze once, confirm deletes). */
function memoryOutbox(finished: Map<string, { status: string; amount: number; platform: 'wechat' | 'alipay' }>, failCount = false) {
  const queued = new Set<string>();
  let tallies: PaymentTally[] = [];
  let batch: (ReportBatch & { id: number }) | undefined;
  let nextId = 1;
  let inFlight = 0;
  const io = async <T>(op: () => T): Promise<T> => {
    inFlight += 1;
    try {
      await new Promise<void>((r) => {
        setImmediate(r);
      });
      return op();
    } finally {
      inFlight -= 1;
    }
  };
  const enqueue = (no: string) => {
    const p = finished.get(no);
    if (!p || queued.has(no)) return false;
    queued.add(no);
    tallies.push(tallyOf({ outTradeNo: no, status: p.status, amount: p.amount as Fen, platform: p.platform, updatedAt: 1_000 }));
    return true;
  };
  const port: OutboxPort = {
    enqueuePayment: (no) => io(() => enqueue(no)),
    sweep: () => io(() => [...finished.keys()].filter(enqueue).length),
    freeze: (nonce, now) =>
      io(() => {
        if (batch || tallies.length === 0) return batch;
        batch = { ...freezeBatch(tallies, nonce, now), id: nextId++ };
        tallies = [];
        return batch;
      }),
    confirm: (id) =>
      io(() => {
        if (batch?.id === id) batch = undefined;
      }),
    markAttempt: () => io(() => undefined),
    pendingCount: () =>
      io(() => {
        if (failCount) throw new Error('count failed');
        return tallies.length + (batch?.outTradeNos.length ?? 0);
      }),
  };
  return { port, busy: () => inFlight > 0 };
}

/** A cpay whose device_report answers come from `answer(n)`; records the requests that reached cpay. */
function env(answer: (n: number) => CallOutcome<unknown>, failCount = false) {
  const ts = new TestScheduler(() => undefined);
  const finished = new Map<string, { status: string; amount: number; platform: 'wechat' | 'alipay' }>();
  const outbox = memoryOutbox(finished, failCount);
  const received: DeviceReportRequest[] = [];
  const attempts: number[] = [];
  let n = 0;
  const cpay: CpayPort = {
    warmup: () => undefined,
    call: <E extends EndpointName>(_e: E, req: unknown) =>
      defer(() => {
        attempts.push(ts.now());
        const o = answer((n += 1));
        if (o.kind === 'reply' || o.kind === 'unknown') received.push(req as DeviceReportRequest);
        return timer(100, ts).pipe(map(() => o as CallOutcome<never>));
      }),
  };
  const trigger$ = new Subject<ReportTrigger>();
  const events: [number, ReportEvent][] = [];
  reportFlow(trigger$, {
    cpay,
    outbox: outbox.port,
    scheduler: ts,
    clock: { serverNow: () => 1_763_776_800_000 + ts.now() },
    identity: () => ID,
    nonce: () => `nonce${ts.now()}`,
    random: () => 0.5,
    warn: () => undefined,
  }).subscribe((e) => events.push([ts.now(), e]));
  const pay = (no: string, status = 'success', amount = 2, platform: 'wechat' | 'alipay' = 'wechat') => {
    finished.set(no, { status, amount, platform });
    trigger$.next({ type: 'payment', outTradeNo: no });
  };
  const at = (ms: number, f: () => void) => ts.schedule(f, ms);
  return { ts, events, received, attempts, pay, at, trigger$, run: (until?: number) => drive(ts, until, outbox.busy) };
}

const sum = (rs: DeviceReportRequest[], k: keyof DeviceReportRequest) => rs.reduce((s, r) => s + Number(r[k] ?? 0), 0);

describe('reportFlow', () => {
  it('reports each payment after it finishes; the count drops only on status 0', async () => {
    const e = env(() => reply({ nonce: 'x' }));
    e.at(0, () => e.pay('A', 'success', 2, 'wechat'));
    e.at(1_000, () => e.pay('B', 'failed', 5, 'alipay'));
    await e.run(10_000);
    expect(e.received.map((r) => [r.wxPayCount, r.wxPaySuccessCount, r.wxPayAmount, r.aliPayCount, r.aliPaySuccessCount, r.aliPayAmount])).toEqual([
      [1, 1, 2, 0, 0, 0],
      [0, 0, 0, 1, 0, 0],
    ]);
    expect(e.received[0]).toMatchObject({ companyCode: 'CPAYSIM', model: 'CPAYSIM_WEB1', sn: ID.sn, deviceType: 1, networkType: 'wifi' });
    expect(e.events.filter(([, x]) => x.type === 'pending').map(([t, x]) => [t, x.type === 'pending' && x.count])).toEqual([
      [0, 1],
      [100, 0],
      [1_000, 1],
      [1_100, 0],
    ]);
  });

  it('offline: keeps the frozen batch, backs off with jitter, sends it identically once back, never double counts', async () => {
    let online = false;
    const e = env(() => (online ? reply({}) : notSent));
    for (let i = 0; i < 50; i += 1) e.at(i * 100, () => e.pay(`P${i}`, 'success', 1 + (i % 3), i % 2 ? 'alipay' : 'wechat'));
    e.at(60_000, () => {
      online = true;
      e.trigger$.next({ type: 'online' });
    });
    await e.run(200_000);
    expect(sum(e.received, 'wxPayCount') + sum(e.received, 'aliPayCount')).toBe(50);
    expect(sum(e.received, 'wxPayAmount') + sum(e.received, 'aliPayAmount')).toBe(Array.from({ length: 50 }, (_, i) => 1 + (i % 3)).reduce((a, b) => a + b));
    const nonces = e.received.map((r) => r.nonce);
    expect(new Set(nonces).size).toBe(nonces.length);
    expect(e.events.at(-1)?.[1]).toEqual({ type: 'pending', count: 0 });
    const retries = e.events.filter(([, x]) => x.type === 'retrying').map(([, x]) => (x.type === 'retrying' ? x.delayMs : 0));
    expect(retries.slice(0, 4)).toEqual(expect.arrayContaining([1_500, 3_000]));
  });

  it('the network coming back while a failing send is in flight: the retry goes at once, not after the backoff', async () => {
    let online = false;
    const e = env(() => (online ? reply({}) : notSent));
    e.at(0, () => e.pay('A'));
    // Attempts at 0 and 1 600 fail (each answer takes 100 ms); `online` arrives during the second.
    e.at(1_650, () => {
      online = true;
      e.trigger$.next({ type: 'online' });
    });
    await e.run(20_000);
    expect(e.attempts).toEqual([0, 1_600, 1_700]);
    expect(sum(e.received, 'wxPayCount')).toBe(1);
  });

  it('backoff doubles between failures up to the cap (timer only, no triggers)', async () => {
    const e = env((n) => (n <= 5 ? notSent : reply({})));
    e.at(0, () => e.pay('A'));
    await e.run(400_000);
    expect(e.attempts).toEqual([0, 1_600, 4_700, 10_800, 22_900, 47_000]);
  });

  it('an unknown answer re-sends the same batch (same nonce) rather than dropping counts', async () => {
    const e = env((n) => (n === 1 ? unknownOutcome() : reply({})));
    e.at(0, () => e.pay('A'));
    await e.run(20_000);
    expect(e.received).toHaveLength(2);
    expect(e.received[1]).toEqual(e.received[0]);
  });

  it('a payment finishing while a batch is in flight goes to the next batch', async () => {
    const e = env(() => reply({}));
    e.at(0, () => e.pay('A'));
    e.at(50, () => e.pay('B'));
    await e.run(10_000);
    expect(e.received.map((r) => r.apiCallingInfos?.length ?? 0)).toHaveLength(2);
    expect(e.received.map((r) => r.wxPayCount)).toEqual([1, 1]);
  });

  it('still drains when the outbox cannot count (the status bar just does not move)', async () => {
    const e = env(() => reply({}), true);
    e.at(0, () => e.pay('A'));
    await e.run(10_000);
    expect(e.received).toHaveLength(1);
    expect(e.events.filter(([, x]) => x.type === 'pending')).toEqual([]);
  });

  it('sweep queues what a crash left behind, and only once', async () => {
    const e = env(() => reply({}));
    e.at(0, () => e.pay('A'));
    e.at(5_000, () => e.trigger$.next({ type: 'sweep' }));
    await e.run(10_000);
    expect(e.received).toHaveLength(1);
  });
});
