/** Shifts kept in the v6 `shifts` store, against Chromium's real IndexedDB (issue 20). */
import { afterEach, describe, expect, it } from 'vitest';
import { openTerminalDb, type Db } from './db.js';
import { ShiftRepo } from './shift-repo.js';
import { closeWith, shiftFigures } from '../../features/shift/shift.js';

const opened: Db[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) {
    db.close();
    indexedDB.deleteDatabase(db.name);
  }
});

async function repo(): Promise<ShiftRepo> {
  const db = await openTerminalDb(`test-${crypto.randomUUID()}`);
  opened.push(db);
  return new ShiftRepo(db);
}

const closeAt = (fromMs: number, toMs: number, floatFen: number) =>
  closeWith(shiftFigures({ fromMs, toMs, floatFen, sales: [], refunds: [] }), { 10000: 1, 100: 1 });

describe('ShiftRepo', () => {
  it('opens with a float and the cashier, closes with the count; the next shift starts clean', async () => {
    const shifts = await repo();
    expect(await shifts.current()).toBeUndefined();
    const open = await shifts.open(1_000, 10_000, { staffId: 's1', staffName: '张三' });
    expect(open).toEqual({ startedAt: 1_000, floatFen: 10_000, cashiers: [{ staffId: 's1', staffName: '张三' }] });
    // opening again while open returns the open shift, unchanged
    expect(await shifts.open(1_500, 99, { staffName: '李四' })).toEqual(open);
    const closed = await shifts.close(1_000, closeAt(1_000, 2_000, 10_000), { staffId: 's2', staffName: '李四' });
    expect(closed).toMatchObject({ startedAt: 1_000, endedAt: 2_000, cashiers: [{ staffName: '张三' }, { staffName: '李四' }] });
    expect(closed?.close).toMatchObject({ countedFen: 10_100, expectedCashFen: 10_000, differenceFen: 100 });
    expect(await shifts.close(1_000, closeAt(1_000, 3_000, 10_000))).toBeUndefined(); // closed once
    expect(await shifts.current()).toEqual(closed);
    const next = await shifts.open(3_000, 5_000);
    expect(next).toEqual({ startedAt: 3_000, floatFen: 5_000, cashiers: [] });
    expect(await shifts.current()).toEqual(next);
    expect((await shifts.recent(10)).map((s) => s.startedAt)).toEqual([1_000]);
  });

  it('a clock gone back never starts a shift before the last one; ranges and limits; a bad float is refused', async () => {
    const shifts = await repo();
    await shifts.open(10_000, 0);
    await shifts.close(10_000, closeAt(10_000, 20_000, 0));
    const back = await shifts.open(5_000, 0);
    expect(back.startedAt).toBe(20_001);
    await shifts.close(20_001, closeAt(20_001, 30_000, 0));
    await shifts.open(40_000, 0);
    expect((await shifts.between(0, 100_000)).map((s) => s.startedAt)).toEqual([40_000, 20_001, 10_000]);
    expect((await shifts.between(15_000, 40_000)).map((s) => s.startedAt)).toEqual([20_001]);
    expect(await shifts.between(5, 5)).toEqual([]);
    expect((await shifts.recent(1)).map((s) => s.startedAt)).toEqual([20_001]);
    await expect(shifts.open(50_000, -1)).rejects.toThrow(RangeError);
    await expect(shifts.open(50_000, 1.5)).rejects.toThrow(RangeError);
  });
});
