/**
 * The shipped clips against Chromium's real decoder, and the player against a real (offline)
 * AudioContext: every clip in public/voice/zh decodes to a plausible length, and a sentence renders
 * as sound, clip after clip, with no overlap.
 */
import { describe, expect, it } from 'vitest';
import { webAudioClipPlayer, CLIP_GAP_S } from './clip-player.js';
import { CLIP_IDS, clipUrl, type ClipId } from './clip-table.js';
import { sentenceClips } from './clips.js';
import { fen } from '@cpay/protocol';

const load = async (id: ClipId) => {
  const res = await fetch(`/${clipUrl(id)}`);
  if (!res.ok) throw new Error(`${id}: HTTP ${res.status}`);
  return res.arrayBuffer();
};

describe('voice clips in Chromium', () => {
  it('every clip decodes, mono speech between 0.15 and 7 s', async () => {
    const ctx = new OfflineAudioContext(1, 48_000, 48_000);
    for (const id of CLIP_IDS) {
      const buffer = await ctx.decodeAudioData(await load(id));
      expect(buffer.duration, id).toBeGreaterThan(0.15);
      expect(buffer.duration, id).toBeLessThan(7);
    }
  });

  it('the player renders 微信收款 12.34 元 as the clips back to back, audible, no overlap', async () => {
    const rate = 24_000;
    const clips = sentenceClips({ kind: 'payment_success', platform: 'wechat', amount: fen(1234) });
    const probe = new OfflineAudioContext(1, rate, rate);
    const durations = await Promise.all(clips.map(async (id) => (await probe.decodeAudioData(await load(id))).duration));
    const total = durations.reduce((a, b) => a + b, 0) + CLIP_GAP_S * clips.length + 0.1;
    const ctx = new OfflineAudioContext(1, Math.ceil(total * rate), rate);
    const starts: number[] = [];
    const start = AudioBufferSourceNode.prototype.start;
    AudioBufferSourceNode.prototype.start = function (this: AudioBufferSourceNode, when?: number) {
      starts.push(when ?? 0);
      return start.call(this, when);
    };
    try {
      await webAudioClipPlayer(() => ctx, load).play(clips, 1);
    } finally {
      AudioBufferSourceNode.prototype.start = start;
    }
    expect(starts).toHaveLength(clips.length);
    starts.slice(1).forEach((t, i) => expect(t).toBeCloseTo((starts[i] as number) + (durations[i] as number) + CLIP_GAP_S, 5));
    const out = (await ctx.startRendering()).getChannelData(0);
    // Sound in the middle of every clip's slot.
    starts.forEach((t, i) => {
      const mid = Math.floor((t + (durations[i] as number) / 2) * rate);
      let peak = 0;
      for (let k = mid - 1200; k < mid + 1200; k++) peak = Math.max(peak, Math.abs(out[k] ?? 0));
      expect(peak, clips[i]).toBeGreaterThan(0.01);
    });
  });
});
