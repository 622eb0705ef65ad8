// The run plan: which case runs on which board, in a deterministic order, for one shard.
//
// Order: suite name, then case id (code-point order), so every runner host computes the same
// list. Sharding `i/N` takes every N-th case starting at i-1 of that list (round robin keeps
// slow groups, like one bundle's cases, spread across shards). Boards run the cases whose tags
// they carry; a case no selected board can run is reported as skipped, not silently dropped.
import { RigFaultError } from '../errors.js';
import type { BoardSpec } from '../inventory/types.js';
import type { HilCase, HilSuite } from './suite.js';

/** `--shard i/N`. */
export interface Shard {
  readonly index: number;
  readonly total: number;
}

/**
 * Parses `i/N` (1 ≤ i ≤ N ≤ 1000).
 * @throws RigFaultError for anything else.
 */
export function parseShard(text: string): Shard {
  const m = /^(\d{1,4})\/(\d{1,4})$/.exec(text);
  const index = Number(m?.[1]);
  const total = Number(m?.[2]);
  if (!m || index < 1 || total < 1 || index > total || total > 1000) {
    throw new RigFaultError(`--shard must be i/N with 1 ≤ i ≤ N ≤ 1000, got "${text}"`);
  }
  return { index, total };
}

/** One planned case. */
export interface PlannedCase {
  /** `<suite>/<case id>`. */
  readonly id: string;
  readonly suite: string;
  readonly testCase: HilCase;
  /** Boards that will run it (empty: skipped, no board has its tags). */
  readonly boards: readonly string[];
  readonly quarantined: boolean;
}

/** Options of {@link planRun}. */
export interface PlanOptions {
  readonly shard?: Shard;
  /** Case ids (`suite/case`) whose failures do not fail the run. */
  readonly quarantine?: ReadonlySet<string>;
  /** Only cases whose id contains one of these. */
  readonly filter?: readonly string[];
}

/** Builds the plan. @throws RigFaultError when two cases share an id. */
export async function planRun(
  suites: readonly HilSuite[],
  boards: readonly BoardSpec[],
  options: PlanOptions = {},
): Promise<PlannedCase[]> {
  const all: { id: string; suite: string; testCase: HilCase }[] = [];
  for (const suite of suites) {
    for (const testCase of await suite.cases())
      all.push({ id: `${suite.name}/${testCase.id}`, suite: suite.name, testCase });
  }
  all.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (let i = 1; i < all.length; i++) {
    if (all[i]?.id === all[i - 1]?.id) throw new RigFaultError(`two cases are named "${all[i]?.id}"`);
  }
  const filtered = options.filter?.length
    ? all.filter((c) => options.filter?.some((f) => c.id.includes(f)))
    : all;
  const shard = options.shard ?? { index: 1, total: 1 };
  return filtered
    .filter((_, i) => i % shard.total === shard.index - 1)
    .map((c) => ({
      ...c,
      boards: boards
        .filter((b) => (c.testCase.tags ?? []).every((t) => b.tags?.includes(t)))
        .map((b) => b.id),
      quarantined: options.quarantine?.has(c.id) ?? false,
    }));
}
