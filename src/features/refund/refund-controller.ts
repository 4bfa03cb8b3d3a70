/**
 * The refund screen's controller: the only place the screen subscribes. Wires the refund flow
 * to the app's services, folds its events into the RefundState the screen renders, and opens
 * the order history (or a scan) asked for through `afterSale.refundTarget$`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Subject, Subscription } from 'rxjs';
import type { AppServices } from '../../app/context/services.js';
import { REFUND_IDLE, reduceRefund, type RefundResult, type RefundState } from './refund-events.js';
import { refundReceipt } from '../../kernel/receipt.js';
import { refundFlow, type RefundIntent } from './refund-flow.js';
import { reconcileRefunds } from './refund-reconcile.js';
import type { AfterSaleServices } from './refund-services.js';
import type { BindingRecord } from '../../kernel/binding.js';
import { isValidPin } from './refund-pin.js';
import type { StaffMember } from '../staff/staff.js';
import { DEFAULT_SETTINGS } from '../settings/settings.js';
import { tr } from '../../i18n/refund.js';
import type { ClassifiedScan, RawScan } from '../../platform/devices/scanner/index.js';
import { refundScanOf } from './refund-scans.js';
import { withAuthorizer } from './refund-deps.js';

/** What the controller asks its screen about keyboard-wedge scans (refund-scans.ts). */
export interface RefundScanView {
  /** True while the order-number lookup field has the focus (a wedge burst lands there and its form looks it up). */
  lookupFocused(): boolean;
  /** Takes a wedge burst the controller acts on back from the focused element: its typed keys and its Enter. */
  takeBack(scan: RawScan): void;
}

/** Drives one refund screen. */
export class RefundController implements ReactiveController {
  state: RefundState = REFUND_IDLE;
  pinRequired = false;
  private readonly intents = new Subject<RefundIntent>();
  private subs: Subscription | undefined;
  private binding: BindingRecord | undefined;
  /** The manager who authorised the refund being sent (above the cashier limit); cleared when it settles. */
  private authorizer: StaffMember | undefined;
  /** Refunds above this need a manager when a cashier is signed in (settings, fleet defaults). */
  cashierLimitFen = DEFAULT_SETTINGS.cashierRefundLimitFen;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly services: () => AppServices & { readonly afterSale: AfterSaleServices },
    private readonly view: RefundScanView,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    const s = this.services();
    const subs = new Subscription();
    subs.add(
      s.binding$.subscribe((b) => {
        this.binding = b;
      }),
    );
    subs.add(
      s.preferences.settings$.subscribe((x) => {
        this.cashierLimitFen = x.cashierRefundLimitFen;
      }),
    );
    subs.add(
      // The composition root's refund ports, with the manager who authorised this refund (if any) as its authorising staff.
      refundFlow(this.intents, { ...s.flowDeps.refund, terminal: () => withAuthorizer(s.flowDeps.refund.terminal(), this.authorizer) }).subscribe((e) => {
        this.state = reduceRefund(this.state, e);
        if (e.type === 'settled') {
          this.printReceipt(s, e.result);
          this.authorizer = undefined;
        }
        s.signals.setBusy(this.state.busy);
        this.host.requestUpdate();
      }),
    );
    subs.add(
      s.afterSale.refundTarget$.subscribe((otn) => {
        if (otn) this.lookup(otn);
      }),
    );
    // A receipt's barcode from any scanner; a wedge scan into the focused lookup field is that field's.
    if (s.devices) subs.add(s.devices.hub.waitFor((c) => c.kind === 'order_no').subscribe((x) => this.onScan(x)));
    // Refunds left open by a reload or an ended settle watch: ask cpay once per visit.
    subs.add(reconcileRefunds({ ...s.flowDeps.refund, ledger: s.afterSale.refunds }).subscribe());
    void s.afterSale.pin.required().then(
      (r) => {
        this.pinRequired = r;
        this.host.requestUpdate();
      },
      () => undefined,
    );
    this.subs = subs;
  }

  hostDisconnected(): void {
    this.subs?.unsubscribe();
    this.subs = undefined;
    this.services().signals.setBusy(false);
  }

  /** Shows an order (scanned barcode, typed number, history entry). */
  lookup(outTradeNo: string): void {
    if (outTradeNo.trim() !== '') this.intents.next({ type: 'lookup', outTradeNo });
  }

  /** Refunds `amountText` of the shown order; `authorizer`: the manager who authorised it (above the cashier limit). */
  refund(amountText: string, pin: string, authorizer?: StaffMember): void {
    const otn = this.state.order?.outTradeNo;
    // Never from a provisional card (this terminal's journal, cpay not yet asked back): cpay confirms first.
    if (!otn || this.state.busy || this.state.order?.provisional) return;
    this.authorizer = authorizer;
    this.intents.next({ type: 'refund', outTradeNo: otn, amountText, ...(pin ? { pin } : {}) });
  }

  /** Sets, changes or removes the manager PIN; resolves to the message to show. */
  async changePin(current: string, next: string): Promise<string> {
    const pin = this.services().afterSale.pin;
    if (this.pinRequired && !(await pin.verify(current))) return tr('refund.pinSettings.wrong');
    if (next !== '' && !isValidPin(next)) return tr('refund.pinSettings.invalid');
    await pin.set(next === '' ? undefined : next);
    this.pinRequired = next !== '';
    this.host.requestUpdate();
    return tr(next === '' ? 'refund.pinSettings.removed' : 'refund.pinSettings.saved');
  }

  /**
   * A scanned receipt barcode opens its order. A wedge scan is left to the lookup field only when
   * that field has the focus; otherwise its keys and Enter are taken back first (synchronously,
   * while the Enter is dispatched), so it is never typed into the amount field nor submits a refund.
   */
  private onScan(x: ClassifiedScan): void {
    const scan = refundScanOf(x, this.view.lookupFocused());
    if (!scan) return;
    if (scan.takeBack) this.view.takeBack(x.scan);
    this.lookup(scan.orderNo);
  }

  /** A refund receipt for a refund cpay accepted or completed (spec §12), when a printer is wired. */
  private printReceipt(s: AppServices & { readonly afterSale: AfterSaleServices }, r: RefundResult): void {
    if (!s.afterSale.print || (r.outcome !== 'refunded' && r.outcome !== 'accepted')) return;
    const b = this.binding;
    s.afterSale.print(
      refundReceipt({
        shopName: b?.shopName ?? '',
        deviceName: b?.deviceName ?? '',
        ...(b?.staffName ? { cashier: b.staffName } : {}),
        at: s.clock.serverNow(),
        outTradeNo: r.outTradeNo,
        outRefundNo: r.outRefundNo,
        // A bookkeeping refund names its method (现金 / 银行卡), as the sale's receipt did.
        platform:
          r.platform !== 'bookkeeping'
            ? r.platform
            : this.state.order?.subPayPlatform === 401
              ? 'bank_card'
              : this.state.order?.subPayPlatform === 402
                ? 'cash'
                : 'bookkeeping',
        refundFen: r.amount,
        outcome: r.outcome,
      }),
    );
  }
}
