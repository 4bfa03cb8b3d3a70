/**
 * Composition root: the only file that wires real implementations together (design.md).
 * Opens storage, builds services, starts the shell, registers the service worker.
 */
import { randomNonce } from '@cpay/protocol';
import {
  BehaviorSubject,
  ReplaySubject,
  Subject,
  asyncScheduler,
  combineLatest,
  debounceTime,
  distinctUntilChanged,
  filter,
  first,
  from,
  fromEvent,
  map,
  merge,
  shareReplay,
  skip,
  switchMap,
  tap,
  type Observable,
} from 'rxjs';
import './app/shell/app-shell.js';
import { BindingService } from './features/binding/binding-service.js';
import { IdentityService } from './features/binding/identity-service.js';
import { fleetSettings, parseFleetDocument, startFleetSync } from './features/settings/fleet.js';
import { StoredPreferences } from './features/settings/preferences.js';
import type { AppFlows, AppServices, CoreServices, Route } from './app/context/services.js';
import { composeFlows } from './app/compose/flows.js';
import { AppSignals } from './app/context/signals.js';
import { checkPersistence, requestPersistence } from './platform/browser/storage-persistence.js';
import { guardNavigation } from './app/shell/nav-guard.js';
import { releaseFocusAfterPointer } from './app/shell/pointer-focus.js';
import { createVoice } from './features/devices/voice.js';
import { afterFrame, afterPaint } from './ui/after-paint.js';
import { createAudioGate } from './features/devices/audio-gate.js';
import { firstScreenShown, startOrder } from './app/compose/start-order.js';
import { loadScreen, loadStaffGate } from './app/shell/routes.js';
import { watchRelayDomain } from './features/settings/domain-notice.js';
import { createDevices, refundVoice } from './features/devices/devices.js';
import type { BindEvent, BindInput } from './features/binding/bind-flow.js';
import { bootFlow, type BootInput } from './features/binding/boot-flow.js';
import { loadLocale, setLocale, t } from './i18n/index.js';
import { createCpayClient } from './platform/net/cpay-client.js';
import { relayStatus$ } from './platform/net/relay-status.js';
import { ServerClock } from './platform/net/server-clock.js';
import { createTracer } from './platform/net/trace.js';
import { createPlatform } from './platform/browser/create-platform.js';
import { BindingRepo } from './platform/storage/binding-repo.js';
import { openTerminalDb } from './platform/storage/db.js';
import { OrderNumberRepo } from './platform/storage/order-number-repo.js';
import { OrderNumberReserve, type WhenIdle } from './platform/storage/order-number-reserve.js';
import { OutboxRepo } from './platform/storage/outbox-repo.js';
import { SecretStore } from './platform/storage/secret-store.js';
import { SettingsRepo } from './platform/storage/settings-repo.js';
import { Vault } from './platform/storage/vault.js';
import { ReportingJournal } from './platform/storage/outbox-journal.js';
import { LocalRefundBooksRepo } from './platform/storage/local-refund-books.js';
import { DrawerLogRepo } from './platform/storage/drawer-log-repo.js';
import { localBooks } from './platform/storage/local-books.js';
import { RefundPinRepo } from './platform/storage/refund-pin-repo.js';
import { RefundRepo } from './platform/storage/refund-repo.js';
import { DepositRepo } from './platform/storage/deposit-repo.js';
import { lazyFlow, lazyShiftStore } from './app/compose/lazy-ports.js';
import { StaffRepo } from './platform/storage/staff-repo.js';
import { StaffService } from './features/staff/staff-service.js';

/** Idle time for background bookkeeping (next order number): after the sale's own work, within 1 s. */
const whenIdle: WhenIdle = (work) => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => work(), { timeout: 1_000 });
  else setTimeout(work, 50);
};

async function start(): Promise<void> {
  const scheduler = asyncScheduler;
  // Start-up work no sale needs waits for the first screen, then idle time (issue 21; app/compose/start-order.ts).
  let shown: (p: Promise<unknown>) => void = () => undefined;
  const startup = startOrder(
    new Promise<unknown>((resolve) => {
      shown = resolve;
    }),
    whenIdle,
  );
  // Every relay answer names the cpay host that answered: a change is a fail-over the cashier is told about.
  const relayRefresh = new Subject<void>();
  let knownDomain: string | undefined;
  const fetchFn = watchRelayDomain(window.fetch.bind(window), (host) => {
    if (knownDomain === undefined || host === knownDomain) return;
    signals.setRelay({ domain: host });
    relayRefresh.next();
  });
  const db = await openTerminalDb();
  const settingsRepo = new SettingsRepo(db);
  // The vault key and every setting in two parallel reads (one transaction per store), not one per setting.
  const [vault, stored] = await Promise.all([Vault.open(db), settingsRepo.loadBoot()]);
  // Fleet defaults (src/features/settings/fleet.ts): the last ones received apply from the start, new ones as they come.
  const fleetDoc = parseFleetDocument(stored.fleet);
  const preferences = new StoredPreferences(settingsRepo, stored.settings, {
    stored: stored.stored,
    fleet: fleetDoc ? fleetSettings(fleetDoc.defaults) : {},
  });
  await loadLocale(preferences.value.locale);
  setLocale(preferences.value.locale);
  preferences.settings$
    .pipe(
      map((x) => x.locale),
      distinctUntilChanged(),
      skip(1),
    )
    .subscribe((locale) => {
      void loadLocale(locale).then(() => setLocale(locale));
    });
  startup.later(() =>
    startFleetSync(fetchFn, { applyFleet: (f) => preferences.applyFleet(f), storeFleet: (d) => settingsRepo.storeFleet(d) }, fleetDoc?.revision),
  );

  const clock = new ServerClock(scheduler);
  const signals = new AppSignals();
  const voice = createVoice(
    window,
    createAudioGate(window, (make) => startup.later(make)),
  );
  preferences.settings$.subscribe((x) => voice.configure({ enabled: x.voiceEnabled, volume: x.voiceVolume, lang: x.locale, mode: x.voiceMode }));
  const bindingRepo = new BindingRepo(db, vault);
  const identity = new IdentityService(bindingRepo, fetchFn);
  const binding = new BindingService(bindingRepo, new SecretStore(db, vault), clock, () => preferences.value.qrKeyCase);
  /**
   * Follow-up work of a sale (the call log): while a sale is on, it is held until the sale's end
   * (the checkout's busy flag drops in the same call that puts the result on screen), then runs
   * after that frame, all of it in one task. Each of the sale's calls comes before its result, so
   * idle time after them was still inside the answer → 收款成功 window (issue 21, sixth round).
   */
  const heldForSale: (() => void)[] = [];
  signals.busy$.pipe(filter((busy) => !busy && heldForSale.length > 0)).subscribe(() => {
    const held = heldForSale.splice(0);
    afterFrame(() => held.forEach((work) => work()));
  });
  const afterSale = (work: () => void): void => void (signals.isBusy ? heldForSale.push(work) : work());
  // The call log is written in idle time after the sale: under a debugger (and on a cheap tablet) a
  // console line cost the sale's request and its result frame time (issue 21, fourth round).
  const tracer = createTracer((r) =>
    afterSale(() =>
      afterPaint(() =>
        console.debug(
          `[${r.what.startsWith('printer.') ? 'device' : 'cpay'}] ${r.what} → ${r.outcome}${r.durationMs === undefined ? '' : ` (${r.durationMs} ms)`}${r.requestId === undefined ? '' : ` id=${r.requestId}`}`,
        ),
      ),
    ),
  );
  const cpay = createCpayClient({ keys: binding, fetch: fetchFn, tracer, isOnline: () => navigator.onLine, scheduler });
  const outbox = new OutboxRepo(db);
  const orderFinal$ = new Subject<string>(); // every order that became final → a device_report trigger
  const reportFinal = (otn: string): void => afterFrame(() => orderFinal$.next(otn));
  // keeps the outbox's `reported` mark (no double counts). The report starts after the result's
  // frame; an order left unreported by a reload is swept at the next start (`unreported` index).
  // During a sale its own final write comes before its `settled` event, so "the next frame" was not
  // yet the result's (issue 21, sixth round: the report ran in the answer → 收款成功 window): an order
  // that becomes final while a sale is on is left to the sweep at the sale's end (report-wiring.ts,
  // after the result's frame; it reads the `unreported` index), one report run per sale, not two.
  const journal = new ReportingJournal(db, (otn) => {
    if (!signals.isBusy) reportFinal(otn);
  });
  const devices = createDevices(
    window,
    {
      nav: navigator,
      db,
      signals,
      clock,
      binding: () => binding.value,
      lang: () => preferences.value.locale,
      shopLines: () => ({ header: preferences.value.receiptHeader, footer: preferences.value.receiptFooter }),
      drawerPin: () => (preferences.value.drawerPin === 5 ? 5 : preferences.value.drawerPin === 2 ? 2 : undefined),
      tracer, // device writes are traced like cpay calls
    },
    () => binding.value?.cloudCashierId,
    () => import('./app/compose/devices-runtime.js'), // the lazy devices chunk (WebUSB, WebHID, print jobs)
  );
  const staff = new StaffService(new StaffRepo(db));
  const [sn, bound, , staffState] = await Promise.all([
    identity.load(),
    binding.load(),
    outbox.count().then((n) => signals.setPendingReports(n)),
    staff.load(),
  ]);
  // The signed-in staff member goes on every order, refund, deposit, receipt and report (through the binding's staff fields).
  staff.state$.subscribe((st) => binding.setOperator(st.kind === 'signed_in' ? st.staff : undefined));

  const nonce = () => randomNonce(8);
  const bootInput$ = new ReplaySubject<BootInput>(1);
  const boot$ = bootFlow(bootInput$, {
    cpay,
    clock,
    scheduler,
    nonce,
    loadBinding: () => binding.load(),
    proveKey: (n) => binding.proveKey(n),
  }).pipe(
    tap((e) => {
      if (e.type === 'synced' || e.type === 'ready' || e.type === 'check_failed') signals.setRelay({ cpay: 'ok' });
      if (e.type === 'unreachable') signals.setRelay({ cpay: 'down' });
      if (e.type === 'ready') cpay.warmup({ keepWarm: false }); // spec §5.1 step 5: open the long connection once bound
    }),
    shareReplay({ bufferSize: 1, refCount: false }),
  );
  const adopt = binding.adopt.bind(binding);
  const flows: AppFlows = {
    boot$,
    restartBoot: () => bootInput$.next({ type: 'start' }),
    // The binding flows load with the bind screen, not with the first screen (issue 21).
    bind: lazyFlow((): Promise<(input$: Observable<BindInput>) => Observable<BindEvent>> =>
      import('./features/binding/bind-flow.js').then(
        ({ bindFlow }) =>
          (input$) =>
            bindFlow(input$, {
              cpay,
              clock,
              scheduler,
              nonce,
              appCpayVersion: preferences.value.appCpayVersion,
              sn: () => from(identity.load().then((s) => s ?? Promise.reject(new Error('not provisioned')))),
              buildQrUrl: (p) => binding.buildQrUrl(identity.current ?? '', p),
              adopt,
              proveKey: (n) => binding.proveKey(n),
              announce: (w) => voice.prompt(w),
            }),
      ),
    ),
    legacyBind: (config) =>
      from(import('./features/binding/legacy-bind.js')).pipe(
        switchMap(({ legacyBindFlow }) =>
          legacyBindFlow(config, { cpay, sn: () => identity.load().then((s) => s ?? ''), adopt, announce: (w) => voice.prompt(w) }),
        ),
      ),
  };

  // A terminal with a stored binding opens on the keypad at once (issue 21: cold start on a cheap
  // tablet): every boot outcome of a bound terminal leads to the checkout anyway (routeAfterBoot),
  // the check (ping, check_bill_device_bind_info) runs beside it and a problem shows as the boot
  // notice over the checkout. Brief payment requests carry no timestamp, so nothing on the
  // keypad's path waits for the ping's clock offset. Unbound: 'loading' until boot says where.
  const route$ = new BehaviorSubject<Route>(!sn ? 'setup' : bound ? 'checkout' : 'loading');
  const nav = guardNavigation(route$, signals, () => t('app.navRefused')); // no leaving the checkout mid-sale
  // The dev server (vite) has no built worker; production builds register /sw.js.
  const refundTarget$ = new BehaviorSubject<string | undefined>(undefined); // history → refund screen
  const platform = createPlatform(signals, document, navigator, { serviceWorker: import.meta.env.PROD, registerWhen: (register) => startup.later(register) });
  const deviceKey = (): string => binding.value?.deviceId ?? identity.current ?? '';
  const core: CoreServices = {
    cpay,
    clock,
    scheduler,
    signals,
    identity,
    binding,
    platform,
    flows,
    preferences,
    voice,
    journal,
    orderNumbers: new OrderNumberReserve(new OrderNumberRepo(db, { deviceKey, serverNow: () => clock.serverNow() }), deviceKey, whenIdle),
    announcer: { say: (sentence) => afterFrame(() => voice.say(sentence)) }, // spoken once the result shows
    afterSale: {
      refunds: new RefundRepo(db),
      // A cash / card refund's check and write in one transaction (two windows never over-refund).
      localRefunds: new LocalRefundBooksRepo(db, reportFinal),
      pin: new RefundPinRepo(db),
      shifts: lazyShiftStore(db), // the shift panels' store: its code loads on first use
      refundTarget$,
      openRefund: (no) => {
        refundTarget$.next(no);
        route$.next('refund');
      },
      // A failed or interrupted print is also shown to the cashier (devices.problems$ → toast).
      print: (doc) => void devices.print(doc).catch((e: unknown) => console.warn('[printer]', e)),
      // A failed reprint is also shown to the cashier (devices.problems$ → toast).
      reprint: (order) => void devices.reprintOrder(order).catch((e: unknown) => console.warn('[printer]', e)),
      announceRefund: (s) => refundVoice(voice, s),
    },
    deposits: { journal: new DepositRepo(db), print: (doc) => void devices.print(doc).catch((e: unknown) => console.warn('[printer]', e)) },
    // The local books (cash / card sales, their refunds, the drawer): one reader for history, summary and the shift handover.
    bookkeeping: localBooks(db, new DrawerLogRepo(db)),
    devices,
    staff,
    binding$: binding.binding$,
    route$,
    navigate: (r) => nav.navigate(r),
    navRefused$: nav.refused$,
  };
  // The flows' ports, the app-wide payment recovery and its tray: built once, handed to the screens.
  const wired = composeFlows(core);
  const services: AppServices = { ...core, ...wired.services };

  // Persistent storage (issue 14 point 6): checked at start, requested once provisioned and bound.
  startup.later(() => {
    void checkPersistence(navigator.storage).then((st) => signals.setStorage(st));
    combineLatest([identity.sn$, binding.binding$])
      .pipe(
        filter(([id, b]) => id !== undefined || b !== undefined),
        debounceTime(0),
      )
      .subscribe(() => void requestPersistence(navigator.storage).then((st) => signals.setStorage(st)));
  });
  signals.relay$.subscribe((r) => {
    knownDomain = r.domain;
  });
  // The relay's status (and mode): polled from the first screen on, and asked again the moment the
  // network comes back (else the status bar and settings said 不可达 for up to 15 s after it did).
  void startup.firstScreen.then(() =>
    relayStatus$(fetchFn, scheduler, 15_000, merge(relayRefresh, fromEvent(window, 'online'))).subscribe((s) =>
      signals.setRelay(
        s.cpay === 'unknown'
          ? {
              relay: s.relay,
              ...(s.domain ? { domain: s.domain } : {}),
              ...(s.mode ? { mode: s.mode } : {}),
              ...(s.switched ? { switched: s.switched } : {}),
              ...(s.versions ? { versions: s.versions } : {}),
            }
          : s,
      ),
    ),
  );
  releaseFocusAfterPointer(document); // Enter confirms the step, never re-presses a tapped button
  const app = document.createElement('cpay-app');
  app.services = services; // before connecting: the shell subscribes to services when it connects
  const splash = document.getElementById('splash');
  if (splash) splash.replaceWith(app);
  else document.body.prepend(app);
  const firstRoute = route$.value;
  // Nobody signed in: the sign-in (or first manager) form is the first screen, its own chunk.
  const firstLoad = staffState.kind === 'signed_in' ? loadScreen(firstRoute) : loadStaffGate();
  shown(firstScreenShown(app, firstLoad, () => app.renderRoot.querySelector('main')?.firstElementChild));
  // The boot check (ping, check_bill_device_bind_info): at once when it decides the first screen,
  // else right after the keypad shows (its outcome is a notice over the checkout).
  if (sn && firstRoute === 'loading') flows.restartBoot();
  else if (sn) void startup.firstScreen.then(() => flows.restartBoot());
  // Payments left open (reload, crash, a sale that settled unknown) are reconciled app-wide (issue #5)
  // from the start, so the checkout shows a recovered order before the next sale; deposits left open
  // by a reload (issue #9) follow, their code loaded lazily: src/app/compose/flows.ts.
  wired.start();
  // Reports are background work: their code loads after the first screen.
  startup.later(() =>
    import('./features/report/report-wiring.js').then(({ reportEvents }) =>
      reportEvents({
        cpay,
        outbox,
        clock,
        scheduler,
        signals,
        win: window,
        finals$: orderFinal$,
        afterFrame,
        binding: () => binding.value,
        appCpayVersion: () => preferences.value.appCpayVersion,
      }).subscribe((e) => {
        if (e.type !== 'pending') afterPaint(() => console.debug('[report]', e)); // a console line costs (call log above)
      }),
    ),
  );
  // Retention (issue 21): settled rows older than the window are pruned in idle time, a minute after start and daily.
  startup.later(() =>
    import('./platform/storage/retention.js').then(({ scheduleRetention }) =>
      scheduleRetention(db, { now: () => Math.min(clock.serverNow(), Date.now()), whenIdle }),
    ),
  );
  if (preferences.value.wakeLock) startup.later(() => platform.setWakeLock(true));
  // Sandbox helpers (<sandbox-bind-panel>, <sandbox-pay-panel> in the bind and checkout screens) only in sandbox mode.
  signals.relay$.pipe(first((r) => r.mode === 'sandbox')).subscribe(() => void import('./features/sandbox/sandbox-panels.js'));
  // Printer, HID scanners, scan toast and receipt preview (and the owed receipts): after the first screen.
  startup.later(() => import('./features/devices/devices-ui.js').then(({ mountDeviceUi }) => mountDeviceUi(document.body, devices)));
}

start().catch((err: unknown) => {
  console.error('terminal failed to start', err);
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.textContent = `启动失败 / Start failed: ${err instanceof Error ? err.message : String(err)}`;
  document.body.prepend(p);
});
