/**
 * The pure core: `handle(state, request, now) → { state, response }`. Deterministic given the
 * state (its seed) and `now`; the input state is never mutated. Async only because WebCrypto is.
 */
import { openRequest, writeReply } from './envelope.js';
import { corruptSignature, takeFault, type Fault } from './faults.js';
import { serverJson } from './json.js';
import { verifyInitial, verifyPayment, type KeyResult } from './keys.js';
import { settle } from './orders.js';
import { ROUTES, type Route } from './routes.js';
import type { SimState } from './state.js';
import { fail, type Ctx, type HandleResult, type Reply, type SimRequest, type SimResponse } from './types.js';
import { WireError } from './wire.js';

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };
const respond = (status: number, body: string, endpoint?: string): SimResponse => ({ status, headers: JSON_HEADERS, body, endpoint });

async function resolveKey(s: SimState, route: Route, inner: Ctx['inner'], text: string, code: string | undefined): Promise<KeyResult> {
  if (route.key === 'initial') return verifyInitial(s, inner, text, code);
  if (route.key === 'payment') return verifyPayment(s, inner, text, code, route.allowInactive);
  return { ok: true, key: '' };
}

/** Runs one endpoint: open the envelope, verify, call the handler. Returns the reply and signing key. */
async function dispatch(s: SimState, route: Route, req: SimRequest, url: URL, now: number): Promise<{ reply: Reply; key: string | null }> {
  if (route.envelope === 'none') {
    return { reply: await route.handler({ state: s, now, inner: {}, query: url.searchParams, key: null }), key: null };
  }
  const opened = openRequest(route.envelope, req.body);
  if (typeof opened === 'string') return { reply: fail(101, 1001, opened), key: null };
  const k = await resolveKey(s, route, opened.inner, opened.innerText, opened.code);
  if (!k.ok) return { reply: fail(101, k.internalStatus, k.description), key: null };
  const ctx: Ctx = { state: s, now, inner: opened.inner, query: url.searchParams, key: k.key, device: k.device, binding: k.binding };
  return { reply: await route.handler(ctx), key: k.key };
}

/** The `reentry407` fault's answer: the words of the real re-entrancy guard (spec §9). */
const REENTRY_407 = fail(104, 407, '订单号重复且订单内容不一致（防重入拦截）。原订单可能已支付，请勿撤单，请查询原订单结果');

/** The `refused104` fault's answer: a refusal with a code the seeds do not define. */
const REFUSED_104 = fail(104, 4004, '订单不存在');

/**
 * Runs a routed endpoint (or answers status 3 for the `status3` fault) and writes the body. On a
 * bad field the step restarts from `original` when there is one (handlers validate before they
 * change anything, so the in-place path has nothing to undo).
 */
async function answer(
  original: SimState | undefined,
  s: SimState,
  route: Route,
  req: SimRequest,
  url: URL,
  now: number,
  fault: Fault | undefined,
): Promise<{ s: SimState; body: string; reply: Reply }> {
  let out: { reply: Reply; key: string | null } = { reply: fail(3, 5003, '系统超时，结果未知，请重试或查询'), key: null };
  if (fault?.kind !== 'status3') {
    try {
      out = await dispatch(s, route, req, url, now);
    } catch (e) {
      if (!(e instanceof WireError)) throw e;
      if (original) {
        s = structuredClone(original);
        settle(s, now);
        takeFault(s.faults, url.pathname.slice('/cpay/'.length));
      }
      out = { reply: fail(101, 1002, e.message), key: null };
    }
    // Processed as usual, answered as the re-entrancy guard would (signed like any 104).
    if (fault?.kind === 'reentry407' && out.reply.status !== 101) out = { ...out, reply: REENTRY_407 };
    if (fault?.kind === 'refused104' && out.reply.status !== 101) out = { ...out, reply: REFUSED_104 };
  }
  settle(s, now);
  return { s, reply: out.reply, body: await writeReply(route.envelope, out.reply, out.key, s, s.options.trailingNewline) };
}

/** One step of the state machine; `state` is left untouched. */
export function handle(state: SimState, req: SimRequest, now: number): Promise<HandleResult> {
  return step(structuredClone(state), req, now, state);
}

/**
 * The same step, changing `state` in place and returning it: for a holder that owns its state
 * and never looks at the old value (the Simulator), it saves cloning every order on each request.
 */
export function handleInPlace(state: SimState, req: SimRequest, now: number): Promise<HandleResult> {
  return step(state, req, now, undefined);
}

async function step(start: SimState, req: SimRequest, now: number, original: SimState | undefined): Promise<HandleResult> {
  let s = start;
  const serverNow = now + s.skewMs;
  settle(s, serverNow);
  const url = new URL(req.path, 'http://simulator.invalid');
  const name = /^\/cpay\/([a-z_]+)$/.exec(url.pathname)?.[1] ?? '';
  if (url.pathname === '/') {
    // the keep-alive exchange of spec §2.2 (`GET /`): any answer, discarded by the terminal
    return { state: s, response: { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'cpay simulator\n' } };
  }
  const route = ROUTES[name];
  if (name !== 'ping' && !route) return { state: s, response: respond(404, serverJson({ status: 101, description: `接口不存在：${url.pathname}` })) };
  if (route && req.method.toUpperCase() !== route.method) {
    return { state: s, response: respond(405, serverJson({ status: 101, description: `请使用 ${route.method} 方法` }), name) };
  }
  const fault = takeFault(s.faults, name);
  if (fault?.kind === 'http502') {
    return { state: s, response: { status: 502, headers: { 'content-type': 'text/html' }, body: '<html><body>502 Bad Gateway</body></html>', endpoint: name } };
  }
  let body = serverJson({ description: 'ok', status: 0, timestamp: Math.floor(serverNow / 1000) }); // ping: plain, unsigned
  let reply: Reply | undefined;
  if (route) ({ s, body, reply } = await answer(original, s, route, req, url, serverNow, fault));
  if (fault?.kind === 'bad_signature') body = corruptSignature(body);
  if (fault?.kind === 'garble') body = body.slice(0, Math.floor(body.length / 2));
  const response: SimResponse = {
    ...respond(200, body, name),
    hang: reply?.hang === true || fault?.kind === 'hang' ? true : undefined,
    delayMs: fault?.kind === 'delay' ? (fault.delayMs ?? 5_000) : reply?.delayMs,
  };
  return { state: s, response };
}
