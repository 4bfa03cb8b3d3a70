/**
 * Voice announcements: pure sentences, the announcer over injected Web Speech, the chime.
 */
export { VoiceAnnouncer, DEFAULT_VOICE_SETTINGS, pickVoice, type AnnounceResult, type AnnouncerDeps, type VoiceSettings } from './announcer.js';
export { webAudioChime, type AudioContextLike } from './chime.js';
export { sentenceText, type VoiceLang, type VoiceSentence, type SpokenPlatform } from './sentences.js';
export type { SpeechSynthesisLike, UtteranceLike, VoiceLike } from './platform.js';
