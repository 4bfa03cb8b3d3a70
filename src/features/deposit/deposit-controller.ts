/**
 * The deposit screen's controller: the only place the screen subscribes. Wires takeDeposit,
 * lookupDeposit / settleDeposit and depositRecovery to the app's services, folds their events
 * into the DepositView the screen renders, prints the deposit receipt and speaks the results.
 * Recovery runs once per app start (deposit-startup.ts, started by the composition root); the open list
 * refreshes when it changes a deposit.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Subject, Subscription, exhaustMap, type Observable } from 'rxjs';
import type { Fen } from '@cpay/protocol';
import type { AppServices } from '../../app/context/services.js';
import { depositReceipt } from './deposit-receipt.js';
import { DEPOSIT_VIEW_IDLE, isDepositBusy, reduceSettle, reduceTake, type DepositEvent, type DepositView, type SettleEvent } from './deposit-events.js';
import { checkCustomerCode } from '../../kernel/customer-code.js';
import { parseYuan } from '../../kernel/money.js';
import type { DepositDeps, DepositServices } from './deposit-deps.js';
import { lookupDeposit, settleDeposit } from './deposit-settle.js';
import { takeQrDeposit } from './deposit-qr.js';
import { takeDeposit } from './deposit-take.js';
import { td } from '../../i18n/deposit.js';
import type { BindingRecord } from '../../kernel/binding.js';
import { announceDeposit } from './deposit-startup.js';
import type { DepositRecord } from './deposit.js';
import { depositScans, typingInField, type DepositFocus, type DepositScan } from './deposit-scans.js';

type SettleIntent = { readonly type: 'lookup'; readonly no: string } | { readonly type: 'settle'; readonly no: string; readonly used: Fen };

/** The desk's fields as the screen renders them (the controller reads, clears and focuses them). */
export interface DeskFields {
  value(field: DeskField): string;
  set(field: DeskField, value: string): void;
  focus(field: DeskField): void;
  /** The field with the focus, if it is one of the desk's. */
  focused(): DeskField | undefined;
}
/** The deposit screen's text fields. */
export type DeskField = 'amount' | 'code' | 'lookup' | 'used';

/** Drives one deposit screen. */
export class DepositController implements ReactiveController {
  view: DepositView = DEPOSIT_VIEW_IDLE;
  /** A refusal of the typed amount or code (before anything is sent), in shop language. */
  inputError = '';
  /** The last text spoken (also shown on screen). */
  spoken = '';
  /**
   * A QR deposit still waiting for the customer that this screen did not start (the app was
   * reloaded while its QR showed): recovery keeps asking cpay about it, the desk shows its QR again
   * until it is frozen, failed or past its expiry.
   */
  recoveredQr: DepositRecord | undefined;
  /** A deposit from a scanned customer code (micro_freeze), or by the customer scanning our QR (scancode_freeze). */
  private readonly takes = new Subject<{ readonly amount: Fen; readonly code: string } | { readonly amount: Fen; readonly qr: true }>();
  private readonly settles = new Subject<SettleIntent>();
  private subs: Subscription | undefined;
  private binding: BindingRecord | undefined;
  /** A wedge burst that landed in the amount field was handled: its Enter is not the cashier's. */
  private burstHandled = false;
  private deskDeps: DepositDeps | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly services: () => AppServices,
    private readonly fields: DeskFields,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    const s = this.services();
    const d = s.deposits;
    const depositDeps = s.flowDeps.deposit;
    if (!d || !depositDeps) return;
    const deps = depositDeps({
      say: (x) => {
        this.spoken = announceDeposit(s.voice, x);
        this.host.requestUpdate();
      },
    });
    this.deskDeps = deps;
    const subs = new Subscription();
    subs.add(
      s.binding$.subscribe((b) => {
        this.binding = b;
      }),
    );
    const take$: Observable<DepositEvent> = this.takes.pipe(
      exhaustMap((t) => ('qr' in t ? takeQrDeposit(t.amount, deps) : takeDeposit(t.amount, t.code, deps))),
    );
    const settle$: Observable<SettleEvent> = this.settles.pipe(
      exhaustMap((i) => (i.type === 'lookup' ? lookupDeposit(i.no, deps) : settleDeposit(i.no, i.used, deps))),
    );
    subs.add(
      take$.subscribe((e) => {
        this.view = reduceTake(this.view, e);
        this.onTake(s, d, e);
        this.changed(s);
      }),
    );
    subs.add(
      settle$.subscribe((e) => {
        this.view = reduceSettle(this.view, e);
        this.onSettle(e, d);
        this.changed(s);
      }),
    );
    if (d.changed$)
      subs.add(
        d.changed$.subscribe((text) => {
          if (text) this.spoken = text;
          void this.refreshOpen(d);
        }),
      );
    const focus = (): DepositFocus => (this.fields.focused() === 'amount' ? 'amount' : typingInField(document));
    if (s.devices) subs.add(depositScans(s.devices.hub, focus).subscribe((x) => this.onScan(x)));
    void this.refreshOpen(d);
    this.subs = subs;
  }

  hostDisconnected(): void {
    this.subs?.unsubscribe();
    this.subs = undefined;
    this.services().signals.setBusy(false);
  }

  /**
   * Enter in the amount field (called after the keydown has run its course, so a wedge burst that
   * ended there was already taken by the scan hub): a valid amount moves the focus to the code
   * field, where the scanner's next burst lands; with a code already there the deposit is taken.
   */
  amountEntered(): void {
    if (this.burstHandled) {
      this.burstHandled = false;
      return;
    }
    const parsed = parseYuan(this.fields.value('amount'));
    if (!parsed.ok) {
      this.refuse(td('deposit.refusal.amount'), 'amount');
      return;
    }
    if (this.fields.value('code').trim() !== '') {
      this.take(this.fields.value('amount'), this.fields.value('code'));
      return;
    }
    this.inputError = '';
    this.fields.focus('code');
    this.host.requestUpdate();
  }

  /** Takes a deposit of `amountText` yuan from the scanned `code`; refusals name the field. */
  take(amountText: string, code: string): void {
    const parsed = parseYuan(amountText);
    if (!parsed.ok) {
      this.refuse(td('deposit.refusal.amount'), 'amount');
      return;
    }
    const check = checkCustomerCode(code);
    if (!check.ok) {
      this.fields.set('code', '');
      this.refuse(td(`deposit.code.${check.error.kind}`, { length: 'length' in check.error ? check.error.length : 0 }), 'code');
      return;
    }
    this.inputError = '';
    this.fields.set('code', '');
    this.takes.next({ amount: parsed.fen, code: check.code });
    this.host.requestUpdate();
  }

  /** The customer scans the terminal's QR to leave a deposit of `amountText` yuan (Alipay only). */
  takeQr(amountText: string): void {
    const parsed = parseYuan(amountText);
    if (!parsed.ok) {
      this.refuse(td('deposit.refusal.amount'), 'amount');
      return;
    }
    if (isDepositBusy(this.view)) return;
    this.inputError = '';
    this.takes.next({ amount: parsed.fen, qr: true });
    this.host.requestUpdate();
  }

  private refuse(text: string, field: DeskField): void {
    this.inputError = text;
    this.fields.focus(field);
    this.host.requestUpdate();
  }

  /** A scan from the hub: a customer code takes the deposit (typed amount), a receipt number opens it. */
  private onScan(x: DepositScan): void {
    if (x.inAmount !== undefined) {
      // The burst was typed into the amount field: take it back out; its Enter is not the cashier's.
      const typed = this.fields.value('amount');
      this.fields.set('amount', typed.endsWith(x.inAmount) ? typed.slice(0, -x.inAmount.length) : typed);
      this.burstHandled = true;
      setTimeout(() => {
        this.burstHandled = false;
      }, 50);
    }
    if (x.kind === 'receipt') {
      this.lookup(x.no);
      return;
    }
    const amount = this.fields.value('amount');
    if (amount.trim() !== '') {
      this.take(amount, x.code);
      return;
    }
    this.fields.set('code', x.code);
    this.refuse(td('deposit.scan.amountFirst'), 'amount');
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

  /** Lists the deposit as soon as it is journaled; prints the receipt once it is frozen; readies the desk. */
  private onTake(s: AppServices, d: DepositServices, e: DepositEvent): void {
    if (e.type !== 'polling') void this.refreshOpen(d);
    if (e.type !== 'taken') return;
    const r = e.result;
    // Ready for the next: a frozen (or still unknown, recovery keeps asking) deposit clears the desk;
    // a failed one keeps the amount so the customer can show another code.
    if (r.outcome !== 'failed') this.fields.set('amount', '');
    this.fields.set('code', '');
    this.fields.focus(r.outcome === 'failed' ? 'code' : 'amount');
    if (r.outcome !== 'frozen' || !d.print) return;
    const b = this.binding;
    d.print(
      depositReceipt({
        shopName: b?.shopName ?? '',
        deviceName: b?.deviceName ?? '',
        at: s.clock.serverNow(),
        outFreezeNo: r.outFreezeNo,
        amountFen: r.amount,
        platformLabel: r.platform ? td(`deposit.platform.${r.platform}`) : '',
        statusLabel: td('deposit.status.frozen'),
        labels: {
          title: td('deposit.receipt.title'),
          no: td('deposit.receipt.no'),
          amount: td('deposit.receipt.amount'),
          state: td('deposit.card.state'),
          keep: td('deposit.receipt.keep'),
          device: td('deposit.receipt.device'),
          time: td('deposit.receipt.time'),
          yuan: td('deposit.receipt.yuan'),
        },
      }),
    );
  }

  /**
   * A lookup shows a deposit with an empty "used" field (an earlier deposit's figure is never carried
   * over), focused when the deposit can be settled; a settlement that went out is followed by a fresh read of the journal and cpay, so the
   * card never shows the deposit as it was before (已冻结 after it was settled).
   */
  private onSettle(e: SettleEvent, d: DepositServices): void {
    if (e.type === 'looked_up') {
      this.fields.set('used', '');
      // Keyboard first: a deposit that can be settled is picked to be settled, so its first action
      // (the amount used) has the focus once it shows.
      if (e.record.status === 'frozen') {
        this.host.requestUpdate();
        this.fields.focus('used');
      }
      return;
    }
    if (e.type !== 'done') return;
    void this.refreshOpen(d);
    const r = e.result;
    if (r.outcome === 'refused' && r.refusal.kind !== 'already_settled') return;
    this.fields.set('used', '');
    // Ready for the next customer, as after a deposit is taken: what is typed or scanned next lands
    // in the amount, not in the settled deposit's "used" field.
    this.fields.focus('amount');
    const deps = this.deskDeps;
    if (!deps || !this.view.settle.record) return;
    const no = r.outFreezeNo;
    lookupDeposit(no, deps).subscribe((x) => {
      if (x.type !== 'looked_up' || this.view.settle.record?.outFreezeNo !== no) return;
      this.view = { ...this.view, settle: { ...this.view.settle, record: x.record, server: x.server } };
      this.host.requestUpdate();
    });
  }

  private async refreshOpen(d: DepositServices): Promise<void> {
    try {
      const open = await d.journal.listOpen();
      const now = this.services().clock.serverNow();
      this.view = { ...this.view, open };
      this.recoveredQr = open.find((r) => r.via === 'qr' && r.status === 'pending' && r.codeUrl && (r.qrExpiresAt ?? 0) > now);
      this.host.requestUpdate();
    } catch (err: unknown) {
      console.warn('[deposit] could not list open deposits', err);
    }
  }

  private changed(s: AppServices): void {
    s.signals.setBusy(isDepositBusy(this.view));
    this.host.requestUpdate();
  }
}
