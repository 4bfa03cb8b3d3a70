// Is node_modules the install package-lock.json describes? npm keeps a copy of what it installed in
// node_modules/.package-lock.json; a checkout whose lock gained or changed a package since (a pull,
// a branch switch) is stale, and `npm start` / `npm test` run `npm ci` instead of failing later with
// "Cannot find module". Optional packages (other platforms' binaries) are not required to be there.
import { existsSync, readFileSync } from 'node:fs';

/** Why node_modules under `root` (a URL of the repository folder) needs `npm ci`, or undefined when current. */
export function installProblem(root) {
  const installed = new URL('node_modules/.package-lock.json', root);
  if (!existsSync(installed)) return 'node_modules is missing';
  const want = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8')).packages ?? {};
  const have = JSON.parse(readFileSync(installed, 'utf8')).packages ?? {};
  for (const [path, entry] of Object.entries(want)) {
    if (path === '' || !path.includes('node_modules/') || entry.optional === true || entry.link === true) continue;
    if (have[path]?.version !== entry.version) return `node_modules is out of date with package-lock.json (${path.replace(/^.*node_modules\//, '')})`;
  }
  return undefined;
}
