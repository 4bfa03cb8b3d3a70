/** The bind screen's view state as a pure reducer over bind-flow events. */
import type { BindEvent } from './bind-flow.js';
import type { BindingRecord } from '../../kernel/binding.js';

/** What the bind panel shows. */
export interface BindView {
  readonly phase: 'idle' | 'syncing' | 'requesting' | 'showing' | 'storing' | 'confirming' | 'bound' | 'expired' | 'failed' | 'cancelled';
  readonly url?: string;
  readonly remainingSeconds?: number;
  readonly retry?: { readonly detail: string; readonly seconds: number };
  readonly description?: string;
  readonly binding?: BindingRecord;
  readonly confirmed?: boolean;
}

/** Start state. */
export const INITIAL_BIND_VIEW: BindView = { phase: 'idle' };

/** Folds one event into the view. */
export function reduceBindView(view: BindView, e: BindEvent): BindView {
  switch (e.type) {
    case 'syncing':
      return { phase: 'syncing' };
    case 'requesting':
      return { phase: 'requesting' };
    case 'qr':
      return { phase: 'showing', url: e.url, remainingSeconds: e.ttlSeconds };
    case 'countdown':
      return { ...view, remainingSeconds: Math.max(0, e.remainingSeconds), retry: view.retry };
    case 'retrying':
      return { ...view, retry: { detail: e.detail, seconds: Math.ceil(e.retryInMs / 1000) } };
    case 'activated':
      return { ...view, retry: undefined };
    case 'storing':
      return { phase: 'storing' };
    case 'confirming':
      return { phase: 'confirming' };
    case 'bound':
      return { phase: 'bound', binding: e.binding, confirmed: e.confirmed };
    case 'expired':
      return { phase: 'expired' };
    case 'failed':
      return { phase: 'failed', description: e.description };
    case 'cancelled':
      return { phase: 'cancelled' };
  }
}
