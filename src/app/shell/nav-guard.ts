/**
 * The shell's navigation rule during a sale (issue 5): while the checkout has a sale in progress
 * (the `busy` signal: waiting for the code, sending, polling) the shell refuses to leave the
 * checkout, so the cashier does not walk away from a customer whose money may be moving. The
 * refusal is said where the cashier looks (the shell's alert line), never silently dropped.
 * Order recovery does not depend on this rule (app/pay-recovery.ts runs on every screen).
 */
import { BehaviorSubject, type Observable } from 'rxjs';
import type { Route } from '../context/services.js';
import type { AppSignals } from '../context/signals.js';
import type { StaffRole } from '../../features/staff/staff.js';

/** The guarded `navigate` and why the last move was refused ('' when it was not). */
export interface NavGuard {
  navigate(route: Route): void;
  /** The refusal text of the last navigation attempt ('' after a move that went through). */
  readonly refused$: Observable<string>;
}

/** Wraps `route$` so leaving the checkout is refused while `signals` says a sale is busy. */
export function guardNavigation(route$: BehaviorSubject<Route>, signals: AppSignals, refusal: () => string): NavGuard {
  const refused = new BehaviorSubject('');
  return {
    refused$: refused.asObservable(),
    navigate(route: Route): void {
      if (route$.value === 'checkout' && route !== 'checkout' && signals.isBusy) {
        refused.next(refusal());
        return;
      }
      if (refused.value !== '') refused.next('');
      route$.next(route);
    },
  };
}

/** Screens only a manager may use (a cashier gets them for one visit by a manager's PIN, asked in place). */
const MANAGER_ROUTES: ReadonlySet<Route> = new Set(['settings']);

/**
 * Where a member lands when they sign in on `route` (the screen the last one left the terminal
 * on): a cashier never starts on a manager's screen (they went to the checkout, decision 0030);
 * `undefined` keeps the screen.
 */
export function routeAfterSignIn(route: Route, role: StaffRole): Route | undefined {
  return role !== 'manager' && MANAGER_ROUTES.has(route) ? 'checkout' : undefined;
}
