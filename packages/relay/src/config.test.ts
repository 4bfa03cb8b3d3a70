import { describe, expect, it } from 'vitest';
import { parseConfig, usage } from './config.js';
import { CPAY_DOMAINS } from './options.js';

describe('parseConfig', () => {
  it('defaults to sandbox mode (no upstreams) and info logs', () => {
    const c = parseConfig([], {});
    expect(c.options.upstreams).toEqual([]);
    expect(c.logLevel).toBe('info');
    expect(c.tlsFiles).toBeUndefined();
  });

  it('reads the environment; flags win', () => {
    const env = { PORT: '9000', HOST: '0.0.0.0', CORS_ORIGINS: 'http://a:1, http://b:2', UPSTREAM_TIMEOUT_MS: '8000', RATE_LIMIT: '5/10', LOG_LEVEL: 'warn' };
    const c = parseConfig(['--port', '9100', '--body-limit=2048'], env);
    expect(c.options).toMatchObject({ port: 9100, host: '0.0.0.0', corsOrigins: ['http://a:1', 'http://b:2'], timeoutMs: 8000, bodyLimitBytes: 2048, rateLimit: { perSecond: 5, burst: 10 } });
    expect(c.logLevel).toBe('warn');
  });

  it('CPAY_UPSTREAM=cpay means the four cpay domains; CPAY_DOMAINS appends fail-over domains', () => {
    expect(parseConfig([], { CPAY_UPSTREAM: 'cpay' }).options.upstreams).toEqual([...CPAY_DOMAINS]);
    expect(parseConfig([], { CPAY_UPSTREAM: 'https://a.example', CPAY_DOMAINS: 'b.example,a.example ,c.example' }).options.upstreams)
      .toEqual(['https://a.example', 'b.example', 'a.example', 'c.example']);
    expect(parseConfig([], { CPAY_DOMAINS: 'sz.pay.qcloud.com' }).options.upstreams).toEqual(['sz.pay.qcloud.com']);
  });

  it('turns the rate limit off, and TLS needs both files', () => {
    expect(parseConfig(['--rate-limit', 'off'], {}).options.rateLimit).toBe(false);
    expect(parseConfig([], { TLS_CERT: 'c.pem', TLS_KEY: 'k.pem' }).tlsFiles).toEqual({ cert: 'c.pem', key: 'k.pem' });
    expect(() => parseConfig([], { TLS_CERT: 'c.pem' })).toThrow(/both TLS_CERT and TLS_KEY/);
    expect(parseConfig(['--upstream-ca', 'ca.pem'], {}).upstreamCaFile).toBe('ca.pem');
  });

  it.each([
    [['--port', 'x80'], {}, /whole number/],
    [['--nope', '1'], {}, /unknown flag --nope/],
    [['--port'], {}, /needs a value/],
    [[], { RATE_LIMIT: 'fast' }, /RATE_LIMIT must be/],
    [[], { LOG_LEVEL: 'debug' }, /LOG_LEVEL must be one of/],
  ])('refuses %j %j with a clear message', (argv, env, message) => {
    expect(() => parseConfig(argv, env)).toThrow(message);
  });

  it('documents every flag with its variable', () => {
    expect(usage()).toMatch(/--upstream\s+CPAY_UPSTREAM/);
    expect(parseConfig(['--help'], {}).help).toBe(true);
  });
});
