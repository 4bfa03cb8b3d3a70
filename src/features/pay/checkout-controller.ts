/**
 * The checkout screen's controller: the only place the screen subscribes (design.md). It wires
 * the pay and scan-code flows to the app's services, folds their events (and the app-wide
 * recovery's results, recovery/pay-recovery.ts) into the PaymentState the screen renders, routes keys
 * by phase, marks the app busy during a sale and hands an order that settled unknown (or a sale
 * cut off by the screen going away) to background reconciliation.
 *
 * A till that is never stuck (issue 13): each sale runs in a "lane" (its own pay and scan-code
 * flow subscriptions). Setting a waiting sale aside ("转后台确认") leaves its lane running
 * untouched in the background (its result is journaled, announced and printed exactly as in the
 * foreground, an unknown result goes to reconciliation) and lists it in the 待确认 tray
 * (recovery/pending-tray.ts); a fresh lane takes the next sale at once.
 */
import type { Fen } from '@cpay/protocol';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  BehaviorSubject,
  ReplaySubject,
  Subject,
  Subscription,
  combineLatest,
  defer,
  distinctUntilChanged,
  fromEvent,
  map,
  merge,
  startWith,
  switchMap,
  type Observable,
} from 'rxjs';
import type { RecoveredResult } from '../recovery/pay-recovery.js';
import type { AppServices } from '../../app/context/services.js';
import { amountErrorText, reconciledText } from './pay-status-view.js';
import type { PayKey } from './keypad-keys.js';
import { appendRefusedChar, applyAmountKey, hasInvalidAmountChars } from './amount-input.js';
import { wasSent, type PendingTray } from '../recovery/pending-tray.js';
import type { ScanPayDeps } from '../scan-pay/scan-pay-flow.js';
import { parseYuan } from '../../kernel/money.js';
import { IDLE, reducePayment, saleAmountOf, type PayEvent, type PaymentAction, type PaymentState } from '../../kernel/payment.js';
import { payFlow, type PayIntent } from './pay-flow.js';
import type { RecoveryEvent } from '../recovery/poll-recovery.js';
import type { ScanPayIntent } from '../scan-pay/scan-pay-flow.js';
import { tp } from '../../i18n/pay.js';
import { tb } from '../../i18n/bookkeeping.js';
import type { BindingRecord } from '../../kernel/binding.js';
import { DEFAULT_SETTINGS, type Settings } from '../settings/settings.js';
import { TenderController } from '../bookkeeping/tender-controller.js';
import type { BookkeepingMethod } from '../bookkeeping/bookkeeping.js';
import { afterFrame, painted } from '../../ui/after-paint.js';

/** Phases during which a sale is in progress (the shell defers updates, the status bar says so). */
const SALE_PHASES: ReadonlySet<PaymentState['phase']> = new Set(['awaiting_code', 'submitting', 'polling']);
/** Phases in which keys edit the amount. */
const AMOUNT_PHASES: ReadonlySet<PaymentState['phase']> = new Set(['idle', 'amount', 'success', 'failed', 'cancelled']);
/** Ended phases: Enter with nothing typed does nothing (a stray or doubled Enter is not a new sale). */
const ENDED_PHASES: ReadonlySet<PaymentState['phase']> = new Set(['success', 'failed', 'cancelled']);
const DIGIT_KEYS: ReadonlySet<PayKey> = new Set(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '00', '.']);

/**
 * A keyboard-wedge scanner types a code (16–24 digits) a few ms per character and ends with Enter;
 * no cashier types this fast. A run of digit keys ended by Enter in which at least this many keys
 * (Enter included) came within SCAN_GAP_MS of the previous one is a scanned code, never an amount.
 * The fast keys are counted over the whole run, not only the last unbroken stretch: a scanner
 * whose keys stall once mid-code (a wireless scanner's radio, a busy USB hub) is still a scanner.
 * No amount needs that many keys (the longest, 50000.00, has 8), so a cashier's typing never
 * reaches it.
 */
const SCAN_MIN_KEYS = 12;
/** How long after the code's Enter the `submitting` screen is drawn (below what a cashier perceives as a delay). */
const SUBMITTING_REDRAW_MS = 50;
const SCAN_GAP_MS = 50;

/** One sale's flows: the foreground lane takes keys; a lane set aside runs on in the background. */
interface Lane {
  readonly pay$: Subject<PayIntent>;
  readonly scan$: Subject<ScanPayIntent>;
  sub: Subscription;
  foreground: boolean;
  outTradeNo?: string;
}

/** Drives one checkout screen. */
export class CheckoutController implements ReactiveController {
  private current: PaymentState = IDLE;
  /** The payment as the screen shows it. */
  get state(): PaymentState {
    return this.current;
  }
  set state(s: PaymentState) {
    this.current = s;
    const text = saleAmountOf(s).text;
    if (text !== this.amountShown.value) this.amountShown.next(text);
  }
  /**
   * The amount as <pay-amount> shows it, as a stream: it follows it on its own, so a key of the
   * amount updates that element only, not the whole checkout (issue 21, seventh round).
   */
  private readonly amountShown = new BehaviorSubject('');
  readonly amount$: Observable<string> = this.amountShown.asObservable();
  /**
   * The customer code typed so far (keyboard-wedge scanners type too), as a stream: the code line
   * (<pay-code-line>) follows it on its own, so a key of the code updates that line only, not the
   * whole checkout (issue 21, sixth round).
   */
  private readonly codeText = new BehaviorSubject('');
  readonly code$: Observable<string> = this.codeText.asObservable();
  /** The customer code typed so far. */
  get code(): string {
    return this.codeText.value;
  }
  set code(text: string) {
    if (text !== this.codeText.value) this.codeText.next(text);
  }
  /** A one-line note: orders resumed or reconciled in the background. */
  notice = '';
  /** A warning about the last input (a scanned code where an amount was expected). */
  inputWarning = '';
  /** True while the terminal cannot reach cpay (browser offline or relay down): a sale would not go through. */
  offline = false;
  private subs: Subscription | undefined;
  private lane: Lane | undefined;
  private readonly background = new Set<Lane>();
  private deps: ScanPayDeps | undefined;
  private binding: BindingRecord | undefined;
  private settings: Settings = DEFAULT_SETTINGS;
  private scanMode = false;
  /** The pending `submitting` redraw (SUBMITTING_REDRAW_MS after the code's Enter). */
  private redraw: ReturnType<typeof setTimeout> | undefined;
  /** The run of digit keys being typed (scanner detection): its last key's time, how many of its keys came fast, the state before it. */
  private burst: { last: number; fast: number; before: PaymentState } | undefined;
  /**
   * Cash / card bookkeeping (现金 / 银行卡): the tender step and the last recorded sale. Works with
   * no network: nothing of it goes to cpay (features/bookkeeping/).
   */
  readonly till = new TenderController(
    () => this.services(),
    () => this.binding?.cloudCashierId,
    // staff: the signed-in staff member ({ staffId, staffName }) replaces the binding's staff here.
    () => ({ ...(this.binding?.staffId ? { staffId: this.binding.staffId } : {}), ...(this.binding?.staffName ? { staffName: this.binding.staffName } : {}) }),
    () => this.onTillChanged(),
  );

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly services: () => AppServices,
  ) {
    host.addController(this);
  }

  /** The 待确认 tray (orders set aside or recovered). */
  get tray(): PendingTray {
    return this.services().tray;
  }

  hostConnected(): void {
    const s = this.services();
    // Taking money: refused on live cpay while sub_terminal_type is the placeholder (issue 14 point 2).
    this.deps = s.flowDeps.charging;
    const recovery = s.recovery;
    const subs = new Subscription();
    subs.add(
      s.binding$.subscribe((b) => {
        this.binding = b;
      }),
    );
    subs.add(
      s.preferences.settings$.subscribe((x) => {
        this.settings = { ...DEFAULT_SETTINGS, ...x };
      }),
    );
    this.lane = this.openLane();
    subs.add(this.tray.entries$.subscribe(() => this.host.requestUpdate()));
    subs.add(recovery.resumed$.subscribe((entries) => this.onResumed(entries.filter(wasSent).length)));
    subs.add(recovery.settled$.subscribe((e) => this.onRecovered(e)));
    const online$ =
      typeof window === 'undefined'
        ? undefined
        : merge(fromEvent(window, 'online'), fromEvent(window, 'offline')).pipe(
            startWith(null),
            map(() => navigator.onLine),
          );
    if (online$)
      subs.add(
        // Only a change re-renders the screen: the relay's status poll repeats the same facts.
        combineLatest([online$, s.signals.relay$])
          .pipe(
            map(([online, relay]) => !online || relay.relay === 'down'),
            distinctUntilChanged(),
          )
          .subscribe((offline) => {
            this.offline = offline;
            this.host.requestUpdate();
          }),
      );
    // Customer codes are claimed only while one is expected; otherwise the shell shows the scan.
    if (s.devices)
      subs.add(
        s.devices.hub
          .waitFor((c) => c.kind === 'payment_code' && this.state.phase === 'awaiting_code')
          .subscribe((x) => this.onScan(x.scan.source, x.scan.text)),
      );
    this.subs = subs;
  }

  hostDisconnected(): void {
    // A sale cut off by the screen going away is journaled open: the app-wide recovery takes it.
    const s = this.state;
    const cut = SALE_PHASES.has(s.phase) && 'outTradeNo' in s ? s.outTradeNo : undefined;
    const aside = [...this.background].map((l) => l.outTradeNo).filter((no): no is string => no !== undefined);
    this.subs?.unsubscribe();
    this.lane?.sub.unsubscribe();
    for (const l of this.background) l.sub.unsubscribe();
    this.background.clear();
    this.lane = undefined;
    const recovery = this.services().recovery;
    if (cut) recovery.watch(cut);
    for (const no of aside) recovery.watch(no); // sales set aside and still running: reconciliation takes them over
    this.subs = undefined;
    this.services().signals.setBusy(false);
  }

  /** A key from the keyboard or the on-screen keypad; `at` is when it was pressed (ms, monotonic). */
  key(k: PayKey, at: number = now()): void {
    if (this.till.tender) return this.till.key(k);
    if (this.till.recorded && k !== 'enter') this.till.clearResult(); // the next sale is being typed
    const phase = this.state.phase;
    if (phase === 'awaiting_code') return this.codeKey(k);
    if (phase === 'polling' && this.scanMode && k === 'escape') return this.cancel(); // the QR is showing
    if (phase === 'unknown') {
      if (k === 'enter') return this.queryAgain();
      if (k === 'escape') return this.setAside();
      if (!DIGIT_KEYS.has(k)) return;
      this.setAside(); // after the give-up, digits start the next sale; the order stays in the tray
    }
    if (!AMOUNT_PHASES.has(this.state.phase)) return; // a request may be in flight: keys do nothing
    const scanned = this.trackBurst(k, at);
    if (k === 'enter') {
      if (scanned) return this.refuseScannedCode(scanned);
      if (ENDED_PHASES.has(this.state.phase) || (this.state.phase === 'idle' && this.inputWarning)) return; // nothing typed for a new sale
      return this.confirm();
    }
    if (this.inputWarning) {
      this.inputWarning = '';
      this.host.requestUpdate();
    }
    if (k === 'escape') return this.dispatch({ type: 'amount_edited', text: '' });
    const text = this.amountText();
    if (k === '.' && text.includes('.')) return this.refuseChar('.');
    // Text already refused is kept as typed (no amount rules apply to it until it is corrected).
    const refused = hasInvalidAmountChars(text) && DIGIT_KEYS.has(k);
    this.editAmount(refused ? appendRefusedChar(text, k) : applyAmountKey(text, k));
  }

  /**
   * A character typed on the keyboard that is no amount key (a letter, a sign, …). While an amount
   * is being typed it is kept as typed and refused with its own message: nothing is guessed.
   */
  refuseChar(char: string): void {
    if (this.till.tender || !AMOUNT_PHASES.has(this.state.phase)) return;
    this.burst = undefined;
    this.inputWarning = '';
    this.editAmount(appendRefusedChar(this.amountText(), char));
  }

  /**
   * 现金 (F2) / 银行卡 (F3): opens the bookkeeping step for the typed amount (the same amount rules
   * as any sale). Offered online and offline alike; nothing is sent to cpay.
   */
  startBookkeeping(method: BookkeepingMethod): void {
    if (this.till.tender || !AMOUNT_PHASES.has(this.state.phase) || ENDED_PHASES.has(this.state.phase)) return;
    this.burst = undefined;
    this.inputWarning = '';
    const amount = this.checkedAmount();
    if (amount === undefined) return;
    if (!this.binding) {
      this.notice = tb('bk.tender.unbound');
      this.host.requestUpdate();
      return;
    }
    this.till.open(method, amount);
  }

  private onTillChanged(): void {
    // A recorded sale leaves the amount: the next sale starts from an empty amount.
    if (this.till.recorded && this.state.phase === 'amount') this.dispatch({ type: 'reset' });
    this.services().signals.setBusy(this.till.tender !== undefined || SALE_PHASES.has(this.state.phase));
    this.host.requestUpdate();
  }

  /** Starts a scan-code order (the customer scans our QR) for the typed amount. */
  startScanCode(platform: 'wechat' | 'alipay'): void {
    const amount = this.checkedAmount();
    if (amount === undefined || !this.binding) return;
    this.scanMode = true;
    this.lane?.scan$.next({ type: 'start', amount, platform });
  }

  /** Cancels the sale (effective before the code is sent, or a scan-code order not yet paid). */
  cancel(): void {
    if (this.scanMode) this.lane?.scan$.next({ type: 'cancel' });
    else this.lane?.pay$.next({ type: 'cancel' });
  }

  /** "Query again" on an unknown result: asks reconciliation to query now. */
  queryAgain(): void {
    if (this.state.phase === 'unknown') this.services().recovery.queryNow(this.state.outTradeNo);
  }

  /** Back to an empty amount. */
  newSale(): void {
    this.inputWarning = '';
    this.till.clearResult();
    this.dispatch({ type: 'reset' });
  }

  /** True when the sale on screen may be set aside ("转后台确认"). */
  get canSetAside(): boolean {
    const s = this.state;
    return s.phase === 'unknown' || s.phase === 'submitting' || (s.phase === 'polling' && !s.codeUrl);
  }

  /**
   * "转后台确认": the waiting sale leaves the screen, not the terminal. Its lane keeps running
   * (journal, polling, the 2-minute rule, voice, receipt: all as before; nothing is cancelled) and
   * it is listed in the tray; the screen is ready for the next sale at once.
   */
  setAside(): void {
    const s = this.state;
    if (!this.canSetAside || !('outTradeNo' in s) || !s.outTradeNo) return;
    const no = s.outTradeNo;
    if (s.phase === 'unknown') {
      this.tray.add({ outTradeNo: no, amount: s.amount, unknown: true });
      this.services().recovery.watch(no); // already watched since it settled unknown; a no-op then
    } else {
      const lane = this.lane;
      if (lane) {
        lane.foreground = false;
        lane.outTradeNo = no;
        this.background.add(lane);
      }
      this.tray.add({ outTradeNo: no, amount: s.amount, userPaying: s.phase === 'polling' && s.userPaying });
      this.lane = this.openLane();
      this.scanMode = false;
    }
    this.code = '';
    this.state = IDLE;
    this.services().signals.setBusy(false);
    this.host.requestUpdate();
  }

  /** The cashier acknowledged a settled order in the tray. */
  dismiss(outTradeNo: string): void {
    this.tray.remove(outTradeNo);
  }

  private openLane(): Lane {
    const deps = this.deps;
    // scan$ replays its last intent: the scan-code flow (the customer scans our QR) is not needed to
    // key a sale and loads after the screen shows; a tap on 扫码收款 before it arrives is not lost.
    const lane: Lane = { pay$: new Subject<PayIntent>(), scan$: new ReplaySubject<ScanPayIntent>(1), sub: new Subscription(), foreground: true };
    if (!deps) return lane;
    // Its module loads once the keypad has painted (a tap on 扫码收款 before it loads waits in scan$).
    const scanPay$ = defer(() => painted().then(() => import('../scan-pay/scan-pay-flow.js'))).pipe(
      switchMap(({ scanPayFlow }) => scanPayFlow(lane.scan$, deps)),
    );
    lane.sub = merge(payFlow(lane.pay$, deps), scanPay$).subscribe((e) => {
      if (e.type === 'submitting' || e.type === 'polling') lane.outTradeNo = e.outTradeNo;
      if (lane.foreground) this.onPayEvent(e);
      else this.onBackgroundEvent(lane, e);
    });
    return lane;
  }

  /** An event of a sale set aside: the tray follows it; its lane ends with its result. */
  private onBackgroundEvent(lane: Lane, e: PayEvent): void {
    if (e.type === 'polling') this.tray.patch(e.outTradeNo, { userPaying: e.userPaying });
    if (e.type !== 'settled') return;
    const r = e.result;
    if (r.outcome === 'unknown') {
      this.services().recovery.watch(r.outTradeNo);
      this.tray.add({ outTradeNo: r.outTradeNo, amount: r.amount, unknown: true });
    } else {
      this.tray.settle(r);
      if (r.outcome === 'success') this.printWhenShown(r);
    }
    this.background.delete(lane);
    queueMicrotask(() => lane.sub.unsubscribe());
  }

  /**
   * Follows the keys typed since the last non-digit key (the "run") and how many of them came
   * fast; at Enter, returns the state before the run when the run was a scanned code (undefined
   * otherwise). Whatever was typed in the same run is dropped with the code: it could only have
   * been glued to it.
   */
  private trackBurst(k: PayKey, at: number): PaymentState | undefined {
    const b = this.burst;
    const fast = b !== undefined && at - b.last <= SCAN_GAP_MS ? 1 : 0;
    if (k === 'enter') {
      this.burst = undefined;
      return b && b.fast + fast >= SCAN_MIN_KEYS ? b.before : undefined;
    }
    if (!DIGIT_KEYS.has(k)) {
      this.burst = undefined;
      return undefined;
    }
    this.burst = b ? { before: b.before, last: at, fast: b.fast + fast } : { last: at, fast: 0, before: this.state };
    return undefined;
  }

  /** A code was scanned where an amount was expected (a duplicate scan): nothing of it is kept. */
  private refuseScannedCode(before: PaymentState): void {
    this.state = before;
    this.inputWarning = tp('pay.amount.scanned_code');
    this.services().signals.setBusy(SALE_PHASES.has(this.state.phase));
    this.host.requestUpdate();
  }

  private editAmount(text: string): void {
    if (hasInvalidAmountChars(text)) this.dispatch({ type: 'amount_refused', text, error: { kind: 'invalid_chars', input: text } });
    else this.dispatch({ type: 'amount_edited', text });
  }

  private confirm(): void {
    const amount = this.checkedAmount();
    if (amount === undefined) return;
    if (!this.binding) {
      this.notice = tp('pay.fail.caller_error', { description: 'unbound' });
      this.host.requestUpdate();
      return;
    }
    this.scanMode = false;
    this.lane?.pay$.next({ type: 'amount', amount });
  }

  private checkedAmount(): Fen | undefined {
    const text = this.amountText();
    if (hasInvalidAmountChars(text)) {
      this.dispatch({ type: 'amount_refused', text, error: { kind: 'invalid_chars', input: text } });
      return undefined;
    }
    const parsed = parseYuan(text, this.settings.maxAmountFen as Fen);
    if (parsed.ok) return parsed.fen;
    this.dispatch({ type: 'amount_refused', text, error: parsed.error });
    return undefined;
  }

  private codeKey(k: PayKey): void {
    this.services().cpay.hold?.(); // no keep-warm ping while the code comes, nor between its Enter and its request
    // Enter: no re-render here. A DOM change after input makes Chromium defer the tasks the send
    // waits for (journal commit, signing) until the next frame; the `submitting` event redraws.
    // An Enter with nothing typed (a doubled Enter after the amount) waits for the code.
    if (k === 'enter') {
      if (this.code === '') return;
      this.lane?.pay$.next({ type: 'code', code: this.code });
      this.code = '';
      return;
    }
    // The code line follows `code$` itself: no checkout update per key.
    if (k === 'escape') this.cancel();
    else if (k === 'backspace') this.code = this.code.slice(0, -1);
    else if (k === 'clear') this.code = '';
    else if (k !== '.') this.code = `${this.code}${k}`.slice(0, 64);
  }

  /** A customer code from the scan hub (HID, camera, sandbox); wedge scans already came as keys. */
  private onScan(source: string, code: string): void {
    if (source === 'wedge' || this.state.phase !== 'awaiting_code') return;
    this.lane?.pay$.next({ type: 'code', code });
    this.code = '';
    this.host.requestUpdate();
  }

  private amountText(): string {
    return this.state.phase === 'amount' ? this.state.text : '';
  }

  private onPayEvent(e: PayEvent): void {
    if (e.type === 'settled' && e.result.outcome === 'unknown') this.services().recovery.watch(e.result.outTradeNo);
    if (e.type === 'awaiting_code') this.code = '';
    if (e.type === 'submitting' && e.attempt === 0) {
      // The code was just sent to the flow, whose request is being signed: the screen is redrawn
      // SUBMITTING_REDRAW_MS later (or by the answer, if sooner), not in the microtask before the
      // request. A whole-screen update there, or in the next frame, delayed brief_micro_pay on a
      // cheap tablet (issue 21, fourth round: DOM work, then layout before the signing finished).
      this.dispatch(e, false);
      this.redraw = setTimeout(() => this.host.requestUpdate(), SUBMITTING_REDRAW_MS);
      return;
    }
    this.dispatch(e);
    if (e.type === 'settled' && e.result.outcome === 'success') this.printWhenShown(e.result);
  }

  /**
   * The receipt of a paid order, once the result is on screen (issue 21: encoding it held the
   * 收款成功 frame back on a cheap tablet). Printed once: the journal marks the receipt owed until
   * it is printed, so a reload before this runs prints it at the next start (owed receipts).
   */
  private printWhenShown(result: Extract<PayEvent, { type: 'settled' }>['result'] & { outcome: 'success' }): void {
    const devices = this.services().devices;
    if (devices) afterFrame(() => void devices.afterPayment(result).catch((err: unknown) => console.warn('[printer]', err)));
  }

  private onResumed(count: number): void {
    if (count > 0) this.notice = tp('pay.recovered', { count });
    this.host.requestUpdate();
  }

  /**
   * Recovery settled an order (journaled, announced and printed by the app): the sale on screen
   * takes it; an order from the tray (recovered after a reload, or set aside) is shown in the
   * result panel like a live one when the screen is idle (otherwise the tray shows it).
   */
  private onRecovered(e: RecoveredResult): void {
    this.notice = reconciledText(e.result);
    const s = this.state;
    const no = e.result.outTradeNo;
    if ((s.phase === 'unknown' || s.phase === 'polling' || s.phase === 'submitting') && s.outTradeNo === no) this.dispatch(settledEvent(e));
    else if (no && this.tray.has(no) && s.phase === 'idle') {
      // never over another sale's result
      this.tray.remove(no);
      this.dispatch(settledEvent(e));
    }
    this.host.requestUpdate();
  }

  private dispatch(action: PaymentAction, render = true): void {
    const before = this.state;
    this.state = reducePayment(before, action);
    this.services().signals.setBusy(SALE_PHASES.has(this.state.phase));
    if (!render) return;
    clearTimeout(this.redraw); // the answer came before the `submitting` redraw: no second update
    // A key of an amount being typed, with no refusal before or after it: <pay-amount> follows amount$ alone.
    if (!(typing(before) && typing(this.state))) this.host.requestUpdate();
  }
}

const now = (): number => (typeof performance === 'undefined' ? Date.now() : performance.now());
const typing = (s: PaymentState): boolean => s.phase === 'amount' && !s.error;

/** The refusal text for the current amount, if any. */
export function amountError(state: PaymentState): string {
  return state.phase === 'amount' && state.error ? amountErrorText(state.error) : '';
}

/**
 * A recovery result as a pay event (recovery/poll-recovery.ts's `asPayEvent`, here so the checkout's
 * chunk does not carry the recovery flow's code: that loads lazily with the app-wide recovery).
 */
function settledEvent(event: Extract<RecoveryEvent, { type: 'settled' }>): PayEvent {
  return { type: 'settled', result: event.result };
}
