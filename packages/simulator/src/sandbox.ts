/**
 * The control API under /sandbox/ (JSON in, JSON out), transport-neutral so the node server and
 * the msw handlers serve the same routes. Every route is listed in SANDBOX_ROUTES and the README.
 */
import { ControlError, type CustomerAction } from './control.js';
import { DEMO_DEVICE } from './demo.js';
import { appOrdersView, freezesView, freezeView, settledCopy } from './deposit-views.js';
import { FAULT_KINDS, type FaultKind } from './faults.js';
import { isObject, tryParse, type JsonObject } from './json.js';
import { CODE_FORMATS } from './platforms.js';
import { SCENARIOS } from './scenarios.js';
import type { Simulator } from './simulator.js';

/** A control API answer. */
export interface SandboxResponse {
  readonly status: number;
  readonly json: unknown;
}

/** One route: method, path pattern, what it does. */
export interface SandboxRoute {
  readonly method: 'GET' | 'POST';
  readonly pattern: RegExp;
  readonly path: string;
  readonly summary: string;
  readonly run: (sim: Simulator, m: RegExpExecArray, body: JsonObject, baseUrl: string) => Promise<unknown>;
}

const s = (body: JsonObject, k: string): string | undefined => (typeof body[k] === 'string' ? body[k] : undefined);
const need = <T>(v: T | undefined, what: string): T => {
  if (v === undefined) throw new ControlError(400, `缺少 ${what}`);
  return v;
};
/** A whole number of fen in [1, 2^31-1] (the full API's refund_fee bound), or a 400 naming the field. */
const n = (body: JsonObject, k: string): number | undefined => {
  const v = body[k];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 2_147_483_647) throw new ControlError(400, `${k} 须为 1 至 2147483647 的整数（分）`);
  return v;
};
/**
 * Bounds of what the control API accepts: clock moves and skews a test can mean (a year forward,
 * a day of skew), and how many records it may create before `POST /sandbox/reset`.
 */
export const SANDBOX_LIMITS = {
  advanceMs: 366 * 86_400_000,
  skewMs: 86_400_000,
  delayMs: 600_000,
  devices: 1_000,
  legacyConfigs: 1_000,
  faults: 100,
} as const;

/** A whole number of milliseconds within [min, max], or a 400 naming the field. */
const ms = (body: JsonObject, k: string, min: number, max: number): number | undefined => {
  const v = body[k];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max) throw new ControlError(400, `${k} 必须是 ${min} 到 ${max} 之间的整数毫秒`);
  return v;
};
/** A 507 when a kind of sandbox record is at its bound. */
const room = (count: number, max: number, what: string): void => {
  if (count >= max) throw new ControlError(507, `沙箱已满：${what}最多 ${max} 个，请先 POST /sandbox/reset`);
};
const snOf = (body: JsonObject) => s(body, 'sn') ?? DEMO_DEVICE.sn;
const found = <T>(v: T | undefined, what: string): T => {
  if (v === undefined) throw new ControlError(404, `${what} 不存在`);
  return v;
};
const r = (method: SandboxRoute['method'], path: string, summary: string, run: SandboxRoute['run']): SandboxRoute => ({
  method,
  path,
  summary,
  run,
  pattern: new RegExp(`^${path.replace('{action}', '(approve|decline|password)').replace(/\{[a-z_]+\}/g, '([^/]+)')}$`),
});

/** Every control route. */
export const SANDBOX_ROUTES: readonly SandboxRoute[] = [
  r('GET', '/sandbox/demo-device', 'The pre-registered demo terminal: {"sn","initial_key"}', async () => ({
    sn: DEMO_DEVICE.sn,
    initial_key: DEMO_DEVICE.initialKey,
  })),
  r(
    'POST',
    '/sandbox/devices',
    'Register a terminal: {"sn","initial_key"}',
    async (sim, _m, b) =>
      room(Object.keys(sim.state.devices).length, SANDBOX_LIMITS.devices, '机具') ??
      sim
        .registerDevice({ sn: need(s(b, 'sn'), 'sn'), initialKey: need(s(b, 'initial_key'), 'initial_key') })
        .then((d) => ({ sn: d.sn, initial_key: d.initialKey })),
  ),
  r('POST', '/sandbox/bind/confirm', 'Merchant confirms a binding QR: {"activator"} or {"qr_url"} (sign checked) → the binding', async (sim, _m, b) => {
    const qrUrl = s(b, 'qr_url');
    return sim.confirmBinding(qrUrl !== undefined ? { qrUrl } : { activator: need(s(b, 'activator'), 'activator 或 qr_url') });
  }),
  r('POST', '/sandbox/bind/direct', 'Bind {"sn"} (default: demo) without a QR → the binding, payment_key included', async (sim, _m, b) =>
    sim.bindDirect(snOf(b)),
  ),
  r('POST', '/sandbox/bind/rotate-key', 'Merchant changes the payment key of {"sn"} (default: demo)', async (sim, _m, b) => sim.rotateKey(snOf(b))),
  r('POST', '/sandbox/bind/unbind', 'Merchant deletes the device bound to {"sn"} (default: demo)', async (sim, _m, b) => sim.unbind(snOf(b))),
  r('GET', '/sandbox/bindings', 'Every binding (active or not), payment keys included', async (sim) => sim.bindings()),
  r('GET', '/sandbox/bindings/{sn}', 'The binding of one sn', async (sim, m) => found(await sim.binding(decodeURIComponent(m[1] ?? '')), '绑定')),
  r('POST', '/sandbox/legacy/config', 'A legacy configuration QR (5 min): {"si","osi","device_id","url"}', async (sim, _m, _b, base) => {
    room(Object.keys(sim.state.legacyConfigs).length, SANDBOX_LIMITS.legacyConfigs, '旧版配置码');
    const c = await sim.createLegacyConfig();
    return { si: c.si, osi: c.osi, device_id: c.deviceId, url: `${base}/cpay/use_device_setting?osi=${c.osi}&si=${c.si}` };
  }),
  r('GET', '/sandbox/orders', 'Every order with its refunds (server truth)', async (sim) => sim.orders()),
  r('GET', '/sandbox/orders/{out_trade_no}', 'One order with its refunds and state history', async (sim, m) =>
    found(await sim.order(decodeURIComponent(m[1] ?? '')), '订单'),
  ),
  r(
    'POST',
    '/sandbox/orders/{out_trade_no}/merchant-refund',
    'The merchant refunds {"refund_fee"} (fen) in the merchant console: no device, only the merchant-level list shows it',
    async (sim, m, b) => sim.merchantRefund(decodeURIComponent(m[1] ?? ''), need(n(b, 'refund_fee'), 'refund_fee')),
  ),
  r(
    'POST',
    '/sandbox/orders/{out_trade_no}/{action}',
    'Customer action on a pending order; {action} = approve, decline or password (ask for a password, micropay only)',
    async (sim, m) => sim.customerAction(decodeURIComponent(m[1] ?? ''), (m[2] ?? 'approve') as CustomerAction),
  ),
  r('POST', '/sandbox/scan/pay', 'Customer pays a scan-code order, or leaves a scancode_freeze deposit: {"code_url"}', async (sim, _m, b) =>
    sim.payCodeUrl(need(s(b, 'code_url'), 'code_url')),
  ),
  r('GET', '/sandbox/refunds', 'Every refund', async (sim) => sim.refunds()),
  r('GET', '/sandbox/deposits', 'Every deposit (freeze) with its consumptions, unfreezes and history', async (sim) =>
    freezesView(settledCopy(sim.state, sim.now())),
  ),
  r('GET', '/sandbox/deposits/{out_freeze_no}', 'One deposit: state, frozen/consumed/released/remaining amounts, consumptions, unfreezes', async (sim, m) => {
    const st = settledCopy(sim.state, sim.now());
    const f = st.deposits?.freezes[decodeURIComponent(m[1] ?? '')];
    return freezeView(st, found(f, '押金单'));
  }),
  r('GET', '/sandbox/app-orders', 'Every app_pay order with the sdk_args it was given', async (sim) => appOrdersView(sim.state)),
  r('GET', '/sandbox/reports', 'Every device_report batch received (once per nonce_str, with deliveries), with validation warnings', async (sim) =>
    sim.reports(),
  ),
  r('GET', '/sandbox/scenarios', 'The scenario table and customer-code formats', async () => ({
    code_formats: CODE_FORMATS.map((f) => ({ platform: f.platform, format: f.description, pattern: f.pattern.source })),
    scenarios: SCENARIOS.map((x) => ({
      name: x.name,
      suffix: x.suffix,
      codes: x.codes,
      description: x.description,
      first_reply: x.firstReply,
      start: x.start,
      timeline: x.timeline,
      refund: x.refund,
    })),
  })),
  r('GET', '/sandbox/time', 'Clock: {"now","offset_ms","skew_ms"}', async (sim) => ({ now: sim.now(), offset_ms: sim.offsetMs, skew_ms: sim.state.skewMs })),
  r('POST', '/sandbox/time', 'Move the clock {"advance_ms"} and/or set the server skew {"skew_ms"}', async (sim, _m, b) => {
    const adv = ms(b, 'advance_ms', 0, SANDBOX_LIMITS.advanceMs);
    const skew = ms(b, 'skew_ms', -SANDBOX_LIMITS.skewMs, SANDBOX_LIMITS.skewMs);
    if (adv !== undefined) sim.advance(adv);
    if (skew !== undefined) await sim.setSkew(skew);
    return { now: sim.now(), offset_ms: sim.offsetMs, skew_ms: sim.state.skewMs };
  }),
  r('POST', '/sandbox/faults', `Queue a one-shot fault {"kind": ${FAULT_KINDS.join('|')}, "endpoint"?, "delay_ms"?}`, async (sim, _m, b) => {
    const kind = need(s(b, 'kind'), 'kind') as FaultKind;
    if (!FAULT_KINDS.includes(kind)) throw new ControlError(400, `kind 只能是 ${FAULT_KINDS.join(', ')}`);
    room(sim.state.faults.length, SANDBOX_LIMITS.faults, '排队的故障');
    return sim.injectFault({ kind, endpoint: s(b, 'endpoint'), delayMs: ms(b, 'delay_ms', 0, SANDBOX_LIMITS.delayMs) });
  }),
  r('GET', '/sandbox/faults', 'Faults still queued', async (sim) => sim.state.faults),
  r('POST', '/sandbox/reset', 'Back to the initial state', async (sim) => {
    await sim.reset();
    return { reset: true };
  }),
  r('GET', '/sandbox', 'This list', async () => SANDBOX_ROUTES.map((x) => ({ method: x.method, path: x.path, summary: x.summary }))),
];

/** Serves one control request. */
export async function sandboxRequest(sim: Simulator, method: string, path: string, bodyText: string, baseUrl: string): Promise<SandboxResponse> {
  const clean = path.split('?')[0]?.replace(/\/+$/, '') ?? '';
  const matches = SANDBOX_ROUTES.filter((x) => x.pattern.test(clean));
  const route = matches.find((x) => x.method === method.toUpperCase());
  if (!route) {
    return matches.length > 0
      ? { status: 405, json: { error: `请使用 ${matches.map((x) => x.method).join('/')}` } }
      : { status: 404, json: { error: `没有这个控制接口：${clean}（GET /sandbox 列出全部）` } };
  }
  const parsed = bodyText.trim() === '' ? {} : tryParse(bodyText);
  if (!isObject(parsed)) return { status: 400, json: { error: '请求体必须是 JSON 对象' } };
  try {
    const m = route.pattern.exec(clean) as RegExpExecArray;
    return { status: 200, json: (await route.run(sim, m, parsed, baseUrl)) ?? null };
  } catch (e) {
    if (e instanceof ControlError) return { status: e.status, json: { error: e.message } };
    throw e;
  }
}
