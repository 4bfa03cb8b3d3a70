#!/usr/bin/env node
/**
 * `cpay-relay`: starts a relay from flags and environment variables (see `--help` and ../README.md),
 * prints its URL, and shuts down gracefully on SIGTERM/SIGINT (a second signal exits at once).
 */
import { existsSync } from 'node:fs';
import { defaultStaticDir } from './app-dir.js';
import { listeningLines, relayOptionsFromConfig } from './boot.js';
import { parseConfig, usage } from './config.js';
import { readFleetFile } from './fleet.js';
import { createRelay } from './server.js';

async function main(): Promise<void> {
  let config;
  try {
    config = parseConfig(process.argv.slice(2), process.env);
  } catch (err) {
    process.stderr.write(`cpay-relay: ${err instanceof Error ? err.message : String(err)}\n\n${usage()}\n`);
    process.exit(2);
  }
  if (config.help) {
    process.stdout.write(`${usage()}\n`);
    return;
  }
  const staticDir = config.options.staticDir ?? defaultStaticDir();
  // An unusable fleet defaults file stops the start with its reason (a running relay keeps the last good one).
  const fleet = config.options.fleetDefaultsFile ? readFleetFile(config.options.fleetDefaultsFile) : undefined;
  let relay;
  try {
    relay = createRelay(relayOptionsFromConfig(config, { staticDir }));
  } catch (err) {
    process.stderr.write(`cpay-relay: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  }
  await relay.listen();
  const live = (config.options.upstreams ?? []).length > 0;
  const mode = live ? `live → ${(config.options.upstreams ?? []).join(', ')}` : 'sandbox (in-process simulator)';
  process.stdout.write(`cpay relay [${mode}]\n${listeningLines(relay, live).join('\n')}\n`);
  if (fleet)
    process.stdout.write(
      `fleet defaults: ${config.options.fleetDefaultsFile} (revision ${fleet.revision}: ${Object.keys(fleet.defaults).join(', ') || 'empty'})\n`,
    );
  if (!existsSync(`${staticDir}/index.html`)) process.stdout.write(`note: no built app in ${staticDir} (run \`npm run build\`); API routes work.\n`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) process.exit(1);
    stopping = true;
    process.stdout.write(`${signal}: finishing in-flight requests…\n`);
    relay.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(`cpay-relay failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
