/**
 * China Standard Time (UTC+8, no daylight saving since 1991): the shop's clock. Receipts, the
 * history's day filters and the summary's "today" read dates in it whatever the tablet's own time
 * zone, so the offset is fixed arithmetic on epoch milliseconds, never `Date`'s local time.
 * The one place the app turns epoch ms into shop-local dates and back.
 */

/** UTC+8 in milliseconds. */
export const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** Epoch ms → "YYYY-MM-DD HH:mm:ss" in China Standard Time (receipts, lists). */
export function formatCst(ms: number): string {
  const d = new Date(ms + CST_OFFSET_MS);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

/** Epoch ms → the CST calendar date as `YYYY-MM-DD` (a date input's value). */
export function cstDateText(ms: number): string {
  return new Date(ms + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` (a date input's value) → that day's CST midnight in ms; undefined when malformed. */
export function cstDateStart(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - CST_OFFSET_MS;
  return Number.isFinite(ms) ? ms : undefined;
}

/** Midnight (CST) of the day containing `ms`: the "day" view's start. */
export function cstDayStart(ms: number): number {
  return Math.floor((ms + CST_OFFSET_MS) / DAY_MS) * DAY_MS - CST_OFFSET_MS;
}
