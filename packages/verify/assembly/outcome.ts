// biome-ignore-all lint/style/useImportType: AssemblyScript has no type-only imports
// An outcome: an Err and the detail code of the rule behind it (abi.json details), in one value,
// so a check returns both at once instead of leaving the detail in a module global for the caller
// to pick up. OK is 0 (no error, no detail); an Err is at most 8 bits, a detail at most 24.
import { Err } from './abi.generated';

/** (detail << 8) | err. */
export type Outcome = u32;

/** The outcome of no error. */
export const OUTCOME_OK: Outcome = 0;

/** An error with the detail code of the rule that failed. */
export function outcome(e: Err, detail: u32): Outcome {
  return (detail << 8) | <u32>e;
}

/** The Err of an outcome. */
export function errOf(o: Outcome): Err {
  return <Err>(o & 0xff);
}

/** The detail code of an outcome (0: none). */
export function detailOf(o: Outcome): u32 {
  return o >> 8;
}
