// verifyUpdate: signed trust-bundle updates (FORMAT.md) checked by verify.wasm's verifyUpdate
// export (assembly/update/verify.ts). This file is the host-side glue only: it writes the update
// and the device state (a STATE record, update-abi.json) into the IO area, calls the module and
// reads the OUTCOME record back. Every verdict is the module's.
import { VerifyError } from '../verify-error.js';
import { gateway, type VerifyExports } from '../wasm.js';
import { OUTCOME_LAYOUT, STATE_LAYOUT, UPDATE_LIMITS, UPDATE_RESULT_CODES } from './abi.generated.js';

/** What a device keeps between updates (FORMAT.md "Device state"). */
export interface DeviceUpdateState {
  /** The device's fleet id: 1 – 64 visible ASCII bytes. */
  fleetId: Uint8Array;
  /** The device's own id (an Azure device ID, an AWS thing name): 1 – 128 bytes, if it has one. */
  deviceId?: Uint8Array;
  /** Uncompressed P-256 points (65 bytes, `04 ‖ X ‖ Y`), 1 – 4: the keys updates may be signed by. */
  trustedKeys: Uint8Array[];
  /** Key ids (SHA-256 of the point, 32 bytes) the device refuses, at most 64. */
  revokedKeyIds: Uint8Array[];
  /** Sequence of the last installed update (0 before the first), a u32. */
  lastSequence: number;
}

/** Why an update was rejected: FORMAT.md's error names (their numbers: UPDATE_RESULT_CODES). */
export type UpdateRejection = Exclude<(typeof UPDATE_RESULT_CODES)[number], 'OK'>;

/** Result of {@link verifyUpdate}. */
export type VerifyUpdateResult =
  | {
      ok: true;
      /** The update's roots (DER, copies), in update order. */
      roots: Uint8Array[];
      /** The update's sequence number. */
      sequence: number;
      /** The state to store together with the roots (atomically), replacing the old one. */
      state: DeviceUpdateState;
    }
  | { ok: false; error: UpdateRejection };

interface UpdateExports extends VerifyExports {
  verifyUpdate(update: number, len: number, state: number, now: bigint, out: number): number;
}

/** The module's return for ranges outside the IO area (a bug of this glue, never a verdict). */
const BAD_ARGUMENT = UPDATE_LIMITS.BAD_ARGUMENT;

function bytesArg(v: unknown, what: string): Uint8Array {
  if (!(v instanceof Uint8Array)) throw new VerifyError('INVALID_ARGUMENT', `${what} must be a Uint8Array`);
  return v;
}

function listArg(v: unknown, what: string): Uint8Array[] {
  if (!Array.isArray(v)) throw new VerifyError('INVALID_ARGUMENT', `${what} must be an array of Uint8Array`);
  return v.map((x, i) => bytesArg(x, `${what}[${i}]`));
}

/** Unix seconds from a number (integer seconds) or a Date. */
function seconds(now: unknown): bigint {
  if (now instanceof Date && Number.isFinite(now.getTime())) return BigInt(Math.floor(now.getTime() / 1000));
  if (typeof now === 'number' && Number.isSafeInteger(now)) return BigInt(now);
  throw new VerifyError('INVALID_ARGUMENT', 'now must be Unix seconds (a safe integer) or a valid Date');
}

/**
 * Writes `state` as a STATE record at `p` (zeroed by the caller). False when it breaks the
 * limits of FORMAT.md's state table that the record's fixed size enforces (the module checks
 * counts and points itself).
 */
function writeState(mem: Uint8Array, p: number, state: DeviceUpdateState): boolean {
  const { fleetId, deviceId, trustedKeys, revokedKeyIds, lastSequence } = state;
  if (
    fleetId.length < 1 ||
    fleetId.length > UPDATE_LIMITS.MAX_FLEET_ID ||
    (deviceId !== undefined && (deviceId.length < 1 || deviceId.length > UPDATE_LIMITS.MAX_DEVICE_ID)) ||
    trustedKeys.length < 1 ||
    trustedKeys.length > UPDATE_LIMITS.MAX_TRUSTED_KEYS ||
    revokedKeyIds.length > UPDATE_LIMITS.MAX_REVOKED ||
    trustedKeys.some((k) => k.length !== UPDATE_LIMITS.POINT_LEN) ||
    revokedKeyIds.some((id) => id.length !== UPDATE_LIMITS.KEY_ID_LEN) ||
    !Number.isInteger(lastSequence) ||
    lastSequence < 0 ||
    lastSequence > 0xffffffff
  )
    return false;
  new DataView(mem.buffer, p, STATE_LAYOUT.SIZE).setUint32(STATE_LAYOUT.LAST_SEQUENCE, lastSequence, true);
  mem[p + STATE_LAYOUT.KEY_COUNT] = trustedKeys.length;
  mem[p + STATE_LAYOUT.REVOKED_COUNT] = revokedKeyIds.length;
  mem[p + STATE_LAYOUT.FLEET_ID_LEN] = fleetId.length;
  mem[p + STATE_LAYOUT.DEVICE_ID_LEN] = deviceId?.length ?? 0;
  mem.set(fleetId, p + STATE_LAYOUT.FLEET_ID);
  if (deviceId) mem.set(deviceId, p + STATE_LAYOUT.DEVICE_ID);
  for (const [i, k] of trustedKeys.entries()) mem.set(k, p + STATE_LAYOUT.KEYS + i * UPDATE_LIMITS.POINT_LEN);
  for (const [i, id] of revokedKeyIds.entries())
    mem.set(id, p + STATE_LAYOUT.REVOKED + i * UPDATE_LIMITS.KEY_ID_LEN);
  return true;
}

/** Reads the STATE record at `p` (copies). */
function readState(mem: Uint8Array, p: number): DeviceUpdateState {
  const at = (off: number, len: number) => mem.slice(p + off, p + off + len);
  const keys = mem[p + STATE_LAYOUT.KEY_COUNT] as number;
  const revoked = mem[p + STATE_LAYOUT.REVOKED_COUNT] as number;
  const deviceLen = mem[p + STATE_LAYOUT.DEVICE_ID_LEN] as number;
  const state: DeviceUpdateState = {
    fleetId: at(STATE_LAYOUT.FLEET_ID, mem[p + STATE_LAYOUT.FLEET_ID_LEN] as number),
    trustedKeys: Array.from({ length: keys }, (_, i) =>
      at(STATE_LAYOUT.KEYS + i * UPDATE_LIMITS.POINT_LEN, UPDATE_LIMITS.POINT_LEN),
    ),
    revokedKeyIds: Array.from({ length: revoked }, (_, i) =>
      at(STATE_LAYOUT.REVOKED + i * UPDATE_LIMITS.KEY_ID_LEN, UPDATE_LIMITS.KEY_ID_LEN),
    ),
    lastSequence: new DataView(mem.buffer, p, STATE_LAYOUT.SIZE).getUint32(STATE_LAYOUT.LAST_SEQUENCE, true),
  };
  if (deviceLen > 0) state.deviceId = at(STATE_LAYOUT.DEVICE_ID, deviceLen);
  return state;
}

/**
 * Verifies a signed trust-bundle update (FORMAT.md) for a device, in verify.wasm: the same checks,
 * in the same order, that a device running the module or its C port makes. Synchronous after a
 * one-time `await init()`. Never changes `state`: on success, store `roots` and the returned
 * `state` together.
 *
 * A rejection is a value (`{ ok: false, error }`, one of FORMAT.md's 25 reasons, e.g. `ROLLBACK`,
 * `UNKNOWN_KEY`, `KEY_REVOKED`, `EXPIRED`, `WRONG_FLEET`, `TRAILING_BYTES`); a state outside
 * FORMAT.md's limits (key count, points off the curve, id lengths, a fleet id of 0 or over 64
 * bytes, a sequence that is not a u32) is `INVALID_STATE`.
 *
 * @param update the update's bytes
 * @param state the device's persistent state
 * @param now the device's best time: Unix seconds, or a Date
 * @throws VerifyError `INVALID_ARGUMENT` for arguments of the wrong type (not a Uint8Array, not an
 *   array, a non-integer time); Error when the module is not initialised, or misbehaves (a bug)
 * @example
 * ```ts
 * await init();
 * const r = verifyUpdate(bytes, { fleetId, trustedKeys: [pinnedKey], revokedKeyIds: [], lastSequence: 6 }, Date.now() / 1000 | 0);
 * if (r.ok) saveAtomically(r.roots, r.state); else log(r.error);
 * ```
 */
export function verifyUpdate(
  update: Uint8Array,
  state: DeviceUpdateState,
  now: number | Date,
): VerifyUpdateResult {
  const bytes = bytesArg(update, 'update');
  if (typeof state !== 'object' || state === null)
    throw new VerifyError('INVALID_ARGUMENT', 'state must be an object');
  const checked: DeviceUpdateState = {
    fleetId: bytesArg(state.fleetId, 'state.fleetId'),
    trustedKeys: listArg(state.trustedKeys, 'state.trustedKeys'),
    revokedKeyIds: listArg(state.revokedKeyIds, 'state.revokedKeyIds'),
    lastSequence: state.lastSequence,
  };
  if (state.deviceId !== undefined) checked.deviceId = bytesArg(state.deviceId, 'state.deviceId');
  if (typeof state.lastSequence !== 'number')
    throw new VerifyError('INVALID_ARGUMENT', 'state.lastSequence must be a number');
  const time = seconds(now);
  // An update over the limit is TOO_LARGE whatever follows its first MAX_UPDATE + 1 bytes.
  const body = bytes.subarray(0, UPDATE_LIMITS.MAX_UPDATE + 1);
  return gateway.call('verifyUpdate', (exports) => {
    const w = exports as unknown as UpdateExports;
    const total = STATE_LAYOUT.SIZE + OUTCOME_LAYOUT.SIZE + body.length;
    const p = w.ioReserve(total);
    if (p === 0) throw new Error('@hubtrust/verify: verify.wasm refused the IO area of an update (a bug)');
    const statePtr = p;
    const out = p + STATE_LAYOUT.SIZE;
    const u = out + OUTCOME_LAYOUT.SIZE;
    let mem = new Uint8Array(w.memory.buffer);
    mem.fill(0, p, p + STATE_LAYOUT.SIZE);
    if (!writeState(mem, statePtr, checked)) return { ok: false, error: 'INVALID_STATE' };
    mem.set(body, u);
    const code = w.verifyUpdate(u, body.length, statePtr, time, out);
    const name = UPDATE_RESULT_CODES[code];
    if (code === BAD_ARGUMENT || name === undefined)
      throw new Error(`@hubtrust/verify: verify.wasm returned ${code} from verifyUpdate (a bug)`);
    if (name !== 'OK') return { ok: false, error: name };
    mem = new Uint8Array(w.memory.buffer);
    const view = new DataView(mem.buffer, out, OUTCOME_LAYOUT.SIZE);
    const count = view.getUint32(OUTCOME_LAYOUT.ROOT_COUNT, true);
    const roots = Array.from({ length: count }, (_, i) => {
      const at = view.getUint32(OUTCOME_LAYOUT.ROOTS + 8 * i, true);
      return bytes.slice(at, at + view.getUint32(OUTCOME_LAYOUT.ROOTS + 8 * i + 4, true));
    });
    return {
      ok: true,
      roots,
      sequence: view.getUint32(OUTCOME_LAYOUT.SEQUENCE, true),
      state: readState(mem, out + OUTCOME_LAYOUT.STATE),
    };
  });
}
