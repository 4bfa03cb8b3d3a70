/**
 * msw 2.15 adapter: request handlers that answer `${baseUrl}/cpay/*` from the same simulator core
 * and `${baseUrl}/sandbox/*` from the same control API as the node server. In tests the control
 * functions are also callable directly on the Simulator (`sim.confirmBinding`, `sim.customerAction`,
 * `sim.order`, `sim.advance`, `sim.injectFault`, …), which is usually simpler than HTTP.
 * "No answer" never resolves (the client's abort or timeout ends it); "slow" uses msw's delay.
 */
import { delay, http, HttpResponse, type RequestHandler } from 'msw';
import { sandboxRequest } from '../sandbox.js';
import type { Simulator } from '../simulator.js';

/** Handlers for `baseUrl` (e.g. "https://pay.qcloud.com" or "http://localhost:5173"). */
export function simulatorHandlers(sim: Simulator, baseUrl: string): RequestHandler[] {
  const base = baseUrl.replace(/\/+$/, '');
  const cpay = async ({ request }: { request: Request }) => {
    const url = new URL(request.url);
    const body = request.method === 'GET' ? '' : await request.text();
    const out = await sim.handle({ method: request.method, path: url.pathname + url.search, body });
    if (out.hang) await delay('infinite');
    if (out.delayMs) await delay(out.delayMs);
    return new HttpResponse(out.body, { status: out.status, headers: out.headers });
  };
  const control = async ({ request }: { request: Request }) => {
    const url = new URL(request.url);
    const out = await sandboxRequest(sim, request.method, url.pathname, request.method === 'GET' ? '' : await request.text(), base);
    return HttpResponse.json(out.json as Record<string, unknown> | unknown[] | null, { status: out.status });
  };
  return [
    http.post(`${base}/cpay/:endpoint`, cpay),
    http.get(`${base}/cpay/:endpoint`, cpay),
    http.all(`${base}/sandbox`, control),
    http.all(`${base}/sandbox/*`, control),
  ];
}

export { createSimulator, Simulator, type SimulatorOptions } from '../simulator.js';
