// x509-limbo test data for the conformance runner: loads the gzipped suite once, and turns
// per-case outcomes into the comparison table that test-data/x509-limbo/README.md describes.
// Node only; not part of the published API.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** Where the vendored suite lives (see its README for source, commit and license). */
const DATA = new URL('../test-data/x509-limbo/', import.meta.url);

/** A peer name a testcase expects the leaf to be valid for. */
export interface LimboPeerName {
  kind: 'DNS' | 'IP' | 'RFC822';
  value: string;
}

/** One x509-limbo testcase (the fields of limbo-schema.json this runner uses). */
export interface LimboTestcase {
  id: string;
  description: string;
  features: string[] | null;
  conflicts_with: string[] | null;
  validation_kind: 'SERVER' | 'CLIENT';
  trusted_certs: string[];
  untrusted_intermediates: string[];
  peer_certificate: string;
  validation_time: string | null;
  extended_key_usage: string[];
  key_usage: string[] | null;
  expected_result: 'SUCCESS' | 'FAILURE';
  expected_peer_name: LimboPeerName | null;
  expected_peer_names: LimboPeerName[] | null;
  max_chain_depth: number | null;
  crls: string[];
}

/** What a harness did with one case. */
export type LimboOutcome = 'SUCCESS' | 'FAILURE' | 'SKIPPED';

/** The exceptions file: every expected divergence of hubtrust, each with a written reason. */
export interface LimboExceptions {
  /** Features hubtrust does not implement: cases carrying one are skipped, as upstream harnesses do. */
  unsupportedFeatures: Record<string, string>;
  /** Cases whose outcome differs from the expectation on purpose. */
  cases: Record<string, { result: 'SUCCESS' | 'FAILURE'; reason: string }>;
}

let cachedCases: LimboTestcase[] | undefined;

/** All 9,780 testcases, decompressed and parsed once per process. */
export function loadLimbo(): LimboTestcase[] {
  if (!cachedCases) {
    const json = gunzipSync(readFileSync(new URL('limbo.json.gz', DATA))).toString('utf8');
    cachedCases = (JSON.parse(json) as { testcases: LimboTestcase[] }).testcases;
  }
  return cachedCases;
}

/** Per-case outcomes of the four reference harnesses, keyed by testcase id then harness name. */
export function loadReferenceResults(): {
  harnesses: string[];
  results: Record<string, Record<string, string>>;
} {
  const json = gunzipSync(readFileSync(new URL('reference-results.json.gz', DATA))).toString('utf8');
  return JSON.parse(json) as { harnesses: string[]; results: Record<string, Record<string, string>> };
}

/** hubtrust's exceptions file. */
export function loadExceptions(): LimboExceptions {
  return JSON.parse(readFileSync(new URL('exceptions.json', DATA), 'utf8')) as LimboExceptions;
}

/** One row of the comparison table. */
export interface LimboRow {
  harness: string;
  total: number;
  pass: number;
  /** Accepted a chain that should have been rejected. */
  wronglyAccepted: number;
  /** Rejected a chain that should have been accepted. */
  wronglyRejected: number;
  skipped: number;
}

/**
 * Counts one harness's outcomes against the expectations.
 * @param cases the testcases to count (a subset gives a partial row, e.g. non-BetterTLS)
 * @param outcome the harness's outcome for a case id (a missing outcome counts as skipped)
 */
export function summarize(
  harness: string,
  cases: readonly LimboTestcase[],
  outcome: (id: string) => LimboOutcome | undefined,
): LimboRow {
  const row: LimboRow = { harness, total: 0, pass: 0, wronglyAccepted: 0, wronglyRejected: 0, skipped: 0 };
  for (const c of cases) {
    row.total++;
    const got = outcome(c.id);
    if (got === undefined || got === 'SKIPPED') row.skipped++;
    else if (got === c.expected_result) row.pass++;
    else if (got === 'SUCCESS') row.wronglyAccepted++;
    else row.wronglyRejected++;
  }
  return row;
}

/** Markdown table in the layout of the vendored README's reference table. */
export function formatTable(rows: readonly { all: LimboRow; nonBetterTls: LimboRow }[]): string {
  const lines = [
    '| harness | total | pass | wrongly accepted | wrongly rejected | skipped (feature) | non-BetterTLS: pass / w-acc / w-rej / skip |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const { all, nonBetterTls: n } of rows) {
    lines.push(
      `| ${all.harness} | ${all.total} | ${all.pass} | ${all.wronglyAccepted} | ${all.wronglyRejected} | ${all.skipped} | ${n.pass} / ${n.wronglyAccepted} / ${n.wronglyRejected} / ${n.skipped} |`,
    );
  }
  return lines.join('\n');
}

/** Rows for the reference harnesses, computed from reference-results.json. */
export function referenceRows(cases: readonly LimboTestcase[]): { all: LimboRow; nonBetterTls: LimboRow }[] {
  const { harnesses, results } = loadReferenceResults();
  const nonBetter = cases.filter((c) => !c.id.startsWith('bettertls::'));
  return harnesses.map((h) => {
    const outcome = (id: string) => results[id]?.[h] as LimboOutcome | undefined;
    return { all: summarize(h, cases, outcome), nonBetterTls: summarize(h, nonBetter, outcome) };
  });
}
