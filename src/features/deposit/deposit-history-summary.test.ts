/**
 * Deposits in history and the shift summary: journal records become freeze / charged / returned
 * rows (type filter, window, platforms), and the summary sums frozen, consumed, released and held
 * per platform from the journal, replaced by cpay's figures (query_freeze_order) where cpay answers.
 */
import { describe, expect, it } from 'vitest';
import { lastValueFrom, of, type Observable } from 'rxjs';
import type { EndpointName, Fen } from '@cpay/protocol';
import type { DepositRecord } from './deposit.js';
import { summariseDeposits, serverFigures } from './deposit-summary.js';
import { mergeHistory, type HistoryQuery } from '../history/history.js';
import { depositHistoryRows } from '../history/history-deposits.js';
import type { CallOutcome, CpayPort } from '../../platform/net/ports.js';
import { DEPOSIT_TERMINAL, freezeOrder, freezeReply } from '../../testing/deposit-test-kit.js';
import { loadDepositSummary } from './deposit-summary-flow.js';
import { notSent } from '../../testing/pay-test-kit.js';

const rec = (no: string, amount: number, status: DepositRecord['status'], extra: Partial<DepositRecord> = {}): DepositRecord => ({
  outFreezeNo: no,
  amount: amount as Fen,
  body: 'b',
  status,
  platform: 'wechat',
  createdAt: 1_000,
  updatedAt: 1_000,
  history: [],
  ...extra,
});
const SETTLED = rec('D1', 10_000, 'settled', {
  settlement: { kind: 'consume', outNo: 'C1', consumed: 3_750 as Fen, released: 6_250 as Fen, status: 'success' },
  history: [
    { at: 5_000, phase: 'settling', cause: 'consume' },
    { at: 6_000, phase: 'settled', cause: 'consume' },
  ],
});
const OPEN = rec('D2', 2_000, 'frozen', { platform: 'alipay', createdAt: 2_000 });
const RELEASED = rec('D3', 500, 'settled', {
  createdAt: 3_000,
  updatedAt: 3_500,
  settlement: { kind: 'unfreeze', outNo: 'U3', consumed: 0 as Fen, released: 500 as Fen, status: 'success' },
});
const FAILED = rec('D4', 800, 'failed', { createdAt: 4_000 });
const UNKNOWN = rec('D5', 900, 'unknown', { createdAt: 4_500 });
const ALL = [SETTLED, OPEN, RELEASED, FAILED, UNKNOWN];
const Q: HistoryQuery = { fromMs: 0, toMs: 10_000, kind: 'all', platforms: [], page: 1, pageSize: 20 };

describe('deposits in history', () => {
  it('freeze, charged and returned rows, newest first, merged with the other rows', () => {
    const rows = mergeHistory(Q, [], [], [], depositHistoryRows(Q, ALL));
    expect(rows.map((r) => [r.key, r.kind, r.depositStep, r.amount, r.status])).toEqual([
      ['C1:release', 'deposit', 'unfreeze', 6_250, 'success'],
      ['C1', 'deposit', 'consume', 3_750, 'success'],
      ['D5', 'deposit', 'freeze', 900, 'unknown'],
      ['D4', 'deposit', 'freeze', 800, 'failed'],
      ['U3', 'deposit', 'unfreeze', 500, 'success'],
      ['D3', 'deposit', 'freeze', 500, 'settled'],
      ['D2', 'deposit', 'freeze', 2_000, 'frozen'],
      ['D1', 'deposit', 'freeze', 10_000, 'settled'],
    ]);
  });

  it('follows the type, window and platform filters', () => {
    expect(depositHistoryRows({ ...Q, kind: 'payments' }, ALL)).toEqual([]);
    expect(depositHistoryRows({ ...Q, kind: 'deposits', platforms: ['alipay'] }, ALL).map((r) => r.key)).toEqual(['D2']);
    expect(depositHistoryRows({ ...Q, kind: 'deposits', fromMs: 4_600 }, ALL).map((r) => r.key)).toEqual(['C1:release', 'C1']);
  });
});

describe('deposits in the shift summary', () => {
  it('local truth: frozen = charged + returned + held; failed not summed; unknown counted apart', () => {
    const s = summariseDeposits(ALL.map((record) => ({ record })));
    expect(s.total).toMatchObject({ count: 3, frozen: 12_500, consumed: 3_750, released: 6_750, held: 2_000, uncertain: 1 });
    expect(s.lines.map((l) => [l.platform, l.frozen, l.held])).toEqual([
      ['wechat', 10_500, 0],
      ['alipay', 2_000, 2_000],
    ]);
    expect(s).toMatchObject({ serverChecked: 0, localOnly: 5 });
  });

  it("cpay's figures replace the journal's (a consumption the journal has not seen yet)", () => {
    const f = serverFigures(freezeOrder({ platform: 'alipay', cts: 3 }, 2_000, { totalConsumeFee: 1_500 as Fen, totalManualUnfreezeFee: 500 as Fen }));
    expect(f).toEqual({ frozen: 2_000, consumed: 1_500, released: 500, held: 0 });
    expect(serverFigures(freezeOrder({ platform: 'wechat', cts: 3 }))).toBeUndefined(); // customer still paying
    expect(summariseDeposits([{ record: OPEN, server: f }]).total).toMatchObject({ frozen: 2_000, consumed: 1_500, held: 0 });
  });

  it('loadDepositSummary asks cpay per deposit (not the failed one) and keeps local figures where cpay is unreachable', async () => {
    const asked: string[] = [];
    const cpay: CpayPort = {
      warmup: () => undefined,
      call: <E extends EndpointName>(e: E, req: unknown): Observable<CallOutcome<never>> => {
        const no = (req as { outFreezeNo: string }).outFreezeNo;
        asked.push(`${e}:${no}`);
        const answer =
          no === 'D2'
            ? freezeReply(2, 2_000, {}, 'alipay')
            : no === 'D1'
              ? freezeReply(5, 10_000, { totalConsumeFee: 3_750 as Fen, totalManualUnfreezeFee: 6_250 as Fen })
              : notSent;
        return of(answer as CallOutcome<never>);
      },
    };
    const s = await lastValueFrom(
      loadDepositSummary({ fromMs: 0, toMs: 10_000 }, { between: async () => ALL, cpay, terminal: () => DEPOSIT_TERMINAL, nonce: () => 'n' }),
    );
    expect(asked.sort()).toEqual(['query_freeze_order:D1', 'query_freeze_order:D2', 'query_freeze_order:D3', 'query_freeze_order:D5']);
    expect(s).toMatchObject({ serverChecked: 2, localOnly: 3 });
    expect(s.total).toMatchObject({ frozen: 12_500, consumed: 3_750, released: 6_750, held: 2_000, uncertain: 1 });
  });
});
