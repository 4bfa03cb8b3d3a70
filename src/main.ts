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
  map,
  shareReplay,
  skip,
  tap,
} from 'rxjs';
import './app/shell/app-shell.js';
import { BindingService } from './features/binding/binding-service.js';
import { IdentityService } from './features/binding/identity-service.js';
import { fleetSettings, parseFleetDocument, startFleetSync } from './features/settings/fleet.js';
import { StoredPreferences } from './features/settings/preferences.js';
import type { AppFlows, AppServices, Route } from './app/context/services.js';
import { AppSignals } from './app/context/signals.js';
import { checkPersistence, requestPersistence } from './platform/browser/storage-persistence.js';
import { guardNavigation } from './app/shell/nav-guard.js';
import { releaseFocusAfterPointer } from './app/shell/pointer-focus.js';
import { createVoice } from './features/devices/voice.js';
import { watchRelayDomain } from './features/settings/domain-notice.js';
import { createDevices, refundVoice } from './features/devices/devices.js';
import { bindFlow } from './features/binding/bind-flow.js';
import { bootFlow, type BootInput } from './features/binding/boot-flow.js';
import { legacyBindFlow } from './features/binding/legacy-bind.js';
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
import { RefundPinRepo } from './platform/storage/refund-pin-repo.js';
import { RefundRepo } from './platform/storage/refund-repo.js';
import { DepositRepo } from './platform/storage/deposit-repo.js';
import { ShiftRepo } from './platform/storage/summary-shift-repo.js';
import { StaffRepo } from './platform/storage/staff-repo.js';
import { StaffService } from './features/staff/staff-service.js';

/** Idle time for background bookkeeping (next order number): after the sale's own work, within 1 s. */
const whenIdle: WhenIdle = (work) => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => work(), { timeout: 1_000 });
  else setTimeout(work, 50);
};

async function start(): Promise<void> {
  const scheduler = asyncScheduler;
  // Every relay answer names the cpay host that answered: a change is a fail-over the cashier is told about.
  const relayRefresh = new Subject<void>();
  let knownDomain: string | undefined;
  const fetchFn = watchRelayDomain(window.fetch.bind(window), (host) => {
    if (knownDomain === undefined || host === knownDomain) return;
    signals.setRelay({ domain: host });
    relayRefresh.next();
  });
  const db = await openTerminalDb();
  const vault = await Vault.open(db);
  const settingsRepo = new SettingsRepo(db);
  // Fleet defaults (src/features/settings/fleet.ts): the last ones received apply from the start, new ones as they come.
  const fleetDoc = parseFleetDocument(await settingsRepo.loadFleet());
  const preferences = new StoredPreferences(settingsRepo, await settingsRepo.load(), {
    stored: await settingsRepo.loadStored(),
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
  startFleetSync(fetchFn, { applyFleet: (f) => preferences.applyFleet(f), storeFleet: (d) => settingsRepo.storeFleet(d) }, fleetDoc?.revision);

  const clock = new ServerClock(scheduler);
  const signals = new AppSignals();
  const voice = createVoice(window);
  preferences.settings$.subscribe((x) => voice.configure({ enabled: x.voiceEnabled, volume: x.voiceVolume, lang: x.locale, mode: x.voiceMode }));
  const bindingRepo = new BindingRepo(db, vault);
  const identity = new IdentityService(bindingRepo, fetchFn);
  const binding = new BindingService(bindingRepo, new SecretStore(db, vault), clock, () => preferences.value.qrKeyCase);
  const tracer = createTracer((r) =>
    console.debug(
      `[cpay] ${r.what} → ${r.outcome}${r.durationMs === undefined ? '' : ` (${r.durationMs} ms)`}${r.requestId === undefined ? '' : ` id=${r.requestId}`}`,
    ),
  );
  const cpay = createCpayClient({ keys: binding, fetch: fetchFn, tracer, isOnline: () => navigator.onLine, scheduler });
  const outbox = new OutboxRepo(db);
  const orderFinal$ = new Subject<string>(); // every order that became final → a device_report trigger
  const journal = new ReportingJournal(db, (otn) => orderFinal$.next(otn)); // keeps the outbox's `reported` mark (no double counts)
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
    },
    () => binding.value?.cloudCashierId,
    () => import('./app/compose/devices-runtime.js'), // the lazy devices chunk (WebUSB, WebHID, print jobs)
  );
  const staff = new StaffService(new StaffRepo(db));
  const [sn] = await Promise.all([identity.load(), binding.load(), outbox.count().then((n) => signals.setPendingReports(n)), staff.load()]);
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
    bind: (input$) =>
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
    legacyBind: (config) => legacyBindFlow(config, { cpay, sn: () => identity.load().then((s) => s ?? ''), adopt, announce: (w) => voice.prompt(w) }),
  };

  const route$ = new BehaviorSubject<Route>(sn ? 'loading' : 'setup');
  const nav = guardNavigation(route$, signals, () => t('app.navRefused')); // no leaving the checkout mid-sale
  // The dev server (vite) has no built worker; production builds register /sw.js.
  const refundTarget$ = new BehaviorSubject<string | undefined>(undefined); // history → refund screen
  const platform = createPlatform(signals, document, navigator, { serviceWorker: import.meta.env.PROD });
  const deviceKey = (): string => binding.value?.deviceId ?? identity.current ?? '';
  const services: AppServices = {
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
    announcer: voice,
    afterSale: {
      refunds: new RefundRepo(db),
      pin: new RefundPinRepo(db),
      shifts: new ShiftRepo(db),
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
    devices,
    staff,
    binding$: binding.binding$,
    route$,
    navigate: (r) => nav.navigate(r),
    navRefused$: nav.refused$,
  };

  // Persistent storage (issue 14 point 6): checked at start, requested once provisioned and bound.
  void checkPersistence(navigator.storage).then((st) => signals.setStorage(st));
  combineLatest([identity.sn$, binding.binding$])
    .pipe(
      filter(([id, b]) => id !== undefined || b !== undefined),
      debounceTime(0),
    )
    .subscribe(() => void requestPersistence(navigator.storage).then((st) => signals.setStorage(st)));
  signals.relay$.subscribe((r) => {
    knownDomain = r.domain;
  });
  relayStatus$(fetchFn, scheduler, 15_000, relayRefresh).subscribe((s) =>
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
  );
  releaseFocusAfterPointer(document); // Enter confirms the step, never re-presses a tapped button
  const app = document.createElement('cpay-app');
  app.services = services; // before connecting: the shell subscribes to services when it connects
  const splash = document.getElementById('splash');
  if (splash) splash.replaceWith(app);
  else document.body.prepend(app);
  if (sn) flows.restartBoot();
  // Payments left open (reload, crash, a sale that settled unknown) are reconciled app-wide (issue #5).
  void import('./features/recovery/pending-tray.js').then(({ pendingTray }) => pendingTray(services)); // starts recovery too, and lists what it takes up
  // Deposits left open by a reload are reconciled in the background (issue #9).
  void import('./features/deposit/deposit-startup.js').then(({ resumeDeposits }) => resumeDeposits(services));
  // Reports are background work: their code loads after the first screen.
  void import('./features/report/report-wiring.js').then(({ reportEvents }) =>
    reportEvents({
      cpay,
      outbox,
      clock,
      scheduler,
      signals,
      win: window,
      finals$: orderFinal$,
      binding: () => binding.value,
      appCpayVersion: () => preferences.value.appCpayVersion,
    }).subscribe((e) => {
      if (e.type !== 'pending') console.debug('[report]', e);
    }),
  );
  // Retention (issue 21): settled rows older than the window are pruned in idle time, a minute after start and daily.
  void import('./platform/storage/retention.js').then(({ scheduleRetention }) =>
    scheduleRetention(db, { now: () => Math.min(clock.serverNow(), Date.now()), whenIdle }),
  );
  if (preferences.value.wakeLock) void platform.setWakeLock(true);
  // Sandbox helpers (<sandbox-bind-panel>, <sandbox-pay-panel> in the bind and checkout screens) only in sandbox mode.
  signals.relay$.pipe(first((r) => r.mode === 'sandbox')).subscribe(() => void import('./features/sandbox/sandbox-panels.js'));
  // Printer, HID scanners, scan toast and receipt preview: after the first screen.
  void import('./features/devices/devices-ui.js').then(({ mountDeviceUi }) => mountDeviceUi(document.body, devices));
}

start().catch((err: unknown) => {
  console.error('terminal failed to start', err);
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.textContent = `启动失败 / Start failed: ${err instanceof Error ? err.message : String(err)}`;
  document.body.prepend(p);
});
