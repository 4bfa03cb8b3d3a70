// The project's Node requirement for its scripts (npm start, npm test, test:smoke, test:faults):
// Node >= 22.19 (the oldest maintained LTS line that undici 8, the relay's upstream client, accepts).
// On an older Node the script is run again with the project's own Node from .tools/ when one is
// installed (scripts/ensure-node.sh), else it stops with a message saying what to do.
// Plain JavaScript that any Node since 14 can load, so the message is always printed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** CPAY_MIN_NODE (e.g. 99.0) raises the requirement: a test seam for the too-old path. */
export const MIN_NODE = (process.env.CPAY_MIN_NODE ?? '22.19').split('.').map(Number);

const older = (v, min) => v[0] < min[0] || (v[0] === min[0] && v[1] < min[1]);

/** Returns when this Node is new enough; otherwise re-runs `scriptUrl` with .tools/ Node (and exits) or explains and exits 1. */
export function ensureSupportedNode(scriptUrl, what) {
  const current = process.versions.node.split('.').map(Number);
  if (!older(current, MIN_NODE)) return;
  const tools = fileURLToPath(new URL('../.tools/', import.meta.url));
  const usable = (existsSync(tools) ? readdirSync(tools) : [])
    .filter((d) => /^node-v\d+\.\d+\.\d+$/.test(d) && existsSync(`${tools}${d}/bin/node`))
    .map((d) => ({ d, v: d.slice('node-v'.length).split('.').map(Number) }))
    .filter(({ v }) => !older(v, MIN_NODE))
    .sort((a, b) => b.v[0] - a.v[0] || b.v[1] - a.v[1] || b.v[2] - a.v[2])[0];
  if (usable && process.env.CPAY_NODE_REEXEC !== '1') {
    const bin = `${tools}${usable.d}/bin`;
    console.error(
      `Node ${process.versions.node} is too old (this project needs Node >= ${MIN_NODE.join('.')}); running ${what} with ${bin}/node (Node ${usable.d.slice(6)}).`,
    );
    const env = { ...process.env, CPAY_NODE_REEXEC: '1', PATH: `${bin}:${process.env.PATH ?? ''}` };
    const r = spawnSync(`${bin}/node`, [fileURLToPath(scriptUrl), ...process.argv.slice(2)], { stdio: 'inherit', env });
    process.exit(r.status ?? 1);
  }
  console.error(`Node ${process.versions.node} is too old: this project needs Node >= ${MIN_NODE.join('.')} (the maintained LTS lines 22, 24, 26).`);
  console.error('Install a current Node, or let the project fetch its own into .tools/ (from the npm registry):');
  console.error(`  export PATH="$(bash scripts/ensure-node.sh):$PATH" && ${what}`);
  process.exit(1);
}
