// Deep freezing for the data the package hands out (catalog records, profiles): callers share one
// copy, so nothing they do can change what another caller sees.

/** Freezes `v` and everything reachable from it; returns `v`. */
export function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}
