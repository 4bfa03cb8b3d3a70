import { fen } from '@cpay/protocol';
import { describe, expect, it } from 'vitest';
import { VoiceAnnouncer } from './announcer.js';
import { webAudioChime } from './chime.js';

describe("voice announcer against Chromium's real speechSynthesis and AudioContext", () => {
  it('speaks through a Chinese voice if one is installed, otherwise chimes via Web Audio', () => {
    let ctx: AudioContext | undefined;
    const a = new VoiceAnnouncer({
      synth: speechSynthesis,
      utterance: (text) => new SpeechSynthesisUtterance(text),
      chime: webAudioChime(() => (ctx ??= new AudioContext())),
    });
    const result = a.announce({ kind: 'payment_success', platform: 'wechat', amount: fen(2) });
    expect(result).toMatchObject({ text: '微信收款 0.02 元' });
    if (result.kind === 'chime') expect(ctx).toBeDefined();
    else expect(result.kind).toBe('spoken');
    speechSynthesis.cancel();
  });
});
