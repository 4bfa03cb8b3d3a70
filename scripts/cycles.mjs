#!/usr/bin/env node
// Gate (`npm run cycles`, one of scripts/test.mjs's gates): no import cycle in the app (src/, tests
// included) or in any workspace package, type-only imports included (madge's TypeScript detective
// with skipTypeImports off). Prints each cycle and exits 1 when there is one.
import madge from 'madge';

const graphs = [
  ['src', 'tsconfig.test.json'],
  ['packages/protocol/src', 'packages/protocol/tsconfig.json'],
  ['packages/simulator/src', 'packages/simulator/tsconfig.json'],
  ['packages/relay/src', 'packages/relay/tsconfig.json'],
];
/** Type-only and dynamic imports count: a cycle through types still tangles the modules. */
const detectiveOptions = { ts: { skipTypeImports: false, skipAsyncImports: false }, es6: { skipTypeImports: false, skipAsyncImports: false } };

let cycles = 0;
for (const [dir, tsConfig] of graphs) {
  // The packages' built output (dist) is not ours to walk: each package is checked from its sources.
  const res = await madge(dir, { fileExtensions: ['ts'], tsConfig, detectiveOptions, excludeRegExp: [/(^|\/)dist\//, /node_modules/] });
  const files = Object.keys(res.obj()).length;
  const found = res.circular();
  cycles += found.length;
  console.log(`[cycles] ${dir}: ${files} files, ${found.length} cycle(s)`);
  for (const c of found) console.log(`  ${c.join(' → ')} → ${c[0]}`);
}
process.exit(cycles ? 1 : 0);
