import { describe, expect, it } from 'vitest';
import { bindQrSign, buildBindQrUrl, parseBindQrUrl, verifyBindQrSign } from './bindqr.js';

const EXAMPLE = {
  miniProgramUrl: 'https://payapp.weixin.qq.com/smartqr/entry/home',
  activator: 'p9fa01zex4mi',
  nonce: 'c44f32e0',
  sn: 'LANDI_QM600_LA190000000',
  initialKey: 'C852274D372982D5530B692FD77124D3',
} as const;
const URL_DOC =
  'https://payapp.weixin.qq.com/smartqr/entry/home?ac=p9fa01zex4mi&rs=c44f32e0&sn=LANDI_QM600_LA190000000&sign=E0CA8FDA56464BDF702FCA1AE9692EB99483E065879247763B3A46B576EBF5AC';

describe('binding QR (spec §5.3)', () => {
  it('reproduces the documented sign and URL with keyCase lower', async () => {
    expect(await bindQrSign({ ...EXAMPLE, keyCase: 'lower' })).toBe('E0CA8FDA56464BDF702FCA1AE9692EB99483E065879247763B3A46B576EBF5AC');
    expect(await buildBindQrUrl({ ...EXAMPLE, keyCase: 'lower' })).toBe(URL_DOC);
  });
  it('signs with the key as stored when asked', async () => {
    expect(await bindQrSign({ ...EXAMPLE, keyCase: 'as-stored' })).toBe('70D1131FC37B4F8964A3076F7538A0D27BEB2D8A6F50DE2F3D991C5925DA2FE0');
  });
  it('parses by name whatever the order', () => {
    const reordered = 'https://x.test/home?ac=p9fa01zex4mi&rs=c44f32e0&sign=ABC&sn=LANDI_QM600_LA190000000';
    expect(parseBindQrUrl(reordered)).toEqual({
      base: 'https://x.test/home',
      activator: 'p9fa01zex4mi',
      nonce: 'c44f32e0',
      sn: 'LANDI_QM600_LA190000000',
      sign: 'ABC',
    });
    expect(() => parseBindQrUrl('https://x.test/home?ac=1&rs=2&sn=3')).toThrow(expect.objectContaining({ code: 'missing_field', field: 'sign' }));
    expect(() => parseBindQrUrl('https://x.test/home')).toThrow(expect.objectContaining({ code: 'bad_value' }));
  });
  it('verifies signs made with either key case and rejects others', async () => {
    expect(await verifyBindQrSign(parseBindQrUrl(URL_DOC), EXAMPLE.initialKey)).toBe(true);
    const upper = await buildBindQrUrl({ ...EXAMPLE, keyCase: 'as-stored' });
    expect(await verifyBindQrSign(parseBindQrUrl(upper), EXAMPLE.initialKey)).toBe(true);
    expect(await verifyBindQrSign(parseBindQrUrl(URL_DOC.replace('c44f32e0', 'c44f32e1')), EXAMPLE.initialKey)).toBe(false);
    expect(await verifyBindQrSign(parseBindQrUrl(URL_DOC), 'FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF')).toBe(false);
  });
});
