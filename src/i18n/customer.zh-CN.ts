/** Customer display strings (the customer's wording, not the cashier's), Simplified Chinese. */
export const customerZhCN = {
  'customer.title': '顾客屏',
  'customer.welcome': '欢迎光临',
  'customer.welcomeHint': '应付金额将在这里显示',
  'customer.amountLabel': '应付金额',
  'customer.keying': '收银员正在输入金额',
  'customer.showCode': '请出示付款码',
  'customer.paying': '正在支付，请稍候…',
  'customer.password': '请在手机上输入支付密码',
  'customer.scanQr': '请使用{platform}扫描二维码支付',
  'customer.success': '支付成功，谢谢惠顾',
  'customer.failed': '支付未成功，请联系收银员',
  'customer.unknown': '正在确认支付结果，请稍候',
  'customer.deposit.label': '押金',
  'customer.deposit.scanQr': '请使用支付宝扫描二维码交押金',
  'customer.deposit.paying': '正在确认押金，请稍候…',
  'customer.deposit.frozen': '押金已冻结，谢谢',
  'customer.deposit.failed': '押金未交成功，请联系收银员',
  'customer.platform.wechat': '微信',
  'customer.platform.alipay': '支付宝',
  'customer.platform.other': '手机',
} as const;

/** A key of the customer display catalog. */
export type CustomerMessageKey = keyof typeof customerZhCN;
