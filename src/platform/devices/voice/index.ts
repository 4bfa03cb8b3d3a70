/**
 * Voice announcements: pure sentences, the announcer over injected Web Speech, recorded clips
 * composed with Web Audio, the chime.
 */
export {
  VoiceAnnouncer,
  DEFAULT_VOICE_SETTINGS,
  VOICE_MODES,
  pickVoice,
  type AnnounceResult,
  type AnnouncerDeps,
  type VoiceMode,
  type VoiceSettings,
} from './announcer.js';
export { webAudioChime, type AudioContextLike } from './chime.js';
export { webAudioClipPlayer, type ClipPlayer, type ClipAudioContext } from './clip-player.js';
export { CLIP_IDS, CLIP_TEXTS, clipUrl, type ClipId } from './clip-table.js';
export { amountClips, integerClips, sentenceClips } from './clips.js';
export { sentenceText, type VoiceLang, type VoiceSentence, type SpokenPlatform } from './sentences.js';
export type { SpeechSynthesisLike, UtteranceLike, VoiceLike } from './platform.js';
