import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HID_BOOT_IDLE, hidBootStep, type HidBootState } from './hid-boot.js';
import { HID_POS_IDLE, hidPosStep, type HidPosState, type HidReport } from './hid-pos.js';
import type { RawScan } from './types.js';

interface Fixture {
  readonly layout: 'hid-pos-64' | 'boot-keyboard';
  readonly reports: { readonly reportId: number; readonly data: string }[];
  readonly expected: { readonly text: string; readonly aim?: string; readonly symbology?: string };
}

const DIR = new URL('../../../../test/fixtures/devices/hid/', import.meta.url);
const fixtures = readdirSync(DIR).filter((f) => f.endsWith('.json'));
const bytes = (hex: string): Uint8Array => Uint8Array.from(hex.split(' ').map((h) => Number.parseInt(h, 16)));
const reportsOf = (f: Fixture): HidReport[] => f.reports.map((r, i) => ({ reportId: r.reportId, data: bytes(r.data), timeStamp: i }));

function feedAll(f: Fixture): RawScan[] {
  const scans: RawScan[] = [];
  let pos: HidPosState = HID_POS_IDLE;
  let boot: HidBootState = HID_BOOT_IDLE;
  for (const r of reportsOf(f)) {
    const step = f.layout === 'boot-keyboard' ? hidBootStep(boot, r) : hidPosStep(pos, r);
    if (f.layout === 'boot-keyboard') boot = step.state as HidBootState;
    else pos = step.state as HidPosState;
    if (step.scan) scans.push(step.scan);
  }
  return scans;
}

describe('HID report parsing (fixtures)', () => {
  it('has fixtures', () => expect(fixtures.length).toBeGreaterThanOrEqual(4));

  it.each(fixtures)('%s yields exactly the expected scan', (name) => {
    const f = JSON.parse(readFileSync(new URL(name, DIR), 'utf8')) as Fixture;
    const scans = feedAll(f);
    expect(scans).toHaveLength(1);
    expect(scans[0]).toMatchObject({ source: 'hid', ...f.expected });
    if (!f.expected.symbology) expect(scans[0]?.symbology).toBeUndefined();
  });
});

describe('HID POS parser', () => {
  const report = (text: string, more: boolean, reportId = 2): HidReport => {
    const d = new Uint8Array(63);
    d[0] = text.length;
    d.set(new TextEncoder().encode(']C0'), 1);
    d.set(new TextEncoder().encode(text), 4);
    d[62] = more ? 1 : 0;
    return { reportId, data: d, timeStamp: 5 };
  };

  it('ignores other report ids and keeps partial reads', () => {
    expect(hidPosStep(HID_POS_IDLE, report('123', false, 4))).toEqual({ state: HID_POS_IDLE, scan: null });
    const first = hidPosStep(HID_POS_IDLE, report('1234', true));
    expect(first.scan).toBeNull();
    expect(hidPosStep(first.state, report('5678', false)).scan?.text).toBe('12345678');
  });

  it('strips a trailing CR/LF suffix the scanner may be configured to add', () => {
    expect(hidPosStep(HID_POS_IDLE, report('134567890123456789\r\n', false)).scan?.text).toBe('134567890123456789');
  });

  it('clamps a corrupt length byte to the data field', () => {
    const r = report('12', false);
    r.data[0] = 200;
    expect(hidPosStep(HID_POS_IDLE, r).scan?.text.length).toBeLessThanOrEqual(56);
  });
});

describe('HID boot-keyboard fallback', () => {
  it('counts a key held across reports once and reads shifted characters', () => {
    const k = (mod: number, ...keys: number[]): HidReport => ({
      reportId: 0,
      data: Uint8Array.from([mod, 0, ...keys, 0, 0, 0, 0, 0, 0].slice(0, 8)),
      timeStamp: 1,
    });
    let s = HID_BOOT_IDLE;
    const texts: string[] = [];
    for (const r of [k(0, 0x1e), k(0, 0x1e), k(0), k(0x02, 0x24), k(0), k(0, 0x28)]) {
      const step = hidBootStep(s, r);
      s = step.state;
      if (step.scan) texts.push(step.scan.text);
    }
    expect(texts).toEqual(['1&']);
  });
});
