/**
 * Receipt wording in both languages (zh-CN is what Chinese shops print; en for the demo).
 */

/** Receipt languages. */
export type ReceiptLang = 'zh-CN' | 'en';

/** Every label a receipt prints. */
export const RECEIPT_LABELS = {
  'zh-CN': {
    payment: '收款凭证',
    refund: '退款凭证',
    shift: '交班汇总',
    reprint: '（重打）',
    shop: '门店',
    device: '设备',
    cashier: '收银员',
    time: '时间',
    orderNo: '订单号',
    refundNo: '退款单号',
    platform: '支付方式',
    amount: '金额',
    refundAmount: '退款金额',
    status: '状态',
    from: '开始',
    to: '结束',
    count: '笔数',
    total: '合计',
    refunds: '退款',
    net: '净收款',
    fees: '手续费',
    credited: '入账金额',
    footer: '请妥善保管小票，退款凭此单号',
    tendered: '实收',
    change: '找零',
    yuan: '元',
  },
  en: {
    payment: 'PAYMENT RECEIPT',
    refund: 'REFUND RECEIPT',
    shift: 'SHIFT SUMMARY',
    reprint: '(REPRINT)',
    shop: 'Shop',
    device: 'Device',
    cashier: 'Cashier',
    time: 'Time',
    orderNo: 'Order no.',
    refundNo: 'Refund no.',
    platform: 'Paid with',
    amount: 'Amount',
    refundAmount: 'Refunded',
    status: 'Status',
    from: 'From',
    to: 'To',
    count: 'Count',
    total: 'Total',
    refunds: 'Refunds',
    net: 'Net',
    fees: 'Fees',
    credited: 'Credited',
    footer: 'Keep this receipt: refunds need the order number',
    tendered: 'Tendered',
    change: 'Change',
    yuan: 'yuan',
  },
} as const;

/** Platform names as printed. */
export const PLATFORM_LABELS = {
  'zh-CN': { wechat: '微信支付', alipay: '支付宝', card: '会员卡', bookkeeping: '记账', cash: '现金', bank_card: '银行卡', unknown: '未知' },
  en: { wechat: 'WeChat Pay', alipay: 'Alipay', card: 'Member card', bookkeeping: 'Bookkeeping', cash: 'Cash', bank_card: 'Bank card', unknown: 'Unknown' },
} as const;

/** Order outcomes as printed. */
export const STATUS_LABELS = {
  'zh-CN': {
    success: '支付成功',
    refunded: '已退款（全额或部分）',
    unknown: '结果未知，请查询订单',
    failed: '支付失败',
    refund_accepted: '退款已受理',
    refund_success: '退款成功',
    refund_failed: '退款失败',
  },
  en: {
    success: 'Paid',
    refunded: 'Refunded (in full or in part)',
    unknown: 'Unknown: query the order',
    failed: 'Failed',
    refund_accepted: 'Refund accepted',
    refund_success: 'Refunded',
    refund_failed: 'Refund failed',
  },
} as const;

/** Platforms a receipt can name. */
export type ReceiptPlatform = keyof (typeof PLATFORM_LABELS)['en'];
/** Outcomes a receipt can state. */
export type ReceiptStatus = keyof (typeof STATUS_LABELS)['en'];
