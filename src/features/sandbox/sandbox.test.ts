/** The sandbox control calls: scenario rows decoded tolerantly and in display order; errors say the status. */
import { describe, expect, it } from 'vitest';
import { AppSignals } from '../../app/context/signals.js';
import { confirmBinding, loadScenarios, sandboxMode$, SHOWN_SCENARIOS } from './sandbox.js';

const answer = (status: number, body: unknown) =>
  (async () => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status })) as unknown as typeof fetch;

describe('loadScenarios', () => {
  it('keeps the shown scenarios in order with their codes, ignoring unknown fields and rows', async () => {
    const rows = [
      { name: 'declined', description: 'no', codes: { wechat: '135009103', alipay: '28129103', card: '889103', extra: 'x' } },
      { name: 'success', description: 'ok', codes: { wechat: '135000000', alipay: 7 } },
      { name: 'late_success', description: 'not shown', codes: { wechat: '1' } },
      'garbage',
      null,
    ];
    const got = await loadScenarios(answer(200, { code_formats: [], scenarios: rows }));
    expect(got.map((s) => s.name)).toEqual(['success', 'declined']);
    expect(got[0]?.codes).toEqual({ wechat: '135000000' });
    expect(got[1]?.codes).toEqual({ wechat: '135009103', alipay: '28129103', card: '889103' });
    expect(SHOWN_SCENARIOS).toContain('password');
  });

  it('an answer without scenarios is an empty list; a refusal names path and status', async () => {
    expect(await loadScenarios(answer(200, {}))).toEqual([]);
    await expect(loadScenarios(answer(404, 'no sandbox'))).rejects.toThrow('/sandbox/scenarios answered 404: no sandbox');
  });
});

describe('confirmBinding', () => {
  it('posts the QR URL as qr_url', async () => {
    const seen: { url: string; init: RequestInit | undefined }[] = [];
    const fetchFn = (async (url: string, init?: RequestInit) => {
      seen.push({ url, init });
      return new Response('{}');
    }) as unknown as typeof fetch;
    await confirmBinding(fetchFn, 'https://x.test/bind?ac=1');
    expect(seen[0]?.url).toBe('/sandbox/bind/confirm');
    expect(seen[0]?.init?.method).toBe('POST');
    expect(JSON.parse(seen[0]?.init?.body as string)).toEqual({ qr_url: 'https://x.test/bind?ac=1' });
  });
});

describe('sandboxMode$', () => {
  it('is true only while the relay says sandbox (live or unknown hides the panels)', () => {
    const signals = new AppSignals();
    const seen: boolean[] = [];
    sandboxMode$(signals).subscribe((v) => seen.push(v));
    signals.setRelay({ relay: 'ok' });
    signals.setRelay({ mode: 'live' });
    signals.setRelay({ mode: 'sandbox' });
    signals.setRelay({ cpay: 'ok' });
    signals.setRelay({ mode: 'live' });
    expect(seen).toEqual([false, true, false]);
  });
});
