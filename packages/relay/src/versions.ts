/**
 * Versions for `/relay/status`: the relay package's own version and the app build it serves
 * (`version.json`, written by the app build beside index.html: version, commit, builtAt,
 * appCpayVersion). The app file is re-read at most every 10 s, so an app deployed into the static
 * directory shows up without a restart.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What `/relay/status` reports under `versions`. */
export interface Versions {
  readonly relay: string;
  /** The served app's build, or null when no app (or no version.json) is there. */
  readonly app: { readonly version: string; readonly commit: string; readonly builtAt?: string; readonly appCpayVersion?: string } | null;
}

/** The relay's version (its package.json, one folder above src/ and dist/). */
export const RELAY_VERSION: string = (() => {
  try {
    return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
})();

const cache = new Map<string, { at: number; app: Versions['app'] }>();

/** The versions for a relay serving `staticDir` (cached 10 s). */
export function versionsOf(staticDir: string | undefined, now = Date.now()): Versions {
  if (staticDir === undefined) return { relay: RELAY_VERSION, app: null };
  const hit = cache.get(staticDir);
  if (hit && now - hit.at < 10_000) return { relay: RELAY_VERSION, app: hit.app };
  let app: Versions['app'] = null;
  try {
    const v = JSON.parse(readFileSync(join(staticDir, 'version.json'), 'utf8')) as Record<string, unknown>;
    if (typeof v.version === 'string' && typeof v.commit === 'string') {
      app = {
        version: v.version,
        commit: v.commit,
        ...(typeof v.builtAt === 'string' ? { builtAt: v.builtAt } : {}),
        ...(typeof v.appCpayVersion === 'string' ? { appCpayVersion: v.appCpayVersion } : {}),
      };
    }
  } catch {
    app = null;
  }
  cache.set(staticDir, { at: now, app });
  return { relay: RELAY_VERSION, app };
}
