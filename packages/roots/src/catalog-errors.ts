// Typed errors of the catalog and profile lookups.

/** Why a lookup failed: an unknown slug or endpoint family, or an argument of the wrong form. */
export type CatalogErrorCode = 'UNKNOWN_SLUG' | 'UNKNOWN_FAMILY' | 'INVALID_ARGUMENT';

/** Thrown by the lookups that must return a result (`getCertificate`, `getCertificates`, ...). */
export class CatalogError extends Error {
  override readonly name = 'CatalogError';
  constructor(
    readonly code: CatalogErrorCode,
    message: string,
    /** The unknown slugs or family ids, when that is the cause. */
    readonly unknown: readonly string[] = [],
  ) {
    super(message);
  }
}
