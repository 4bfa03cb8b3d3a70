/**
 * Legacy binding by configuration QR (spec §5.4, §6.11): the scanned
 * `https://pay.qcloud.com/cpay/use_device_setting?osi=…&si=…` plus our sn, sent as a GET through
 * the relay; the reply carries the payment key in clear, which is sealed at once.
 */
import type { BindInfo } from '@cpay/protocol';
import { catchError, concat, defer, from, of, switchMap, type Observable, type ObservableInput } from 'rxjs';
import type { CpayPort } from '../../platform/net/ports.js';
import type { BindingRecord } from '../../kernel/binding.js';
import type { BindEvent } from './bind-steps.js';
import { describeOutcome } from '../../kernel/flow/flow-support.js';

/** The configuration QR's parameters. */
export interface LegacyConfig {
  readonly osi: string;
  readonly si: string;
}

/** Reads osi and si from a pasted/scanned configuration URL; undefined when they are missing. */
export function parseLegacyConfigUrl(text: string): LegacyConfig | undefined {
  const q = text.trim().indexOf('?');
  if (q < 0) return undefined;
  const params = new URLSearchParams(text.trim().slice(q + 1));
  const osi = params.get('osi');
  const si = params.get('si');
  return osi && si ? { osi, si } : undefined;
}

/** What the legacy binding needs. */
export interface LegacyBindDeps {
  readonly cpay: CpayPort;
  sn(): ObservableInput<string>;
  adopt(sn: string, info: BindInfo, method: 'legacy'): ObservableInput<BindingRecord>;
  announce(what: 'bound'): void;
}

/** One legacy binding attempt. Never errors. */
export function legacyBindFlow(config: LegacyConfig, deps: LegacyBindDeps): Observable<BindEvent> {
  return concat(
    of<BindEvent>({ type: 'requesting' }),
    from(deps.sn()).pipe(
      switchMap((sn) =>
        deps.cpay.call('use_device_setting', { osi: config.osi, si: config.si, sn }).pipe(
          switchMap((outcome): Observable<BindEvent> => {
            const body = outcome.kind === 'reply' && outcome.reply.status === 0 ? outcome.reply.body : undefined;
            if (!body) return of({ type: 'failed', stage: 'generate', description: describeOutcome(outcome) });
            return concat(
              of<BindEvent>({ type: 'storing' }),
              from(deps.adopt(sn, body, 'legacy')).pipe(
                switchMap((binding) =>
                  defer(() => {
                    deps.announce('bound');
                    return of<BindEvent>({ type: 'bound', binding, confirmed: true });
                  }),
                ),
              ),
            );
          }),
        ),
      ),
      catchError((err: unknown) => of<BindEvent>({ type: 'failed', stage: 'store', description: err instanceof Error ? err.message : String(err) })),
    ),
  );
}
