/**
 * The checkout screen's controller: the only place the screen subscribes (design.md). It wires
 * the pay and scan-code flows to the app's services, folds their events (and the app-wide
 * recovery's results, app/pay-recovery.ts) into the PaymentState the screen renders, routes keys
 * by phase, marks the app busy during a sale and hands an order that settled unknown (or a sale
 * cut off by the screen going away) to background reconciliation.
 */
import type { Fen } from '@cpay/protocol';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Subject, Subscription, merge } from 'rxjs';
import { paymentRecovery, type RecoveredResult } from '../app/pay-recovery.js';
import type { AppServices } from '../app/services.js';
import { amountErrorText, reconciledText } from '../components/pay-status-view.js';
import type { PayKey } from '../components/keypad-keys.js';
import { applyAmountKey } from '../domain/amount-input.js';
import { parseYuan } from '../domain/money.js';
import { IDLE, reducePayment, type PayEvent, type PaymentAction, type PaymentState } from '../domain/payment.js';
import { payFlow, type PayIntent } from '../flows/pay-flow.js';
import { asPayEvent } from '../flows/poll-recovery.js';
import { scanPayFlow, type ScanPayIntent } from '../flows/scan-pay-flow.js';
import { tp } from '../i18n/pay.js';
import type { BindingRecord } from '../storage/schema.js';
import { DEFAULT_SETTINGS, type Settings } from '../storage/settings-repo.js';
import { chargingTerminalOf, payDepsOf } from './checkout-terminal.js';

/** Phases during which a sale is in progress (the shell defers updates, the status bar says so). */
const SALE_PHASES: ReadonlySet<PaymentState['phase']> = new Set(['awaiting_code', 'submitting', 'polling']);
/** Phases in which keys edit the amount. */
const AMOUNT_PHASES: ReadonlySet<PaymentState['phase']> = new Set(['idle', 'amount', 'success', 'failed', 'cancelled']);

/** Drives one checkout screen. */
export class CheckoutController implements ReactiveController {
  /** The payment as the screen shows it. */
  state: PaymentState = IDLE;
  /** The customer code typed so far (keyboard-wedge scanners type too). */
  code = '';
  /** A one-line note: orders resumed or reconciled in the background. */
  notice = '';
  private readonly pay$ = new Subject<PayIntent>();
  private readonly scan$ = new Subject<ScanPayIntent>();
  private subs: Subscription | undefined;
  private binding: BindingRecord | undefined;
  private settings: Settings = DEFAULT_SETTINGS;
  private mode: 'sandbox' | 'live' | undefined;
  private scanMode = false;

  constructor(private readonly host: ReactiveControllerHost, private readonly services: () => AppServices) {
    host.addController(this);
  }

  hostConnected(): void {
    const s = this.services();
    // Taking money: refused on live cpay while sub_terminal_type is the placeholder (issue 14 point 2).
    const deps = payDepsOf(s, () => chargingTerminalOf(this.binding, this.settings.appCpayVersion, this.settings, this.mode));
    const recovery = paymentRecovery(s);
    const subs = new Subscription();
    subs.add(s.binding$.subscribe((b) => { this.binding = b; }));
    subs.add(s.signals.relay$.subscribe((r) => { this.mode = r.mode ?? this.mode; }));
    subs.add(s.preferences.settings$.subscribe((x) => { this.settings = { ...DEFAULT_SETTINGS, ...x }; }));
    subs.add(merge(payFlow(this.pay$, deps), scanPayFlow(this.scan$, deps)).subscribe((e) => this.onPayEvent(e)));
    subs.add(recovery.resumed$.subscribe((entries) => this.onResumed(entries.length)));
    subs.add(recovery.settled$.subscribe((e) => this.onRecovered(e)));
    // Customer codes are claimed only while one is expected; otherwise the shell shows the scan.
    if (s.devices) subs.add(s.devices.hub.waitFor((c) => c.kind === 'payment_code' && this.state.phase === 'awaiting_code').subscribe((x) => this.onScan(x.scan.source, x.scan.text)));
    this.subs = subs;
  }

  hostDisconnected(): void {
    // A sale cut off by the screen going away is journaled open: the app-wide recovery takes it.
    const s = this.state;
    const cut = SALE_PHASES.has(s.phase) && 'outTradeNo' in s ? s.outTradeNo : undefined;
    this.subs?.unsubscribe();
    if (cut) paymentRecovery(this.services()).watch(cut);
    this.subs = undefined;
    this.services().signals.setBusy(false);
  }

  /** A key from the keyboard or the on-screen keypad. */
  key(k: PayKey): void {
    const phase = this.state.phase;
    if (phase === 'awaiting_code') return this.codeKey(k);
    if (phase === 'polling' && this.scanMode && k === 'escape') return this.cancel(); // the QR is showing
    if (phase === 'unknown') {
      if (k === 'enter') this.queryAgain();
      if (k === 'escape') this.dispatch({ type: 'reset' });
      return;
    }
    if (!AMOUNT_PHASES.has(phase)) return; // a request may be in flight: keys do nothing
    if (k === 'enter') return this.confirm();
    if (k === 'escape') return this.dispatch({ type: 'amount_edited', text: '' });
    this.dispatch({ type: 'amount_edited', text: applyAmountKey(this.amountText(), k) });
  }

  /** Starts a scan-code order (the customer scans our QR) for the typed amount. */
  startScanCode(platform: 'wechat' | 'alipay'): void {
    const amount = this.checkedAmount();
    if (amount === undefined || !this.binding) return;
    this.scanMode = true;
    this.scan$.next({ type: 'start', amount, platform });
  }

  /** Cancels the sale (effective before the code is sent, or a scan-code order not yet paid). */
  cancel(): void {
    if (this.scanMode) this.scan$.next({ type: 'cancel' });
    else this.pay$.next({ type: 'cancel' });
  }

  /** "Query again" on an unknown result: asks reconciliation to query now. */
  queryAgain(): void {
    if (this.state.phase === 'unknown') paymentRecovery(this.services()).queryNow(this.state.outTradeNo);
  }

  /** Back to an empty amount. */
  newSale(): void {
    this.dispatch({ type: 'reset' });
  }

  private confirm(): void {
    const amount = this.checkedAmount();
    if (amount === undefined) return;
    if (!this.binding) { this.notice = tp('pay.fail.caller_error', { description: 'unbound' }); this.host.requestUpdate(); return; }
    this.scanMode = false;
    this.pay$.next({ type: 'amount', amount });
  }

  private checkedAmount() {
    const text = this.amountText();
    const parsed = parseYuan(text, this.settings.maxAmountFen as Fen);
    if (parsed.ok) return parsed.fen;
    this.dispatch({ type: 'amount_refused', text, error: parsed.error });
    return undefined;
  }

  private codeKey(k: PayKey): void {
    // Enter: no re-render here. A DOM change after input makes Chromium defer the tasks the send
    // waits for (journal commit, signing) until the next frame; the `submitting` event redraws.
    if (k === 'enter') { this.pay$.next({ type: 'code', code: this.code }); this.code = ''; return; }
    if (k === 'escape') this.cancel();
    else if (k === 'backspace') this.code = this.code.slice(0, -1);
    else if (k === 'clear') this.code = '';
    else if (k !== '.') this.code = `${this.code}${k}`.slice(0, 64);
    this.host.requestUpdate();
  }

  /** A customer code from the scan hub (HID, camera, sandbox); wedge scans already came as keys. */
  private onScan(source: string, code: string): void {
    if (source === 'wedge' || this.state.phase !== 'awaiting_code') return;
    this.pay$.next({ type: 'code', code });
    this.code = '';
    this.host.requestUpdate();
  }

  private amountText(): string {
    return this.state.phase === 'amount' ? this.state.text : '';
  }

  private onPayEvent(e: PayEvent): void {
    if (e.type === 'settled' && e.result.outcome === 'unknown') paymentRecovery(this.services()).watch(e.result.outTradeNo);
    if (e.type === 'awaiting_code') this.code = '';
    if (e.type === 'settled' && e.result.outcome === 'success') void this.services().devices?.afterPayment(e.result).catch((err: unknown) => console.warn('[printer]', err));
    this.dispatch(e);
  }

  private onResumed(count: number): void {
    if (count > 0) this.notice = tp('pay.recovered', { count });
    this.host.requestUpdate();
  }

  /** Recovery settled an order (journaled, announced and printed by the app): show it. */
  private onRecovered(e: RecoveredResult): void {
    this.notice = reconciledText(e.result);
    const s = this.state;
    if ((s.phase === 'unknown' || s.phase === 'polling') && s.outTradeNo === e.result.outTradeNo) this.dispatch(asPayEvent(e));
    this.host.requestUpdate();
  }

  private dispatch(action: PaymentAction): void {
    this.state = reducePayment(this.state, action);
    this.services().signals.setBusy(SALE_PHASES.has(this.state.phase));
    this.host.requestUpdate();
  }

}

/** The refusal text for the current amount, if any. */
export function amountError(state: PaymentState): string {
  return state.phase === 'amount' && state.error ? amountErrorText(state.error) : '';
}
