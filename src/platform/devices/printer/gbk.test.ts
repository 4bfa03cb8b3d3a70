import { describe, expect, it } from 'vitest';
import { gbkTable, gbkTableHash } from './gbk.js';

describe('GBK table in Node', () => {
  it('builds from the gb18030 decoder with the same content as in Chromium', () => {
    const t0 = performance.now();
    const table = gbkTable();
    console.log(`GBK table in Node: ${(performance.now() - t0).toFixed(1)} ms, ${table.byteLength} bytes`);
    expect(gbkTableHash()).toBe('1d50bd88'); // gbk.browser.test.ts checks Chromium's against this
    expect(table[0x3000]).toBe(0xa1a1); // ideographic space
    expect(table[0xff01]).toBe(0xa3a1); // fullwidth !
  });
});
