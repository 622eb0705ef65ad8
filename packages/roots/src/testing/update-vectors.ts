// Test-only access to the trust-bundle update vectors committed beside packages/verify/FORMAT.md.
import { readFileSync } from 'node:fs';
import type { DeviceUpdateState, UpdateRejection } from './update-reference-verifier.js';

const DIR = new URL('../../../verify/test-data/updates/', import.meta.url);

export interface VectorState {
  fleetId: string;
  deviceId?: string;
  trustedKeys: string[];
  revokedKeyIds: string[];
  lastSequence: number;
}

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

export function vectorBytes(file: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(file, DIR)));
}

/** The test signing keys (private JWKs: test keys only). */
export function vectorKeys(): Record<string, { publicKey: string; keyId: string; privateJwk: JsonWebKey }> {
  return JSON.parse(readFileSync(new URL('keys.json', DIR), 'utf8')).keys;
}

const unhex = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));

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
  const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
  const out: VectorState = {
    fleetId: new TextDecoder().decode(s.fleetId),
    trustedKeys: s.trustedKeys.map(hex),
    revokedKeyIds: s.revokedKeyIds.map(hex),
    lastSequence: s.lastSequence,
  };
  if (s.deviceId) out.deviceId = new TextDecoder().decode(s.deviceId);
  return out;
}
