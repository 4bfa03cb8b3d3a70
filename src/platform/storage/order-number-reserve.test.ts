import { describe, expect, it } from 'vitest';
import type { OrderNumberPort } from '../../kernel/flow/ports.js';
import { OrderNumberReserve } from './order-number-reserve.js';

/** An allocator that numbers per prefix and records each allocation; `fail` makes the next one reject. */
function allocator() {
  const made: string[] = [];
  let n = 0;
  let fail = false;
  const port: OrderNumberPort = {
    next: async (prefix) => {
      if (fail) {
        fail = false;
        throw new Error('disk full');
      }
      n += 1;
      const no = `${prefix}${String(n).padStart(4, '0')}`;
      made.push(no);
      return no;
    },
  };
  return {
    port,
    made,
    failNext: () => {
      fail = true;
    },
  };
}

function setup(key = () => 'dev-1') {
  const a = allocator();
  const idle: (() => void)[] = [];
  const reserve = new OrderNumberReserve(a.port, key, (w) => {
    idle.push(w);
  });
  const runIdle = async () => {
    while (idle.length) idle.shift()?.();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { ...a, reserve, idle, runIdle };
}

describe('OrderNumberReserve', () => {
  it('hands out the number reserved in idle time, and reserves the next one', async () => {
    const r = setup();
    expect(await r.reserve.next('0100')).toBe('01000001');
    expect(r.made).toEqual(['01000001']);
    await r.runIdle();
    expect(r.made).toEqual(['01000001', '01000002']); // persisted ahead, before the next sale
    expect(await r.reserve.next('0100')).toBe('01000002');
    await r.runIdle();
    expect(await r.reserve.next('0100')).toBe('01000003');
  });

  it('never hands a number out twice, also to concurrent callers', async () => {
    const r = setup();
    await r.reserve.next('0100');
    await r.runIdle();
    const got = await Promise.all([r.reserve.next('0100'), r.reserve.next('0100'), r.reserve.next('0100')]);
    await r.runIdle();
    got.push(await r.reserve.next('0100'));
    expect(new Set(got).size).toBe(got.length);
  });

  it('does not wait for idle time: a reservation not yet started is left, a fresh number is taken', async () => {
    const r = setup();
    await r.reserve.next('0100');
    expect(r.idle).toHaveLength(1);
    expect(await r.reserve.next('0100')).toBe('01000002');
    await r.runIdle();
    expect(await r.reserve.next('0100')).toBe('01000003');
  });

  it('skips a reserved number of another prefix or device (re-bound) and a failed reservation', async () => {
    let key = 'dev-1';
    const r = setup(() => key);
    await r.reserve.next('0100');
    await r.runIdle();
    expect(await r.reserve.next('0200')).toBe('02000003'); // 01000002 stays unused
    await r.runIdle();
    key = 'dev-2';
    expect(await r.reserve.next('0200')).toBe('02000005'); // reserved for dev-1: skipped
    r.failNext();
    await r.runIdle();
    expect(await r.reserve.next('0200')).toBe('02000006');
  });

  it('reports the allocator failure of the sale itself', async () => {
    const r = setup();
    r.failNext();
    await expect(r.reserve.next('0100')).rejects.toThrow('disk full');
  });
});
