/**
 * Injects one fault of the matrix and returns how to undo it. Network faults act on the browser's
 * requests (playwright routes: refused before sending, answer lost after the server processed
 * it, bytes corrupted) or on the relay (stopped, restarted, swapped for a fail-over relay whose
 * first upstream is a dead port); server faults are the simulator's one-shot `/sandbox/faults`.
 */
import type { Route } from 'playwright-core';
import type { Fault, Rng } from './plan.js';
import type { Rig } from './rig.js';

/** Faults that act before the request leaves (or on its answer). */
export const BEFORE: ReadonlySet<Fault> = new Set(['cut_before', 'cut_after', 'relay_down_before', 'failover', 'hang', 'garble', 'corrupt', 'bad_signature', 'status3', 'http502', 'skew']);
const SIM_KIND: Partial<Record<Fault, string>> = { hang: 'hang', garble: 'garble', bad_signature: 'bad_signature', status3: 'status3', http502: 'http502' };

/** Undoes an injected fault (idempotent). */
export type Undo = () => Promise<void>;

/** Flips one character in the middle of a body: JSON stays text, the signature no longer matches. */
export function corruptText(body: string, rng: Rng): string {
  if (body.length === 0) return '{';
  const i = Math.floor(body.length / 4 + rng() * (body.length / 2));
  const c = body[i] === 'A' ? 'B' : 'A';
  return body.slice(0, i) + c + body.slice(i + 1);
}

/** Injects `fault` for `endpoint` before the request is sent. */
export async function injectBefore(rig: Rig, fault: Fault, endpoint: string, rng: Rng): Promise<Undo> {
  const { page } = rig;
  const pattern = `**/cpay/${endpoint}`;
  const sim = SIM_KIND[fault];
  if (sim) {
    await rig.sandbox('/sandbox/faults', { kind: sim, endpoint });
    return () => drainSimFaults(rig, endpoint);
  }
  switch (fault) {
    case 'cut_before': {
      const h = (route: Route) => route.abort('connectionrefused').catch(() => undefined);
      await page.route(pattern, h, { times: 1 });
      return () => page.unroute(pattern, h);
    }
    case 'cut_after': {
      const h = async (route: Route) => { await route.fetch().catch(() => undefined); await route.abort('connectionreset').catch(() => undefined); };
      await page.route(pattern, h, { times: 1 });
      return () => page.unroute(pattern, h);
    }
    case 'corrupt': {
      const h = async (route: Route) => {
        try {
          const res = await route.fetch();
          await route.fulfill({ response: res, body: corruptText(await res.text(), rng) });
        } catch {
          await route.abort('connectionreset').catch(() => undefined); // the relay went away meanwhile
        }
      };
      await page.route(pattern, h, { times: 1 });
      return () => page.unroute(pattern, h);
    }
    case 'relay_down_before': {
      await rig.stopRelay();
      const back = setTimeout(() => { void rig.startRelay('sandbox'); }, 1_200);
      return async () => { clearTimeout(back); await rig.startRelay('sandbox'); };
    }
    case 'failover':
      await rig.startRelay('failover');
      return () => rig.startRelay('sandbox');
    case 'skew': {
      // Server clock ±1 h from the terminal's. Undone without moving the server clock backwards
      // (orders waiting on a scheduled step would stall for the hour): after +1 h, advance 1 h.
      const ahead = rng() < 0.5;
      await rig.sandbox('/sandbox/time', { skew_ms: ahead ? 3_600_000 : -3_600_000 });
      return async () => { await rig.sandbox('/sandbox/time', ahead ? { skew_ms: 0, advance_ms: 3_600_000 } : { skew_ms: 0 }); };
    }
    default:
      return async () => undefined;
  }
}

/** A fault in the middle: queries refused for a while, or the relay restarted. Resolves when over. */
export async function injectDuring(rig: Rig, fault: Fault, queryEndpoint: string): Promise<void> {
  const { page } = rig;
  if (fault === 'poll_cut') {
    const pattern = `**/cpay/${queryEndpoint}`;
    const h = (route: Route) => route.abort('internetdisconnected').catch(() => undefined);
    await page.route(pattern, h);
    await page.waitForTimeout(2_500);
    await page.unroute(pattern, h);
  } else if (fault === 'relay_restart') {
    await rig.stopRelay();
    await page.waitForTimeout(800);
    await rig.startRelay('sandbox');
  }
}

/** Uses up simulator faults the run never triggered, so none leaks into the next run. */
export async function drainSimFaults(rig: Rig, endpoint: string): Promise<void> {
  for (let i = 0; i < 4; i += 1) {
    const left = await rig.sandbox<unknown[]>('/sandbox/faults');
    if (left.length === 0) return;
    const url = new URL(`/cpay/${endpoint}`, `http://127.0.0.1:${portOf(rig)}`);
    await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', signal: AbortSignal.timeout(300) }).catch(() => undefined);
  }
}

function portOf(rig: Rig): number {
  const a = rig.simulator.server.address();
  return typeof a === 'object' && a ? a.port : 0;
}
