/** The cash drawer's log in the `settings` store, against Chromium's real IndexedDB. */
import { afterEach, describe, expect, it } from 'vitest';
import { openTerminalDb, type Db } from './db.js';
import { DRAWER_LOG_KEY, DrawerLogRepo } from './drawer-log-repo.js';
import { SettingsRepo } from './settings-repo.js';
import { DEFAULT_SETTINGS } from '../../features/settings/settings.js';

const opened: Db[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) {
    db.close();
    indexedDB.deleteDatabase(db.name);
  }
});

describe('DrawerLogRepo', () => {
  it('keeps every open, also when appends race, and reads a window; the settings never see it', async () => {
    const db = await openTerminalDb(`test-${crypto.randomUUID()}`);
    opened.push(db);
    const log = new DrawerLogRepo(db);
    await Promise.all(
      [1, 2, 3, 4, 5].map((at) => log.append({ at, reason: at % 2 ? 'cash_sale' : 'manual', ...(at % 2 ? { outTradeNo: `N${at}` } : {}), sent: 'printer' })),
    );
    const all = await log.between(0, 10);
    expect(all.map((e) => e.at).sort()).toEqual([1, 2, 3, 4, 5]);
    expect((await log.between(2, 4)).map((e) => e.at).sort()).toEqual([2, 3]);
    expect(all.find((e) => e.at === 3)).toEqual({ at: 3, reason: 'cash_sale', outTradeNo: 'N3', sent: 'printer' });
    expect(await db.get('settings', DRAWER_LOG_KEY)).toHaveLength(5);
    expect(await new SettingsRepo(db).load()).toEqual(DEFAULT_SETTINGS);
  });
});
