/**
 * Strict field access for decoding unknown wire JSON. Every failure is a ProtocolError naming
 * the endpoint and the dotted wire path, so a bad reply can be traced to one field.
 */
import type { EndpointName } from '../endpoints.js';
import { ProtocolError, describeValue } from '../errors.js';
import { type Fen, fen } from '../types.js';

/** A wire JSON object. */
export type Json = Record<string, unknown>;

/** True for a plain JSON object (not null, not an array). */
export const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Drops keys whose value is undefined, keeping the insertion order (the wire order). */
export function compact<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}

/** Reads typed fields of one wire object; `path` is its dotted location, for error messages. */
export class WireReader {
  constructor(
    readonly endpoint: EndpointName,
    readonly path: string,
    readonly obj: Json,
  ) {}

  /** Wraps a value that must be an object. */
  static of(endpoint: EndpointName, value: unknown, path: string): WireReader {
    if (!isJson(value)) {
      throw new ProtocolError('bad_type', `${path || 'message'} is ${describeValue(value)}; expected a JSON object`, { endpoint, field: path || undefined });
    }
    return new WireReader(endpoint, path, value);
  }

  /** Dotted path of a child field. */
  field(key: string): string {
    return this.path ? `${this.path}.${key}` : key;
  }

  /** True when the key is present and not null. */
  has(key: string): boolean {
    return this.obj[key] !== undefined && this.obj[key] !== null;
  }

  /** A ProtocolError about one field of this object. */
  fail(code: 'missing_field' | 'bad_type' | 'bad_value', key: string, what: string): ProtocolError {
    const shown = code === 'missing_field' ? 'is missing' : `is ${describeValue(this.obj[key])}`;
    return new ProtocolError(code, `${this.field(key)} ${shown}; ${what}`, { endpoint: this.endpoint, field: this.field(key) });
  }

  private need(key: string, what: string): unknown {
    if (!this.has(key)) throw this.fail('missing_field', key, what);
    return this.obj[key];
  }

  /** A required string. */
  str(key: string): string {
    const v = this.need(key, 'expected a string');
    if (typeof v !== 'string') throw this.fail('bad_type', key, 'expected a string');
    return v;
  }

  /** An optional string. */
  optStr(key: string): string | undefined {
    return this.has(key) ? this.str(key) : undefined;
  }

  /** A required integer (JSON number without fraction). */
  int(key: string): number {
    const v = this.need(key, 'expected an integer');
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw this.fail('bad_type', key, 'expected an integer');
    return v;
  }

  /** An optional integer. */
  optInt(key: string): number | undefined {
    return this.has(key) ? this.int(key) : undefined;
  }

  /** A required amount in fen (non-negative integer). */
  fen(key: string): Fen {
    const v = this.int(key);
    if (v < 0) throw this.fail('bad_value', key, 'expected a non-negative amount in fen');
    return fen(v);
  }

  /** An optional amount in fen. */
  optFen(key: string): Fen | undefined {
    return this.has(key) ? this.fen(key) : undefined;
  }

  /** A required boolean. */
  bool(key: string): boolean {
    const v = this.need(key, 'expected true or false');
    if (typeof v !== 'boolean') throw this.fail('bad_type', key, 'expected true or false');
    return v;
  }

  /** A required nested object. */
  child(key: string): WireReader {
    return WireReader.of(this.endpoint, this.need(key, 'expected an object'), this.field(key));
  }

  /** An optional nested object. */
  optChild(key: string): WireReader | undefined {
    return this.has(key) ? this.child(key) : undefined;
  }

  /** A required array. */
  list(key: string): readonly unknown[] {
    const v = this.need(key, 'expected an array');
    if (!Array.isArray(v)) throw this.fail('bad_type', key, 'expected an array');
    return v;
  }

  /** An optional array of integers. */
  optIntList(key: string): readonly number[] | undefined {
    if (!this.has(key)) return undefined;
    const v = this.list(key);
    if (!v.every((n) => typeof n === 'number' && Number.isSafeInteger(n))) throw this.fail('bad_type', key, 'expected an array of integers');
    return v as readonly number[];
  }

  /** Readers for each object of an array field (absent → empty). */
  objects(key: string): readonly WireReader[] {
    if (!this.has(key)) return [];
    return this.list(key).map((v, i) => WireReader.of(this.endpoint, v, `${this.field(key)}[${i}]`));
  }
}
