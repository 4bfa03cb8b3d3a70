/**
 * `npm start` / `npm test` on a Node older than the project supports (scripts/node-check.mjs):
 * the requirement is raised with the CPAY_MIN_NODE seam, since the running Node is a current one.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const made: string[] = [];
afterEach(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A copy of the start script with its helper, outside the repository (no node_modules, no .tools/). */
function checkout(): string {
  const dir = mkdtempSync(join(tmpdir(), 'node-check-'));
  made.push(dir);
  mkdirSync(join(dir, 'scripts'));
  for (const f of ['start.mjs', 'node-check.mjs', 'install-check.mjs']) copyFileSync(join(REPO, 'scripts', f), join(dir, 'scripts', f));
  return dir;
}
const start = (dir: string) =>
  spawnSync(process.execPath, [join(dir, 'scripts/start.mjs')], {
    encoding: 'utf8',
    env: { ...process.env, CPAY_MIN_NODE: '99.0', CPAY_NODE_REEXEC: '' },
    timeout: 20_000,
  });

describe('npm start on a too-old Node', () => {
  it('without a project Node in .tools/: says what is needed and how to get it, exit 1', () => {
    const r = start(checkout());
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`Node ${process.versions.node} is too old: this project needs Node >= 99.0`);
    expect(r.stderr).toContain('export PATH="$(bash scripts/ensure-node.sh):$PATH" && npm start');
  });

  it('with one in .tools/: runs itself again with it (once: the same too-old Node then stops)', () => {
    const dir = checkout();
    mkdirSync(join(dir, '.tools/node-v99.1.0/bin'), { recursive: true });
    symlinkSync(process.execPath, join(dir, '.tools/node-v99.1.0/bin/node'));
    mkdirSync(join(dir, '.tools/node-v98.0.0/bin'), { recursive: true });
    symlinkSync(process.execPath, join(dir, '.tools/node-v98.0.0/bin/node'));
    const r = start(dir);
    expect(r.stderr).toContain(`running npm start with ${join(dir, '.tools/node-v99.1.0/bin')}/node (Node 99.1.0)`);
    expect(r.stderr).toContain('is too old: this project needs Node >= 99.0');
    expect(r.status).toBe(1);
  });
});
