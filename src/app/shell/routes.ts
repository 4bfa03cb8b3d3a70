/**
 * Screens by route. Each screen is its own chunk, loaded on first visit, so the first screen's
 * JavaScript stays small (the QR library only comes with the bind screen).
 */
import { html, type TemplateResult } from 'lit';
import type { Route } from '../context/services.js';

const loaders: Readonly<Record<Route, (() => Promise<unknown>) | undefined>> = {
  loading: undefined,
  setup: () => import('../../features/binding/setup-screen.js'),
  bind: () => import('../../features/binding/bind-screen.js'),
  checkout: () => import('../../features/pay/checkout-screen.js'),
  settings: () => import('../../features/settings/settings-screen.js'),
  refund: () => import('../../features/refund/refund-screen.js'),
  history: () => import('../../features/history/history-screen.js'),
  summary: () => import('../../features/history/summary-screen.js'),
  deposit: () => import('../../features/deposit/deposit-screen.js'),
};

/**
 * What stands before the screens loads on demand too (issue 21): the sign-in / first-manager form
 * when nobody is signed in, the manager PIN dialog when a gate asks, the kiosk banner in kiosk mode.
 */
export const loadStaffGate = (): Promise<unknown> => import('../../features/staff/staff-gate.js');
export const loadStaffAuthorize = (): Promise<unknown> => import('../../features/staff/staff-authorize.js');
export const loadKioskGuard = (): Promise<unknown> => import('../../features/staff/kiosk-guard.js');

/** Starts loading a route's screen (the element upgrades when its module arrives). */
export function loadScreen(route: Route): Promise<unknown> {
  return loaders[route]?.() ?? Promise.resolve();
}

/** The element for a route. */
export function renderScreen(route: Route): TemplateResult {
  switch (route) {
    case 'loading':
      return html`<p role="status" class="loading">…</p>`;
    case 'setup':
      return html`<setup-screen></setup-screen>`;
    case 'bind':
      return html`<bind-screen></bind-screen>`;
    case 'checkout':
      return html`<checkout-screen></checkout-screen>`;
    case 'settings':
      return html`<settings-screen></settings-screen>`;
    case 'refund':
      return html`<refund-screen></refund-screen>`;
    case 'history':
      return html`<history-screen></history-screen>`;
    case 'summary':
      return html`<summary-screen></summary-screen>`;
    case 'deposit':
      return html`<deposit-screen></deposit-screen>`;
  }
}
