/**
 * Binding endpoints (spec §6.2-§6.4), signed with the initial key. Error codes are ours (spec §16):
 * 104 + internal_status 33xx/34xx with a description a terminal can show as is.
 */
import { encryptAuthenKey, hmacSha256Hex, safeEqualHex } from '../crypto.js';
import { serverJson } from '../json.js';
import { LOWER_ALNUM, nextBytes, nextString } from '../rng.js';
import type { Binding, SimState } from '../state.js';
import { fail, ok, type Ctx, type Reply } from '../types.js';
import { int, optStr, str } from '../wire.js';

/** Descriptions and internal_status values of binding failures (README table). */
export const BIND_ERRORS = {
  skew: [3105, '终端时间与服务器时间相差过大，请先同步时间（ping）后重试'],
  unbound: [3301, '机具未绑定，请在“收款设备”小程序中扫码绑定'],
  elsewhere: [3302, '机具已绑定到其他门店或设备，请重新绑定'],
  keyMismatch: [3303, '交易密钥与服务器不一致（商户可能已更换密钥），请重新绑定'],
  badToken: [3401, '绑定令牌无效，请重新生成绑定二维码'],
  expired: [3402, '绑定二维码已过期，请重新生成'],
  revoked: [3403, '绑定已失效，请重新生成绑定二维码'],
} as const satisfies Record<string, readonly [number, string]>;

const failBind = (k: keyof typeof BIND_ERRORS): Reply => fail(104, BIND_ERRORS[k][0], BIND_ERRORS[k][1]);

/** The request timestamp is within options.maxSkewSeconds of server time. */
function skewOk(ctx: Ctx): boolean {
  return Math.abs(int(ctx.inner, 'timestamp') * 1000 - ctx.now) <= ctx.state.options.maxSkewSeconds * 1000;
}

/** The active binding of an sn, if any. */
export function activeBinding(state: SimState, sn: string): Binding | undefined {
  const b = state.bindings[sn];
  return b?.active ? b : undefined;
}

/** generate_bill_device_bind_qr_code: a fresh activator/token pair valid `ttl` seconds. */
export function generateBindQr(ctx: Ctx): Reply {
  const sn = str(ctx.inner, 'sn_code');
  str(ctx.inner, 'app_cpay_version');
  str(ctx.inner, 'nonce_str');
  for (const k of ['mcc', 'mnc', 'lac', 'cellid', 'rss']) optStr(ctx.inner, k);
  if (!skewOk(ctx)) return failBind('skew');
  const activator = nextString(ctx.state, 12, LOWER_ALNUM);
  const token = nextString(ctx.state, 12, LOWER_ALNUM);
  ctx.state.qrs[token] = { sn, activator, token, createdAt: ctx.now, ttlSeconds: 180 };
  const data = { activator, token, ttl: 180, mini_program_url: ctx.state.options.miniProgramUrl, interval: 1 };
  const wrapper = ctx.state.options.bindWrappers === 'example' ? 'generate_bill_device_bind_qr_code' : 'generate_bill_device_bind_qr_code_response';
  return ok(wrapper, serverJson(data), '');
}

/** get_bill_device_bind_info: `activated` 0 until the merchant confirms, then the binding data. */
export async function getBindInfo(ctx: Ctx): Promise<Reply> {
  const sn = str(ctx.inner, 'sn_code');
  const token = str(ctx.inner, 'token');
  str(ctx.inner, 'nonce_str');
  if (!skewOk(ctx)) return failBind('skew');
  const qr = ctx.state.qrs[token];
  if (!qr || qr.sn !== sn) return failBind('badToken');
  const wrapper = ctx.state.options.bindWrappers === 'example' ? 'bill_device_bind_sn' : 'get_bill_device_bind_info_response';
  const nonce = nextString(ctx.state, 32);
  if (qr.confirmedAt === undefined) {
    if (ctx.now > qr.createdAt + qr.ttlSeconds * 1000) return failBind('expired');
    return ok(wrapper, serverJson({ activated: 0, nonce_str: nonce }), '');
  }
  const b = activeBinding(ctx.state, sn);
  const initialKey = ctx.device?.initialKey;
  if (!b || b.boundAt < qr.confirmedAt || !initialKey) return failBind('revoked');
  const passphrase = ctx.state.options.aesKeyCase === 'lower' ? initialKey.toLowerCase() : initialKey;
  const eKey = await encryptAuthenKey(b.paymentKey, passphrase, nextBytes(ctx.state, 8));
  return ok(
    wrapper,
    serverJson({
      activated: 1,
      out_mch_id: b.outMchId,
      out_sub_mch_id: b.outSubMchId,
      cloud_cashier_id: b.cloudCashierId,
      authen_type: 1,
      e_authen_key: eKey,
      out_shop_id: b.outShopId,
      shop_name: b.shopName,
      device_id: b.deviceId,
      device_name: b.deviceName,
      device_shift_type: b.deviceShiftType,
      nonce_str: nonce,
    }),
    '',
  );
}

/** check_bill_device_bind_info: (a) bound, (b) shop/device relation, (c) hash_content = HMAC(payment key, nonce). */
export async function checkBindInfo(ctx: Ctx): Promise<Reply> {
  const sn = str(ctx.inner, 'sn_code');
  const shopId = str(ctx.inner, 'out_shop_id');
  const deviceId = str(ctx.inner, 'device_id');
  const nonce = str(ctx.inner, 'nonce_str');
  const hash = str(ctx.inner, 'hash_content');
  if (!skewOk(ctx)) return failBind('skew');
  const b = activeBinding(ctx.state, sn);
  if (!b) return failBind('unbound');
  if (b.outShopId !== shopId || b.deviceId !== deviceId) return failBind('elsewhere');
  if (!safeEqualHex(await hmacSha256Hex(b.paymentKey, nonce), hash)) return failBind('keyMismatch');
  return ok(undefined, undefined, '');
}
