/**
 * The one path from parsed configuration to relay options, shared by `cpay-relay` (cli.ts) and
 * `npm start` (scripts/start.mjs): reads the TLS and upstream CA files and builds the logger, so
 * every setting the CLI honours, npm start honours too.
 */
import { readFileSync } from 'node:fs';
import type { CliConfig } from './config.js';
import { jsonLogger } from './log.js';
import type { RelayOptions } from './options.js';
import type { Relay } from './server.js';

/** Relay options from a parsed config. `defaults` fill what the config leaves unset (e.g. staticDir). */
export function relayOptionsFromConfig(
  config: CliConfig,
  defaults: Partial<RelayOptions> = {},
  read: (path: string) => Buffer = (p) => readFileSync(p),
): RelayOptions {
  const file = (path: string, what: string): Buffer => {
    try {
      return read(path);
    } catch (err) {
      throw new Error(`cannot read ${what} ${path}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
  };
  const tls = config.tlsFiles ? { cert: file(config.tlsFiles.cert, 'TLS_CERT'), key: file(config.tlsFiles.key, 'TLS_KEY') } : undefined;
  const upstreamCa = config.upstreamCaFile ? file(config.upstreamCaFile, 'UPSTREAM_CA') : undefined;
  const set = Object.fromEntries(Object.entries(config.options).filter(([, v]) => v !== undefined));
  return { ...defaults, ...set, ...(tls ? { tls } : {}), ...(upstreamCa ? { upstreamCa } : {}), logger: jsonLogger(config.logLevel) };
}

/** Banner lines naming every address the relay really listens on, and a loud line for a networked sandbox. */
export function listeningLines(relay: Relay, live: boolean): string[] {
  const urls = relay.urls.map((u) => u.href);
  const lines = [`listening on ${urls.join('  ')}`];
  const exposed = !live && relay.urls.some((u) => !/^(127\.|\[::1\]|localhost)/.test(u.hostname));
  if (exposed) {
    lines.push('!!! SANDBOX MODE ON THE NETWORK: anyone who can reach these addresses can read the demo keys and payment keys');
    lines.push('!!! and approve orders through /sandbox/. Use it only on a network you trust (--sandbox-on-network is set).');
  }
  return lines;
}
