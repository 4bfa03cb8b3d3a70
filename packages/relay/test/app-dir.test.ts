import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultStaticDir } from '../src/app-dir.js';

const made: string[] = [];
const dir = (withIndex: boolean): string => {
  const d = mkdtempSync(join(tmpdir(), 'app-dir-'));
  made.push(d);
  if (withIndex) writeFileSync(join(d, 'index.html'), '<!doctype html>');
  else mkdirSync(join(d, 'assets'));
  return d;
};
afterEach(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('defaultStaticDir: where the relay finds the app without --static-dir', () => {
  it('prefers the app packaged next to the relay', () => {
    const packaged = dir(true);
    expect(defaultStaticDir([packaged, dir(true)])).toBe(packaged);
  });
  it('falls back to the repository dist/ when the package carries no app', () => {
    const repo = dir(true);
    expect(defaultStaticDir([dir(false), repo])).toBe(repo);
  });
  it('names the repository dist/ when neither holds an app (the relay then says the app is not built)', () => {
    const repo = dir(false);
    expect(defaultStaticDir([dir(false), repo])).toBe(repo);
  });
});
