/**
 * Runs examples/app-pay.mjs (plain Node, the BUILT @cpay/protocol from packages/protocol/dist)
 * against a real relay started in sandbox mode on a loopback port: app_pay is created, its
 * envelope signature and sdk_args verified, and query_order reads the waiting order.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRelay, silentLogger, type Relay } from '@cpay/relay';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
let relay: Relay;
let base: URL;

beforeAll(async () => {
  await run('npx', ['tsc', '-b', 'packages/protocol'], { cwd: root }); // the example uses the built package
  expect(existsSync(`${root}packages/protocol/dist/index.d.ts`)).toBe(true);
  relay = createRelay({ port: 0, host: '127.0.0.1', logger: silentLogger, rateLimit: false });
  base = await relay.listen();
}, 120_000);
afterAll(async () => {
  await relay?.close();
});

describe('examples/app-pay.mjs', () => {
  it('creates an app_pay order through the sandbox relay, verifies it, and queries it', async () => {
    const { stdout } = await run('node', ['examples/app-pay.mjs'], { cwd: root, env: { ...process.env, RELAY_URL: base.href } });
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.step)).toEqual(['app_pay', 'query_order']);
    expect(lines[0]).toMatchObject({ signatureVerified: true, sdkArgs: { packageValue: 'Sign=WXPay', appId: 'wx87dd198b78jucir8' } });
    expect(lines[1]).toMatchObject({ tradeType: 4, totalFee: 100, state: { platform: 'wechat', cts: 6 }, class: 'pending' });
    const orders = (await (await fetch(new URL('/sandbox/app-orders', base))).json()) as { out_trade_no: string; prepare_id: string }[];
    expect(orders.map((o) => o.out_trade_no)).toContain(lines[1]?.outTradeNo);
  }, 60_000);
});
