/**
 * Staff and permission strings in their own catalogs (staff.zh-CN.ts, staff.en.ts), following the
 * app's locale like the other feature catalogs. Both load with the shell: sign-in is the first screen.
 */
import { translator, type Locale } from './index.js';
import { staffEn } from './staff.en.js';
import { staffZhCN, type StaffMessageKey } from './staff.zh-CN.js';

export type { StaffMessageKey } from './staff.zh-CN.js';

const catalogs: Record<Locale, Record<StaffMessageKey, string>> = { 'zh-CN': staffZhCN, en: staffEn };

/** Translates a staff key in the current locale. */
export const ts = translator(catalogs);
