/** Deposit sentences (押金) in both languages, and no "timeout" wording anywhere (spec §12). */
import { describe, expect, it } from 'vitest';
import { fen } from '@cpay/protocol';
import { sentenceText, type VoiceSentence } from './sentences.js';

const DEPOSIT: readonly VoiceSentence[] = [
  { kind: 'deposit_frozen', platform: 'wechat', amount: fen(10_000) },
  { kind: 'deposit_frozen', platform: 'alipay', amount: fen(5) },
  { kind: 'deposit_frozen', platform: 'unknown', amount: fen(100) },
  { kind: 'deposit_failed', amount: fen(10_000) },
  { kind: 'deposit_unknown' },
  { kind: 'deposit_settled', consumed: 3_750, released: 6_250 },
  { kind: 'deposit_settled', consumed: 0, released: 10_000 },
];

describe('deposit sentences', () => {
  it('zh-CN names the platform and the amounts', () => {
    expect(DEPOSIT.map((s) => sentenceText(s, 'zh-CN'))).toEqual([
      '微信押金 100.00 元',
      '支付宝押金 0.05 元',
      '押金 1.00 元',
      '押金冻结失败 100.00 元',
      '押金结果待确认，请查询押金单',
      '押金结算 37.50 元，退还 62.50 元',
      '押金全额退还 100.00 元',
    ]);
  });

  it('en says the same', () => {
    expect(DEPOSIT.map((s) => sentenceText(s, 'en'))).toEqual([
      'WeChat Pay deposit 100.00 yuan',
      'Alipay deposit 0.05 yuan',
      'Deposit 1.00 yuan',
      'Deposit of 100.00 yuan failed',
      'Deposit result not confirmed yet, please check the deposit',
      'Deposit settled: 37.50 yuan charged, 62.50 yuan returned',
      'Deposit returned in full: 100.00 yuan',
    ]);
  });

  it('never announces a timeout: an undecided deposit asks to check it', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      for (const s of DEPOSIT) expect(sentenceText(s, lang)).not.toMatch(/超时|timeout|timed out/i);
    }
  });
});
