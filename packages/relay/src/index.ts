/**
 * @cpay/relay: the thin proxy between terminals and cpay, and the static host of the PWA.
 * See ../README.md for routes, environment variables and the error model.
 */
export { createRelay, type Relay } from './server.js';
export { CPAY_DOMAINS, type RelayOptions, type SandboxUpstream } from './options.js';
export { jsonLogger, silentLogger, maskCode, type RelayLogger, type LogRecord, type LogLevel } from './log.js';
export { UPSTREAM_ERRORS, type RelayOutcome, type UpstreamErrorKind } from './errors.js';
export { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './headers.js';
export type { RateLimitOptions } from './rate-limit.js';
export type { DomainHealth } from './upstream/domains.js';
export { parseConfig, usage, SETTINGS, type CliConfig } from './config.js';
export { relayOptionsFromConfig, listeningLines } from './boot.js';
export type { EdgeOptions, TrustProxy } from './options.js';
export { validateFleetDefaults, readFleetFile, FleetDefaultsError, FLEET_KEYS, type FleetDefaults, type FleetDocument } from './fleet.js';
