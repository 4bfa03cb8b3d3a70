/**
 * brief_query_order_list and brief_query_order_list_overview (spec §6.9, §6.10), both computed
 * from the same orders and refunds so a list and its overview always agree. Results: newest first.
 * Overview rules (ours; discounts are always 0 in the simulator, fees follow fees.ts):
 * sc/sa/psa = paid orders, ora = their successful refunds, rcc/rca = refunds created,
 * rsa = refunds that succeeded, pdg = fees on paid orders − fees returned with successful refunds,
 * sta = psa − rsa, ia = psa − rsa − pdg.
 */
import { poundageOf } from '../fees.js';
import { refundedFee } from '../orders.js';
import { ctsOf, isPaid, refundStateOf, SUB_PAY_PLATFORM } from '../platforms.js';
import { nextString } from '../rng.js';
import type { Order, Refund } from '../state.js';
import { fail, ok, type Ctx, type Reply } from '../types.js';
import { int, optInt, optIntArray, str } from '../wire.js';
import { bindingOf } from './micropay.js';

const CTS_KEY = { wechat: 'wx_cts', alipay: 'ali_cts', card: 'card_cts' } as const;
const RS_KEY = { wechat: 'wx_rs', alipay: 'ali_rs', card: 'card_rs' } as const;
const sec = (ms: number) => Math.floor(ms / 1000);

interface Selection {
  orders: Order[];
  refunds: Refund[];
}

/** Reads the shared filter fields and selects the matching orders and refunds. */
function select(ctx: Ctx): Selection | Reply {
  const b = bindingOf(ctx);
  const f = {
    osmi: str(ctx.inner, 'osmi'),
    osi: str(ctx.inner, 'osi'),
    di: str(ctx.inner, 'di'),
    ot: int(ctx.inner, 'ot'),
    st: int(ctx.inner, 'st'),
    et: int(ctx.inner, 'et'),
    tt: optInt(ctx.inner, 'tt'),
    spps: optIntArray(ctx.inner, 'spps'),
  };
  str(ctx.inner, 'ns');
  if (f.osmi !== b.outSubMchId || f.osi !== b.outShopId || f.di !== b.deviceId) return fail(101, 4101, 'osmi/osi/di 与机具绑定关系不符');
  if (f.ot !== 1 && f.ot !== 2 && f.ot !== 3) return fail(101, 4401, 'ot 只能是 1（支付）、2（退款）或 3（全部）');
  if (f.et < f.st) return fail(101, 4402, '结束时间 et 不能早于开始时间 st');
  const inWindow = (ms: number) => sec(ms) >= f.st && sec(ms) <= f.et;
  const keep = (o: { platform: Order['platform']; tradeType: number }) =>
    (!f.spps || f.spps.length === 0 || f.spps.includes(SUB_PAY_PLATFORM[o.platform])) && (f.tt === undefined || f.tt === o.tradeType);
  const shop = Object.values(ctx.state.orders).filter((o) => o.outShopId === b.outShopId && keep(o));
  const orders = f.ot === 2 ? [] : shop.filter((o) => o.deviceId === b.deviceId && inWindow(o.createdAt));
  // A refund is listed under the device that made it (RefundOrder.device_id), whoever took the
  // payment: another till's refund of our order, or a merchant-console refund, is not in our list.
  const refunds =
    f.ot === 1
      ? []
      : shop
          .flatMap((o) => o.refundNos.map((n) => ctx.state.refunds[n]))
          .filter((r): r is Refund => r !== undefined && (r.source === undefined ? ordersDevice(ctx, r) : r.deviceId) === b.deviceId && inWindow(r.createdAt));
  return { orders, refunds };
}

const ordersDevice = (ctx: Ctx, r: Refund) => ctx.state.orders[r.outTradeNo]?.deviceId;

/** brief_query_order_list: `bo` and `bro` entries, paged. */
export function briefQueryOrderList(ctx: Ctx): Reply {
  const pn = int(ctx.inner, 'pn');
  const ps = int(ctx.inner, 'ps');
  if (pn < 1 || ps < 1 || ps > 100) return fail(101, 4403, 'pn 必须大于0，ps 必须在1到100之间');
  const sel = select(ctx);
  if ('status' in sel) return sel;
  const entries = [
    ...sel.orders.map((o) => ({
      ct: o.createdAt,
      key: o.outTradeNo,
      od: {
        bo: {
          spp: SUB_PAY_PLATFORM[o.platform],
          tt: o.tradeType,
          otn: o.outTradeNo,
          tf: o.totalFee,
          ct: sec(o.createdAt),
          [CTS_KEY[o.platform]]: ctsOf(o.state, o.platform),
        },
      },
    })),
    ...sel.refunds.map((r) => ({
      ct: r.createdAt,
      key: r.outRefundNo,
      od: {
        bro: {
          spp: SUB_PAY_PLATFORM[r.platform],
          tt: r.tradeType,
          otn: r.outTradeNo,
          tf: r.totalFee,
          orn: r.outRefundNo,
          rf: r.refundFee,
          ct: sec(r.createdAt),
          [RS_KEY[r.platform]]: refundStateOf(r.state, r.platform),
        },
      },
    })),
  ].sort((a, b) => b.ct - a.ct || (a.key < b.key ? 1 : -1));
  return ok('brief_query_order_list', {
    tc: entries.length,
    ods: entries.slice((pn - 1) * ps, pn * ps).map((e) => e.od),
    ns: nextString(ctx.state, 32),
  });
}

/** brief_query_order_list_overview: one row per (spp, tt) that has any record. */
export function briefQueryOrderListOverview(ctx: Ctx): Reply {
  const sel = select(ctx);
  if ('status' in sel) return sel;
  const rows = new Map<string, Record<string, number>>();
  const rowOf = (spp: number, tt: number) => {
    const k = `${spp}/${tt}`;
    if (!rows.has(k)) rows.set(k, { spp, tt, sc: 0, sa: 0, sta: 0, da: 0, psa: 0, rsa: 0, rcc: 0, rca: 0, pdg: 0, ia: 0, ora: 0 });
    return rows.get(k) as Record<string, number>;
  };
  const add = (r: Record<string, number>, k: string, n: number) => {
    r[k] = (r[k] ?? 0) + n;
  };
  for (const o of sel.orders.filter((x) => isPaid(x.state))) {
    const r = rowOf(SUB_PAY_PLATFORM[o.platform], o.tradeType);
    add(r, 'sc', 1);
    add(r, 'sa', o.totalFee);
    add(r, 'psa', o.totalFee);
    add(r, 'ora', refundedFee(ctx.state, o));
    add(r, 'pdg', poundageOf(ctx.state, o.totalFee));
  }
  for (const f of sel.refunds) {
    const r = rowOf(SUB_PAY_PLATFORM[f.platform], f.tradeType);
    add(r, 'rcc', 1);
    add(r, 'rca', f.refundFee);
    // A successful refund gives its share of the fee back (pdg = fees − refund returns, 003 L13640).
    if (f.state === 'success') {
      add(r, 'rsa', f.refundFee);
      add(r, 'pdg', -poundageOf(ctx.state, f.refundFee));
    }
  }
  for (const r of rows.values()) {
    r['sta'] = (r['psa'] ?? 0) - (r['rsa'] ?? 0);
    r['ia'] = (r['sta'] ?? 0) - (r['pdg'] ?? 0);
  }
  const ovs = [...rows.values()].sort((a, b) => (a['spp'] ?? 0) - (b['spp'] ?? 0) || (a['tt'] ?? 0) - (b['tt'] ?? 0));
  return ok('brief_query_order_list', { ovs, ns: nextString(ctx.state, 32) });
}
