/**
 * Command-line flags and environment variables → relay options. Flags win over the environment.
 * Pure (no I/O) so it is table-tested; `cli.ts` reads the TLS files and starts the relay.
 */
import { LOG_LEVELS, type LogLevel } from './log.js';
import { EDGE_SETTINGS, parseEdge, trustProxySetting } from './config-edge.js';
import { CPAY_DOMAINS, type RelayOptions } from './options.js';
import type { RateLimitOptions } from './rate-limit.js';

/** Each setting: its flag, its environment variable, and what it means (printed by `--help`). */
export const SETTINGS = {
  port: ['--port', 'PORT', 'listen port (default 8080)'],
  host: ['--host', 'HOST', 'listen address (default 127.0.0.1; 0.0.0.0 for the shop LAN)'],
  upstream: ['--upstream', 'CPAY_UPSTREAM', 'live mode: cpay origins/domains, comma-separated, in fail-over order; "cpay" = the four cpay domains'],
  domains: ['--domains', 'CPAY_DOMAINS', 'live mode: more fail-over domains after CPAY_UPSTREAM (bare host names mean https)'],
  staticDir: ['--static-dir', 'STATIC_DIR', 'built app directory (default: app/ inside the installed package, else the repository dist/)'],
  cors: ['--cors-origins', 'CORS_ORIGINS', 'extra origins allowed cross-origin, comma-separated'],
  tlsCert: ['--tls-cert', 'TLS_CERT', 'PEM certificate file: serve HTTPS (with --tls-key)'],
  tlsKey: ['--tls-key', 'TLS_KEY', 'PEM private key file'],
  upstreamCa: ['--upstream-ca', 'UPSTREAM_CA', 'PEM file of an extra CA to trust for upstream TLS (a test upstream)'],
  timeout: ['--timeout-ms', 'UPSTREAM_TIMEOUT_MS', 'time for cpay to answer before 504/unknown (default 10000)'],
  connectTimeout: ['--connect-timeout-ms', 'CONNECT_TIMEOUT_MS', 'connect timeout per domain before fail-over (default 3000)'],
  bodyLimit: ['--body-limit', 'BODY_LIMIT_BYTES', 'request body cap in bytes (default 65536)'],
  rateLimit: ['--rate-limit', 'RATE_LIMIT', 'per-client limit "<per second>/<burst>" or "off" (default 20/40)'],
  trustProxy: [
    '--trust-proxy',
    'TRUST_PROXY',
    'proxies whose X-Forwarded-For is believed: a hop count (1 = the peer is a proxy) or addresses/CIDRs/loopback/uniquelocal, comma-separated',
  ],
  logLevel: ['--log-level', 'LOG_LEVEL', 'info | warn | error | silent (default info)'],
  grace: ['--shutdown-grace-ms', 'SHUTDOWN_GRACE_MS', 'how long shutdown waits for in-flight requests (default 10000)'],
  health: ['--health-interval-ms', 'HEALTH_INTERVAL_MS', '/cpay/ping probe interval (default 30000)'],
  keepAlive: ['--keepalive-interval-ms', 'KEEPALIVE_INTERVAL_MS', 'keep-alive exchange interval (default 120000)'],
  // The client-facing edge (limits, Host allow-list, metrics): config-edge.ts.
  ...EDGE_SETTINGS,
  fleetDefaults: ['--fleet-defaults', 'FLEET_DEFAULTS', 'JSON file of non-secret tablet defaults served at /relay/fleet (docs/deploy.md)'],
} as const;

/** A setting's name. */
export type SettingName = keyof typeof SETTINGS;

/** Parsed configuration: relay options plus what the CLI itself handles. */
export interface CliConfig {
  readonly options: Omit<RelayOptions, 'tls' | 'logger'>;
  readonly tlsFiles?: { readonly cert: string; readonly key: string };
  /** Path of an extra upstream CA file. */
  readonly upstreamCaFile?: string;
  readonly logLevel: LogLevel;
  readonly help: boolean;
}

/** Parses `argv` (without node and script) and `env`. Throws an Error with a usable message. */
export function parseConfig(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): CliConfig {
  const flags = parseFlags(argv);
  const get = (name: SettingName): string | undefined => flags.get(SETTINGS[name][0]) ?? nonEmpty(env[SETTINGS[name][1]]);
  const int = (name: SettingName, min = 1): number | undefined => {
    const v = get(name);
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v))) throw new Error(`${label(name)} must be a whole number, got "${v}"`);
    if (Number(v) < min) throw new Error(`${label(name)} must be at least ${min}, got ${v}`);
    return Number(v);
  };
  const upstreamList = list(get('upstream')).flatMap((u) => (u === 'cpay' || u === 'live' ? [...CPAY_DOMAINS] : [u]));
  const domainList = list(get('domains'));
  for (const u of upstreamList) checkUpstream(u, 'upstream');
  for (const u of domainList) checkUpstream(u, 'domains');
  const upstreams = [...upstreamList, ...domainList];
  const cert = get('tlsCert');
  const key = get('tlsKey');
  if ((cert === undefined) !== (key === undefined)) throw new Error('HTTPS needs both TLS_CERT and TLS_KEY (--tls-cert, --tls-key)');
  const logLevel = get('logLevel') ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  const options: Omit<RelayOptions, 'tls' | 'logger'> = {
    port: int('port', 0),
    host: get('host'),
    upstreams: [...new Set(upstreams)],
    staticDir: get('staticDir'),
    corsOrigins: list(get('cors')),
    timeoutMs: int('timeout'),
    connectTimeoutMs: int('connectTimeout'),
    bodyLimitBytes: int('bodyLimit'),
    rateLimit: rateLimit(get('rateLimit')),
    trustProxy: trustProxySetting(get('trustProxy'), label('trustProxy')),
    shutdownGraceMs: int('grace', 0),
    healthIntervalMs: int('health'),
    keepAliveIntervalMs: int('keepAlive'),
    edge: parseEdge(
      (name) => get(name),
      (name) => int(name),
      label,
    ),
    fleetDefaultsFile: get('fleetDefaults'),
  };
  const ca = get('upstreamCa');
  return {
    options: dropUndefined(options),
    ...(cert && key ? { tlsFiles: { cert, key } } : {}),
    ...(ca ? { upstreamCaFile: ca } : {}),
    logLevel: logLevel as LogLevel,
    help: flags.has('--help'),
  };
}

/** `--flag / ENV`, for messages. */
function label(name: SettingName): string {
  return `${SETTINGS[name][0]} / ${SETTINGS[name][1]}`;
}

/** An upstream is an origin or a bare domain: a path, query or credentials would be dropped silently. */
function checkUpstream(u: string, name: 'upstream' | 'domains'): void {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(u) ? u : `https://${u}`);
  } catch {
    throw new Error(`${label(name)}: "${u}" is not a domain or an http(s) origin`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${label(name)}: "${u}" must be http or https`);
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new Error(`${label(name)}: "${u}" has a path, query or credentials; give the origin only (e.g. https://pay.qcloud.com)`);
  }
}

/** `--help` text. */
export function usage(): string {
  const rows = Object.values(SETTINGS).map(([flag, envName, text]) => `  ${flag.padEnd(24)} ${envName.padEnd(22)} ${text}`);
  return ['Usage: cpay-relay [flags]   (every flag also reads from its environment variable)', '', ...rows, '  --help'].join('\n');
}

/** Flags that may stand alone (`--sandbox-on-network` = `--sandbox-on-network=1`). */
const SWITCHES: ReadonlySet<string> = new Set([SETTINGS.sandboxOnNetwork[0], SETTINGS.serveSourceMaps[0]]);

function parseFlags(argv: readonly string[]): Map<string, string> {
  const known = new Set<string>(Object.values(SETTINGS).map((s) => s[0]));
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') {
      out.set('--help', '1');
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    if (!known.has(name)) throw new Error(`unknown flag ${name} (see --help)`);
    if (eq === -1 && SWITCHES.has(name)) {
      out.set(name, '1');
      continue;
    }
    const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined) throw new Error(`${name} needs a value`);
    out.set(name, value);
  }
  return out;
}

function rateLimit(v: string | undefined): RateLimitOptions | false | undefined {
  if (v === undefined) return undefined;
  if (v === 'off' || v === '0') return false;
  const m = /^(\d+(?:\.\d+)?)\/(\d+)$/.exec(v);
  if (!m) throw new Error(`RATE_LIMIT must be "<per second>/<burst>" (e.g. 20/40) or "off", got "${v}"`);
  return { perSecond: Number(m[1]), burst: Number(m[2]) };
}

const list = (v: string | undefined): string[] =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
const nonEmpty = (v: string | undefined): string | undefined => (v === undefined || v.trim() === '' ? undefined : v.trim());
function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
