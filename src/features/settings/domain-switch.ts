/**
 * A change of active cpay domain as the cashier is told of it (acceptance item 8): the notice's
 * content and the catalog key of the relay's reason. The stream that makes notices is app/domain-notice.ts.
 */

/** What the status bar shows after a switch. */
export interface DomainNotice {
  readonly from: string;
  readonly to: string;
  /** The relay's reason (`connect_refused`, `recovered` …), or '' until `/relay/status` tells it. */
  readonly reason: string;
}

/** The catalog key of a relay reason. */
export function domainReasonKey(
  reason: string,
): `status.domainReason.${'connect_refused' | 'connect_timeout' | 'dns' | 'tls' | 'recovered' | 'probe' | 'other'}` {
  if (reason === 'connect_refused' || reason === 'connect_timeout' || reason === 'dns' || reason === 'tls' || reason === 'recovered')
    return `status.domainReason.${reason}`;
  if (reason.startsWith('ping answered')) return 'status.domainReason.probe';
  return 'status.domainReason.other';
}
