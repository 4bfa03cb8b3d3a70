/**
 * Virtual-time environment for the deposit flow tests (imported only by tests): the payment
 * test kit (scripted cpay, journal, order numbers, voice on one timeline) plus a deposit journal
 * and a deposit voice port, and reply builders for the freeze endpoints.
 */
import type { CallOutcome } from '../platform/net/ports.js';
import type { DepositStateOnWire, Fen, FreezeOrder } from '@cpay/protocol';
import type { DepositRecord } from '../features/deposit/deposit.js';
import type { DepositDeps, DepositSentence } from '../features/deposit/deposit-deps.js';
import { payEnv, reply, TERMINAL, type Script } from './pay-test-kit.js';
import type { ScanPayTerminal } from '../features/scan-pay/scan-pay-close.js';

/** The general-API terminal of the deposit tests. */
export const DEPOSIT_TERMINAL: ScanPayTerminal = {
  ...TERMINAL,
  outMchId: 'mch',
  outSubMchId: 'sub',
  client: { deviceId: 'dev1', terminalType: 4, subTerminalType: 2451, sdkVersion: '1.0', spbillCreateIp: '127.0.0.1', snCode: TERMINAL.snCode },
};

/** A WeChat code (suffix free) and an Alipay code. */
export const WX_CODE = '135005875955000000';
export const ALI_CODE = '281234567890120000';

/** FreezeOrderContent with a state. */
export function freezeOrder(state: DepositStateOnWire, fee = 10000, extra: Partial<FreezeOrder> = {}): FreezeOrder {
  return {
    outFreezeNo: 'x',
    tradeType: 1,
    createTime: 1,
    lastUpdateTime: 1,
    isTransforming: false,
    freezeFee: fee as Fen,
    cashFee: fee as Fen,
    body: 'b',
    state,
    ...extra,
  };
}
/** micro_freeze / query_freeze_order reply carrying a freeze state. */
export const freezeReply = (cts: number, fee = 10000, extra: Partial<FreezeOrder> = {}, platform: 'wechat' | 'alipay' = 'wechat'): CallOutcome<unknown> =>
  reply({ freeze: freezeOrder({ platform, cts }, fee, extra) });

/** The test environment. */
export function depositEnv(script: Script, opts: { staffId?: string } = {}) {
  const env = payEnv(script);
  const terminal: ScanPayTerminal =
    opts.staffId === undefined ? DEPOSIT_TERMINAL : { ...DEPOSIT_TERMINAL, client: { ...DEPOSIT_TERMINAL.client, staffId: opts.staffId } };
  const records = new Map<string, DepositRecord>();
  const spoken: DepositSentence[] = [];
  const deps: DepositDeps = {
    ...env.deps,
    terminal: () => terminal,
    deposits: {
      put: async (r) => {
        records.set(r.outFreezeNo, r);
      },
      get: async (no) => records.get(no),
      listOpen: async () => [...records.values()].filter((r) => r.status !== 'failed' && r.status !== 'settled'),
    },
    depositVoice: {
      say: (s) => {
        spoken.push(s);
      },
    },
  };
  return { ...env, deps, records, spoken };
}
