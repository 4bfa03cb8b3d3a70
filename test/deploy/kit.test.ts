/**
 * The deployment kit (deploy/) is consistent with the code: the systemd unit passes
 * `systemd-analyze verify`, the Dockerfile and the unit start the relay's CLI where the installed
 * package puts it, every environment variable the kit sets is one the relay reads, the compose
 * mounts name files that exist, and the example fleet file is accepted by the relay.
 * (Container images cannot be built on our machines: no registry for base images.)
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SETTINGS, validateFleetDefaults } from '@cpay/relay';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const read = (p: string): string => readFileSync(join(REPO, p), 'utf8');
const RELAY_ENV = new Set<string>(Object.values(SETTINGS).map((s) => s[1]));
const relayPkg = JSON.parse(read('packages/relay/package.json')) as { name: string; bin: Record<string, string> };
/** Where `npm install` of the relay package puts its CLI, relative to the install prefix. */
const INSTALLED_CLI = `node_modules/${relayPkg.name}/${relayPkg.bin['cpay-relay']?.replace(/^\.\//, '')}`;

describe('deployment kit', () => {
  it('the systemd unit passes systemd-analyze verify (or, without it, has the sections and ExecStart it needs)', () => {
    const unit = read('deploy/systemd/cpay-relay.service');
    expect(unit).toContain(`ExecStart=/usr/bin/env node /opt/cpay/${INSTALLED_CLI}`);
    const analyze = ['/usr/bin/systemd-analyze', '/bin/systemd-analyze'].find((p) => existsSync(p));
    if (analyze) {
      const dir = mkdtempSync(join(tmpdir(), 'unit-'));
      try {
        copyFileSync(join(REPO, 'deploy/systemd/cpay-relay.service'), join(dir, 'cpay-relay.service'));
        const r = spawnSync(analyze, ['verify', '--man=no', join(dir, 'cpay-relay.service')], { encoding: 'utf8' });
        expect(`${r.stdout}${r.stderr}`.trim()).toBe('');
        expect(r.status).toBe(0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    } else {
      console.log("[kit] systemd-analyze is not installed: checked the unit's structure only");
      for (const line of ['[Unit]', '[Service]', '[Install]', 'User=cpay', 'KillSignal=SIGTERM']) expect(unit).toContain(line);
    }
  });

  it('every variable the kit sets is one the relay reads', () => {
    const envFile = read('deploy/systemd/relay.env.example')
      .split('\n')
      .filter((l) => /^[A-Z_]+=/.test(l))
      .map((l) => l.split('=')[0]);
    const compose = [...read('deploy/compose.yaml').matchAll(/^ {6}([A-Z_]+):/gm)].map((m) => m[1]);
    expect(envFile.length).toBeGreaterThan(3);
    expect(compose.length).toBeGreaterThan(3);
    expect([...envFile, ...compose].filter((k) => !RELAY_ENV.has(k ?? ''))).toEqual([]);
  });

  it('the Dockerfile is multi-stage, runs the installed CLI as a non-root user, with a health check', () => {
    const df = read('deploy/Dockerfile');
    expect(df.match(/^FROM /gm)?.length).toBe(2);
    expect(df).toMatch(/^USER node$/m);
    expect(df).toMatch(/^HEALTHCHECK .*\n.*\/healthz/m);
    expect(df).toContain(`ENTRYPOINT ["node", "/opt/cpay/${INSTALLED_CLI}"]`);
    for (const [, src] of df.matchAll(/^COPY (packages\/\S+|package\.json|package-lock\.json|\.npmrc)/gm))
      expect(existsSync(join(REPO, src as string)), src).toBe(true);
  });

  it('the compose file mounts files that exist; the example fleet file is valid', () => {
    const mounts = [...read('deploy/compose.yaml').matchAll(/- \.\/(\S+?):/g)].map((m) => m[1] as string);
    expect(mounts).toContain('nginx/cpay-relay.conf');
    for (const m of mounts) expect(existsSync(join(REPO, 'deploy', m)), m).toBe(true);
    expect(() => validateFleetDefaults(JSON.parse(read('deploy/fleet.example.json')))).not.toThrow();
  });
});
