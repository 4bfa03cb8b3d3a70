import { describe, expect, it } from 'vitest';
import { BINDING } from '../../testing/flow-test-kit.js';
import { loadLocale, setLocale } from '../../i18n/index.js';
import { bootNotice, routeAfterBoot, unreachableText } from './boot-notice.js';

describe('bootNotice', () => {
  it('is specific, dismissable and offers the next action', () => {
    setLocale('zh-CN');
    expect(bootNotice({ type: 'check_failed', failure: 'key_mismatch', description: '交易密钥不一致', binding: BINDING })).toEqual({
      message: '支付密钥与云支付不一致（商户可能已更换密钥）：交易密钥不一致',
      tone: 'error',
      actions: ['rebind', 'retry', 'dismiss'],
    });
    expect(bootNotice({ type: 'unreachable', attempt: 2, retryInMs: 2_000, detail: 'offline' })).toMatchObject({ tone: 'warn', actions: ['retry', 'dismiss'] });
    expect(bootNotice({ type: 'unbound' })?.actions).toContain('bind');
    expect(bootNotice({ type: 'ready', binding: BINDING })).toBeUndefined();
    expect(bootNotice(undefined)).toBeUndefined();
  });

  it('speaks English after a switch', async () => {
    await loadLocale('en');
    setLocale('en');
    expect(bootNotice({ type: 'check_failed', failure: 'bound_elsewhere', description: 'd', binding: BINDING })?.message).toBe(
      'This device is bound to another shop or was deleted by the merchant: d',
    );
    setLocale('zh-CN');
  });
});

describe('routeAfterBoot', () => {
  it.each([
    [{ type: 'ready', binding: BINDING } as const, true, 'checkout'],
    [{ type: 'unbound' } as const, false, 'bind'],
    [{ type: 'unreachable', attempt: 1, retryInMs: 1, detail: '' } as const, true, 'checkout'],
    [{ type: 'unreachable', attempt: 1, retryInMs: 1, detail: '' } as const, false, 'bind'],
    [{ type: 'pinging', attempt: 1 } as const, true, undefined],
  ])('%o (bound: %s) → %s', (e, bound, route) => {
    expect(routeAfterBoot(e, bound)).toBe(route);
  });
});

describe('unreachable wording (issue 13: shop language, no raw English in zh-CN)', () => {
  it.each([
    ['offline: the browser is offline', '本机网络已断开，请检查网线或 Wi-Fi'],
    ['timeout: no answer within 10000 ms', '云支付响应超时'],
    ['upstream_unreachable: connect ECONNREFUSED', '云支付服务器暂时连不上'],
    ['status 3/0', '网络异常'],
    ['系统繁忙', '系统繁忙'],
  ])('%s → %s', (detail, text) => {
    setLocale('zh-CN');
    expect(unreachableText(detail)).toBe(text);
    expect(bootNotice({ type: 'unreachable', attempt: 1, retryInMs: 2_000, detail })?.message).toBe(`无法连接云支付：${text}。2 秒后自动重试。`);
  });
});
