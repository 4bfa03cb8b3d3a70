import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Observable, Subscription } from 'rxjs';

/** A source, or a function returning it when the host connects (e.g. from a consumed context). */
export type SourceLike<T> = Observable<T> | (() => Observable<T>);

/**
 * The UI's one way to subscribe (design.md "Streams"): subscribes when the host connects,
 * unsubscribes when it disconnects, and re-renders the host on every value.
 */
export class ObservableController<T> implements ReactiveController {
  private sub: Subscription | undefined;
  /** The latest value (the initial one until the source emits). */
  value: T;

  constructor(
    private readonly host: ReactiveControllerHost,
    private source: SourceLike<T>,
    initial: T,
    private readonly onValue?: (value: T) => void,
  ) {
    this.value = initial;
    host.addController(this);
  }

  /** Switches to another source (re-subscribes if connected). */
  setSource(source: SourceLike<T>): void {
    this.source = source;
    if (this.sub) {
      this.hostDisconnected();
      this.hostConnected();
    }
  }

  hostConnected(): void {
    const source = typeof this.source === 'function' ? this.source() : this.source;
    this.sub = source.subscribe((value) => {
      this.value = value;
      this.onValue?.(value);
      this.host.requestUpdate();
    });
  }

  hostDisconnected(): void {
    this.sub?.unsubscribe();
    this.sub = undefined;
  }
}
