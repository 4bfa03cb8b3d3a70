/**
 * What the terminal says aloud (spec §12): payments and refunds name the platform and the amount
 * ("微信收款 0.02 元"), deposits too ("微信押金 100.00 元", "押金结算 37.50 元，退还 62.50 元"), binding
 * and unbinding have prompts. Pure text, both languages.
 *
 * There is deliberately no "timeout" sentence: an order whose outcome is not known yet is
 * `payment_unknown` ("please check the order"), so a customer who paid never hears "timeout";
 * a deposit whose freeze is not known final is `deposit_unknown` ("please check the deposit").
 */
import type { Sentence } from '../../../kernel/flow/ports.js';
import type { DepositSentence } from '../../../features/deposit/deposit-deps.js';
import { formatSignedFen } from '../../../kernel/money.js';

/** Every sentence: the flows' `Sentence` (payments), deposits (押金), refunds and binding prompts. */
export type VoiceSentence =
  | Sentence
  | DepositSentence
  | { readonly kind: 'refund_accepted'; readonly platform: SpokenPlatform; readonly amount: number }
  | { readonly kind: 'refund_failed'; readonly amount: number }
  | { readonly kind: 'bind_prompt' }
  | { readonly kind: 'bound' }
  | { readonly kind: 'unbound' }
  | { readonly kind: 'test' };

/** Platforms a sentence can name (`PayPlatformName` or unknown). */
export type SpokenPlatform = 'wechat' | 'alipay' | 'card' | 'bookkeeping' | 'unknown';

/** Announcement languages. */
export type VoiceLang = 'zh-CN' | 'en';

// A bookkeeping sale (cash, or a card on the shop's own machine) names no platform: the customer
// hears 收款成功 / 退款 and the amount, not the back office's 记账 (found walking the counter).
const PLATFORM_WORDS = {
  'zh-CN': { wechat: '微信', alipay: '支付宝', card: '会员卡', bookkeeping: '', unknown: '' },
  en: { wechat: 'WeChat Pay', alipay: 'Alipay', card: 'Member card', bookkeeping: '', unknown: '' },
} as const satisfies Record<VoiceLang, Record<SpokenPlatform, string>>;

type Texts = { readonly [K in VoiceSentence['kind']]: (s: Extract<VoiceSentence, { kind: K }>, w: (p: SpokenPlatform) => string) => string };

/** Sentence text per kind and language: data, not a switch. */
const TEXTS: Record<VoiceLang, Texts> = {
  'zh-CN': {
    payment_success: (s, w) => `${w(s.platform) || ''}收款${w(s.platform) ? '' : '成功'} ${formatSignedFen(s.amount)} 元`,
    payment_failed: (s) => `收款失败 ${formatSignedFen(s.amount)} 元，请重新收款`,
    payment_unknown: () => '支付结果待确认，请查询订单',
    waiting_password: () => '等待用户输入密码',
    refund_accepted: (s, w) => `${w(s.platform)}退款 ${formatSignedFen(s.amount)} 元`,
    refund_failed: (s) => `退款失败 ${formatSignedFen(s.amount)} 元`,
    deposit_frozen: (s, w) => `${w(s.platform)}押金 ${formatSignedFen(s.amount)} 元`,
    deposit_failed: (s) => `押金冻结失败 ${formatSignedFen(s.amount)} 元`,
    deposit_unknown: () => '押金结果待确认，请查询押金单',
    deposit_settled: (s) =>
      s.consumed > 0 ? `押金结算 ${formatSignedFen(s.consumed)} 元，退还 ${formatSignedFen(s.released)} 元` : `押金全额退还 ${formatSignedFen(s.released)} 元`,
    bind_prompt: () => '请使用微信扫描屏幕上的二维码绑定设备',
    bound: () => '绑定成功',
    unbound: () => '已解除绑定',
    test: () => '语音播报测试，微信收款 0.01 元',
  },
  en: {
    payment_success: (s, w) => `${w(s.platform) || 'Payment'} received ${formatSignedFen(s.amount)} yuan`,
    payment_failed: (s) => `Payment of ${formatSignedFen(s.amount)} yuan failed, please try again`,
    payment_unknown: () => 'Payment result not confirmed yet, please check the order',
    waiting_password: () => 'Waiting for the customer to enter the password',
    refund_accepted: (s, w) => `${w(s.platform) ? `${w(s.platform)} refund` : 'Refund'} ${formatSignedFen(s.amount)} yuan`,
    refund_failed: (s) => `Refund of ${formatSignedFen(s.amount)} yuan failed`,
    deposit_frozen: (s, w) => `${w(s.platform) ? `${w(s.platform)} deposit` : 'Deposit'} ${formatSignedFen(s.amount)} yuan`,
    deposit_failed: (s) => `Deposit of ${formatSignedFen(s.amount)} yuan failed`,
    deposit_unknown: () => 'Deposit result not confirmed yet, please check the deposit',
    deposit_settled: (s) =>
      s.consumed > 0
        ? `Deposit settled: ${formatSignedFen(s.consumed)} yuan charged, ${formatSignedFen(s.released)} yuan returned`
        : `Deposit returned in full: ${formatSignedFen(s.released)} yuan`,
    bind_prompt: () => 'Scan the QR code on the screen with WeChat to bind this device',
    bound: () => 'Binding succeeded',
    unbound: () => 'Unbound',
    test: () => 'Voice test. WeChat Pay received 0.01 yuan',
  },
};

/** The words to say for a sentence. */
export function sentenceText(s: VoiceSentence, lang: VoiceLang = 'zh-CN'): string {
  const words = (p: SpokenPlatform): string => PLATFORM_WORDS[lang][p];
  const build = TEXTS[lang][s.kind] as (s: VoiceSentence, w: (p: SpokenPlatform) => string) => string;
  return build(s, words);
}
