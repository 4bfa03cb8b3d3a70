import { describe, expect, it } from 'vitest';
import { DEFAULT_PROFILE, PRINTER_PROFILES, printerProfile } from './profiles.js';
import { chunkSizeOf } from './service.js';

describe('printer profiles', () => {
  it('finds the exact model, then the vendor row, then the default', () => {
    expect(printerProfile(0x04b8, 0x0e15).name).toBe('Epson TM-T20');
    expect(printerProfile(0x04b8, 0x9999).name).toBe('Epson (other)');
    expect(printerProfile(0x0483, 0x5720)).toMatchObject({ name: 'Xprinter XP-80 (STM32)', chunkSize: 2048 });
    expect(printerProfile(0x1234, 0x5678)).toBe(DEFAULT_PROFILE);
    expect(printerProfile(0x0483, 0x9999)).toBe(DEFAULT_PROFILE); // STMicro has no vendor-wide row
  });

  it('gives every profile a positive chunk size', () => {
    for (const p of [...PRINTER_PROFILES, DEFAULT_PROFILE]) expect(p.chunkSize, p.name).toBeGreaterThan(0);
  });

  it("uses the connected printer's chunk size, the default profile's when none is connected", () => {
    const epson = printerProfile(0x04b8, 0x0e15);
    expect(chunkSizeOf({ state: 'connected', name: 'TM-T20', vendorId: 0x04b8, productId: 0x0e15, profile: epson })).toBe(4096);
    const rongta = printerProfile(0x0fe6, 0x811e);
    expect(chunkSizeOf({ state: 'connected', name: 'RP80', vendorId: 0x0fe6, productId: 0x811e, profile: rongta })).toBe(2048);
    expect(chunkSizeOf({ state: 'disconnected' })).toBe(DEFAULT_PROFILE.chunkSize);
  });
});
