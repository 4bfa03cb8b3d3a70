/**
 * The relay tells the app which cpay domain answered (`x-relay-domain`) and why it last switched
 * (`lastSwitch` in /relay/status), so the cashier can be told about a fail-over (acceptance item 8,
 * 003 L10607-10619: "给出相应的提示语").
 */
import { afterEach, describe, expect, it } from 'vitest';
import { deadOrigin, eventually, fakeUpstream, post, startRelay, type FakeUpstream, type Started } from './helpers.js';

const BRIEF = '{"r":"{\\"otn\\":\\"1\\"}","a":"00"}';
const ups: FakeUpstream[] = [];
let relay: Started | undefined;
afterEach(async () => {
  await relay?.relay.close();
  await Promise.all(ups.splice(0).map((u) => u.close()));
  relay = undefined;
});
async function upstream(name: string, port = 0): Promise<FakeUpstream> {
  const u = await fakeUpstream((_q, _b, res) => res.end(`{"from":"${name}"}`), false, port);
  ups.push(u);
  return u;
}
interface Switch {
  from: string;
  to: string;
  reason: string;
  at: string;
}
const status = async (r: Started) => (await (await fetch(r.at('/relay/status'))).json()) as { active: string; lastSwitch: Switch | null };

describe('domain switch reported to the app', () => {
  it('names the answering host in x-relay-domain and reports the switch with its reason', async () => {
    const first = await deadOrigin();
    const second = await upstream('second');
    relay = await startRelay({ upstreams: [first, second.origin], healthIntervalMs: 60_000 });
    const r = await post(relay.at('/cpay/brief_query_order'), BRIEF);
    expect(r.headers.get('x-relay-domain')).toBe(new URL(second.origin).host);
    const s = await status(relay);
    expect(s.active).toBe(second.origin);
    expect(s.lastSwitch).toMatchObject({ from: first, to: second.origin, reason: 'connect_refused' });
    expect(Date.now() - Date.parse(s.lastSwitch?.at ?? '')).toBeLessThan(60_000);
  });

  it('has no switch while the first domain answers, and reports "recovered" when it comes back', async () => {
    const only = await upstream('only');
    relay = await startRelay({ upstreams: [only.origin] });
    expect((await status(relay)).lastSwitch).toBeNull();
    await relay.relay.close();

    const first = await deadOrigin();
    const second = await upstream('second');
    relay = await startRelay({ upstreams: [first, second.origin], healthIntervalMs: 100 });
    await eventually(async () => (await status(relay!)).active === second.origin);
    await upstream('first', Number(new URL(first).port));
    await eventually(async () => (await status(relay!)).active === first);
    expect((await status(relay)).lastSwitch).toMatchObject({ from: second.origin, to: first, reason: 'recovered' });
  });
});
