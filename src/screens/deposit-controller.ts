/**
 * The deposit screen's controller: the only place the screen subscribes. Wires takeDeposit,
 * lookupDeposit / settleDeposit and depositRecovery to the app's services, folds their events
 * into the DepositView the screen renders, prints the deposit receipt and speaks the results.
 * Recovery runs once per app start (deposit-startup.ts); the open list refreshes when it changes a deposit.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Subject, Subscription, exhaustMap, type Observable } from 'rxjs';
import type { Fen } from '@cpay/protocol';
import type { AppServices } from '../app/services.js';
import { depositReceipt } from '../domain/deposit-receipt.js';
import { DEPOSIT_VIEW_IDLE, isDepositBusy, reduceSettle, reduceTake, type DepositEvent, type DepositView, type SettleEvent } from '../domain/deposit-events.js';
import { parseYuan } from '../domain/money.js';
import type { DepositDeps, DepositServices } from '../flows/deposit-deps.js';
import { lookupDeposit, settleDeposit } from '../flows/deposit-settle.js';
import { takeDeposit } from '../flows/deposit-take.js';
import { td } from '../i18n/deposit.js';
import type { BindingRecord } from '../storage/schema.js';
import { depositChanged$, depositDepsOf, resumeDeposits } from './deposit-startup.js';
import { depositScans, typingInField, type DepositScan } from './deposit-scans.js';
import type { TerminalSettings } from './checkout-terminal.js';

type SettleIntent = { readonly type: 'lookup'; readonly no: string } | { readonly type: 'settle'; readonly no: string; readonly used: Fen };

/** Drives one deposit screen. */
export class DepositController implements ReactiveController {
  view: DepositView = DEPOSIT_VIEW_IDLE;
  /** A refusal of the typed amount (before anything is sent). */
  inputError = '';
  /** The last text spoken (also shown on screen). */
  spoken = '';
  /** A customer code scanned through the hub (shown in the code field). */
  scannedCode = '';
  private readonly takes = new Subject<{ readonly amount: Fen; readonly code: string }>();
  private readonly settles = new Subject<SettleIntent>();
  private subs: Subscription | undefined;
  private binding: BindingRecord | undefined;
  private appCpayVersion = '1.0.0';
  private settings: TerminalSettings | undefined;

  /** `amountText()` reads the typed deposit amount when a customer code is scanned. */
  constructor(private readonly host: ReactiveControllerHost, private readonly services: () => AppServices, private readonly amountText: () => string = () => '') {
    host.addController(this);
  }

  hostConnected(): void {
    const s = this.services();
    const d = s.deposits;
    if (!d) return;
    const deps = this.deps(s, d);
    const subs = new Subscription();
    subs.add(s.binding$.subscribe((b) => { this.binding = b; }));
    subs.add(s.preferences.settings$.subscribe((x) => { this.appCpayVersion = x.appCpayVersion; this.settings = x; }));
    const take$: Observable<DepositEvent> = this.takes.pipe(exhaustMap((t) => takeDeposit(t.amount, t.code, deps)));
    const settle$: Observable<SettleEvent> = this.settles.pipe(exhaustMap((i) => (i.type === 'lookup' ? lookupDeposit(i.no, deps) : settleDeposit(i.no, i.used, deps))));
    subs.add(take$.subscribe((e) => { this.view = reduceTake(this.view, e); this.onTake(s, d, e); this.changed(s); }));
    subs.add(settle$.subscribe((e) => { this.view = reduceSettle(this.view, e); if (e.type === 'done') void this.refreshOpen(d); this.changed(s); }));
    subs.add(depositChanged$.subscribe((text) => { if (text) this.spoken = text; void this.refreshOpen(d); }));
    if (s.devices) subs.add(depositScans(s.devices.hub, () => typingInField(document)).subscribe((x) => this.onScan(x)));
    resumeDeposits(s);
    void this.refreshOpen(d);
    this.subs = subs;
  }

  hostDisconnected(): void {
    this.subs?.unsubscribe();
    this.subs = undefined;
    this.services().signals.setBusy(false);
  }

  /** Takes a deposit of `amountText` yuan from the scanned `code`. */
  take(amountText: string, code: string): void {
    const parsed = parseYuan(amountText);
    this.inputError = parsed.ok ? '' : td('deposit.refusal.amount');
    if (parsed.ok && code.trim() !== '') { this.takes.next({ amount: parsed.fen, code: code.trim() }); this.scannedCode = ''; }
    this.host.requestUpdate();
  }

  /** A scan from the hub: a customer code takes the deposit (typed amount), a receipt number opens it. */
  private onScan(x: DepositScan): void {
    if (x.kind === 'receipt') { this.lookup(x.no); return; }
    this.scannedCode = x.code;
    if (this.amountText().trim() !== '') this.take(this.amountText(), x.code);
    else { this.inputError = td('deposit.scan.amountFirst'); this.host.requestUpdate(); }
  }

  /** Shows a deposit (scanned receipt barcode or typed number). */
  lookup(no: string): void {
    if (no.trim() !== '') this.settles.next({ type: 'lookup', no: no.trim() });
  }

  /** Settles the shown deposit: `usedText` yuan consumed (0 = unfreeze in full). */
  settle(usedText: string): void {
    const no = this.view.settle.record?.outFreezeNo;
    const typed = parseYuan(usedText);
    const parsed = !typed.ok && typed.error.kind === 'zero' ? { ok: true as const, fen: 0 as Fen } : typed; // 0 = release in full
    this.inputError = parsed.ok ? '' : td('deposit.refusal.amount');
    if (no && parsed.ok) this.settles.next({ type: 'settle', no, used: parsed.fen });
    this.host.requestUpdate();
  }

  /** Lists the deposit as soon as it is journaled; prints the receipt once it is frozen. */
  private onTake(s: AppServices, d: DepositServices, e: DepositEvent): void {
    if (e.type !== 'polling') void this.refreshOpen(d);
    if (e.type !== 'taken') return;
    const r = e.result;
    if (r.outcome !== 'frozen' || !d.print) return;
    const b = this.binding;
    d.print(depositReceipt({
      shopName: b?.shopName ?? '', deviceName: b?.deviceName ?? '', at: s.clock.serverNow(), outFreezeNo: r.outFreezeNo, amountFen: r.amount,
      platformLabel: r.platform ?? '', statusLabel: td('deposit.status.frozen'),
      labels: { title: td('deposit.receipt.title'), no: td('deposit.receipt.no'), amount: td('deposit.receipt.amount'), state: td('deposit.card.state'),
        keep: td('deposit.receipt.keep'), device: 'Device', time: 'Time', yuan: '¥' },
    }));
  }

  private async refreshOpen(d: DepositServices): Promise<void> {
    try {
      this.view = { ...this.view, open: await d.journal.listOpen() };
      this.host.requestUpdate();
    } catch (err: unknown) {
      console.warn('[deposit] could not list open deposits', err);
    }
  }

  private changed(s: AppServices): void {
    s.signals.setBusy(isDepositBusy(this.view));
    this.host.requestUpdate();
  }

  private deps(s: AppServices, d: DepositServices): DepositDeps {
    return depositDepsOf(s, d, () => this.binding, () => this.appCpayVersion, (text) => { this.spoken = text; this.host.requestUpdate(); }, () => this.settings);
  }
}
