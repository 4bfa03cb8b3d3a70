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

/**
 * Creates the gate for `win` and listens for the unlocking gesture. `when` decides when the
 * AudioContext is made (creating one costs a cheap tablet tens of ms: the app makes it after the
 * first screen, issue 21); a gesture or a `context()` call before then makes it at once.
 */
export function createAudioGate(win: Window, when: (make: () => void) => void = (make) => make()): AudioGate {
  const Ctor = (win as Window & { AudioContext?: typeof AudioContext }).AudioContext;
  let ctx: AudioContext | undefined;
  let made = false;
  // Until the context exists, sound counts as blocked where Web Audio exists (a page starts blocked).
  const blocked = new BehaviorSubject(Ctor !== undefined);
  const make = (): AudioContext | undefined => {
    if (made) return ctx;
    made = true;
    try {
      ctx = Ctor ? new Ctor() : undefined;
    } catch {
      ctx = undefined;
    }
    const c = ctx;
    blocked.next(c !== undefined && c.state !== 'running');
    c?.addEventListener('statechange', () => blocked.next(c.state !== 'running'));
    return c;
  };
  let spokeOnce = false;
  if (Ctor) {
    const unlock = () => {
      const c = make();
      if (c && c.state !== 'running' && c.state !== 'closed')
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
    when(() => void make());
  }
  return {
    blocked$: blocked.pipe(distinctUntilChanged()),
    get blocked() {
      return blocked.value;
    },
    context: () => make(),
  };
}
