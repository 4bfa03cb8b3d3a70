/** Types and the first half of binding: time sync and getting the QR (spec §5.2 steps 2-4). */
import { concat, defer, from, map, of, switchMap, timer, type Observable, type ObservableInput, type SchedulerLike } from 'rxjs';
import type { BindInfo, GenerateBindQrResponse } from '@cpay/protocol';
import type { BindingRecord } from '../../kernel/binding.js';
import type { CpayPort } from '../../platform/net/ports.js';
import { BIND_BACKOFF, BIND_GENERATE_MAX_ATTEMPTS, backoffDelay } from '../../kernel/flow/backoff.js';
import { describeOutcome, pingSeconds, type SyncableClock } from '../../kernel/flow/flow-support.js';

/** Where a binding failed or is retrying. */
export type BindStage = 'sync' | 'generate' | 'poll' | 'store' | 'confirm';

/** What binding reports. `bound`, `expired`, `failed` and `cancelled` end a session. */
export type BindEvent =
  | { readonly type: 'syncing' }
  | { readonly type: 'requesting' }
  | { readonly type: 'qr'; readonly url: string; readonly ttlSeconds: number }
  | { readonly type: 'countdown'; readonly remainingSeconds: number }
  | { readonly type: 'retrying'; readonly stage: BindStage; readonly detail: string; readonly retryInMs: number }
  | { readonly type: 'activated' }
  | { readonly type: 'storing' }
  | { readonly type: 'confirming' }
  | { readonly type: 'bound'; readonly binding: BindingRecord; readonly confirmed: boolean }
  | { readonly type: 'expired' }
  | { readonly type: 'failed'; readonly stage: BindStage; readonly description: string }
  | { readonly type: 'cancelled' };

/** Everything binding touches. Keys stay behind `buildQrUrl`, `adopt` and `proveKey`; I/O may be a Promise or an Observable. */
export interface BindDeps {
  readonly cpay: CpayPort;
  readonly clock: SyncableClock;
  readonly scheduler: SchedulerLike;
  readonly appCpayVersion: string;
  /** The provisioned full sn. */
  sn(): ObservableInput<string>;
  /** 8 random characters of 0-9a-zA-Z (request nonces and the QR's `rs`). */
  nonce(): string;
  /** The binding QR URL, signed with the initial key (spec §5.3). */
  buildQrUrl(p: { readonly activator: string; readonly nonce: string; readonly miniProgramUrl: string }): ObservableInput<string>;
  /** Decrypts e_authen_key with the initial key and stores the binding sealed (spec §5.2 step 8). */
  adopt(sn: string, info: BindInfo): ObservableInput<BindingRecord>;
  /** HMAC(payment key, nonce), upper-case hex. */
  proveKey(nonce: string): ObservableInput<string>;
  /** Voice prompt (spec §12: binding and unbinding are announced). */
  announce(what: 'bound' | 'unbound'): void;
}

/** Event builders for the repetitive shapes. */
export const bindEvent = {
  failed: (stage: BindStage, description: string): BindEvent => ({ type: 'failed', stage, description }),
  retrying: (stage: BindStage, detail: string, retryInMs: number): BindEvent => ({ type: 'retrying', stage, detail, retryInMs }),
};

/** The QR is on screen from `startedAt` (scheduler time). */
export interface QrReady {
  readonly type: 'qr_ready';
  readonly sn: string;
  readonly token: string;
  readonly startedAt: number;
  readonly qr: { readonly url: string; readonly ttlSeconds: number; readonly intervalSeconds: number };
}

/** Retries `attempt` with backoff until it yields a value, at most BIND_GENERATE_MAX_ATTEMPTS times. */
function withRetries<T>(
  stage: BindStage,
  deps: BindDeps,
  attempt: (n: number) => Observable<{ ok: T } | { fail: string; final?: boolean }>,
): Observable<BindEvent | { ok: T }> {
  const go = (n: number): Observable<BindEvent | { ok: T }> =>
    attempt(n).pipe(
      switchMap((r) => {
        if ('ok' in r) return of(r);
        if (r.final || n >= BIND_GENERATE_MAX_ATTEMPTS) return of(bindEvent.failed(stage, r.fail));
        const retryInMs = backoffDelay(n, BIND_BACKOFF);
        return concat(of(bindEvent.retrying(stage, r.fail, retryInMs)), timer(retryInMs, deps.scheduler).pipe(switchMap(() => go(n + 1))));
      }),
    );
  return go(1);
}

/** ping (time sync) → generate_bill_device_bind_qr_code → signed QR URL. */
export function obtainQr(deps: BindDeps): Observable<BindEvent | QrReady> {
  const { cpay, clock, scheduler } = deps;
  const sync = withRetries<number>('sync', deps, () =>
    defer(() => {
      const sentAt = scheduler.now();
      return cpay.call('ping', {}).pipe(
        map((o) => {
          const s = pingSeconds(o);
          return s === undefined ? { fail: describeOutcome(o) } : { ok: clock.sync(s, sentAt, scheduler.now()) };
        }),
      );
    }),
  );
  const generate = (sn: string) =>
    withRetries<GenerateBindQrResponse>('generate', deps, () =>
      cpay
        .call('generate_bill_device_bind_qr_code', {
          snCode: sn,
          appCpayVersion: deps.appCpayVersion,
          nonce: deps.nonce(),
          timestamp: Math.floor(clock.serverNow() / 1000),
        })
        .pipe(
          map((o) => {
            const body = o.kind === 'reply' && o.reply.status === 0 ? o.reply.body : undefined;
            if (body) return { ok: body };
            const final = o.kind === 'reply' && o.reply.status !== 3 && o.reply.status !== 103;
            return { fail: describeOutcome(o), final };
          }),
        ),
    );
  const toQr = (sn: string, g: GenerateBindQrResponse): Observable<QrReady> =>
    from(deps.buildQrUrl({ activator: g.activator, nonce: deps.nonce(), miniProgramUrl: g.miniProgramUrl })).pipe(
      map((url) => ({
        type: 'qr_ready',
        sn,
        token: g.token,
        startedAt: scheduler.now(),
        qr: { url, ttlSeconds: g.ttlSeconds, intervalSeconds: g.intervalSeconds },
      })),
    );
  const qrFor = (sn: string) => generate(sn).pipe(switchMap((g) => ('ok' in g ? toQr(sn, g.ok) : of(g))));
  return concat(
    of<BindEvent>({ type: 'syncing' }),
    sync.pipe(switchMap((s) => ('ok' in s ? concat(of<BindEvent>({ type: 'requesting' }), from(deps.sn()).pipe(switchMap(qrFor))) : of(s)))),
  );
}
