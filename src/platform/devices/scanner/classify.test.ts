import { describe, expect, it } from 'vitest';
import { classifyScan, maskCode } from './classify.js';

describe('scan classification', () => {
  it.each([
    ['134567890123456789', 'wechat'],
    ['101234567890123456', 'wechat'],
    ['151234567890123456', 'wechat'],
    ['2812345678901234', 'alipay'],
    ['250000000000000000', 'alipay'],
    ['301234567890123456789012', 'alipay'],
    ['881234567890123456', 'card'],
  ])('%s is a %s payment code', (text, platform) => {
    expect(classifyScan(text)).toEqual({ kind: 'payment_code', platform, code: text });
  });

  it.each([
    '161234567890123456', // WeChat length, prefix 16 not allocated
    '13456789012345678', // 17 digits
    '2412345678901234', // Alipay length, prefix 24
    '3012345678901234567890123', // 25 digits
    '88123456789012345', // card, one digit short
    '12.50',
  ])('%s is not a payment code', (text) => {
    expect(classifyScan(text).kind).toBe('unknown');
  });

  it('recognises our own order number by the cloud_cashier_id prefix', () => {
    expect(classifyScan('0100005220261122000123', { orderPrefix: '01000052' })).toEqual({ kind: 'order_no', orderNo: '0100005220261122000123' });
    expect(classifyScan('sz0100lmnxA1B2', { orderPrefix: 'sz0100lmnx' }).kind).toBe('order_no');
    expect(classifyScan('0100005220261122000123').kind).toBe('unknown'); // not bound: no prefix
    expect(classifyScan('01000052-x', { orderPrefix: '01000052' }).kind).toBe('unknown');
  });

  it('recognises the binding QR whatever the parameter order', () => {
    const url = 'https://payapp.weixin.qq.com/smartqr/entry/home?ac=p9fa01zex4mi&rs=c44f32e0&sn=LANDI_QM600_LA190000000&sign=E0CA';
    expect(classifyScan(url)).toEqual({ kind: 'binding_qr', url, activator: 'p9fa01zex4mi', sn: 'LANDI_QM600_LA190000000' });
    const reordered = 'https://x.example/h?sign=1&sn=S&rs=2&ac=A';
    expect(classifyScan(reordered)).toMatchObject({ kind: 'binding_qr', activator: 'A', sn: 'S' });
  });

  it('recognises the legacy configuration QR and the provisioning scheme', () => {
    const url = 'https://pay.qcloud.com/cpay/use_device_setting?osi=123&si=456';
    expect(classifyScan(url)).toEqual({ kind: 'legacy_config', url, osi: '123', si: '456' });
    expect(classifyScan('cpay-provision:eyJhIjoxfQ')).toEqual({ kind: 'provisioning', payload: 'eyJhIjoxfQ' });
  });

  it('calls other URLs and text unknown', () => {
    expect(classifyScan('https://example.com/?a=1').kind).toBe('unknown');
    expect(classifyScan('hello world')).toEqual({ kind: 'unknown', text: 'hello world' });
  });

  it('masks customer codes', () => {
    expect(maskCode('134567890123456789')).toBe('1345**********6789');
    expect(maskCode('1234')).toBe('****');
  });
});
