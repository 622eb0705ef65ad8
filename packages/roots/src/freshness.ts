// How old the catalog snapshot is. Roots and intermediates change on dates (Azure rotated its
// issuing CAs in 2025-11 → 2026-Q1, AWS rotates ATS intermediates "without advance notice"), so a
// snapshot older than about half a year should be refreshed (README, "Refreshing the catalog").
// 180 days: the threshold — shorter than the 1-year lead time Microsoft gave for the
// 2023 IoT Hub root migration, so a refreshed catalog sees the next announced change in time.
import { SNAPSHOT_DATE } from './catalog.generated.js';

/** Date of the roots-data snapshot the catalog was built from (YYYY-MM-DD, UTC). */
export const CATALOG_SNAPSHOT_DATE: string = SNAPSHOT_DATE;

/** Age in days after which {@link catalogFreshness} warns. */
export const CATALOG_MAX_AGE_DAYS = 180;

/** Result of {@link catalogFreshness}. */
export interface CatalogFreshness {
  snapshotDate: string;
  /** Whole days from the snapshot date to `at` (negative when `at` is earlier). */
  ageDays: number;
  maxAgeDays: number;
  /** True when `ageDays` exceeds `maxAgeDays`. */
  stale: boolean;
  /** Present when stale: what to tell the user. */
  warning?: string;
}

const DAY_MS = 86_400_000;

/**
 * How old the catalog is at a date, with a warning when it is older than `maxAgeDays`.
 * @param at - the date to judge at (default: now)
 * @param maxAgeDays - threshold (default {@link CATALOG_MAX_AGE_DAYS})
 * @throws RangeError for an invalid date or a negative threshold.
 * @example catalogFreshness(new Date('2027-07-01')).warning // "the root catalog snapshot of 2026-11-29 is 214 days old …"
 */
export function catalogFreshness(
  at: Date | number = Date.now(),
  maxAgeDays = CATALOG_MAX_AGE_DAYS,
): CatalogFreshness {
  const t = typeof at === 'number' ? at : at.getTime();
  if (!Number.isFinite(t)) throw new RangeError('catalogFreshness: at is not a valid date');
  if (!Number.isFinite(maxAgeDays) || maxAgeDays < 0)
    throw new RangeError('catalogFreshness: maxAgeDays must be >= 0');
  const ageDays = Math.floor((t - Date.parse(`${SNAPSHOT_DATE}T00:00:00Z`)) / DAY_MS);
  const stale = ageDays > maxAgeDays;
  const out: CatalogFreshness = { snapshotDate: SNAPSHOT_DATE, ageDays, maxAgeDays, stale };
  if (stale) {
    out.warning =
      `the root catalog snapshot of ${SNAPSHOT_DATE} is ${ageDays} days old (more than ${maxAgeDays}): ` +
      'clouds may have rotated roots or intermediates since; refresh it (README, "Refreshing the catalog")';
  }
  return out;
}
