import { CodedError, ProtocolError } from '@cpay/protocol';
import { describe, expect, it } from 'vitest';
import { DeviceError, fromPlatformError } from '../platform/devices/errors.js';
import { NotReadyError, StorageError, TerminalError, describeError } from './errors.js';

describe('the app errors are one family with the protocol and the devices', () => {
  it('TerminalError and its subclasses carry code, retryable and cause on the shared base', () => {
    const cause = new DOMException('quota', 'QuotaExceededError');
    const e = new StorageError(
      'storage_failed',
      { happened: 'Refund could not be written to the ledger', value: 'R1', todo: 'free some storage and try again' },
      true,
      {
        cause,
      },
    );
    expect(e).toBeInstanceOf(TerminalError);
    expect(e).toBeInstanceOf(CodedError);
    expect(e).toMatchObject({ name: 'StorageError', code: 'storage_failed', retryable: true });
    expect(e.message).toBe('Refund could not be written to the ledger ("R1"); free some storage and try again');
    expect(e.cause).toBe(cause);
    const notReady = new NotReadyError('sub_terminal_type is the documents’ example; set the one cpay allocated');
    expect(notReady).toBeInstanceOf(CodedError);
    expect(notReady).toMatchObject({ name: 'NotReadyError', code: 'not_ready', retryable: false });
  });

  it('a DeviceError takes retryable from its table, on the same base', () => {
    const busy = fromPlatformError(new DOMException('Unable to claim interface.', 'InvalidStateError'), 'printer', 'open');
    expect(busy).toBeInstanceOf(DeviceError);
    expect(busy).toBeInstanceOf(CodedError);
    expect(busy).toMatchObject({ code: 'busy', device: 'printer', retryable: true });
    expect(new DeviceError('unsupported', 'scanner', 'no WebHID').retryable).toBe(false);
  });

  it('one catch can tell the branches apart by class and read the same fields', () => {
    const thrown: CodedError[] = [new ProtocolError('bad_value', 'x'), new StorageError('vault_corrupt', 'y', false), new DeviceError('busy', 'printer', 'z')];
    expect(thrown.map((e) => [e.name, e.code, e.retryable])).toEqual([
      ['ProtocolError', 'bad_value', false],
      ['StorageError', 'vault_corrupt', false],
      ['DeviceError', 'busy', true],
    ]);
    expect(thrown.map(describeError)).toEqual(['ProtocolError: x', 'StorageError: y', 'DeviceError: z']);
  });
});
