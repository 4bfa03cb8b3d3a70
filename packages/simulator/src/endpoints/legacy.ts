/**
 * Legacy binding (spec §5.4, §6.11, §6.12): use_device_setting (GET with a 5-minute configuration
 * QR; the payment key comes back in clear, unsigned) and unbind_device_sn_code (full envelope,
 * payment key; internal_status 3215 when the device is already unbound).
 */
import { bindingOfDevice, bindSn } from '../bind-ops.js';
import type { Binding } from '../state.js';
import { fail, ok, type Ctx, type Reply } from '../types.js';
import { str } from '../wire.js';

/** Validity of a legacy configuration QR. */
export const LEGACY_CONFIG_TTL_MS = 5 * 60 * 1000;

/** GET /cpay/use_device_setting?osi=&si=&sn= */
export function useDeviceSetting(ctx: Ctx): Reply {
  const q = ctx.query;
  const osi = q.get('osi') ?? '';
  const si = q.get('si') ?? '';
  const sn = q.get('sn') ?? '';
  if (!osi || !si || !sn) return fail(101, 1002, '缺少参数：osi、si 和 sn 都是必填的');
  if (!ctx.state.devices[sn]) return fail(104, 3101, `机具未登记：sn ${sn} 未导入云支付`);
  const cfg = ctx.state.legacyConfigs[si];
  if (!cfg || cfg.outShopId !== osi) return fail(104, 3501, '配置二维码无效，请在商户管理系统重新生成');
  if (ctx.now > cfg.createdAt + LEGACY_CONFIG_TTL_MS) return fail(104, 3502, '配置二维码已过期（5分钟内有效），请重新生成');
  const holder = bindingOfDevice(ctx.state, cfg.deviceId);
  if (holder && holder.sn !== sn) return fail(104, 3214, '该设备已绑定其他机具，请先解绑');
  const b = holder ?? bindSn(ctx.state, sn, ctx.now, 'legacy', cfg.deviceId);
  cfg.used = true;
  return ok('use_device_setting', {
    out_mch_id: b.outMchId,
    out_sub_mch_id: b.outSubMchId,
    cloud_cashier_id: b.cloudCashierId,
    authen_type: 1,
    authen_key: b.paymentKey,
    out_shop_id: b.outShopId,
    shop_name: b.shopName,
    device_id: b.deviceId,
    device_name: b.deviceName,
    staff_id: '',
    staff_name: '',
  });
}

/** POST /cpay/unbind_device_sn_code */
export function unbindDeviceSnCode(ctx: Ctx): Reply {
  const b: Binding | undefined = ctx.binding;
  const f = {
    sub: str(ctx.inner, 'out_sub_mch_id'),
    shop: str(ctx.inner, 'out_shop_id'),
    device: str(ctx.inner, 'device_id'),
    sn: str(ctx.inner, 'sn_code'),
  };
  if (!b || b.sn !== f.sn || b.deviceId !== f.device || b.outShopId !== f.shop || b.outSubMchId !== f.sub) {
    return fail(104, 3302, '机具与设备的绑定关系不符');
  }
  if (!b.active) return fail(104, 3215, '该设备已与原绑定机具解绑');
  b.active = false;
  return ok(undefined, undefined, '解绑成功');
}
