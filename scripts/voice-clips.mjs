#!/usr/bin/env node
/**
 * Renders the terminal's recorded voice clips (Mandarin) from src/platform/devices/voice/clip-table.ts into
 * public/voice/zh/<id>.ogg with Debian's espeak-ng (voice `cmn`), sox (trim silence, normalise,
 * 24 kHz mono) and opusenc (Ogg/Opus, 16 kbit/s): small files every Chromium decodes.
 *
 *   apt-get install -y espeak-ng sox opus-tools
 *   node scripts/voice-clips.mjs            # all clips
 *   VOICE_SPEED=165 node scripts/voice-clips.mjs d1 d2   # some clips, another speed (words/min)
 *
 * Prints each clip's duration and size and the total (budget 300 KB).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const table = readFileSync(join(root, 'src/platform/devices/voice/clip-table.ts'), 'utf8');
const body = table.slice(table.indexOf('CLIP_TEXTS = {'), table.indexOf('} as const'));
const clips = [...body.matchAll(/(\w+): '([^']+)'/g)].map(([, id, text]) => ({ id, text }));
if (clips.length === 0) throw new Error('no clips found in clip-table.ts');

const only = process.argv.slice(2);
const speed = process.env.VOICE_SPEED ?? '160';
const outDir = join(root, 'public/voice/zh');
mkdirSync(outDir, { recursive: true });
const tmp = mkdtempSync(join(tmpdir(), 'voice-clips-'));
const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();

try {
  console.log(run('espeak-ng', ['--version']).trim());
  for (const { id, text } of clips) {
    if (only.length > 0 && !only.includes(id)) continue;
    const raw = join(tmp, `${id}.wav`);
    const clean = join(tmp, `${id}-24k.wav`);
    const out = join(outDir, `${id}.ogg`);
    writeFileSync(join(tmp, `${id}.txt`), text);
    run('espeak-ng', ['-v', 'cmn', '-s', speed, '-f', join(tmp, `${id}.txt`), '-w', raw]);
    // Trim leading and trailing silence (the player puts a 20 ms gap between clips), normalise to -1 dBFS.
    run('sox', [
      '--no-dither',
      raw,
      '-r',
      '24000',
      '-c',
      '1',
      clean,
      'silence',
      '1',
      '0.02',
      '1%',
      'reverse',
      'silence',
      '1',
      '0.02',
      '1%',
      'reverse',
      'gain',
      '-n',
      '-1',
    ]);
    run('opusenc', ['--quiet', '--bitrate', '16', '--comp', '10', '--discard-comments', '--serial', '1', clean, out]);
    const seconds = Number(run('soxi', ['-D', clean]).trim());
    console.log(`${id.padEnd(16)} ${text.padEnd(20, '　')} ${seconds.toFixed(2)} s  ${statSync(out).size} B`);
  }
  const total = clips.reduce((n, { id }) => n + statSync(join(outDir, `${id}.ogg`)).size, 0);
  console.log(`${clips.length} clips, ${(total / 1024).toFixed(1)} KB in public/voice/zh/ (budget 300 KB)`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
