import { of } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import type { BindEvent } from './bind-steps.js';
import { BINDING, reply, scriptedCpay, type Script } from '../../testing/flow-test-kit.js';
import { legacyBindFlow, parseLegacyConfigUrl } from './legacy-bind.js';

describe('parseLegacyConfigUrl', () => {
  it.each([
    ['https://pay.qcloud.com/cpay/use_device_setting?osi=1234&si=abcd', { osi: '1234', si: 'abcd' }],
    ['  https://x/cpay/use_device_setting?si=b&osi=a&sn=ignored ', { osi: 'a', si: 'b' }],
    ['https://x/cpay/use_device_setting?osi=a', undefined],
    ['no query', undefined],
  ])('%j', (text, expected) => expect(parseLegacyConfigUrl(text)).toEqual(expected));
});

function run(script: Script) {
  const ts = new TestScheduler((a, b) => expect(a).toEqual(b));
  const events: BindEvent[] = [];
  const adopted: unknown[] = [];
  const cpay = scriptedCpay(ts, script);
  ts.run(({ flush }) => {
    legacyBindFlow(
      { osi: 'o', si: 's' },
      {
        cpay,
        sn: () => of(BINDING.sn),
        adopt: (sn, info, method) => {
          adopted.push({ sn, info, method });
          return of(BINDING);
        },
        announce: () => undefined,
      },
    ).subscribe((e) => events.push(e));
    flush();
  });
  return { events, adopted, cpay };
}

describe('legacyBindFlow', () => {
  it('GETs use_device_setting with our sn and stores the clear key as a legacy binding', () => {
    const info = { ...BINDING, authenType: 1, authenKey: 'K'.repeat(32) };
    const r = run(() => ({ outcome: reply(info) }));
    expect(r.cpay.calls[0]).toMatchObject({ endpoint: 'use_device_setting', req: { osi: 'o', si: 's', sn: BINDING.sn } });
    expect(r.adopted).toEqual([{ sn: BINDING.sn, info, method: 'legacy' }]);
    expect(r.events.map((e) => e.type)).toEqual(['requesting', 'storing', 'bound']);
  });

  it("shows cpay's description when the configuration is refused", () => {
    const r = run(() => ({ outcome: reply(undefined, { status: 104, internalStatus: 3214, description: '已绑定其他机具' }) }));
    expect(r.events.at(-1)).toEqual({ type: 'failed', stage: 'generate', description: '已绑定其他机具' });
    expect(r.adopted).toEqual([]);
  });
});
