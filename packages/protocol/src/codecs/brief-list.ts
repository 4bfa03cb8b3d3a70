/**
 * Brief list endpoints (spec §6.9, §6.10). The seed examples reply without head and wrapper, and
 * the overview wrapper has two names (§15 #17, #18); codec.ts handles both from this table.
 */
import type { ListedOrder, ListedRefund, OrderListRequest, OrderListResponse, OverviewRequest, OverviewResponse, OverviewRow } from '../types.js';
import { LIST_REFUND_KEYS, LIST_STATE_KEYS, keyFor, presentPlatform } from './common.js';
import { defineCodec } from './codec.js';
import { type Json, type WireReader, compact } from './read.js';

type Filter = OverviewRequest;

const encodeFilter = (q: Filter): Json =>
  compact({
    spps: q.subPayPlatforms,
    osmi: q.outSubMchId,
    osi: q.outShopId,
    di: q.deviceId,
    ot: q.orderType,
    st: q.startTime,
    et: q.endTime,
  });

function decodeFilter(r: WireReader): Filter {
  const ot = r.int('ot');
  if (ot !== 1 && ot !== 2 && ot !== 3) throw r.fail('bad_value', 'ot', 'expected 1 (payments), 2 (refunds) or 3 (all)');
  return compact({
    subPayPlatforms: r.optIntList('spps'),
    outSubMchId: r.str('osmi'),
    outShopId: r.str('osi'),
    deviceId: r.str('di'),
    orderType: ot,
    startTime: r.int('st'),
    endTime: r.int('et'),
    tradeType: r.optInt('tt'),
    nonce: r.str('ns'),
  });
}

/** Page number and size must be > 0 (§6.9). */
function positive(r: WireReader, key: string): number {
  const n = r.int(key);
  if (n <= 0) throw r.fail('bad_value', key, 'expected a number greater than 0');
  return n;
}

function decodeItem(r: WireReader): ListedOrder | ListedRefund {
  const bo = r.optChild('bo');
  const bro = r.optChild('bro');
  if ((bo === undefined) === (bro === undefined)) throw r.fail('bad_value', 'bo', 'each order detail holds exactly one of bo or bro');
  if (bo) {
    const hit = presentPlatform(bo, LIST_STATE_KEYS);
    return compact({
      kind: 'order' as const,
      subPayPlatform: bo.optInt('spp'),
      tradeType: bo.optInt('tt'),
      outTradeNo: bo.str('otn'),
      totalFee: bo.optFen('tf'),
      createTime: bo.int('ct'),
      state: hit && { platform: hit[0], cts: bo.int(hit[1]) },
    });
  }
  if (!bro) throw r.fail('missing_field', 'bro', 'each order detail holds bo or bro');
  const x = bro;
  const hit = presentPlatform(x, LIST_REFUND_KEYS);
  return compact({
    kind: 'refund' as const,
    subPayPlatform: x.optInt('spp'),
    tradeType: x.optInt('tt'),
    outTradeNo: x.str('otn'),
    totalFee: x.fen('tf'),
    outRefundNo: x.str('orn'),
    refundFee: x.fen('rf'),
    createTime: x.int('ct'),
    refundState: hit && { platform: hit[0], state: x.int(hit[1]) },
  });
}

function encodeItem(i: ListedOrder | ListedRefund): Json {
  const head = { spp: i.subPayPlatform, tt: i.tradeType, otn: i.outTradeNo, tf: i.totalFee };
  if (i.kind === 'order') {
    const st = i.state ? { [keyFor(LIST_STATE_KEYS, i.state.platform, 'list order state')]: i.state.cts } : {};
    return { bo: compact({ ...head, ct: i.createTime, ...st }) };
  }
  const rs = i.refundState ? { [keyFor(LIST_REFUND_KEYS, i.refundState.platform, 'list refund state')]: i.refundState.state } : {};
  return { bro: compact({ ...head, orn: i.outRefundNo, rf: i.refundFee, ct: i.createTime, ...rs }) };
}

/** `brief_query_order_list`: one page of orders (`bo`) and refunds (`bro`). */
export const briefOrderListCodec = defineCodec<OrderListRequest, OrderListResponse>('brief_query_order_list', {
  head: 'brief',
  bodyOnSuccess: 'required',
  topLevelKeys: ['tc', 'ods'],
  encodeRequest: (q) => ({ ...encodeFilter(q), pn: q.pageNum, ps: q.pageSize, ...compact({ tt: q.tradeType }), ns: q.nonce }),
  decodeRequest: (r) => ({ ...decodeFilter(r), pageNum: positive(r, 'pn'), pageSize: positive(r, 'ps') }),
  encodeBody: (b) => compact({ tc: b.totalCount, ods: b.items.map(encodeItem), ns: b.nonce }),
  decodeBody: (r) => compact({ totalCount: r.int('tc'), items: r.objects('ods').map(decodeItem), nonce: r.optStr('ns') }),
});

/** Overview row fields: domain name → brief wire name (§6.10). */
const ROW_KEYS = {
  successCount: 'sc',
  successAmount: 'sa',
  settlementAmount: 'sta',
  discountAmount: 'da',
  paySettleAmount: 'psa',
  refundSettleAmount: 'rsa',
  refundCreateCount: 'rcc',
  refundCreateAmount: 'rca',
  poundage: 'pdg',
  incomeAmount: 'ia',
  orderRefundedAmount: 'ora',
} as const satisfies Record<Exclude<keyof OverviewRow, 'subPayPlatform' | 'tradeType'>, string>;
const ROW_ENTRIES = Object.entries(ROW_KEYS) as [keyof typeof ROW_KEYS, string][];

function decodeRow(r: WireReader): OverviewRow {
  const amounts = Object.fromEntries(ROW_ENTRIES.map(([name, wire]) => [name, r.int(wire)])) as Record<keyof typeof ROW_KEYS, number>;
  return compact({ subPayPlatform: r.optInt('spp'), tradeType: r.optInt('tt'), ...amounts });
}

const encodeRow = (row: OverviewRow): Json =>
  compact({ spp: row.subPayPlatform, tt: row.tradeType, ...Object.fromEntries(ROW_ENTRIES.map(([name, wire]) => [wire, row[name]])) });

/** `brief_query_order_list_overview`: per-platform totals (`ovs`). */
export const briefOverviewCodec = defineCodec<OverviewRequest, OverviewResponse>('brief_query_order_list_overview', {
  head: 'brief',
  bodyOnSuccess: 'required',
  topLevelKeys: ['ovs'],
  encodeRequest: (q) => ({ ...encodeFilter(q), ...compact({ tt: q.tradeType }), ns: q.nonce }),
  decodeRequest: decodeFilter,
  encodeBody: (b) => compact({ ovs: b.rows.map(encodeRow), ns: b.nonce }),
  decodeBody: (r) => compact({ rows: r.objects('ovs').map(decodeRow), nonce: r.optStr('ns') }),
});
