import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRelay, silentLogger, type Relay } from '@cpay/relay';
import { DEFAULT_SETTINGS } from './settings.js';
import { fleetSettings, layerSettings, parseFleetDocument, startFleetSync, type FleetDocument } from './fleet.js';

describe('fleet defaults on the tablet', () => {
  it('parseFleetDocument keeps valid entries and drops malformed ones one by one', () => {
    expect(
      parseFleetDocument({
        revision: 'r1',
        defaults: { subTerminalType: 40123, maxAmountFen: 12.5, language: 'fr', voiceEnabled: false, voiceVolume: 2, receiptFooter: 'thanks', paymentKey: 'x' },
      }),
    ).toEqual({ revision: 'r1', defaults: { subTerminalType: 40123, voiceEnabled: false, receiptFooter: 'thanks' } });
    expect(parseFleetDocument(undefined)).toBeUndefined();
    expect(parseFleetDocument({ defaults: {} })).toBeUndefined();
  });

  it('fleetSettings maps what the app has settings for', () => {
    expect(
      fleetSettings({
        subTerminalType: 7,
        maxAmountFen: 100,
        language: 'en',
        voiceEnabled: false,
        voiceVolume: 0.3,
        cashierRefundLimitFen: 5,
        receiptHeader: 'h',
        receiptFooter: 'f',
      }),
    ).toEqual({
      subTerminalType: 7,
      maxAmountFen: 100,
      locale: 'en',
      voiceEnabled: false,
      voiceVolume: 0.3,
      receiptHeader: 'h',
      receiptFooter: 'f',
      cashierRefundLimitFen: 5,
    });
  });

  it('layers: defaults ← fleet ← this tablet; the fleet maximum per payment is a ceiling', () => {
    const fleet = { locale: 'en' as const, subTerminalType: 7, maxAmountFen: 10_000 };
    expect(layerSettings(DEFAULT_SETTINGS, fleet, {})).toEqual({ ...DEFAULT_SETTINGS, ...fleet });
    const mine = layerSettings(DEFAULT_SETTINGS, fleet, { locale: 'zh-CN', maxAmountFen: 5_000 });
    expect(mine.locale).toBe('zh-CN');
    expect(mine.maxAmountFen).toBe(5_000);
    expect(layerSettings(DEFAULT_SETTINGS, fleet, { maxAmountFen: 50_000 }).maxAmountFen).toBe(10_000);
    expect(layerSettings(DEFAULT_SETTINGS, {}, { maxAmountFen: 50_000 }).maxAmountFen).toBe(50_000);
  });
});

describe('startFleetSync against a real relay', () => {
  let dir: string;
  let relay: Relay;
  let base: URL;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'app-fleet-'));
    writeFileSync(join(dir, 'fleet.json'), JSON.stringify({ language: 'en', maxAmountFen: 20_000 }));
    relay = createRelay({ port: 0, host: '127.0.0.1', logger: silentLogger, rateLimit: false, fleetDefaultsFile: join(dir, 'fleet.json') });
    base = await relay.listen();
  });
  afterAll(async () => {
    await relay.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies and stores a new revision, skips an unchanged one, follows an edit on "online"', async () => {
    const applied: unknown[] = [];
    const stored: FleetDocument[] = [];
    const target = new EventTarget();
    const fetchFn = ((url: string, init?: RequestInit) => fetch(new URL(url, base), init)) as typeof fetch;
    const sink = {
      applyFleet: (f: unknown) => {
        applied.push(f);
      },
      storeFleet: async (d: FleetDocument) => {
        stored.push(d);
      },
    };
    const stop = startFleetSync(fetchFn, sink, undefined, 60_000, target);
    try {
      await expect.poll(() => stored.length).toBe(1);
      expect(applied).toEqual([{ locale: 'en', maxAmountFen: 20_000 }]);
      target.dispatchEvent(new Event('online'));
      await new Promise((r) => {
        setTimeout(r, 300);
      });
      expect(stored.length).toBe(1);
      writeFileSync(join(dir, 'fleet.json'), JSON.stringify({ language: 'zh-CN', subTerminalType: 40123 }));
      await new Promise((r) => {
        setTimeout(r, 2_100);
      }); // the relay re-reads the file at most every 2 s
      target.dispatchEvent(new Event('online'));
      await expect.poll(() => stored.length).toBe(2);
      expect(applied[1]).toEqual({ locale: 'zh-CN', subTerminalType: 40123 });
      expect(stored[1]?.revision).not.toBe(stored[0]?.revision);
    } finally {
      stop();
    }
  });

  it('a relay without fleet defaults changes nothing', async () => {
    const plain = createRelay({ port: 0, host: '127.0.0.1', logger: silentLogger, rateLimit: false });
    const url = await plain.listen();
    try {
      const applied: unknown[] = [];
      const fetchFn = ((u: string, init?: RequestInit) => fetch(new URL(u, url), init)) as typeof fetch;
      const stop = startFleetSync(
        fetchFn,
        {
          applyFleet: (f) => {
            applied.push(f);
          },
          storeFleet: async () => undefined,
        },
        undefined,
        60_000,
        new EventTarget(),
      );
      await new Promise((r) => {
        setTimeout(r, 500);
      });
      stop();
      // revision "none" with no defaults: applied once as empty (nothing set by a fleet).
      expect(applied).toEqual([{}]);
    } finally {
      await plain.close();
    }
  });
});
