import { BehaviorSubject, type Observable } from 'rxjs';

/** Kiosk mode: the whole document fullscreen (Esc leaves, the toggle too). */
export class Fullscreen {
  private readonly state = new BehaviorSubject(false);
  /** Whether the document is fullscreen. */
  readonly state$: Observable<boolean> = this.state.asObservable();

  constructor(private readonly doc: Document) {
    doc.addEventListener('fullscreenchange', () => this.state.next(doc.fullscreenElement !== null));
  }

  /** Enters or leaves fullscreen. */
  async toggle(): Promise<void> {
    if (this.doc.fullscreenElement) await this.doc.exitFullscreen();
    else await this.doc.documentElement.requestFullscreen({ navigationUI: 'hide' });
  }
}
