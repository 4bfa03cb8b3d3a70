/** The Wi-Fi QR panel in real Chromium: typed network → WIFI: QR; a short WPA password → a reason, no QR. */
import { describe, expect, it } from 'vitest';
import './wifi-qr-panel.js';

const settle = () => new Promise((r) => setTimeout(r, 50));
function type(root: ShadowRoot, sel: string, value: string) {
  const input = root.querySelector<HTMLInputElement>(sel);
  if (!input) throw new Error(`no ${sel}`);
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

describe('<wifi-qr-panel>', () => {
  it('shows the WIFI: QR for the typed network, and a reason instead when it cannot be joined', async () => {
    const el = document.createElement('wifi-qr-panel');
    document.body.append(el);
    await el.updateComplete;
    const root = el.shadowRoot as ShadowRoot;
    expect(root.textContent).toContain('浏览器无法修改本机的 Wi-Fi 设置');
    type(root, '[data-wifi-ssid]', '小店;Wi-Fi');
    type(root, '[data-wifi-password]', 'short');
    await settle();
    expect(root.querySelector('[data-wifi-qr]')).toBeNull();
    expect(root.querySelector('[role=alert]')?.textContent).toBe('WPA 密码为 8 到 63 个字符');
    type(root, '[data-wifi-password]', 'longenough1');
    await settle();
    const qr = root.querySelector('qr-code');
    await qr?.updateComplete;
    expect(qr?.shadowRoot?.querySelector('[data-payload]')?.getAttribute('data-payload')).toBe('WIFI:T:WPA;S:小店\\;Wi-Fi;P:longenough1;;');
    el.remove();
  });
});
