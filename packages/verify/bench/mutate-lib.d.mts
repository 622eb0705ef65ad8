// Types of mutate-lib.mjs for the TypeScript test that shares it.
export function tlvOffsets(der: Uint8Array): number[];
export function mutate(der: Uint8Array, kind: number, r: number[], offsets: number[]): Uint8Array;
export const MUTATION_KINDS: number;
export interface MutationWasm {
  memory: WebAssembly.Memory;
  ioReserve(len: number): number;
  x509Decode(slot: number, ptr: number, len: number): number;
  x509CertPtr(slot: number): number;
  sigVerifyCert(subject: number, issuer: number): number;
}
export function runCase(
  w: MutationWasm,
  original: Uint8Array,
  issuer: Uint8Array,
  mutant: Uint8Array,
): { code: number; decoded: boolean; verified: boolean; same: boolean };
