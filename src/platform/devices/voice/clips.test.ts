/** Number → clip composition (Chinese reading rules, 零 handling) and sentence → clip sequences. */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fen } from '@cpay/protocol';
import { CLIP_IDS, CLIP_TEXTS, type ClipId } from './clip-table.js';
import { amountClips, integerClips, sentenceClips } from './clips.js';
import type { VoiceSentence } from './sentences.js';
import { VoiceAnnouncer } from './announcer.js';

/** The words the clips say, joined: makes expectations readable. */
const say = (clips: readonly ClipId[]) => clips.map((c) => CLIP_TEXTS[c]).join('');

describe('amounts read in Chinese', () => {
  it.each([
    [1, '零点零一'],
    [2, '零点零二'],
    [10, '零点一'],
    [99, '零点九九'],
    [100, '一'],
    [1000, '十'],
    [1050, '十点五'],
    [1234, '十二点三四'],
    [1230, '十二点三'],
    [1500, '十五'],
    [2000, '二十'],
    [10_005, '一百点零五'],
    [10_000, '一百'],
    [11_000, '一百一十'],
    [100_500, '一千零五'],
    [101_000, '一千零一十'],
    [110_000, '一千一百'],
    [1_000_000, '一万'],
    [1_050_000, '一万零五百'],
    [1_100_000, '一万一千'],
    [1_000_500, '一万零五'],
    [10_000_000, '十万'],
    [10_000_500, '十万零五'],
    [15_000_000, '十五万'],
    [123_456_789, '一百二十三万四千五百六十七点八九'],
    [100_100_000, '一百万一千'],
    [1_001_000_000, '一千零一万'],
    [10_000_000_000, '一亿'],
    [10_000_000_500, '一亿零五'],
    [10_100_000_000, '一亿零一百万'],
  ])('%i fen → %s', (f, words) => {
    expect(say(amountClips(f))).toBe(words);
  });

  it('reads zero as 零 and refuses what is not an amount', () => {
    expect(integerClips(0)).toEqual(['d0']);
    expect(amountClips(0)).toEqual(['d0']);
    expect(() => amountClips(-1)).toThrow(RangeError);
    expect(() => amountClips(1.5)).toThrow(RangeError);
  });

  it('never puts two 零 in a row nor ends on 零 (random integers)', () => {
    for (let i = 0; i < 2000; i++) {
      const n = Math.floor(Math.random() ** 3 * 1e12);
      const c = integerClips(n);
      expect(c.join(' ')).not.toMatch(/d0 d0/);
      if (n > 0) expect(c[c.length - 1]).not.toBe('d0');
    }
  });
});

describe('sentences as clips', () => {
  it('says the platform and the amount: 微信收款 12.34 元', () => {
    expect(sentenceClips({ kind: 'payment_success', platform: 'wechat', amount: fen(1234) })).toEqual([
      'wechat',
      'received',
      'shi',
      'd2',
      'dian',
      'd3',
      'd4',
      'yuan',
    ]);
  });

  it.each<[VoiceSentence, string]>([
    [{ kind: 'payment_success', platform: 'alipay', amount: fen(2) }, '支付宝收款零点零二元'],
    [{ kind: 'payment_success', platform: 'card', amount: fen(1050) }, '会员卡收款十点五元'],
    [{ kind: 'payment_success', platform: 'unknown', amount: fen(2) }, '收款成功零点零二元'],
    // a cash or card (bookkeeping) sale: no back-office 记账 in the customer's ear
    [{ kind: 'payment_success', platform: 'bookkeeping', amount: fen(3000) }, '收款成功三十元'],
    [{ kind: 'refund_accepted', platform: 'bookkeeping', amount: 1_000 }, '退款十元'],
    [{ kind: 'payment_failed', amount: fen(2) }, '收款失败零点零二元请重新收款'],
    [{ kind: 'payment_unknown', amount: fen(2) }, '支付结果待确认，请查询订单'],
    [{ kind: 'waiting_password' }, '等待用户输入密码'],
    [{ kind: 'refund_accepted', platform: 'wechat', amount: 1 }, '微信退款零点零一元'],
    [{ kind: 'refund_failed', amount: 1 }, '退款失败零点零一元'],
    [{ kind: 'deposit_frozen', platform: 'wechat', amount: 10_000 }, '微信押金一百元'],
    [{ kind: 'deposit_failed', amount: 10_000 }, '押金冻结失败一百元'],
    [{ kind: 'deposit_unknown' }, '押金结果待确认，请查询押金单'],
    [{ kind: 'deposit_settled', consumed: 3_750, released: 6_250 }, '押金结算三十七点五元退还六十二点五元'],
    [{ kind: 'deposit_settled', consumed: 0, released: 10_000 }, '押金全额退还一百元'],
    [{ kind: 'bind_prompt' }, '请使用微信扫描屏幕上的二维码绑定设备'],
    [{ kind: 'bound' }, '绑定成功'],
    [{ kind: 'unbound' }, '已解除绑定'],
    [{ kind: 'test' }, '语音播报测试微信收款零点零一元'],
  ])('%o → %s', (s, words) => {
    expect(say(sentenceClips(s))).toBe(words);
  });

  it('has no clip that says "timeout"', () => {
    for (const id of CLIP_IDS) expect(CLIP_TEXTS[id]).not.toMatch(/超时/);
  });

  it('ships exactly the clips some sentence says (no dead file in public/voice/zh, none missing)', () => {
    const platforms = ['wechat', 'alipay', 'card', 'bookkeeping', 'unknown'] as const;
    const amounts = [1, 2, 10, 100, 1_000, 10_000, 123_456_789, 1_000_000_000_000, 12_345, 100_001, 345_678, 98_765];
    const sentences: VoiceSentence[] = [
      { kind: 'payment_unknown', amount: fen(1) },
      { kind: 'waiting_password' },
      { kind: 'deposit_unknown' },
      { kind: 'bind_prompt' },
      { kind: 'bound' },
      { kind: 'unbound' },
      { kind: 'test' },
    ];
    for (const amount of amounts) {
      sentences.push({ kind: 'payment_failed', amount: fen(amount) }, { kind: 'refund_failed', amount });
      sentences.push({ kind: 'deposit_failed', amount }, { kind: 'deposit_settled', consumed: amount, released: amount });
      sentences.push({ kind: 'deposit_settled', consumed: 0, released: amount });
      for (const platform of platforms) {
        sentences.push({ kind: 'payment_success', platform, amount: fen(amount) }, { kind: 'refund_accepted', platform, amount });
      }
      for (const platform of ['wechat', 'alipay', 'unknown'] as const) sentences.push({ kind: 'deposit_frozen', platform, amount });
    }
    const said = new Set(sentences.flatMap((s) => sentenceClips(s)));
    expect(CLIP_IDS.filter((id) => !said.has(id))).toEqual([]);
    const files = readdirSync(fileURLToPath(new URL('../../../../public/voice/zh/', import.meta.url)))
      .filter((f) => f.endsWith('.ogg'))
      .map((f) => f.slice(0, -'.ogg'.length))
      .sort();
    expect(files).toEqual([...CLIP_IDS].sort());
  });
});

describe('announcer modes', () => {
  function setup(voices: { name: string; lang: string }[], failClips = false) {
    const played: ClipId[][] = [];
    const spoken: string[] = [];
    const chimes: number[] = [];
    const a = new VoiceAnnouncer({
      synth: {
        getVoices: () => voices,
        speak: (u) => {
          spoken.push(u.text);
        },
      },
      utterance: (text) => ({ text, lang: '', volume: 1, rate: 1, voice: null }),
      chime: (v) => {
        chimes.push(v);
      },
      clips: {
        play: (c) => {
          played.push([...c]);
          return failClips ? Promise.reject(new Error('offline')) : Promise.resolve();
        },
      },
    });
    return { a, played, spoken, chimes };
  }
  const sale: VoiceSentence = { kind: 'payment_success', platform: 'wechat', amount: fen(1234) };

  it('auto: speaks with a Chinese voice, plays the clips without one', () => {
    const withVoice = setup([{ name: 'zh', lang: 'zh-CN' }]);
    expect(withVoice.a.announce(sale)).toMatchObject({ kind: 'spoken', text: '微信收款 12.34 元' });
    expect(withVoice.played).toEqual([]);
    const without = setup([{ name: 'en', lang: 'en-US' }]);
    expect(without.a.announce(sale)).toMatchObject({ kind: 'clips', text: '微信收款 12.34 元' });
    expect(without.played).toEqual([['wechat', 'received', 'shi', 'd2', 'dian', 'd3', 'd4', 'yuan']]);
    expect(without.spoken).toEqual([]);
  });

  it('clips: plays the clips even with a voice; speech: never plays clips', async () => {
    const clips = setup([{ name: 'zh', lang: 'zh-CN' }]);
    clips.a.configure({ mode: 'clips' });
    expect(clips.a.announce(sale).kind).toBe('clips');
    expect(clips.spoken).toEqual([]);
    const speech = setup([]);
    speech.a.configure({ mode: 'speech', volume: 0.5 });
    expect(speech.a.announce(sale).kind).toBe('chime');
    expect(speech.played).toEqual([]);
    expect(speech.chimes).toEqual([0.5]);
  });

  it('chimes when the clips cannot load', async () => {
    const s = setup([], true);
    s.a.announce(sale);
    await new Promise((r) => setTimeout(r, 0));
    expect(s.chimes).toEqual([1]);
  });
});
