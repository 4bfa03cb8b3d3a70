import type { ResolveMessageKey } from './resolve.zh-CN.js';

/** The 待确认 tray's "confirm by hand" step, English. */
export const resolveEn: Record<ResolveMessageKey, string> = {
  'resolve.button': 'Confirm by hand…',
  'resolve.prompt':
    'Cloud Pay is asked once more about this ¥{amount} first; if it still has no result, check the merchant console (or the customer’s payment record) and record what it shows:',
  'resolve.paid': 'Checked: paid',
  'resolve.notPaid': 'Checked: not paid',
  'resolve.cancel': 'Cancel',
  'resolve.querying': 'Asking Cloud Pay…',
  'resolve.note': 'checked at {time}',
};
