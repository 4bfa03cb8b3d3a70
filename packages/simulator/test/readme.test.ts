/**
 * The README documents every control route, scenario and fault kind the code has.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FAULT_KINDS, SCENARIOS } from '../src/index.js';
import { SANDBOX_ROUTES } from '../src/sandbox.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('lists every /sandbox/ route', () => {
    expect(SANDBOX_ROUTES.filter((r) => !readme.includes(`| ${r.method} | \`${r.path}\` |`)).map((r) => r.path)).toEqual([]);
  });
  it('lists every scenario with its suffix and codes', () => {
    for (const s of SCENARIOS) {
      expect(readme).toContain(`| \`${s.suffix}\` | \`${s.name}\` | \`${s.codes.wechat}\` | \`${s.codes.alipay}\` | \`${s.codes.card}\` |`);
    }
  });
  it('lists every fault kind', () => {
    for (const k of FAULT_KINDS) expect(readme).toContain(`| \`${k}\` |`);
  });
});
