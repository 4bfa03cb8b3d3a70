import { describe, expect, it } from 'vitest';
import { fen } from '@cpay/protocol';
import { VoiceAnnouncer, pickVoice } from './announcer.js';
import type { UtteranceLike, VoiceLike } from './platform.js';
import { sentenceText, type VoiceSentence } from './sentences.js';

const ALL: VoiceSentence[] = [
  { kind: 'payment_success', platform: 'wechat', amount: fen(2) },
  { kind: 'payment_success', platform: 'alipay', amount: fen(2) },
  { kind: 'payment_success', platform: 'unknown', amount: fen(123456) },
  { kind: 'payment_failed', amount: fen(2) },
  { kind: 'payment_unknown', amount: fen(2) },
  { kind: 'waiting_password' },
  { kind: 'refund_accepted', platform: 'wechat', amount: 1 },
  { kind: 'bind_prompt' },
  { kind: 'bound' },
  { kind: 'unbound' },
  { kind: 'test' },
];

describe('announcement sentences (spec §12)', () => {
  it('names the platform and the amount for payments and refunds', () => {
    expect(sentenceText({ kind: 'payment_success', platform: 'wechat', amount: fen(2) })).toBe('微信收款 0.02 元');
    expect(sentenceText({ kind: 'payment_success', platform: 'alipay', amount: fen(2) })).toBe('支付宝收款 0.02 元');
    expect(sentenceText({ kind: 'payment_success', platform: 'card', amount: fen(1050) })).toBe('会员卡收款 10.50 元');
    expect(sentenceText({ kind: 'payment_success', platform: 'unknown', amount: fen(2) })).toBe('收款成功 0.02 元');
    expect(sentenceText({ kind: 'refund_accepted', platform: 'wechat', amount: 1 })).toBe('微信退款 0.01 元');
    expect(sentenceText({ kind: 'payment_success', platform: 'wechat', amount: fen(2) }, 'en')).toBe('WeChat Pay received 0.02 yuan');
    expect(sentenceText({ kind: 'refund_accepted', platform: 'alipay', amount: 1 }, 'en')).toBe('Alipay refund 0.01 yuan');
  });

  it('says a cash or card (bookkeeping) sale without the back office word 记账 / Bookkeeping', () => {
    expect(sentenceText({ kind: 'payment_success', platform: 'bookkeeping', amount: fen(3000) })).toBe('收款成功 30.00 元');
    expect(sentenceText({ kind: 'refund_accepted', platform: 'bookkeeping', amount: 1_000 })).toBe('退款 10.00 元');
    expect(sentenceText({ kind: 'payment_success', platform: 'bookkeeping', amount: fen(3000) }, 'en')).toBe('Payment received 30.00 yuan');
    expect(sentenceText({ kind: 'refund_accepted', platform: 'bookkeeping', amount: 1_000 }, 'en')).toBe('Refund 10.00 yuan');
  });

  it('has binding and unbinding prompts', () => {
    expect(sentenceText({ kind: 'bound' })).toBe('绑定成功');
    expect(sentenceText({ kind: 'unbound' })).toBe('已解除绑定');
    expect(sentenceText({ kind: 'bind_prompt' })).toContain('绑定');
  });

  it('never says "timeout" in any sentence, in either language', () => {
    for (const s of ALL) {
      expect(sentenceText(s, 'zh-CN')).not.toMatch(/超时/);
      expect(sentenceText(s, 'en')).not.toMatch(/time ?out/i);
    }
    // @ts-expect-error there is no timeout sentence: an unconfirmed payment is payment_unknown
    expect(() => sentenceText({ kind: 'payment_timeout', amount: fen(2) })).toThrow();
  });
});

function announcer(voices: VoiceLike[]) {
  const spoken: UtteranceLike[] = [];
  const chimes: number[] = [];
  const a = new VoiceAnnouncer({
    synth: {
      getVoices: () => voices,
      speak: (u) => {
        spoken.push(u);
      },
    },
    utterance: (text) => ({ text, lang: '', volume: 1, rate: 1, voice: null }),
    chime: (v) => {
      chimes.push(v);
    },
  });
  return { a, spoken, chimes };
}

describe('voice announcer', () => {
  it("prefers zh-CN, then zh-*, then espeak's cmn", () => {
    const cmn = { name: 'espeak Mandarin', lang: 'cmn' };
    const tw = { name: 'Taiwan', lang: 'zh-TW' };
    const cn = { name: 'Tingting', lang: 'zh-CN' };
    expect(pickVoice([cmn, tw, cn], 'zh-CN')).toBe(cn);
    expect(pickVoice([cmn, tw], 'zh-CN')).toBe(tw);
    expect(pickVoice([{ name: 'en', lang: 'en-US' }, cmn], 'zh-CN')).toBe(cmn);
    expect(pickVoice([{ name: 'en', lang: 'en-US' }], 'zh-CN')).toBeUndefined();
  });

  it('speaks with the chosen voice and volume', () => {
    const { a, spoken } = announcer([{ name: 'espeak Mandarin', lang: 'cmn' }]);
    a.configure({ volume: 0.5 });
    a.say({ kind: 'payment_success', platform: 'wechat', amount: fen(2) });
    expect(spoken).toEqual([{ text: '微信收款 0.02 元', lang: 'cmn', volume: 0.5, rate: 1, voice: { name: 'espeak Mandarin', lang: 'cmn' } }]);
  });

  it('chimes when no Chinese voice exists, and stays silent when switched off', () => {
    const { a, spoken, chimes } = announcer([]);
    expect(a.announce({ kind: 'bound' })).toEqual({ kind: 'chime', text: '绑定成功' });
    a.configure({ enabled: false });
    expect(a.announce({ kind: 'bound' })).toEqual({ kind: 'muted' });
    a.configure({ enabled: true, volume: 7 });
    expect(a.settings.volume).toBe(1);
    a.announce({ kind: 'unbound' });
    expect(chimes).toEqual([1, 1]);
    expect(spoken).toEqual([]);
  });

  it('publishes every announcement, including binding prompts', () => {
    const { a } = announcer([{ name: 'zh', lang: 'zh-CN' }]);
    const seen: string[] = [];
    a.announced$.subscribe(({ result }) => seen.push(result.kind === 'muted' ? 'muted' : result.text));
    a.prompt('bound');
    a.say({ kind: 'refund_accepted', platform: 'wechat', amount: 1 });
    expect(seen).toEqual(['绑定成功', '微信退款 0.01 元']);
  });

  it('chimes when the browser has no speechSynthesis at all', () => {
    const chimes: number[] = [];
    const a = new VoiceAnnouncer({
      synth: undefined,
      utterance: () => {
        throw new Error('unused');
      },
      chime: (v) => {
        chimes.push(v);
      },
    });
    expect(a.announce({ kind: 'payment_success', platform: 'alipay', amount: fen(2) })).toEqual({ kind: 'chime', text: '支付宝收款 0.02 元' });
  });
});
