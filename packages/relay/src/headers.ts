/**
 * Security headers on every response, and CORS only for configured origins. The app is served
 * same-origin, so CORS matters only when a page on another configured origin (a dev server) calls
 * the relay. Cross-origin calls from any other origin are refused before anything is forwarded.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** CSP without unsafe-inline: lit uses constructable stylesheets; WebAssembly needs wasm-unsafe-eval. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "style-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "media-src 'self' blob:",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "object-src 'none'",
].join('; ');

/** Headers set on every response the relay writes. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'permissions-policy': 'usb=(self), hid=(self), camera=(self), serial=(self), microphone=(), geolocation=(), payment=()',
  'cross-origin-opener-policy': 'same-origin',
};

/** Applies {@link SECURITY_HEADERS} (before `writeHead`, which merges them). */
export function applySecurityHeaders(res: ServerResponse, hsts: boolean): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  if (hsts) res.setHeader('strict-transport-security', 'max-age=31536000');
}

/** Decision for one request's `Origin` header. */
export type OriginDecision = 'none' | 'same' | 'allowed' | 'denied';

/**
 * `none`: no Origin header (curl, same-origin GET); `same`: the Origin names this host (browsers
 * send Origin on same-origin POSTs); `allowed`: listed in `corsOrigins` (or the list holds `*`).
 */
export function decideOrigin(req: IncomingMessage, corsOrigins: ReadonlySet<string>): OriginDecision {
  const origin = req.headers.origin;
  if (origin === undefined) return 'none';
  if (corsOrigins.has(origin) || corsOrigins.has('*')) return 'allowed';
  try {
    if (new URL(origin).host === req.headers.host) return 'same';
  } catch {
    return 'denied';
  }
  return 'denied';
}

/** Adds the CORS response headers for an allowed origin. */
export function applyCors(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('access-control-allow-origin', req.headers.origin ?? '');
  res.setHeader('access-control-expose-headers', 'x-request-id, x-relay-outcome, x-relay-upstream-status, x-relay-error, x-relay-domain');
  res.setHeader('vary', 'Origin');
}

/** Answers a CORS preflight for an allowed origin (204). */
export function sendPreflight(res: ServerResponse): void {
  res.writeHead(204, {
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers': 'content-type, x-request-id',
    'access-control-max-age': '600',
    'content-length': '0',
  });
  res.end();
}
