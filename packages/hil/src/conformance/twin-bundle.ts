// A real device bundle as the simulated board carries it: hub-sim signs with test twins of the
// real roots, so "flashing the same bundle" means flashing the twins of its certificates
// (hub-sim's simulatedBundle: catalog slugs, certificates by the SHA-256 of their DER, ESP-IDF
// anchors by their key). A certificate without a twin is an error, not a silent gap: a matrix run
// with part of a bundle would test another device than the one named.
import { type BundleEntry, type Cloud, simulatedBundle } from '@hubtrust/hub-sim';
import { RigFaultError } from '../errors.js';
import { firmwareBundle } from '../flashers/bundle.js';
import type { MatrixBundle } from './matrix.js';

/** A real trust bundle of the matrix. */
export interface RealBundle {
  /** Case-id part: `baltimore-only`, `azure-rsa`, ... */
  readonly name: string;
  /** The cloud whose scenarios it meets. */
  readonly cloud: Cloud;
  /** Its certificates: catalog slugs, PEM text, DER, a reader's certificates or ESP-IDF anchors. */
  readonly entries: readonly BundleEntry[];
}

/**
 * Maps a real bundle to hub-sim's twins, as PEM for the prediction and as firmware C source for
 * the board.
 * @throws RigFaultError naming every certificate that has no twin (or is not a certificate).
 * @example
 * ```ts
 * const bundle = await twinBundle({ name: 'azure-rsa', cloud: 'azure', entries: RECOMMENDED_SETS['azure-rsa'].slugs });
 * conformanceCases({ bundles: [bundle] });
 * ```
 */
export async function twinBundle(real: RealBundle): Promise<MatrixBundle> {
  const mapped = await simulatedBundle(real.entries);
  if (mapped.missing.length > 0 || mapped.twins.length === 0) {
    throw new RigFaultError(
      `bundle "${real.name}" cannot be simulated: ${
        mapped.missing.map((m) => m.message).join('; ') || 'it holds no certificate'
      }`,
    );
  }
  const rootsPem = mapped.twins.map((t) => t.pem);
  return {
    name: real.name,
    cloud: real.cloud,
    rootsPem,
    firmware: firmwareBundle(real.name, rootsPem),
    twins: mapped.entries.map((e) => e.message),
  };
}
