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
    expect(c.options).toMatchObject({
      port: 9100,
      host: '0.0.0.0',
      corsOrigins: ['http://a:1', 'http://b:2'],
      timeoutMs: 8000,
      bodyLimitBytes: 2048,
      rateLimit: { perSecond: 5, burst: 10 },
    });
    expect(c.logLevel).toBe('warn');
  });

  it('CPAY_UPSTREAM=cpay means the four cpay domains; CPAY_DOMAINS appends fail-over domains', () => {
    expect(parseConfig([], { CPAY_UPSTREAM: 'cpay' }).options.upstreams).toEqual([...CPAY_DOMAINS]);
    expect(parseConfig([], { CPAY_UPSTREAM: 'https://a.example', CPAY_DOMAINS: 'b.example,a.example ,c.example' }).options.upstreams).toEqual([
      'https://a.example',
      'b.example',
      'a.example',
      'c.example',
    ]);
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

  it.each([
    [[], { UPSTREAM_TIMEOUT_MS: '0' }, /--timeout-ms \/ UPSTREAM_TIMEOUT_MS must be at least 1, got 0/],
    [['--body-limit', '0'], {}, /--body-limit \/ BODY_LIMIT_BYTES must be at least 1/],
    [[], { CONNECT_TIMEOUT_MS: '-5' }, /--connect-timeout-ms \/ CONNECT_TIMEOUT_MS must be a whole number, got "-5"/],
    [[], { HEADERS_TIMEOUT_MS: '0' }, /--headers-timeout-ms \/ HEADERS_TIMEOUT_MS must be at least 1/],
    [[], { MAX_CONNECTIONS: '10', MAX_CONNECTIONS_PER_CLIENT: '20' }, /MAX_CONNECTIONS_PER_CLIENT \(20\) cannot exceed --max-connections/],
    [[], { CPAY_UPSTREAM: 'https://pay.qcloud.com/cpay' }, /--upstream \/ CPAY_UPSTREAM: "https:\/\/pay.qcloud.com\/cpay" has a path, query or credentials/],
    [[], { CPAY_UPSTREAM: 'https://pay.qcloud.com?x=1' }, /--upstream \/ CPAY_UPSTREAM: .* has a path, query/],
    [[], { CPAY_DOMAINS: 'user:pw@sz.pay.qcloud.com' }, /--domains \/ CPAY_DOMAINS: .* credentials/],
    [[], { CPAY_UPSTREAM: 'ftp://pay.qcloud.com' }, /must be http or https/],
    [[], { TRUST_PROXY: 'everyone' }, /--trust-proxy \/ TRUST_PROXY: "everyone" is not a hop count/],
    [[], { METRICS: 'public' }, /--metrics \/ METRICS must be local, on or off/],
    [[], { SANDBOX_ON_NETWORK: 'maybe' }, /--sandbox-on-network \/ SANDBOX_ON_NETWORK must be 1 or 0/],
  ])('validates at start: %j %j', (argv, env, message) => {
    expect(() => parseConfig(argv, env)).toThrow(message);
  });

  it('reads the edge settings and the trusted proxies', () => {
    const c = parseConfig(['--sandbox-on-network', '--allowed-hosts', 'pos.shop.lan, till-2.local'], {
      TRUST_PROXY: '10.0.0.0/8,loopback',
      MAX_CONNECTIONS: '500',
      MAX_CONNECTIONS_PER_CLIENT: '20',
      BODY_TIMEOUT_MS: '5000',
      UPSTREAM_ANSWER_LIMIT: '200000',
      METRICS: 'off',
      SERVE_SOURCE_MAPS: '1',
    });
    expect(c.options.trustProxy).toEqual(['10.0.0.0/8', 'loopback']);
    expect(c.options.edge).toEqual({
      maxConnections: 500,
      maxConnectionsPerClient: 20,
      bodyTimeoutMs: 5000,
      upstreamAnswerLimitBytes: 200000,
      metrics: 'off',
      serveSourceMaps: true,
      sandboxOnNetwork: true,
      allowedHosts: ['pos.shop.lan', 'till-2.local'],
    });
    expect(parseConfig([], { TRUST_PROXY: '1' }).options.trustProxy).toBe(1);
    expect(parseConfig([], { TRUST_PROXY: 'true' }).options.trustProxy).toBe(1);
    expect(parseConfig([], { TRUST_PROXY: '0' }).options.trustProxy).toBe(false);
    expect(parseConfig(['--port', '0'], {}).options.port).toBe(0);
  });

  it('documents every flag with its variable', () => {
    expect(usage()).toMatch(/--upstream\s+CPAY_UPSTREAM/);
    expect(parseConfig(['--help'], {}).help).toBe(true);
  });
});
