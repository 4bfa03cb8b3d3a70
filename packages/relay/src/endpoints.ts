/**
 * The relay's allow-list: `RELAY_ENDPOINTS` from `@cpay/protocol` (the terminal's endpoints plus
 * app_pay for merchant back ends), with each endpoint's method and envelope from its `ENDPOINTS`
 * table. Every other path under `/cpay/` is a 404, so the relay
 * can never be used to reach other cpay (or non-cpay) endpoints.
 */
import { ENDPOINTS, RELAY_ENDPOINTS, type EndpointName, type EnvelopeKind } from '@cpay/protocol';

/** What the router needs to know about an allow-listed endpoint. */
export interface AllowedEndpoint {
  readonly name: EndpointName;
  readonly method: 'POST' | 'GET';
  /** `none`: empty body or plain JSON (ping); GET endpoints carry no body. */
  readonly envelope: EnvelopeKind | 'none';
}

const ALLOWED: ReadonlyMap<string, AllowedEndpoint> = new Map(
  RELAY_ENDPOINTS.map((name) => [name, { name, method: ENDPOINTS[name].method, envelope: ENDPOINTS[name].envelope }]),
);

/** The allow-listed endpoint named by the last segment of `/cpay/<name>`, or undefined. */
export function matchEndpoint(name: string): AllowedEndpoint | undefined {
  return ALLOWED.get(name);
}
