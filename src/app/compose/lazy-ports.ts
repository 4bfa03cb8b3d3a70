/**
 * Ports whose code loads on first use (issue 21: the first screen's JavaScript). The shift store
 * is read only by the shift panels (their own chunks), so its repository and the handover model
 * it validates records with come with the first call, not with the first screen.
 */
import { ReplaySubject, defer, finalize, from, switchMap, type Observable } from 'rxjs';
import type { ShiftStore } from '../../features/shift/shift-deps.js';
import type { Db } from '../../platform/storage/db.js';

/** A {@link ShiftStore} over the `shifts` store whose code loads on the first call (a failed load is retried next time). */
export function lazyShiftStore(db: Db): ShiftStore {
  let repo: Promise<ShiftStore> | undefined;
  const get = (): Promise<ShiftStore> =>
    (repo ??= import('../../platform/storage/shift-repo.js').then(
      ({ ShiftRepo }) => new ShiftRepo(db),
      (e: unknown) => {
        repo = undefined;
        throw e;
      },
    ));
  return {
    current: () => get().then((r) => r.current()),
    open: (at, floatFen, cashier) => get().then((r) => r.open(at, floatFen, cashier)),
    close: (startedAt, close, cashier) => get().then((r) => r.close(startedAt, close, cashier)),
    between: (fromMs, toMs) => get().then((r) => r.between(fromMs, toMs)),
    recent: (limit) => get().then((r) => r.recent(limit)),
  };
}

/**
 * A flow whose code loads when it is first subscribed (the binding flows: only the bind screen runs
 * them). Inputs sent while the code loads are kept and handed to the flow in order, so an input
 * sent right after subscribing (the bind screen's `start`) is not lost.
 */
export function lazyFlow<I, E>(load: () => Promise<(input$: Observable<I>) => Observable<E>>): (input$: Observable<I>) => Observable<E> {
  return (input$) =>
    defer(() => {
      const early = new ReplaySubject<I>(16); // inputs sent before the code arrived (a handful at most)
      const sub = input$.subscribe(early);
      return from(load()).pipe(
        switchMap((flow) => flow(early)),
        finalize(() => sub.unsubscribe()),
      );
    });
}
