/** classifyCheck: what a check_bill_device_bind_info reply means for binding (spec §9.1, §16). */
import { describe, expect, it } from 'vitest';
import { classifyCheck } from './check-outcome.js';

const head = (status: number, internalStatus = 0) => ({ status, internalStatus, description: '' });

describe('classifyCheck', () => {
  it('status 0 passes', () => {
    expect(classifyCheck(head(0))).toEqual({ kind: 'ok' });
  });

  it('status 3 (unknown) and 103 (retry later) are sent again, never a failure', () => {
    expect(classifyCheck(head(3))).toEqual({ kind: 'retry' });
    expect(classifyCheck(head(103))).toEqual({ kind: 'retry' });
    expect(classifyCheck(head(3, 3301))).toEqual({ kind: 'retry' });
  });

  it('a refusal names its failure by internal status', () => {
    expect(classifyCheck(head(104, 3105))).toEqual({ kind: 'failed', failure: 'clock_skew' });
    expect(classifyCheck(head(104, 3301))).toEqual({ kind: 'failed', failure: 'unbound' });
    expect(classifyCheck(head(104, 3302))).toEqual({ kind: 'failed', failure: 'bound_elsewhere' });
    expect(classifyCheck(head(104, 3303))).toEqual({ kind: 'failed', failure: 'key_mismatch' });
    expect(classifyCheck(head(104, 3214))).toEqual({ kind: 'failed', failure: 'bound_elsewhere' });
  });

  it("any other refusal is 'rejected' (cpay's description is shown)", () => {
    expect(classifyCheck(head(104, 9999))).toEqual({ kind: 'failed', failure: 'rejected' });
    expect(classifyCheck(head(101))).toEqual({ kind: 'failed', failure: 'rejected' });
  });
});
