/** What the shell shows for a boot result (spec §5.1: specific, dismissable, next action offered). */
import type { BootEvent } from '../../features/binding/boot-flow.js';
import type { CheckFailure } from '../../kernel/flow/check-outcome.js';
import { t, type MessageKey } from '../../i18n/index.js';

/** A notice: text, tone and the actions offered (ids the shell understands). */
export interface BootNotice {
  readonly message: string;
  readonly tone: 'info' | 'warn' | 'error';
  readonly actions: readonly ('retry' | 'bind' | 'rebind' | 'dismiss')[];
}

const FAILURE_TEXT: Readonly<Record<CheckFailure, MessageKey>> = {
  unbound: 'boot.boundElsewhere',
  bound_elsewhere: 'boot.boundElsewhere',
  key_mismatch: 'boot.keyMismatch',
  clock_skew: 'boot.rejected',
  rejected: 'boot.rejected',
};

/** Why cpay could not be reached, as the call outcome names it → shop words (never the raw English detail). */
const REASONS = ['offline', 'relay_refused', 'upstream_unreachable', 'timeout', 'network', 'relay_unknown', 'bad_signature', 'garbled'] as const;
type Reason = (typeof REASONS)[number];

/** The unreachable detail in shop language: a known outcome reason, cpay's own (Chinese) description, or a generic line. */
export function unreachableText(detail: string): string {
  const reason = /^([a-z_]+):/.exec(detail)?.[1];
  if (reason && (REASONS as readonly string[]).includes(reason)) return t(`boot.reason.${reason as Reason}`);
  if (detail === '' || /[A-Za-z]{3,}/.test(detail)) return t('boot.reason.other');
  return detail;
}

/** The notice for the latest boot event, or undefined when there is nothing to say. */
export function bootNotice(e: BootEvent | undefined): BootNotice | undefined {
  if (!e) return undefined;
  switch (e.type) {
    case 'unreachable':
      return {
        message: t('boot.unreachable', { detail: unreachableText(e.detail), seconds: Math.ceil(e.retryInMs / 1000) }),
        tone: 'warn',
        actions: ['retry', 'dismiss'],
      };
    case 'unbound':
      return { message: t('boot.unbound'), tone: 'info', actions: ['bind', 'dismiss'] };
    case 'check_failed':
      return { message: t(FAILURE_TEXT[e.failure], { description: e.description }), tone: 'error', actions: ['rebind', 'retry', 'dismiss'] };
    case 'error':
      return { message: t('boot.checkUnknown', { detail: e.detail }), tone: 'error', actions: ['retry', 'dismiss'] };
    default:
      return undefined;
  }
}

/** Where boot sends the shell when it was waiting on the loading screen. */
export function routeAfterBoot(e: BootEvent, bound: boolean): 'checkout' | 'bind' | undefined {
  switch (e.type) {
    case 'ready':
    case 'check_failed':
    case 'error':
      return 'checkout';
    case 'unbound':
      return 'bind';
    case 'unreachable':
      return bound ? 'checkout' : 'bind';
    default:
      return undefined;
  }
}
