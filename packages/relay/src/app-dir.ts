/**
 * Where the relay finds the built app when no `--static-dir` / `STATIC_DIR` is given:
 *  1. `app/` inside the installed package (filled from the repository's `dist/` when the package is
 *     packed, see scripts/bundle-app.mjs), so `npm install -g @cpay/relay` or a container serves the
 *     app without a repository checkout;
 *  2. otherwise the repository's `dist/` (this file lives in packages/relay/{src,dist}/).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `app/` of the installed package. */
export const PACKAGED_APP_DIR = fileURLToPath(new URL('../app/', import.meta.url));
/** The repository's `dist/`. */
export const REPOSITORY_APP_DIR = fileURLToPath(new URL('../../../dist/', import.meta.url));

/** The first of the two that holds an `index.html`; the repository's when neither does. */
export function defaultStaticDir(candidates: readonly string[] = [PACKAGED_APP_DIR, REPOSITORY_APP_DIR]): string {
  return candidates.find((d) => existsSync(join(d, 'index.html'))) ?? candidates[candidates.length - 1] ?? REPOSITORY_APP_DIR;
}
