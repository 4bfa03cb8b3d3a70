import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { combineLatest, fromEvent, map, merge, startWith } from 'rxjs';
import { ObservableController } from '../../ui/observable-controller.js';
import { busyShown } from '../../ui/after-paint.js';
import type { BindingRecord } from '../../kernel/binding.js';
import { domainNotice$, type DomainNotice } from '../../features/settings/domain-notice.js';
import type { AppServices } from '../context/services.js';
import type { DeviceConnection, RelayState } from '../context/signals.js';
import type { StoragePersistence } from '../../platform/browser/storage-persistence.js';

/** Everything the status bar shows. */
interface StatusModel {
  readonly binding: BindingRecord | undefined;
  readonly sn: string | undefined;
  readonly relay: RelayState;
  readonly pending: number;
  readonly devices: readonly DeviceConnection[];
  readonly busy: boolean;
  readonly updateReady: boolean;
  readonly offline: boolean;
  /** The last voice prompt, echoed on screen (for the hard of hearing, and when there is no speaker). */
  readonly spoken: string;
  /** Sound blocked by the browser until the next key or tap. */
  readonly audioBlocked: boolean;
  /** A cpay domain switch the cashier should know about (shown for a minute). */
  readonly domainNotice: DomainNotice | undefined;
  readonly storage: StoragePersistence;
}

const EMPTY_MODEL: StatusModel = {
  binding: undefined,
  sn: undefined,
  relay: { relay: 'unknown', cpay: 'unknown' },
  pending: 0,
  devices: [],
  busy: false,
  updateReady: false,
  offline: false,
  spoken: '',
  audioBlocked: false,
  domainNotice: undefined,
  storage: 'unknown',
};

/** Binds the app signals to `<status-bar>` for the shell. */
export class ShellStatus {
  private readonly model: ObservableController<StatusModel>;

  constructor(
    host: ReactiveControllerHost,
    private readonly services: () => AppServices,
  ) {
    this.model = new ObservableController(
      host,
      () => {
        const s = services();
        const offline$ = merge(fromEvent(window, 'online'), fromEvent(window, 'offline')).pipe(
          startWith(null),
          map(() => !navigator.onLine),
        );
        return combineLatest({
          binding: s.binding$,
          sn: s.identity.sn$,
          relay: s.signals.relay$,
          pending: s.signals.pendingReports$,
          devices: s.signals.devices$,
          busy: busyShown(s.signals.busy$),
          updateReady: s.signals.updateReady$,
          offline: offline$,
          spoken: s.voice.spoken$.pipe(startWith('')),
          audioBlocked: s.voice.audioBlocked$.pipe(startWith(false)),
          storage: s.signals.storage$,
          domainNotice: domainNotice$(s.signals.relay$, () => Date.now(), s.scheduler).pipe(startWith(undefined)),
        });
      },
      EMPTY_MODEL,
    );
  }

  /** The current binding, for routing decisions. */
  get binding(): BindingRecord | undefined {
    return this.model.value.binding;
  }

  /** A sale is on, as the status bar shows it (its end after the result's frame): the sign-out button follows it too. */
  get busy(): boolean {
    return this.model.value.busy;
  }

  /** The status bar. */
  render(): TemplateResult {
    const m = this.model.value;
    return html`<status-bar
      .shopName=${m.binding?.shopName ?? ''}
      .deviceName=${m.binding?.deviceName ?? ''}
      .sn=${m.sn ?? ''}
      .relay=${m.relay}
      .spoken=${m.spoken}
      ?audioBlocked=${m.audioBlocked}
      .domainNotice=${m.domainNotice}
      .pending=${m.pending}
      .devices=${m.devices}
      ?busy=${m.busy}
      ?offline=${m.offline}
      ?updateReady=${m.updateReady}
      .storage=${m.storage}
      @apply-update=${() => this.services().platform.applyUpdate()}
    ></status-bar>`;
  }
}
