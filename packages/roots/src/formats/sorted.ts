// Binary search in ascending tables (line starts, record origins, symbol addresses, run pieces).

/**
 * Index of the last element of ascending `sorted` that is ≤ `k`; 0 when `k` is below the first
 * element (callers check that case when it matters); -1 for an empty table.
 */
export function lastAtOrBelow(sorted: ArrayLike<number>, k: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((sorted[mid] as number) <= k) lo = mid;
    else hi = mid - 1;
  }
  return hi < 0 ? -1 : lo;
}
