/**
 * The fault matrix's checker, fed crafted truths and screens: every violation kind fires when its
 * case is there and stays quiet when it is not (issue 15 "the checker is tested").
 */
import { describe, expect, it } from 'vitest';
import { encodeReceipt } from '../../src/platform/devices/printer/escpos.js';
import { LAYOUT_58MM } from '../../src/platform/devices/printer/model.js';
import { paymentReceipt, refundReceipt } from '../../src/kernel/receipt.js';
import { receiptViolations, splitReceipts } from './paper.js';
import { FAULTS_OF, parsePlan, planRuns } from './plan.js';
import { CHUNK, expectedPaper } from './print-runs.js';
import { faultsNeverFired, vacuousRuns } from './summary.js';
import { countReports, NEVER_REACHED, reportViolations, saleViolations, successesIn, type RunResult, type SaleStart, type TruthOrder } from './truth.js';

const order = (otn: string, paid: boolean, extra: Partial<TruthOrder> = {}): TruthOrder => ({
  out_trade_no: otn,
  paid,
  state: paid ? 'success' : 'failed',
  trade_type: 1,
  total_fee: 1,
  refundable_fee: paid ? 1 : 0,
  refunds: [],
  ...extra,
});
const started: SaleStart = { amountConfirmed: true, codeEntered: true, mayBlock: false };
const shown = (phase: string, orderNo = 'A', final = true) => ({ final, phase, orderNo });

describe('saleViolations', () => {
  it('passes an honest success, decline and cancellation', () => {
    expect(saleViolations(started, shown('success'), [order('A', true)])).toEqual([]);
    expect(saleViolations(started, shown('failed'), [order('A', false)])).toEqual([]);
    expect(saleViolations(started, shown('cancelled'), [order('A', false)])).toEqual([]);
  });

  it('a run whose sale never started is vacuous, not passed', () => {
    const noAmount = saleViolations({ ...started, amountConfirmed: false }, shown('idle', '', true), []);
    const noCode = saleViolations({ ...started, codeEntered: false }, shown('awaiting_code', '', true), []);
    expect(noAmount).toEqual([expect.stringMatching(/^vacuous: no sale ran \(the amount was not confirmed/)]);
    expect(noCode).toEqual([expect.stringMatching(/^vacuous: no sale ran \(the customer code was not taken/)]);
  });

  it('charged twice, and more than one order for one sale', () => {
    const v = saleViolations(started, shown('success'), [order('A', true), order('B', true)]);
    expect(v).toContain('charged twice: A, B');
    expect(v).toContain('one sale made 2 orders at cpay: A, B');
    expect(saleViolations(started, shown('success'), [order('A', true), order('B', false)])).toEqual(['one sale made 2 orders at cpay: A, B']);
  });

  it('success shown for an unpaid order (or for no order)', () => {
    expect(saleViolations(started, shown('success'), [order('A', false)])).toEqual(['success shown for unpaid order A']);
    expect(saleViolations(started, shown('success', ''), [])).toContain('success shown for unpaid order (none)');
  });

  it('a charged order shown as failed or cancelled', () => {
    expect(saleViolations(started, shown('failed'), [order('A', true)])).toEqual(['charged order A shown as failed']);
    expect(saleViolations(started, shown('cancelled'), [order('A', true)])).toEqual(['charged order A shown as cancelled']);
  });

  it('the screen names another order than the one this sale made', () => {
    expect(saleViolations(started, shown('failed', 'OLD'), [order('A', false)])).toEqual([
      "the screen names order OLD, which is not this sale's order at cpay (A)",
    ]);
  });

  it('"cpay never received it" is told apart from "no sale ran" and from "not settled"', () => {
    expect(saleViolations(started, shown('polling', 'A', false), [])).toEqual([NEVER_REACHED]);
    expect(saleViolations(started, shown('polling', 'A', false), [order('A', false, { state: 'user_paying' })])[0]).toMatch(
      /^not settled after the network returned \(phase polling; server: A user_paying/,
    );
  });

  it('a sale that ended with no order at cpay, unless a fault may have kept the request from leaving', () => {
    expect(saleViolations(started, shown('failed', ''), [])).toEqual([
      'the sale ended as failed but cpay never received it: no order at cpay although no fault kept the request from leaving',
    ]);
    expect(saleViolations({ ...started, mayBlock: true }, shown('failed', ''), [])).toEqual([]);
    expect(saleViolations({ ...started, mayBlock: true }, shown('success', ''), [])).toContain('success shown for unpaid order (none)');
  });
});

describe('reports once, globally', () => {
  const report = (nonce: string, otns: string[], deliveries = 1) => ({
    content: { nonce_str: nonce, api_calling_infos: otns.map((o) => ({ out_trade_no: o })) },
    deliveries,
  });

  it('a batch resent with the same nonce is one batch; a new nonce is a second batch', () => {
    const counts = countReports([report('n1', ['A', 'B'], 2), report('n2', ['B'])]);
    expect(counts.get('A')).toEqual({ batches: 1, deliveries: 2 });
    expect(counts.get('B')).toEqual({ batches: 2, deliveries: 3 });
  });

  const counted = (nonce: string, otns: string[], successes: number) => ({
    content: { nonce_str: nonce, api_calling_infos: otns.map((o) => ({ out_trade_no: o })), wx_pay_success_count: successes },
  });

  it('every paid order counted in exactly one batch; every final micropay order named in one; none named in two', () => {
    const orders = [order('A', true), order('B', true), order('C', false), order('S', true, { trade_type: 2 })];
    // A and B named, S (scan-code: no brief_micro_pay call) counted without a name, C failed and named: three successes, three paid orders.
    expect(reportViolations(orders, [counted('n1', ['A', 'B', 'C'], 3)])).toEqual([]);
    // The same batch delivered twice (same nonce) is still one batch.
    expect(reportViolations(orders, [counted('n1', ['A', 'B', 'C'], 3), counted('n1', ['A', 'B', 'C'], 3)])).toEqual([]);
    expect(reportViolations(orders, [counted('n1', ['A'], 1)])).toEqual([
      'micropay order B (success) is named in no device_report batch',
      'micropay order C (failed) is named in no device_report batch',
      'device_report batches count 1 successful payments, cpay has 3 paid orders (not named in any batch: B, S)',
    ]);
    // Resent with a new nonce: B is named twice and counted twice.
    expect(reportViolations(orders, [counted('n1', ['A', 'B'], 3), counted('n2', ['B'], 1)])).toEqual([
      'order B is in 2 device_report batches',
      'micropay order C (failed) is named in no device_report batch',
      'device_report batches count 4 successful payments, cpay has 3 paid orders (not named in any batch: S)',
    ]);
    expect(reportViolations(orders, [counted('n1', ['A', 'B', 'C'], 3), counted('n2', ['C'], 0)])).toEqual(['order C is in 2 device_report batches']);
  });

  it('a micropay order settled after a reload is counted but not named: a violation (its calls must be reported)', () => {
    const orders = [order('A', true), order('R', true)];
    // R counted in the success counters, but no api_calling_infos entry names it.
    expect(reportViolations(orders, [counted('n1', ['A'], 2)])).toEqual(['micropay order R (success) is named in no device_report batch']);
    expect(reportViolations(orders, [counted('n1', ['A'], 1), counted('n2', ['R'], 1)])).toEqual([]);
  });

  it('a micropay order cpay still moves (the customer is paying) is not required yet; once final it is', () => {
    const paying = order('P', false, { state: 'paying' });
    expect(reportViolations([paying], [])).toEqual([]);
    expect(reportViolations([{ ...paying, state: 'closed' }], [])).toEqual(['micropay order P (closed) is named in no device_report batch']);
  });

  it("reads Alipay's counter under the seeds' spelling too", () => {
    expect(successesIn({ ali_pay_sucess_count: 2, wx_pay_success_count: 1 })).toBe(3);
    expect(successesIn({ ali_pay_success_count: 2, other_pay_success_count: 1 })).toBe(3);
  });
});

describe('expectedPaper (printer runs)', () => {
  const bytes = Uint8Array.from({ length: CHUNK * 2 + 10 }, (_, i) => i % 251);
  const enc = { bytes, lineStarts: [0, CHUNK, CHUNK * 2] };

  it('no pull: exactly the receipt', () => {
    expect(expectedPaper(enc, [])).toEqual(bytes);
  });

  it('a pull repeats only the part of its chunk that reached the printer', () => {
    const paper = expectedPaper(enc, [5]);
    expect(paper.length).toBe(bytes.length + 5);
    expect([...paper.subarray(0, 5)]).toEqual([...bytes.subarray(0, 5)]);
    expect([...paper.subarray(5)]).toEqual([...bytes]);
  });
});

describe('fired, not planned; vacuous runs', () => {
  const result = (faults: string[], fired: string[], violations: string[] = []): RunResult => ({ n: 0, flow: 'pay', faults, fired, violations, ms: 1 });

  it('a planned fault that never acted is reported as never fired', () => {
    const never = faultsNeverFired([result(['hang', 'reload'], ['reload'])]);
    expect(never).toContain('hang');
    expect(never).not.toContain('reload');
  });

  it('printer runs must see the printer pulled at least once', () => {
    const print = (fired: string[]): RunResult => ({ n: 1, flow: 'print', faults: ['printer_unplug'], fired, violations: [], ms: 1 });
    expect(faultsNeverFired([print([])])).toContain('printer_unplug');
    expect(faultsNeverFired([print([]), print(['printer_unplug'])])).not.toContain('printer_unplug');
    expect(faultsNeverFired([result(['hang'], ['hang'])])).not.toContain('printer_unplug');
  });

  it('vacuous runs are counted apart', () => {
    expect(vacuousRuns([result([], [], ['vacuous: no sale ran (x)']), result([], [], ['charged twice: A, B'])])).toHaveLength(1);
  });

  it('a fixed plan parses, and a misspelt fault is refused', () => {
    expect(parsePlan('pay:reload+cut_after:9106,report:none')).toEqual([
      expect.objectContaining({ n: 0, flow: 'pay', faults: ['reload', 'cut_after'], scenario: '9106' }),
      expect.objectContaining({ n: 1, flow: 'report', faults: [] }),
    ]);
    expect(() => parsePlan('pay:reloda')).toThrow(/unknown fault "reloda"/);
  });
});

describe('receipts once (paper of the real app)', () => {
  const header = { shopName: '测试门店', deviceName: 'T1', at: 1_763_800_000_000 };
  const pay = (otn: string) =>
    encodeReceipt(paymentReceipt({ ...header, outTradeNo: otn, platform: 'wechat', amountFen: 100, status: 'success' }), LAYOUT_58MM).bytes;
  const refund = (otn: string) =>
    encodeReceipt(refundReceipt({ ...header, outTradeNo: otn, outRefundNo: `${otn}R`, platform: 'wechat', refundFen: 1 }), LAYOUT_58MM).bytes;
  const paper = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

  it('one payment receipt per paid order passes; a refund receipt naming the order does not count', () => {
    const receipts = splitReceipts(paper(pay('0100005201'), pay('0100005202'), refund('0100005201')));
    expect(receipts).toHaveLength(3);
    expect(receiptViolations([order('0100005201', true), order('0100005202', true), order('0100005203', false)], receipts)).toEqual([]);
  });

  it('a second receipt, a missing one and one for an unpaid order are each reported', () => {
    const receipts = splitReceipts(paper(pay('0100005201'), pay('0100005201'), pay('0100005203')));
    expect(receiptViolations([order('0100005201', true), order('0100005202', true), order('0100005203', false)], receipts)).toEqual([
      'paid order 0100005201: 2 payment receipts on the paper',
      'paid order 0100005202: 0 payment receipts on the paper',
      'unpaid order 0100005203: 1 payment receipts on the paper',
    ]);
  });

  it('a receipt cut off by a reload and finished on the next page is one receipt', () => {
    const bytes = pay('0100005201');
    const cut = Math.floor(bytes.length / 2);
    expect(receiptViolations([order('0100005201', true)], splitReceipts(paper(bytes.subarray(0, cut), bytes.subarray(cut))))).toEqual([]);
  });
});

describe('deposit runs in the matrix (issue 14 point 3)', () => {
  it('a full plan draws deposit consumptions and refunds of consumptions, and a fixed plan names them', () => {
    const flows = planRuns(20261122, 200).map((r) => r.flow);
    expect(flows.filter((f) => f === 'deposit').length).toBeGreaterThan(10);
    expect(flows.filter((f) => f === 'deposit_refund').length).toBeGreaterThan(10);
    expect(
      planRuns(20261122, 200)
        .filter((r) => r.flow === 'deposit')
        .every((r) => r.faults.every((f) => FAULTS_OF.deposit.includes(f))),
    ).toBe(true);
    expect(parsePlan('deposit:cut_after::alipay,deposit_refund:status3')).toEqual([
      expect.objectContaining({ flow: 'deposit', faults: ['cut_after'], platform: 'alipay' }),
      expect.objectContaining({ flow: 'deposit_refund', faults: ['status3'] }),
    ]);
  });

  it('a deposit consumption is an order but not a payment of this till: no device_report count, no payment receipt', () => {
    const consumption = order('C1', true, { out_freeze_no: 'F1', state: 'consumed' });
    expect(
      reportViolations(
        [order('A', true), consumption],
        [{ content: { nonce_str: 'n1', api_calling_infos: [{ out_trade_no: 'A' }], wx_pay_success_count: 1 } }],
      ),
    ).toEqual([]);
    expect(receiptViolations([consumption], [])).toEqual([]);
    // The same order without the deposit is a payment: uncounted and without receipt it is reported.
    expect(receiptViolations([order('C1', true)], [])).toEqual(['paid order C1: 0 payment receipts on the paper']);
  });
});
