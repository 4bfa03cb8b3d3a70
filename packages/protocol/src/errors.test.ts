import { describe, expect, it } from 'vitest';
import { CodedError, ProtocolError, describeValue, errorMessage } from './errors.js';

/** A branch of the family as another layer would write it. */
class ShelfError extends CodedError<'jammed' | 'empty'> {
  override readonly name = 'ShelfError';
  constructor(code: 'jammed' | 'empty', message: Parameters<typeof errorMessage>[0] | string, options?: { cause?: unknown }) {
    super(code, message, code === 'jammed', options);
  }
}

describe('CodedError: the base of the error family', () => {
  it('carries the code, whether a retry can help and the cause, and is an Error', () => {
    const cause = new TypeError('socket closed');
    const e = new ShelfError('jammed', 'the shelf is jammed', { cause });
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(CodedError);
    expect(e).toMatchObject({ name: 'ShelfError', code: 'jammed', retryable: true, message: 'the shelf is jammed' });
    expect(e.cause).toBe(cause);
    expect(new ShelfError('empty', 'nothing left').retryable).toBe(false);
    expect('cause' in new ShelfError('empty', 'nothing left')).toBe(false);
  });

  it('builds the message from what happened, the value and what to do', () => {
    expect(new ShelfError('empty', { happened: 'No item left on shelf 3', value: 'A-17', todo: 'refill it and try again' }).message).toBe(
      'No item left on shelf 3 ("A-17"); refill it and try again',
    );
    expect(errorMessage({ happened: 'The count is wrong', value: { n: -1 } })).toBe('The count is wrong ({"n":-1})');
    expect(errorMessage({ happened: 'The printer is off', todo: 'switch it on' })).toBe('The printer is off; switch it on');
    expect(errorMessage({ happened: 'No value', value: undefined })).toBe('No value (undefined)');
    // A long value is cut, never dumped whole into a log.
    expect(errorMessage({ happened: 'Too long', value: 'x'.repeat(500) }).length).toBeLessThan(80);
  });

  it('ProtocolError is one of the family: never retryable, code from its own union', () => {
    const e = new ProtocolError('bad_signature', 'sign does not verify', { endpoint: 'brief_micro_pay', cause: 'x' });
    expect(e).toBeInstanceOf(CodedError);
    expect(e).toMatchObject({
      name: 'ProtocolError',
      code: 'bad_signature',
      retryable: false,
      endpoint: 'brief_micro_pay',
      message: 'brief_micro_pay: sign does not verify',
    });
    expect(e.cause).toBe('x');
    expect('cause' in new ProtocolError('bad_value', 'no')).toBe(false);
  });
});

describe('ProtocolError messages and describeValue', () => {
  it('names endpoint and field once, and no field twice when the message already has it', () => {
    expect(new ProtocolError('bad_value', 'is not a number', { endpoint: 'refund', field: 'order.fee' }).message).toBe('refund order.fee: is not a number');
    expect(new ProtocolError('bad_value', 'is not a number', { field: 'order.fee' }).message).toBe('order.fee: is not a number');
    expect(new ProtocolError('bad_value', 'order.fee is not a number', { endpoint: 'refund', field: 'order.fee' })).toMatchObject({
      message: 'refund: order.fee is not a number',
      field: 'order.fee',
    });
    expect(new ProtocolError('bad_value', 'no').message).toBe('no');
  });

  it('cuts a value after 60 characters', () => {
    expect(describeValue('x'.repeat(58))).toBe(JSON.stringify('x'.repeat(58))); // exactly 60 characters: whole
    expect(describeValue('x'.repeat(59))).toBe(`"${'x'.repeat(56)}...`);
  });
});
