import { BehaviorSubject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { guardNavigation, routeAfterSignIn } from './nav-guard.js';
import type { Route } from '../context/services.js';
import { AppSignals } from '../context/signals.js';

function setup(start: Route = 'checkout') {
  const route$ = new BehaviorSubject<Route>(start);
  const signals = new AppSignals();
  const guard = guardNavigation(route$, signals, () => 'busy!');
  const refusals: string[] = [];
  guard.refused$.subscribe((r) => refusals.push(r));
  return { route$, signals, guard, refusals };
}

describe('guardNavigation', () => {
  it('refuses leaving the checkout during a sale, and says so', () => {
    const t = setup();
    t.signals.setBusy(true);
    t.guard.navigate('history');
    expect(t.route$.value).toBe('checkout');
    expect(t.refusals.at(-1)).toBe('busy!');
  });

  it('lets the cashier go once the sale is over, clearing the refusal', () => {
    const t = setup();
    t.signals.setBusy(true);
    t.guard.navigate('settings');
    t.signals.setBusy(false);
    t.guard.navigate('settings');
    expect(t.route$.value).toBe('settings');
    expect(t.refusals.at(-1)).toBe('');
  });

  it('only guards the checkout: other busy screens (refund, deposit) keep their own rules', () => {
    const t = setup('refund');
    t.signals.setBusy(true);
    t.guard.navigate('checkout');
    expect(t.route$.value).toBe('checkout');
    t.guard.navigate('checkout'); // staying is always allowed
    expect(t.route$.value).toBe('checkout');
  });
});

describe('where a member lands on signing in', () => {
  it('a cashier signing in on a manager screen (settings) goes to the checkout; other screens stay', () => {
    expect(routeAfterSignIn('settings', 'cashier')).toBe('checkout');
    for (const r of ['checkout', 'refund', 'history', 'summary', 'deposit', 'bind'] as const) expect(routeAfterSignIn(r, 'cashier')).toBeUndefined();
  });
  it('a manager keeps the screen', () => {
    expect(routeAfterSignIn('settings', 'manager')).toBeUndefined();
  });
});
