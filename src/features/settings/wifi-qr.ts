/**
 * Wi-Fi by QR (acceptance item 9, 003 L10621 "支持扫码配置 WIFI"). A web page cannot configure the
 * device's Wi-Fi; what it can do is show the de-facto standard Wi-Fi QR (`WIFI:T:WPA;S:…;P:…;;`,
 * the ZXing "Wi-Fi network config" format) that Android's and iOS's camera join in one tap, so
 * a second tablet or phone at the counter joins the shop's network from this screen.
 */

/** Security types of the Wi-Fi QR. */
export type WifiSecurity = 'WPA' | 'WEP' | 'nopass';

/** What the cashier typed. */
export interface WifiNetwork {
  readonly ssid: string;
  readonly security: WifiSecurity;
  readonly password: string;
  readonly hidden: boolean;
}

/** Why a network cannot be encoded. */
export type WifiQrError = 'ssid_required' | 'ssid_too_long' | 'password_required' | 'password_length';

/** Backslash-escapes the characters the format reserves (`\ ; , : "`). */
export function escapeWifiField(s: string): string {
  return s.replace(/([\\;,:"])/g, '\\$1');
}

/** The QR payload, or the first problem with the input. */
export function wifiQrPayload(n: WifiNetwork): { ok: true; payload: string } | { ok: false; error: WifiQrError } {
  if (n.ssid.length === 0) return { ok: false, error: 'ssid_required' };
  if (new TextEncoder().encode(n.ssid).length > 32) return { ok: false, error: 'ssid_too_long' };
  if (n.security !== 'nopass' && n.password.length === 0) return { ok: false, error: 'password_required' };
  if (n.security === 'WPA' && (n.password.length < 8 || n.password.length > 63)) return { ok: false, error: 'password_length' };
  const parts = [`T:${n.security}`, `S:${escapeWifiField(n.ssid)}`];
  if (n.security !== 'nopass') parts.push(`P:${escapeWifiField(n.password)}`);
  if (n.hidden) parts.push('H:true');
  return { ok: true, payload: `WIFI:${parts.join(';')};;` };
}
