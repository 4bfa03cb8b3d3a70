// WireReader: every typed read accepts exactly its wire type and names the endpoint and the dotted
// path of a field it refuses (Stryker found these type guards untested: a decoder that accepted
// a string amount or a float or a null object would pass every codec test that only feeds good
// replies). Absent and null are the same for optional reads.
import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../errors.js';
import { WireReader, compact, isJson } from './read.js';

const reader = (obj: unknown, path = 'response_content') => WireReader.of('query_order', obj, path);

/** The ProtocolError `fn` throws (fails the test when it throws nothing or something else). */
function refusal(fn: () => unknown): ProtocolError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ProtocolError) return e;
    throw e;
  }
  throw new Error('expected a ProtocolError, nothing was thrown');
}

describe('isJson and compact', () => {
  it('a JSON object is a plain object, not null, an array or a scalar', () => {
    expect(isJson({})).toBe(true);
    expect(isJson({ a: 1 })).toBe(true);
    expect(isJson(null)).toBe(false);
    expect(isJson([])).toBe(false);
    expect(isJson('x')).toBe(false);
    expect(isJson(1)).toBe(false);
    expect(isJson(undefined)).toBe(false);
  });

  it('compact drops undefined only, in wire order', () => {
    const out = compact({ b: 1, a: undefined, c: null, d: 0, e: '' });
    expect(Object.keys(out)).toEqual(['b', 'c', 'd', 'e']);
    expect(out).toEqual({ b: 1, c: null, d: 0, e: '' });
  });
});

describe('WireReader.of', () => {
  it('refuses a non-object with bad_type naming the path (or "message" at the top)', () => {
    for (const bad of [null, [], 'x', 3, undefined]) {
      const e = refusal(() => reader(bad));
      expect(e.code).toBe('bad_type');
      expect(e.endpoint).toBe('query_order');
      expect(e.field).toBe('response_content');
      expect(e.message).toMatch(/^query_order: response_content is .*; expected a JSON object/);
    }
    const top = refusal(() => WireReader.of('query_order', 'x', ''));
    expect(top.field).toBeUndefined();
    expect(top.message).toMatch(/^query_order: message is "x"; expected a JSON object/);
  });

  it('field paths are dotted under the reader, bare at the top', () => {
    expect(reader({}).field('a')).toBe('response_content.a');
    expect(WireReader.of('query_order', {}, '').field('a')).toBe('a');
  });
});

describe('WireReader reads', () => {
  const r = reader({
    s: 'text',
    empty: '',
    n: 5,
    zero: 0,
    neg: -1,
    float: 1.5,
    big: 2 ** 53,
    numStr: '5',
    t: true,
    f: false,
    nil: null,
    obj: { x: 1 },
    arr: [1, 2],
    mixed: [1, 'a'],
    objs: [{ x: 1 }, { x: 2 }],
    badObjs: [{ x: 1 }, 3],
  });

  it('has: present and not null (false and 0 and "" are present)', () => {
    expect(r.has('s')).toBe(true);
    expect(r.has('empty')).toBe(true);
    expect(r.has('zero')).toBe(true);
    expect(r.has('f')).toBe(true);
    expect(r.has('nil')).toBe(false);
    expect(r.has('absent')).toBe(false);
  });

  it('str / optStr', () => {
    expect(r.str('s')).toBe('text');
    expect(r.str('empty')).toBe('');
    expect(r.optStr('s')).toBe('text');
    expect(r.optStr('absent')).toBeUndefined();
    expect(r.optStr('nil')).toBeUndefined();
    const missing = refusal(() => r.str('absent'));
    expect(missing.code).toBe('missing_field');
    expect(missing.field).toBe('response_content.absent');
    expect(missing.message).toBe('query_order: response_content.absent is missing; expected a string');
    expect(refusal(() => r.str('nil')).code).toBe('missing_field');
    const wrong = refusal(() => r.str('n'));
    expect(wrong.code).toBe('bad_type');
    expect(wrong.message).toBe('query_order: response_content.n is 5; expected a string');
    expect(refusal(() => r.optStr('n')).code).toBe('bad_type');
  });

  it('int / optInt: a safe integer only (no float, no numeric string, no unsafe integer)', () => {
    expect(r.int('n')).toBe(5);
    expect(r.int('zero')).toBe(0);
    expect(r.int('neg')).toBe(-1);
    expect(r.optInt('absent')).toBeUndefined();
    expect(r.optInt('nil')).toBeUndefined();
    expect(r.optInt('n')).toBe(5);
    for (const key of ['float', 'big', 'numStr', 't']) {
      const e = refusal(() => r.int(key));
      expect(e.code, key).toBe('bad_type');
      expect(e.message, key).toMatch(/; expected an integer$/);
    }
    const missing = refusal(() => r.int('absent'));
    expect(missing.code).toBe('missing_field');
    expect(missing.message).toBe('query_order: response_content.absent is missing; expected an integer');
    expect(refusal(() => r.optInt('float')).code).toBe('bad_type');
  });

  it('fen / optFen: a non-negative integer', () => {
    expect(r.fen('n')).toBe(5);
    expect(r.fen('zero')).toBe(0);
    const neg = refusal(() => r.fen('neg'));
    expect(neg.code).toBe('bad_value');
    expect(neg.message).toBe('query_order: response_content.neg is -1; expected a non-negative amount in fen');
    expect(refusal(() => r.fen('float')).code).toBe('bad_type');
    expect(refusal(() => r.fen('numStr')).code).toBe('bad_type');
    expect(r.optFen('absent')).toBeUndefined();
    expect(r.optFen('nil')).toBeUndefined();
    expect(r.optFen('zero')).toBe(0);
    expect(refusal(() => r.optFen('neg')).code).toBe('bad_value');
  });

  it('bool: true or false only', () => {
    expect(r.bool('t')).toBe(true);
    expect(r.bool('f')).toBe(false);
    const wrong = refusal(() => r.bool('zero'));
    expect(wrong.code).toBe('bad_type');
    expect(wrong.message).toBe('query_order: response_content.zero is 0; expected true or false');
    expect(refusal(() => r.bool('absent')).message).toBe('query_order: response_content.absent is missing; expected true or false');
  });

  it('child / optChild: an object, read under the dotted path', () => {
    const c = r.child('obj');
    expect(c.path).toBe('response_content.obj');
    expect(c.endpoint).toBe('query_order');
    expect(c.int('x')).toBe(1);
    expect(refusal(() => c.str('x')).field).toBe('response_content.obj.x');
    expect(r.optChild('absent')).toBeUndefined();
    expect(r.optChild('nil')).toBeUndefined();
    expect(r.optChild('obj')?.int('x')).toBe(1);
    const notObj = refusal(() => r.child('arr'));
    expect(notObj.code).toBe('bad_type');
    expect(notObj.field).toBe('response_content.arr');
    expect(refusal(() => r.child('absent')).message).toBe('query_order: response_content.absent is missing; expected an object');
    expect(refusal(() => r.optChild('s')).code).toBe('bad_type');
  });

  it('list: an array only', () => {
    expect(r.list('arr')).toEqual([1, 2]);
    const notArr = refusal(() => r.list('obj'));
    expect(notArr.code).toBe('bad_type');
    expect(notArr.message).toBe('query_order: response_content.obj is {"x":1}; expected an array');
    expect(refusal(() => r.list('absent')).message).toBe('query_order: response_content.absent is missing; expected an array');
  });

  it('optIntList: absent → undefined, every element a safe integer', () => {
    expect(r.optIntList('arr')).toEqual([1, 2]);
    expect(r.optIntList('absent')).toBeUndefined();
    expect(r.optIntList('nil')).toBeUndefined();
    const mixed = refusal(() => r.optIntList('mixed'));
    expect(mixed.code).toBe('bad_type');
    expect(mixed.message).toMatch(/; expected an array of integers$/);
    expect(refusal(() => reader({ l: [1, 0.5] }).optIntList('l')).code).toBe('bad_type');
    expect(refusal(() => r.optIntList('s')).code).toBe('bad_type');
  });

  it('objects: a reader per element with an indexed path; absent → none; a non-object element refused', () => {
    expect(r.objects('absent')).toEqual([]);
    expect(r.objects('nil')).toEqual([]);
    const rs = r.objects('objs');
    expect(rs.map((x) => x.path)).toEqual(['response_content.objs[0]', 'response_content.objs[1]']);
    expect(rs.map((x) => x.int('x'))).toEqual([1, 2]);
    const bad = refusal(() => r.objects('badObjs'));
    expect(bad.code).toBe('bad_type');
    expect(bad.field).toBe('response_content.badObjs[1]');
    expect(refusal(() => r.objects('obj')).code).toBe('bad_type');
  });
});
