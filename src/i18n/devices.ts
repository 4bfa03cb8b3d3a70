/**
 * Device, voice, receipt-preview and sandbox strings in their own catalogs
 * (devices.zh-CN.ts, devices.en.ts), following the app's locale like the other catalogs.
 */
import type { ScanClass } from '../platform/devices/scanner/classify.js';
import { getLocale, translator, type Locale, type MessageParams } from './index.js';
import { devicesEn } from './devices.en.js';
import { devicesZhCN, type DevicesMessageKey } from './devices.zh-CN.js';

export type { DevicesMessageKey } from './devices.zh-CN.js';

const catalogs: Record<Locale, Record<DevicesMessageKey, string>> = { 'zh-CN': devicesZhCN, en: devicesEn };
const PLATFORMS = { 'zh-CN': { wechat: '微信', alipay: '支付宝', card: '会员卡' }, en: { wechat: 'WeChat', alipay: 'Alipay', card: 'Member card' } } as const;

/** Translates a device key in the current locale, filling `{name}` placeholders. */
export const tdev: (key: DevicesMessageKey, params?: MessageParams) => string = translator(catalogs);

/** What a scan was classified as, in words. */
export function scanKindText(c: ScanClass): string {
  return c.kind === 'payment_code' ? tdev('dev.kind.payment_code', { platform: PLATFORMS[getLocale()][c.platform] }) : tdev(`dev.kind.${c.kind}`);
}
