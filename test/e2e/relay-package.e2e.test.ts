/**
 * The relay as an installable package (issue 19): the three workspace packages are packed with
 * `npm pack`, installed from the tarballs into an empty directory (no repository checkout around
 * it), and the installed `cpay-relay` serves the app it carries (`app/`, bundled at pack time).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'cpay-relay-pkg-'));
let relay: ChildProcess | undefined;

afterAll(() => {
  relay?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

const npm = (args: string[], cwd: string): string => {
  const r = spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' } });
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
};

describe('@cpay/relay installed from its tarball', () => {
  it('npm pack → npm install in an empty directory → cpay-relay serves the app at /', async () => {
    expect(existsSync(join(REPO, 'dist/index.html')), 'the app is built (npm run build)').toBe(true);
    npm(['pack', '--silent', '--pack-destination', dir, '-w', 'packages/protocol', '-w', 'packages/simulator', '-w', 'packages/relay'], REPO);
    const tarballs = readdirSync(dir)
      .filter((f) => f.endsWith('.tgz'))
      .sort();
    expect(tarballs).toEqual(['cpay-protocol-0.1.0.tgz', 'cpay-relay-0.1.0.tgz', 'cpay-simulator-0.1.0.tgz']);
    // Packing leaves the checkout as it was (the bundled copy is removed again).
    expect(existsSync(join(REPO, 'packages/relay/app'))).toBe(false);
    const site = join(dir, 'site');
    mkdirSync(site);
    writeFileSync(join(site, 'package.json'), JSON.stringify({ name: 'shop-relay', private: true }));
    npm(['install', '--prefer-offline', '--no-package-lock', ...tarballs.map((t) => join(dir, t))], site);
    const cli = join(site, 'node_modules/@cpay/relay/dist/cli.js');
    expect(existsSync(join(site, 'node_modules/@cpay/relay/app/index.html'))).toBe(true);

    const p = spawn(process.execPath, [cli, '--port', '0', '--log-level', 'warn'], {
      cwd: site,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '' },
    });
    relay = p;
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no start: ${out}`)), 20_000);
      p.stdout?.on('data', (b: Buffer) => {
        out += b.toString();
        const m = /listening on (\S+)/.exec(out);
        if (m) {
          clearTimeout(t);
          resolve(m[1] as string);
        }
      });
      p.stderr?.on('data', (b: Buffer) => {
        out += b.toString();
      });
    });
    expect(out).not.toContain('no built app');
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toBe(readFileSync(join(REPO, 'dist/index.html'), 'utf8'));
    const asset = /src="\/?(assets\/[^"]+\.js)"/.exec(readFileSync(join(REPO, 'dist/index.html'), 'utf8'))?.[1];
    expect(asset).toBeTruthy();
    expect((await fetch(new URL(asset as string, url))).status).toBe(200);
    // It reports its own version and the app build it carries.
    const status = (await (await fetch(new URL('/relay/status', url))).json()) as { versions: { relay: string; app: { version: string; commit: string } } };
    const built = JSON.parse(readFileSync(join(REPO, 'dist/version.json'), 'utf8')) as { version: string; commit: string };
    expect(status.versions.relay).toBe('0.1.0');
    expect(status.versions.app).toMatchObject({ version: built.version, commit: built.commit });
  }, 180_000);
});
