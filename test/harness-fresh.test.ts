/** The e2e harness refuses a build older than its sources (test/e2e/harness.ts assertFreshBuild). */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { assertFreshBuild } from './e2e/harness.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tree(srcAt: number, builtAt: number | undefined, testAt?: number): { root: string; dist: string } {
  const root = mkdtempSync(join(tmpdir(), 'fresh-'));
  dirs.push(root);
  mkdirSync(join(root, 'src/flows'), { recursive: true });
  writeFileSync(join(root, 'src/flows/pay.ts'), 'export {};');
  utimesSync(join(root, 'src/flows/pay.ts'), srcAt, srcAt);
  if (testAt !== undefined) {
    writeFileSync(join(root, 'src/flows/pay.test.ts'), 'export {};');
    utimesSync(join(root, 'src/flows/pay.test.ts'), testAt, testAt);
  }
  const dist = join(root, 'dist');
  mkdirSync(dist);
  if (builtAt !== undefined) {
    writeFileSync(join(dist, 'index.html'), '<!doctype html>');
    utimesSync(join(dist, 'index.html'), builtAt, builtAt);
  }
  return { root, dist };
}

describe('assertFreshBuild', () => {
  it('accepts a build newer than every source; a newer test file does not count', () => {
    const { root, dist } = tree(1_000, 2_000, 3_000);
    expect(() => assertFreshBuild(dist, `${root}/`)).not.toThrow();
  });

  it('refuses a build older than a source, naming the file', () => {
    const { root, dist } = tree(3_000, 2_000);
    expect(() => assertFreshBuild(dist, `${root}/`)).toThrow(
      /older than its sources \(src\/flows\/pay\.ts changed 1000 s after the build\): run `npm run build`/,
    );
  });

  it('refuses a missing build', () => {
    const { root, dist } = tree(1_000, undefined);
    expect(() => assertFreshBuild(dist, `${root}/`)).toThrow(/has no index\.html/);
  });
});
