import { defer, fromEvent, map, startWith, type Observable } from 'rxjs';

/** Kiosk mode: the whole document fullscreen (Esc leaves, the toggle too). */
export class Fullscreen {
  /** Whether the document is fullscreen; listens only while subscribed. */
  readonly state$: Observable<boolean>;

  constructor(private readonly doc: Document) {
    const now = () => doc.fullscreenElement !== null;
    // defer: each subscriber starts from the state at its subscription, not at construction.
    this.state$ = defer(() => fromEvent(doc, 'fullscreenchange').pipe(map(now), startWith(now())));
  }

  /** Enters or leaves fullscreen. */
  async toggle(): Promise<void> {
    if (this.doc.fullscreenElement) await this.doc.exitFullscreen();
    else {
      await this.doc.documentElement.requestFullscreen({ navigationUI: 'hide' });
      // Kiosk mode: where the Keyboard Lock API exists (Chromium), Esc must be held to leave full screen.
      const kb = (this.doc.defaultView?.navigator as { keyboard?: { lock?: (keys: string[]) => Promise<void> } } | undefined)?.keyboard;
      await kb?.lock?.(['Escape']).catch(() => undefined);
    }
  }
}
