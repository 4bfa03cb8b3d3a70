import type { CustomerMessageKey } from './customer.zh-CN.js';

/** Customer display strings, English. */
export const customerEn: Record<CustomerMessageKey, string> = {
  'customer.title': 'Customer display',
  'customer.welcome': 'Welcome',
  'customer.welcomeHint': 'The amount to pay will appear here',
  'customer.amountLabel': 'Amount to pay',
  'customer.keying': 'The cashier is entering the amount',
  'customer.showCode': 'Please show your payment code',
  'customer.paying': 'Paying, please wait…',
  'customer.password': 'Please enter your payment password on your phone',
  'customer.scanQr': 'Please scan the QR code with {platform}',
  'customer.success': 'Payment successful, thank you',
  'customer.failed': 'Payment not completed, please ask the cashier',
  'customer.unknown': 'Confirming your payment, please wait',
  'customer.deposit.label': 'Deposit',
  'customer.deposit.scanQr': 'Scan the QR code with Alipay to leave the deposit',
  'customer.deposit.paying': 'Confirming the deposit, please wait…',
  'customer.deposit.frozen': 'Deposit received, thank you',
  'customer.deposit.failed': 'The deposit did not go through, please ask the cashier',
  'customer.platform.wechat': 'WeChat',
  'customer.platform.alipay': 'Alipay',
  'customer.platform.other': 'your phone',
};
