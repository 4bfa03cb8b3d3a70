import { describe, expect, it } from 'vitest';
import { encodeGbk, gbkTable, gbkTableHash } from './gbk.js';

/** Hash of the table Node 20 (full ICU) builds; see gbk.test.ts. */
const NODE_TABLE_HASH = '1d50bd88';

describe('GBK table in Chromium', () => {
  it('builds lazily from the gb18030 decoder and matches Node (measured)', () => {
    const t0 = performance.now();
    const table = gbkTable();
    const ms = performance.now() - t0;
    let entries = 0;
    for (const v of table) if (v !== 0) entries++;
    console.log(`GBK table in Chromium: ${ms.toFixed(1)} ms, ${entries} characters, ${table.byteLength} bytes`);
    expect(entries).toBe(23939); // the same count Node 20 (full ICU) produces
    expect(Array.from(encodeGbk('微信收款 0.02 元'))).toEqual([0xce, 0xa2, 0xd0, 0xc5, 0xca, 0xd5, 0xbf, 0xee, 0x20, 0x30, 0x2e, 0x30, 0x32, 0x20, 0xd4, 0xaa]);
    expect(gbkTableHash()).toBe(NODE_TABLE_HASH);
    expect(ms).toBeLessThan(500);
  });
});
