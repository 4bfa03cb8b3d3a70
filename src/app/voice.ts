/**
 * A tiny voice seam until devices/voice lands: speaks through `speechSynthesis` when present and
 * publishes every sentence as text (shown on screen, observable in tests).
 */
import { Subject, type Observable } from 'rxjs';
import type { Announcer, Sentence } from '../flows/ports.js';
import { getLocale, t } from '../i18n/index.js';

/** Binding prompts (spec §12: binding and unbinding are announced). */
export interface VoicePrompts extends Announcer {
  prompt(what: 'bound' | 'unbound'): void;
  /** Every spoken text. */
  readonly spoken$: Observable<string>;
}

const yuan = (fen: number) => (fen / 100).toFixed(2);

/** Text of a payment sentence (platform and amount, spec §12). */
function sentenceText(s: Sentence): string {
  const platform = 'platform' in s ? { wechat: '微信', alipay: '支付宝', card: '会员卡', bookkeeping: '记账', unknown: '' }[s.platform] : '';
  switch (s.kind) {
    case 'payment_success': return `${platform}收款 ${yuan(s.amount)} 元`;
    case 'payment_failed': return `收款失败 ${yuan(s.amount)} 元`;
    case 'payment_unknown': return `支付结果未知，请查询订单 ${yuan(s.amount)} 元`;
    case 'waiting_password': return '等待用户输入密码中';
  }
}

/** Creates the prompts over an optional speech synthesiser (injected). */
export function createVoice(synth: SpeechSynthesis | undefined): VoicePrompts {
  const spoken = new Subject<string>();
  const speak = (text: string) => {
    spoken.next(text);
    if (!synth || typeof SpeechSynthesisUtterance === 'undefined') return;
    const u = new SpeechSynthesisUtterance(text);
    u.lang = getLocale();
    synth.speak(u);
  };
  return {
    spoken$: spoken.asObservable(),
    say: (sentence) => speak(sentenceText(sentence)),
    prompt: (what) => speak(t(what === 'bound' ? 'voice.bound' : 'voice.unbound')),
  };
}
