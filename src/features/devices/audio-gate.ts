/**
 * Browsers start a page with audio blocked until the user's first gesture ("AudioContext was not
 * allowed to start"): after a reload on an unattended tablet, announcements would be lost silently.
 * The gate owns the page's one AudioContext, created at load; while it is not running the status
 * bar says sound is off, and the first key press or tap anywhere resumes it (and lets speech
 * synthesis speak: Chromium and Safari refuse `speak()` before a gesture too).
 */
import { BehaviorSubject, distinctUntilChanged, type Observable } from 'rxjs';

/** The page's audio output and whether the browser still blocks it. */
export interface AudioGate {
  /** True while sound is blocked until the next key or tap. */
  readonly blocked$: Observable<boolean>;
  readonly blocked: boolean;
  /** The shared AudioContext (undefined where Web Audio does not exist). */
  context(): AudioContext | undefined;
}

/** Gestures that count as user activation for audio. Escape does not (Chromium). */
const UNLOCK_EVENTS = ['keydown', 'pointerdown', 'touchend'] as const;

/** Creates the gate for `win` and listens for the unlocking gesture. */
export function createAudioGate(win: Window): AudioGate {
  const Ctor = (win as Window & { AudioContext?: typeof AudioContext }).AudioContext;
  let ctx: AudioContext | undefined;
  try {
    ctx = Ctor ? new Ctor() : undefined;
  } catch {
    ctx = undefined;
  }
  const blocked = new BehaviorSubject(ctx !== undefined && ctx.state !== 'running');
  let spokeOnce = false;
  if (ctx) {
    const c = ctx;
    c.addEventListener('statechange', () => blocked.next(c.state !== 'running'));
    const unlock = () => {
      if (c.state !== 'running' && c.state !== 'closed')
        void c.resume().then(
          () => blocked.next(c.state !== 'running'),
          () => undefined,
        );
      // Safari unlocks speech only by a speak() inside a gesture: say nothing once.
      if (!spokeOnce && 'speechSynthesis' in win && typeof SpeechSynthesisUtterance === 'function') {
        spokeOnce = true;
        try {
          const u = new SpeechSynthesisUtterance('');
          u.volume = 0;
          win.speechSynthesis.speak(u);
        } catch {
          /* no speech: nothing to unlock */
        }
      }
    };
    for (const type of UNLOCK_EVENTS) win.addEventListener(type, unlock, { capture: true, passive: true });
  }
  return {
    blocked$: blocked.pipe(distinctUntilChanged()),
    get blocked() {
      return blocked.value;
    },
    context: () => ctx,
  };
}
