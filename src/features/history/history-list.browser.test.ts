/** The history list offers "Reprint" only on paid payments, and the event carries the row's real state. */
import type { Fen } from '@cpay/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import type { HistoryRow, HistoryStatus } from './history.js';
import type { ReprintOrder } from './reprint.js';
import './history-list.js';

const payment = (no: string, status: HistoryStatus): HistoryRow => ({
  key: no,
  kind: 'payment',
  outTradeNo: no,
  platform: 'alipay',
  amount: 3 as Fen,
  at: 0,
  status,
  source: 'server',
});
const ROWS: readonly HistoryRow[] = [
  payment('P-success', 'success'),
  payment('P-refunded', 'refunded'),
  payment('P-failed', 'failed'),
  payment('P-unknown', 'unknown'),
  payment('P-pending', 'pending'),
  {
    key: 'R-1',
    kind: 'refund',
    outTradeNo: 'P-refunded',
    outRefundNo: 'R-1',
    platform: 'alipay',
    amount: 3 as Fen,
    at: 0,
    status: 'success',
    source: 'server',
  },
];

async function mount(canReprint: boolean) {
  const list = document.createElement('history-list');
  Object.assign(list, { rows: ROWS, canReprint });
  document.body.append(list);
  await list.updateComplete;
  return list;
}
const reprintRows = (list: HTMLElement) =>
  [...(list.shadowRoot?.querySelectorAll('button[data-reprint]') ?? [])].map((b) => b.closest('tr')?.getAttribute('data-row'));

afterEach(() => {
  document.body.replaceChildren();
});

describe('history-list reprint', () => {
  it('offers Reprint on success and refunded payments only', async () => {
    expect(reprintRows(await mount(true))).toEqual(['P-success', 'P-refunded']);
  });

  it('offers none without a printer service', async () => {
    expect(reprintRows(await mount(false))).toEqual([]);
  });

  it("fires history-reprint with the row's status, amount and platform", async () => {
    const list = await mount(true);
    const fired: ReprintOrder[] = [];
    list.addEventListener('history-reprint', (e) => fired.push(e.detail));
    list.shadowRoot?.querySelector<HTMLButtonElement>('tr[data-row="P-refunded"] button[data-reprint]')?.click();
    expect(fired).toEqual([{ outTradeNo: 'P-refunded', amount: 3, platform: 'alipay', status: 'refunded', at: 0 }]); // `at`: the copy prints the payment's time
  });
});
