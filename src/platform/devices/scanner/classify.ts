/**
 * What a scan is: a customer's payment code, one of our order numbers, a binding or provisioning
 * QR, or unknown. Pure; the patterns are data so a new platform is a new row.
 *
 * Payment-code shapes (published by the platforms for micropay "付款码"):
 * - WeChat Pay: 18 digits starting 10–15.
 * - Alipay: 16–24 digits starting 25–30.
 * - Member card (our decision, docs/decisions/0003): "88" + 16 digits (18 digits). cpay defines
 *   member-card payments (PayPlatform 3) but not the code's shape; 88 is free in both ranges above.
 */

/** Platforms a customer code can belong to (names match `PayPlatformName`). */
export type CodePlatform = 'wechat' | 'alipay' | 'card';

/** Payment-code shapes, tried in order. */
export const PAYMENT_CODE_PATTERNS: readonly { readonly platform: CodePlatform; readonly pattern: RegExp }[] = [
  { platform: 'wechat', pattern: /^1[0-5]\d{16}$/ },
  { platform: 'alipay', pattern: /^(?:2[5-9]|30)\d{14,22}$/ },
  { platform: 'card', pattern: /^88\d{16}$/ },
];

/** A classified scan. */
export type ScanClass =
  | { readonly kind: 'payment_code'; readonly platform: CodePlatform; readonly code: string }
  | { readonly kind: 'order_no'; readonly orderNo: string }
  | { readonly kind: 'binding_qr'; readonly url: string; readonly activator: string; readonly sn: string }
  | { readonly kind: 'legacy_config'; readonly url: string; readonly osi: string; readonly si: string }
  | { readonly kind: 'provisioning'; readonly payload: string }
  | { readonly kind: 'unknown'; readonly text: string };

/** What the classifier knows about this terminal. */
export interface ClassifyContext {
  /** `cloud_cashier_id` once bound: our order and refund numbers start with it. */
  readonly orderPrefix?: string;
}

const ORDER_NO = /^[0-9A-Za-z]{1,32}$/;
const PROVISION_SCHEME = 'cpay-provision:';

/** Classifies one scan's text. Order numbers win over payment codes when the prefix matches. */
export function classifyScan(raw: string, ctx: ClassifyContext = {}): ScanClass {
  const text = raw.trim();
  if (ctx.orderPrefix && text.startsWith(ctx.orderPrefix) && ORDER_NO.test(text)) {
    return { kind: 'order_no', orderNo: text };
  }
  const code = PAYMENT_CODE_PATTERNS.find((p) => p.pattern.test(text));
  if (code) return { kind: 'payment_code', platform: code.platform, code: text };
  if (text.toLowerCase().startsWith(PROVISION_SCHEME)) return { kind: 'provisioning', payload: text.slice(PROVISION_SCHEME.length) };
  return classifyUrl(text) ?? { kind: 'unknown', text };
}

function classifyUrl(text: string): ScanClass | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined; // not a URL: the caller reports it as unknown
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const q = url.searchParams;
  const ac = q.get('ac'),
    sn = q.get('sn');
  if (ac && sn) return { kind: 'binding_qr', url: text, activator: ac, sn };
  const osi = q.get('osi'),
    si = q.get('si');
  if (url.pathname.endsWith('/use_device_setting') && osi && si) return { kind: 'legacy_config', url: text, osi, si };
  return undefined;
}

/** Masks a customer code for logs and screens: keeps the first 4 and last 4 characters. */
export function maskCode(code: string): string {
  return code.length <= 8 ? '*'.repeat(code.length) : `${code.slice(0, 4)}${'*'.repeat(code.length - 8)}${code.slice(-4)}`;
}
