// Reads the wasm `Cert` record (abi.json layouts.Cert, generated into src/abi.generated.ts) out of
// linear memory.
import { CERT_LAYOUT } from './abi.generated.js';

/** A field name of `Cert`. */
export type CertField = keyof typeof CERT_LAYOUT;

const FIELDS = Object.entries(CERT_LAYOUT) as [CertField, (typeof CERT_LAYOUT)[CertField]][];

/** Reads the numeric fields of the `Cert` at `ptr` (i64 times as numbers of seconds). */
export function readCertStruct(memory: WebAssembly.Memory, ptr: number): Record<CertField, number> {
  const dv = new DataView(memory.buffer);
  const out: Partial<Record<CertField, number>> = {};
  for (const [name, [offset, type]] of FIELDS) {
    const at = ptr + offset;
    out[name] =
      type === 'i64'
        ? Number(dv.getBigInt64(at, true))
        : type === 'i32'
          ? dv.getInt32(at, true)
          : dv.getUint32(at, true);
  }
  return out as Record<CertField, number>;
}
