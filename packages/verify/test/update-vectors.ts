// Test-only access to the trust-bundle update vectors (test-data/updates/, FORMAT.md) and the
// mutations of the bad-input properties. Not published (test/).
import { readFileSync } from 'node:fs';
import type { DeviceUpdateState, UpdateRejection } from '../src/update/verify-update.js';

const DIR = new URL('../test-data/updates/', import.meta.url);

/** A device state as vectors.json writes it (hex keys and ids, text ids). */
export interface VectorState {
  fleetId: string;
  deviceId?: string;
  trustedKeys: string[];
  revokedKeyIds: string[];
  lastSequence: number;
}

/** One entry of vectors.json. */
export interface UpdateVector {
  name: string;
  file: string;
  description: string;
  state: VectorState;
  now: number;
  expect:
    | { ok: true; sequence: number; roots: string[]; state: VectorState }
    | { ok: false; error: UpdateRejection };
}

export interface VectorFile {
  format: number;
  keys: Record<string, { publicKey: string; keyId: string }>;
  vectors: UpdateVector[];
}

export function updateVectors(): VectorFile {
  return JSON.parse(readFileSync(new URL('vectors.json', DIR), 'utf8'));
}

export function byName(vectors: UpdateVector[], name: string): UpdateVector {
  const v = vectors.find((x) => x.name === name);
  if (!v) throw new Error(`no update vector ${name}`);
  return v;
}

export function vectorBytes(file: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(file, DIR)));
}

const unhex = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

export function deviceState(s: VectorState): DeviceUpdateState {
  const out: DeviceUpdateState = {
    fleetId: new TextEncoder().encode(s.fleetId),
    trustedKeys: s.trustedKeys.map(unhex),
    revokedKeyIds: s.revokedKeyIds.map(unhex),
    lastSequence: s.lastSequence,
  };
  if (s.deviceId !== undefined) out.deviceId = new TextEncoder().encode(s.deviceId);
  return out;
}

export function stateJson(s: DeviceUpdateState): VectorState {
  const out: VectorState = {
    fleetId: new TextDecoder().decode(s.fleetId),
    trustedKeys: s.trustedKeys.map(hex),
    revokedKeyIds: s.revokedKeyIds.map(hex),
    lastSequence: s.lastSequence,
  };
  if (s.deviceId) out.deviceId = new TextDecoder().decode(s.deviceId);
  return out;
}

/** xorshift32 in [0, 1), seeded: the same mutants on every run. */
function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

/**
 * Single-byte changes of `good`: every offset with all 255 other values (`sample` undefined), or
 * `sample` seeded random (offset, value) changes. Yields one buffer, changed in place: use each
 * mutant before asking for the next.
 */
export function* singleByteMutants(good: Uint8Array, sample?: number, seed = 0x5eed1): Generator<Uint8Array> {
  const m = new Uint8Array(good);
  if (sample === undefined) {
    for (let i = 0; i < m.length; i++) {
      for (let d = 1; d < 256; d++) {
        m[i] = ((good[i] as number) + d) & 0xff;
        yield m;
      }
      m[i] = good[i] as number;
    }
    return;
  }
  const rand = random(seed);
  for (let k = 0; k < sample; k++) {
    const i = Math.floor(rand() * m.length);
    m[i] = ((good[i] as number) + 1 + Math.floor(rand() * 255)) & 0xff;
    yield m;
    m[i] = good[i] as number;
  }
}

/**
 * `count` random flips of `good`, alternating a bit flip and a byte change (to any other value),
 * seeded like @hubtrust/roots' reference test. Yields one buffer, changed in place.
 */
export function* flipMutants(good: Uint8Array, count: number, seed = 0x9e3779b9): Generator<Uint8Array> {
  const m = new Uint8Array(good);
  const rand = random(seed);
  for (let k = 0; k < count; k++) {
    const at = Math.floor(rand() * m.length);
    if (k % 2 === 0) m[at] = (good[at] as number) ^ (1 << Math.floor(rand() * 8));
    else m[at] = ((good[at] as number) + 1 + Math.floor(rand() * 255)) & 0xff;
    yield m;
    m[at] = good[at] as number;
  }
}
