import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { CompressedCache, chooseCoding } from './compress.js';

const JS = 'text/javascript; charset=utf-8';
const dir = mkdtempSync(join(tmpdir(), 'relay-compress-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('chooseCoding', () => {
  it.each([
    ['gzip, deflate, br', JS, 5000, 'br'],
    ['gzip', JS, 5000, 'gzip'],
    ['br;q=0, gzip;q=0.5', JS, 5000, 'gzip'],
    ['br;q=0, gzip;q=0', JS, 5000, undefined],
    [undefined, JS, 5000, undefined],
    ['br', JS, 100, undefined],
    ['br', 'image/png', 5000, undefined],
    ['br', 'image/svg+xml', 5000, 'br'],
  ] as const)('%s, %s, %d bytes → %s', (accept, type, size, want) => {
    expect(chooseCoding(accept, type, size)).toBe(want);
  });
});

describe('CompressedCache', () => {
  it('compresses once per file version and round-trips', async () => {
    const file = join(dir, 'a.js');
    const text = 'console.log("cpay");\n'.repeat(200);
    writeFileSync(file, text);
    const cache = new CompressedCache();
    const first = cache.get(file, text.length, 1, 'br');
    expect(cache.get(file, text.length, 1, 'br')).toBe(first);
    expect(brotliDecompressSync(await first).toString()).toBe(text);
    expect(gunzipSync(await cache.get(file, text.length, 1, 'gzip')).toString()).toBe(text);
    expect(cache.get(file, text.length, 2, 'br')).not.toBe(first);
  });

  it('stays under its byte budget by dropping the oldest versions', async () => {
    const cache = new CompressedCache(300);
    for (let i = 0; i < 5; i++) {
      const file = join(dir, `r${i}.txt`);
      writeFileSync(file, Buffer.from(Array.from({ length: 2000 }, (_, j) => (j * 7919 + i * 104729) % 251)));
      await cache.get(file, 2000, 1, 'gzip');
    }
    expect(cache.heldBytes).toBeLessThanOrEqual(300 + 2100);
  });
});
