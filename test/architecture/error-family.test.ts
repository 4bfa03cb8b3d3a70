/**
 * One error family (issue 18): the relay's and the simulator's own errors are CodedErrors (the base
 * in @cpay/protocol) with a code, `retryable` and an unchanged name and message — what goes on the
 * wire (the simulator's status 101 text, a control call's HTTP status) and in logs (`err.message`)
 * is what it was before. The relay's upstream classification ignores their codes (unknown codes
 * stay `upstream_error`).
 */
import { CodedError } from '@cpay/protocol';
import { describe, expect, it } from 'vitest';
import { BodyTimeoutError, BodyTooLargeError, ClientGoneError } from '../../packages/relay/src/body.js';
import { classifyUpstreamError } from '../../packages/relay/src/errors.js';
import { FleetDefaultsError, validateFleetDefaults } from '../../packages/relay/src/fleet.js';
import { ControlError } from '../../packages/simulator/src/control.js';
import { WireError, str } from '../../packages/simulator/src/wire.js';

describe('relay and simulator errors join the CodedError family', () => {
  it.each([
    [new BodyTooLargeError(1024), 'BodyTooLargeError', 'body_too_large', false, 'request body exceeds 1024 bytes'],
    [new ClientGoneError(), 'ClientGoneError', 'client_gone', true, 'the client closed the connection before the request body was complete'],
    [new BodyTimeoutError(5000), 'BodyTimeoutError', 'body_timeout', true, 'request body not complete within 5000 ms'],
    [new FleetDefaultsError('fleet.json: unknown setting "x"'), 'FleetDefaultsError', 'fleet_defaults_invalid', false, 'fleet.json: unknown setting "x"'],
    [new WireError('rc.otn', '缺少参数 rc.otn'), 'WireError', 'bad_request_field', false, '缺少参数 rc.otn'],
    [new ControlError(404, '机具未登记：X'), 'ControlError', 'control_refused', false, '机具未登记：X'],
  ] as const)('%s: name, code, retryable, message', (err, name, code, retryable, message) => {
    expect(err).toBeInstanceOf(CodedError);
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe(name);
    expect(err.code).toBe(code);
    expect(err.retryable).toBe(retryable);
    expect(err.message).toBe(message);
    expect(classifyUpstreamError(err)).toBe('upstream_error');
  });

  it('the fields callers read are kept: limit, timeoutMs, field, status', () => {
    expect(new BodyTooLargeError(10).limit).toBe(10);
    expect(new BodyTimeoutError(7).timeoutMs).toBe(7);
    expect(new ControlError(403, 'x').status).toBe(403);
    let thrown: unknown;
    try {
      str({}, 'otn', 'rc.otn');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(WireError);
    expect(thrown).toMatchObject({ field: 'rc.otn', message: '缺少参数 rc.otn', code: 'bad_request_field' });
    expect(() => validateFleetDefaults({ authenKey: 'x' }, 'fleet.json')).toThrow(FleetDefaultsError);
  });
});
