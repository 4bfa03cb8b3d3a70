/**
 * Strict readers for request fields. A missing or mistyped field becomes a WireError, which the
 * core answers with status 101 naming the field (a caller error, spec §9.1).
 */
import { CodedError } from '@cpay/protocol';
import { isObject, type JsonObject } from './json.js';

/** A request field is missing or has the wrong type (CodedError family; the message is what cpay's status 101 says). */
export class WireError extends CodedError<'bad_request_field'> {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super('bad_request_field', message, false);
    this.name = 'WireError';
  }
}

/** A required string field (non-empty unless `allowEmpty`). */
export function str(o: JsonObject, key: string, path = key, allowEmpty = false): string {
  const v = o[key];
  if (typeof v !== 'string') throw new WireError(path, v === undefined ? `缺少参数 ${path}` : `参数 ${path} 应为字符串`);
  if (!allowEmpty && v === '') throw new WireError(path, `参数 ${path} 不能为空`);
  return v;
}

/** An optional string field. */
export function optStr(o: JsonObject, key: string, path = key): string | undefined {
  return o[key] === undefined || o[key] === null ? undefined : str(o, key, path, true);
}

/** A required integer field (numbers only: the seeds never send numbers as strings). */
export function int(o: JsonObject, key: string, path = key): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
    throw new WireError(path, v === undefined ? `缺少参数 ${path}` : `参数 ${path} 应为整数`);
  }
  return v;
}

/** An optional integer field. */
export function optInt(o: JsonObject, key: string, path = key): number | undefined {
  return o[key] === undefined || o[key] === null ? undefined : int(o, key, path);
}

/** A required nested object (a JSON string holding an object is accepted too, spec §14.9). */
export function obj(o: JsonObject, key: string, path = key): JsonObject {
  let v = o[key];
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v) as unknown;
    } catch {
      /* falls through to the type error below */
    }
  }
  if (!isObject(v)) throw new WireError(path, v === undefined ? `缺少参数 ${path}` : `参数 ${path} 应为对象`);
  return v;
}

/** An optional integer array. */
export function optIntArray(o: JsonObject, key: string): number[] | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'number' && Number.isSafeInteger(x))) {
    throw new WireError(key, `参数 ${key} 应为整数数组`);
  }
  return v as number[];
}
