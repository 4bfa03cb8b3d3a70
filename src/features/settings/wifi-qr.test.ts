import { describe, expect, it } from 'vitest';
import { escapeWifiField, wifiQrPayload } from './wifi-qr.js';

describe('Wi-Fi QR payload', () => {
  it('encodes WPA, open and hidden networks in the WIFI: format', () => {
    expect(wifiQrPayload({ ssid: 'ShopNet', security: 'WPA', password: 'secret123', hidden: false })).toEqual({
      ok: true,
      payload: 'WIFI:T:WPA;S:ShopNet;P:secret123;;',
    });
    expect(wifiQrPayload({ ssid: '小店', security: 'nopass', password: 'ignored', hidden: true })).toEqual({
      ok: true,
      payload: 'WIFI:T:nopass;S:小店;H:true;;',
    });
  });

  it('escapes the reserved characters', () => {
    expect(escapeWifiField('a;b,c:d"e\\f')).toBe('a\\;b\\,c\\:d\\"e\\\\f');
    expect(wifiQrPayload({ ssid: 'My;Net', security: 'WPA', password: 'pa:ss;word', hidden: false })).toEqual({
      ok: true,
      payload: 'WIFI:T:WPA;S:My\\;Net;P:pa\\:ss\\;word;;',
    });
  });

  it('refuses what a phone could not join, with a reason', () => {
    expect(wifiQrPayload({ ssid: '', security: 'WPA', password: 'secret123', hidden: false })).toEqual({ ok: false, error: 'ssid_required' });
    expect(wifiQrPayload({ ssid: '店'.repeat(11), security: 'nopass', password: '', hidden: false })).toEqual({ ok: false, error: 'ssid_too_long' });
    expect(wifiQrPayload({ ssid: 'x', security: 'WEP', password: '', hidden: false })).toEqual({ ok: false, error: 'password_required' });
    expect(wifiQrPayload({ ssid: 'x', security: 'WPA', password: 'short', hidden: false })).toEqual({ ok: false, error: 'password_length' });
  });
});
