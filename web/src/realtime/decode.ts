/**
 * Reading the JSON frames of the app's WebSockets into typed unions. Each service's frames have a table of
 * decoders, one per `type`; a decoder reads the fields its type promises and throws a FrameError when one
 * is missing or of the wrong kind. A frame that is not an object, has an unknown type or a wrong field is
 * refused with the reason, never half-read.
 */

export type JsonObject = Record<string, unknown>;

export class FrameError extends Error {}

export type Decoded<F> = { ok: true; frame: F } | { ok: false; reason: string };

export type Decoders<F extends { type: string }> = { [T in F['type']]: (o: JsonObject) => Extract<F, { type: T }> };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The typed frame for a parsed JSON value, or the reason it was refused. */
export function decodeFrame<F extends { type: string }>(raw: unknown, decoders: Decoders<F>): Decoded<F> {
  if (!isObject(raw)) {
    return { ok: false, reason: 'a frame must be a JSON object' };
  }
  const type = raw.type;
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(decoders, type)) {
    return { ok: false, reason: `unknown frame type ${JSON.stringify(type)}` };
  }
  try {
    return { ok: true, frame: (decoders as Record<string, (o: JsonObject) => F>)[type](raw) };
  } catch (error) {
    if (error instanceof FrameError) {
      return { ok: false, reason: `${type}: ${error.message}` };
    }
    throw error;
  }
}

/** Makes a switch over a union exhaustive: the compiler refuses the call while a member is unhandled. */
export function exhaustive(value: never): void {
  void value;
}

function fail(key: string, wanted: string): never {
  throw new FrameError(`'${key}' must be ${wanted}`);
}

export function str(o: JsonObject, key: string): string {
  const v = o[key];
  return typeof v === 'string' ? v : fail(key, 'a string');
}

/** A string that may be absent or null (both read as null). */
export function strOrNull(o: JsonObject, key: string): string | null {
  const v = o[key];
  return v === undefined || v === null ? null : typeof v === 'string' ? v : fail(key, 'a string or null');
}

export function num(o: JsonObject, key: string): number {
  const v = o[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : fail(key, 'a number');
}

export function numOrNull(o: JsonObject, key: string): number | null {
  return o[key] === undefined || o[key] === null ? null : num(o, key);
}

export function optNum(o: JsonObject, key: string): number | undefined {
  return o[key] === undefined || o[key] === null ? undefined : num(o, key);
}

export function bool(o: JsonObject, key: string): boolean {
  const v = o[key];
  return typeof v === 'boolean' ? v : fail(key, 'true or false');
}

export function oneOf<T extends string>(o: JsonObject, key: string, values: readonly T[]): T {
  const v = o[key];
  return values.includes(v as T) ? (v as T) : fail(key, `one of ${values.join(', ')}`);
}

/** One of the known values, or `other` for a value this version of the app does not know yet. */
export function knownOr<T extends string>(o: JsonObject, key: string, values: readonly T[], other: T): T {
  const v = str(o, key);
  return values.includes(v as T) ? (v as T) : other;
}

export function obj(o: JsonObject, key: string): JsonObject {
  const v = o[key];
  return isObject(v) ? v : fail(key, 'an object');
}

export function list<T>(o: JsonObject, key: string, item: (value: unknown, index: number) => T): T[] {
  const v = o[key];
  return Array.isArray(v) ? v.map(item) : fail(key, 'an array');
}

export function strings(o: JsonObject, key: string): string[] {
  return list(o, key, (v, i) => (typeof v === 'string' ? v : fail(`${key}[${i}]`, 'a string')));
}

/** An item of a list that must be an object. */
export function objectAt(value: unknown, index: number, what: string): JsonObject {
  return isObject(value) ? value : fail(`${what}[${index}]`, 'an object');
}

/** A user as frames name them. */
export interface Person {
  id: string;
  username: string;
}

export function person(value: unknown, key: string): Person {
  if (!isObject(value)) {
    return fail(key, 'an object with id and username');
  }
  return { id: str(value, 'id'), username: str(value, 'username') };
}
