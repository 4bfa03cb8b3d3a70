import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';
import { FleetDefaultsError, FleetSource, revisionOf, validateFleetDefaults } from '../src/fleet.js';
import { captureLogger, eventually, fakeUpstream, startRelay, type FakeUpstream, type Started } from './helpers.js';

const FULL = {
  subTerminalType: 40123,
  maxAmountFen: 200_000,
  cashierRefundLimitFen: 5_000,
  language: 'en',
  voiceEnabled: false,
  voiceVolume: 0.6,
  receiptHeader: '欢迎光临 Welcome\n分店 12',
  receiptFooter: '谢谢惠顾',
};
const refused = (doc: unknown): string => {
  try {
    validateFleetDefaults(doc);
  } catch (e) {
    expect(e).toBeInstanceOf(FleetDefaultsError);
    return (e as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(doc)}`);
};

describe('validateFleetDefaults', () => {
  it('accepts every documented setting and nothing is changed', () => {
    expect(validateFleetDefaults(FULL)).toEqual(FULL);
    expect(validateFleetDefaults({})).toEqual({});
  });

  it('refuses anything that looks like a key or secret, by name', () => {
    for (const k of ['paymentKey', 'initial_key', 'authen_key', 'secret', 'password', 'apiToken', 'privateKeyPem']) {
      expect(refused({ [k]: 'x' })).toMatch(new RegExp(`"${k}" looks like a key or secret; fleet defaults never hold keys`));
    }
  });

  it('refuses unknown settings and wrong values, naming the setting and what it must be', () => {
    expect(refused({ maxAmount: 5 })).toMatch(/unknown setting "maxAmount" \(allowed: subTerminalType, maxAmountFen/);
    expect(refused({ maxAmountFen: 12.5 })).toMatch(/"maxAmountFen" must be a whole number from 1 to 100000000, got 12.5/);
    expect(refused({ maxAmountFen: 0 })).toMatch(/"maxAmountFen" must be a whole number/);
    expect(refused({ maxAmountFen: '5000' })).toMatch(/got "5000"/);
    expect(refused({ cashierRefundLimitFen: -1 })).toMatch(/"cashierRefundLimitFen" must be a whole number from 0/);
    expect(refused({ subTerminalType: 0 })).toMatch(/"subTerminalType" must be a whole number from 1 to 2147483647/);
    expect(refused({ language: 'fr' })).toMatch(/"language" must be "zh-CN" or "en"/);
    expect(refused({ voiceEnabled: 'yes' })).toMatch(/"voiceEnabled" must be true or false/);
    expect(refused({ voiceVolume: 1.5 })).toMatch(/"voiceVolume" must be a number from 0 to 1/);
    expect(refused({ receiptHeader: 'a\nb\nc\nd\ne' })).toMatch(/"receiptHeader" must be text of at most 4 lines/);
    expect(refused({ receiptFooter: 'x'.repeat(49) })).toMatch(/"receiptFooter" must be text/);
    expect(refused({ receiptFooter: 'bell\u0007' })).toMatch(/"receiptFooter"/);
    expect(refused([1])).toMatch(/must be a JSON object/);
  });

  it('the revision follows the content, not the key order', () => {
    expect(revisionOf({ language: 'en', voiceEnabled: true })).toBe(revisionOf({ voiceEnabled: true, language: 'en' }));
    expect(revisionOf({ language: 'en' })).not.toBe(revisionOf({ language: 'zh-CN' }));
  });
});

describe('GET /relay/fleet', () => {
  let dir: string;
  let file: string;
  let up: FakeUpstream;
  let relay: Started;
  const log = captureLogger();
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'relay-fleet-'));
    file = join(dir, 'fleet.json');
    writeFileSync(file, JSON.stringify(FULL));
    up = await fakeUpstream((_q, _b, res) => res.end('{}'));
    relay = await startRelay({ upstreams: [up.origin], fleetDefaultsFile: file, logger: log.logger });
  });
  afterAll(async () => {
    await relay.relay.close();
    await up.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the defaults with their revision as ETag; 304 while unchanged', async () => {
    const res = await fetch(relay.at('/relay/fleet'));
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { revision: string; defaults: unknown };
    expect(doc).toEqual({ revision: revisionOf(FULL as never), defaults: FULL });
    expect(res.headers.get('etag')).toBe(`"${doc.revision}"`);
    expect((await fetch(relay.at('/relay/fleet'), { headers: { 'if-none-match': `"${doc.revision}"` } })).status).toBe(304);
    expect((await fetch(relay.at('/relay/fleet'), { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).status).toBe(405);
  });

  it('picks up an edited file; an invalid edit keeps the last good defaults and is logged', async () => {
    writeFileSync(file, JSON.stringify({ ...FULL, maxAmountFen: 99_900 }));
    await eventually(
      async () => ((await (await fetch(relay.at('/relay/fleet'))).json()) as { defaults: { maxAmountFen: number } }).defaults.maxAmountFen === 99_900,
      6_000,
    );
    writeFileSync(file, JSON.stringify({ ...FULL, paymentKey: 'K3Q9D2M7X1C8V5B4N6Z0L2P8R4T6Y1W3' }));
    await eventually(async () => {
      await fetch(relay.at('/relay/fleet'));
      return log.lines.some((l) => l.includes('looks like a key or secret'));
    }, 6_000);
    const body = await (await fetch(relay.at('/relay/fleet'))).text();
    expect(JSON.parse(body).defaults.maxAmountFen).toBe(99_900);
    expect(body).not.toContain('K3Q9D2M7X1C8V5B4N6Z0L2P8R4T6Y1W3');
    expect(log.lines.join('\n')).not.toContain('K3Q9D2M7X1C8V5B4N6Z0L2P8R4T6Y1W3');
  });

  it('without a file: revision "none", no defaults', async () => {
    const plain = await startRelay({ upstreams: [up.origin] });
    try {
      expect(await (await fetch(plain.at('/relay/fleet'))).json()).toEqual({ revision: 'none', defaults: {} });
    } finally {
      await plain.relay.close();
    }
  });
});

describe('cpay-relay --fleet-defaults', () => {
  it('FLEET_DEFAULTS / --fleet-defaults set the file', () => {
    expect(parseConfig([], { FLEET_DEFAULTS: '/etc/cpay/fleet.json' }).options.fleetDefaultsFile).toBe('/etc/cpay/fleet.json');
    expect(parseConfig(['--fleet-defaults', 'a.json'], { FLEET_DEFAULTS: 'b.json' }).options.fleetDefaultsFile).toBe('a.json');
  });

  it('the CLI refuses to start with an unusable file and says why', () => {
    const dir = mkdtempSync(join(tmpdir(), 'relay-fleet-cli-'));
    try {
      const bad = join(dir, 'fleet.json');
      writeFileSync(bad, '{"language": "fr"}');
      const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
      const r = spawnSync(process.execPath, [cli, '--port', '0', '--fleet-defaults', bad], { encoding: 'utf8', timeout: 15_000 });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`cpay-relay failed to start: fleet defaults file ${bad}: "language" must be "zh-CN" or "en", got "fr"`);
      const missing = spawnSync(process.execPath, [cli, '--port', '0', '--fleet-defaults', join(dir, 'nope.json')], { encoding: 'utf8', timeout: 15_000 });
      expect(missing.stderr).toMatch(/fleet defaults file .*nope.json cannot be read: ENOENT/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('FleetSource reads once at creation and throws for an unusable file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'relay-fleet-src-'));
    try {
      writeFileSync(join(dir, 'f.json'), 'not json');
      expect(() => new FleetSource(join(dir, 'f.json'))).toThrow(/is not valid JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
