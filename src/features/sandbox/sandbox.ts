/**
 * The sandbox's control API as the terminal uses it (only when `/relay/status` says mode
 * `sandbox`): confirm a binding QR as the merchant would, and list the scenario customer codes
 * so a person without a phone can pay. Decodes the answers tolerantly (unknown fields ignored).
 */
import { distinctUntilChanged, map, type Observable } from 'rxjs';
import type { AppSignals } from '../../app/context/signals.js';

/** Platforms the sandbox has customer codes for. */
export const SANDBOX_PLATFORMS = ['wechat', 'alipay', 'card'] as const;
/** One of {@link SANDBOX_PLATFORMS}. */
export type SandboxPlatform = (typeof SANDBOX_PLATFORMS)[number];

/** A scenario row: its name, what it does, one code per platform. */
export interface SandboxScenario {
  readonly name: string;
  readonly description: string;
  readonly codes: Readonly<Partial<Record<SandboxPlatform, string>>>;
}

/** The scenarios shown on the checkout, in this order (the others stay reachable by typing). */
export const SHOWN_SCENARIOS: readonly string[] = ['success', 'password', 'declined', 'insufficient', 'unknown_status', 'busy_then_success', 'cancel'];

/** True while the relay runs in sandbox mode. */
export function sandboxMode$(signals: AppSignals): Observable<boolean> {
  return signals.relay$.pipe(
    map((r) => r.mode === 'sandbox'),
    distinctUntilChanged(),
  );
}

async function call(fetchFn: typeof fetch, path: string, body?: unknown): Promise<unknown> {
  const init: RequestInit = body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  const res = await fetchFn(path, init);
  const text = await res.text();
  if (!res.ok) throw new Error(`${path} answered ${res.status}: ${text.slice(0, 200)}`);
  return text ? JSON.parse(text) : undefined;
}

/** The merchant confirms the binding QR (`POST /sandbox/bind/confirm {qr_url}`). */
export async function confirmBinding(fetchFn: typeof fetch, qrUrl: string): Promise<void> {
  await call(fetchFn, '/sandbox/bind/confirm', { qr_url: qrUrl });
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The scenario table (`GET /sandbox/scenarios`), only the rows in {@link SHOWN_SCENARIOS}. */
export async function loadScenarios(fetchFn: typeof fetch): Promise<SandboxScenario[]> {
  const body = await call(fetchFn, '/sandbox/scenarios');
  const rows = typeof body === 'object' && body !== null && 'scenarios' in body && Array.isArray(body.scenarios) ? (body.scenarios as unknown[]) : [];
  const decoded = rows.flatMap((r): SandboxScenario[] => {
    if (typeof r !== 'object' || r === null) return [];
    const o = r as Record<string, unknown>;
    const c = (typeof o.codes === 'object' && o.codes !== null ? o.codes : {}) as Record<string, unknown>;
    const codes = Object.fromEntries(SANDBOX_PLATFORMS.filter((p) => str(c[p]) !== '').map((p) => [p, str(c[p])]));
    return [{ name: str(o.name), description: str(o.description), codes }];
  });
  return SHOWN_SCENARIOS.flatMap((n) => decoded.filter((s) => s.name === n));
}
