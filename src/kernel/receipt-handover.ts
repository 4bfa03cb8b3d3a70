/**
 * The shift handover receipt (交接班, issue 20): per payment method the count and amount, the
 * refunds, cpay's fees and the amount credited, deposits held and released, then the cash check:
 * float, cash sales and refunds, the expected cash, the count by denomination, the counted total
 * and the difference (over 长款 / short 短款) in large type, and lines for both signatures.
 * Amounts arrive as integer fen and leave as yuan strings. Pure.
 */
import { formatCst } from './china-time.js';
import { formatSignedFen } from './money.js';
import type { ReceiptDoc, ReceiptLine } from './receipt-doc.js';
import type { ReceiptLang } from './receipt-labels.js';

/** Methods the handover prints (the shift feature's methods). */
export type HandoverMethod = 'wechat' | 'alipay' | 'member' | 'cash' | 'card' | 'other';

/** One method's row. */
export interface HandoverRow {
  readonly method: HandoverMethod;
  readonly count: number;
  readonly amountFen: number;
  readonly refundCount: number;
  readonly refundFen: number;
}

/** A handover receipt's data. */
export interface HandoverReceipt {
  readonly shopName: string;
  readonly deviceName: string;
  /** Everyone on shift, in the order they joined. */
  readonly cashiers: readonly string[];
  /** Printed at (server ms). */
  readonly at: number;
  readonly from: number;
  readonly to: number;
  readonly lang?: ReceiptLang;
  readonly reprint?: boolean;
  readonly rows: readonly HandoverRow[];
  readonly feesFen?: number;
  readonly creditedFen?: number;
  /** Why cpay's figures are missing (printed so nobody reads the zeros as "none"). */
  readonly cpayError?: string;
  readonly deposits?: {
    readonly count: number;
    readonly frozenFen: number;
    readonly consumedFen: number;
    readonly releasedFen: number;
    readonly heldFen: number;
  };
  readonly drawerOpens?: number;
  readonly floatFen: number;
  readonly cashSalesFen: number;
  readonly cashRefundsFen: number;
  readonly expectedFen: number;
  /** Pieces per denomination (fen → pieces), largest first; only counted ones. */
  readonly counts: readonly { readonly denominationFen: number; readonly pieces: number }[];
  readonly countedFen: number;
  readonly differenceFen: number;
}

/** Every label the handover prints. */
export const HANDOVER_LABELS = {
  'zh-CN': {
    title: '交接班小票',
    reprint: '（重打）',
    device: '设备',
    cashiers: '收银员',
    printedAt: '打印时间',
    from: '开班',
    to: '交班',
    method: '支付方式',
    count: '笔数',
    amount: '金额',
    total: '收款合计',
    refunds: '退款',
    net: '净收款',
    fees: '手续费',
    credited: '入账金额',
    cpayMissing: '云支付数据未取到：',
    deposits: '押金',
    depositsFrozen: '冻结',
    depositsConsumed: '消费',
    depositsReleased: '退还',
    depositsHeld: '未结算',
    drawer: '钱箱打开次数',
    cashCheck: '现金核对',
    float: '备用金',
    cashSales: '现金收款',
    cashRefunds: '现金退款',
    expected: '应有现金',
    counted: '实点现金',
    difference: '差额',
    over: '长款',
    short: '短款',
    even: '平账',
    handedBy: '交班人签字',
    takenBy: '接班人签字',
    methods: { wechat: '微信支付', alipay: '支付宝', member: '会员卡', cash: '现金', card: '银行卡', other: '其他' },
  },
  en: {
    title: 'SHIFT HANDOVER',
    reprint: '(REPRINT)',
    device: 'Device',
    cashiers: 'Cashiers',
    printedAt: 'Printed',
    from: 'Opened',
    to: 'Closed',
    method: 'Method',
    count: 'Count',
    amount: 'Amount',
    total: 'Total taken',
    refunds: 'Refunds',
    net: 'Net',
    fees: 'Fees',
    credited: 'Credited',
    cpayMissing: 'Cloud Pay figures missing: ',
    deposits: 'Deposits',
    depositsFrozen: 'Held',
    depositsConsumed: 'Charged',
    depositsReleased: 'Returned',
    depositsHeld: 'Still held',
    drawer: 'Drawer opened',
    cashCheck: 'CASH CHECK',
    float: 'Float',
    cashSales: 'Cash sales',
    cashRefunds: 'Cash refunds',
    expected: 'Expected cash',
    counted: 'Counted cash',
    difference: 'Difference',
    over: 'over',
    short: 'short',
    even: 'balanced',
    handedBy: 'Handed over by',
    takenBy: 'Taken over by',
    methods: { wechat: 'WeChat Pay', alipay: 'Alipay', member: 'Member card', cash: 'Cash', card: 'Bank card', other: 'Other' },
  },
} as const;

/** "¥100", "¥0.5": a denomination on screen. */
export function denominationText(fen: number): string {
  return `¥${denominationValue(fen)}`;
}

const denominationValue = (fen: number): string => (fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(1));

/** "100元" / "100 yuan": a denomination on paper (a receipt printer's code page has no ¥). */
export function denominationPrinted(fen: number, lang: ReceiptLang = 'zh-CN'): string {
  return lang === 'en' ? `${denominationValue(fen)} yuan` : `${denominationValue(fen)}元`;
}

/** The difference with its sign and its word: "+1.00 长款", "-0.50 短款", "0.00 平账". */
export function differenceText(fen: number, lang: ReceiptLang = 'zh-CN'): string {
  const l = HANDOVER_LABELS[lang];
  const word = fen > 0 ? l.over : fen < 0 ? l.short : l.even;
  return `${fen > 0 ? '+' : ''}${formatSignedFen(fen)} ${word}`;
}

/** The handover receipt. Opens the drawer (the count is checked against it). */
export function handoverReceipt(h: HandoverReceipt): ReceiptDoc {
  const lang = h.lang ?? 'zh-CN';
  const l = HANDOVER_LABELS[lang];
  const col = (a: string, b: string, c?: string, bold?: boolean): ReceiptLine => ({
    kind: 'columns',
    cells: c === undefined ? [a, b] : [a, b, c],
    ...(bold ? { bold } : {}),
  });
  const count = h.rows.reduce((s, r) => s + r.count, 0);
  const gross = h.rows.reduce((s, r) => s + r.amountFen, 0);
  const refundCount = h.rows.reduce((s, r) => s + r.refundCount, 0);
  const refunds = h.rows.reduce((s, r) => s + r.refundFen, 0);
  const lines: ReceiptLine[] = [
    { kind: 'text', text: h.shopName, align: 'center', bold: true, size: 'double' },
    { kind: 'text', text: l.title + (h.reprint ? l.reprint : ''), align: 'center' },
    { kind: 'separator' },
    col(l.device, h.deviceName),
    ...(h.cashiers.length > 0 ? [col(l.cashiers, h.cashiers.join(lang === 'en' ? ', ' : '、'))] : []),
    col(l.from, formatCst(h.from)),
    col(l.to, formatCst(h.to)),
    col(l.printedAt, formatCst(h.at)),
    { kind: 'separator' },
    col(l.method, l.count, l.amount, true),
    ...h.rows.map((r) => col(l.methods[r.method], String(r.count), formatSignedFen(r.amountFen))),
    col(l.total, String(count), formatSignedFen(gross)),
    ...h.rows
      .filter((r) => r.refundCount > 0 || r.refundFen > 0)
      .map((r) => col(`${l.refunds}·${l.methods[r.method]}`, String(r.refundCount), formatSignedFen(-r.refundFen))),
    col(l.refunds, String(refundCount), formatSignedFen(-refunds)),
    col(l.net, '', formatSignedFen(gross - refunds), true),
    ...(h.feesFen !== undefined ? [col(l.fees, formatSignedFen(h.feesFen))] : []),
    ...(h.creditedFen !== undefined ? [col(l.credited, formatSignedFen(h.creditedFen))] : []),
    ...(h.cpayError !== undefined ? [{ kind: 'text', text: l.cpayMissing + h.cpayError } satisfies ReceiptLine] : []),
  ];
  if (h.deposits && h.deposits.count > 0) {
    lines.push(
      { kind: 'separator' },
      col(l.deposits, String(h.deposits.count), '', true),
      col(l.depositsFrozen, formatSignedFen(h.deposits.frozenFen)),
      col(l.depositsConsumed, formatSignedFen(h.deposits.consumedFen)),
      col(l.depositsReleased, formatSignedFen(h.deposits.releasedFen)),
      col(l.depositsHeld, formatSignedFen(h.deposits.heldFen)),
    );
  }
  if (h.drawerOpens !== undefined) lines.push(col(l.drawer, String(h.drawerOpens)));
  lines.push(
    { kind: 'separator', char: '=' },
    { kind: 'text', text: l.cashCheck, bold: true },
    col(l.float, formatSignedFen(h.floatFen)),
    col(l.cashSales, `+${formatSignedFen(h.cashSalesFen)}`),
    col(l.cashRefunds, formatSignedFen(-h.cashRefundsFen)),
    col(l.expected, formatSignedFen(h.expectedFen), undefined, true),
    { kind: 'separator' },
    ...h.counts.map((c) => col(`${denominationPrinted(c.denominationFen, lang)} × ${c.pieces}`, formatSignedFen(c.denominationFen * c.pieces))),
    col(l.counted, formatSignedFen(h.countedFen), undefined, true),
    { kind: 'separator' },
    { kind: 'text', text: `${l.difference} ${differenceText(h.differenceFen, lang)}`, align: 'center', bold: true, size: 'double' },
    { kind: 'separator' },
    { kind: 'feed', lines: 1 },
    { kind: 'text', text: `${l.handedBy}: ____________` },
    { kind: 'feed', lines: 1 },
    { kind: 'text', text: `${l.takenBy}: ____________` },
  );
  return { lines, cut: true, openDrawer: true };
}
