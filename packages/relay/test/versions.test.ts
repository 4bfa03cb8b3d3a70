import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { versionsOf } from '../src/versions.js';
import { fakeUpstream, startRelay, type FakeUpstream, type Started } from './helpers.js';

const RELAY_PKG = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
let dir: string;
let up: FakeUpstream;
let relay: Started;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'relay-versions-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>cpay</title>');
  writeFileSync(
    join(dir, 'version.json'),
    JSON.stringify({ version: '1.4.2', commit: 'abc1234', builtAt: '2026-12-07T03:00:00.000Z', appCpayVersion: '1.0.3' }),
  );
  up = await fakeUpstream((_q, _b, res) => res.end('{}'));
  relay = await startRelay({ upstreams: [up.origin], staticDir: dir });
});
afterAll(async () => {
  await relay.relay.close();
  await up.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('/relay/status versions', () => {
  it('reports the relay package version and the build of the app it serves', async () => {
    const status = (await (await fetch(new URL('/relay/status', relay.url))).json()) as { versions: unknown };
    expect(status.versions).toEqual({
      relay: RELAY_PKG.version,
      app: { version: '1.4.2', commit: 'abc1234', builtAt: '2026-12-07T03:00:00.000Z', appCpayVersion: '1.0.3' },
    });
  });

  it('app is null without a version.json or without an app; a new deploy shows up after the 10 s cache', () => {
    const empty = mkdtempSync(join(tmpdir(), 'relay-versions-empty-'));
    try {
      expect(versionsOf(undefined)).toEqual({ relay: RELAY_PKG.version, app: null });
      expect(versionsOf(empty, 1_000).app).toBeNull();
      writeFileSync(join(empty, 'version.json'), JSON.stringify({ version: '2.0.0', commit: 'def5678' }));
      expect(versionsOf(empty, 5_000).app).toBeNull();
      expect(versionsOf(empty, 11_001).app).toEqual({ version: '2.0.0', commit: 'def5678' });
      writeFileSync(join(empty, 'version.json'), '{"version": 3}');
      expect(versionsOf(empty, 30_000).app).toBeNull();
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
