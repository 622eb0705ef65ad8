// The device-profile differential: the two corpora (x509-limbo cases with a DNS name or none, and
// the generated profile corpus), every profile that has a harness run through verify.wasm and
// through its real stack, verdicts compared, disagreements checked against the committed table
// test-data/profiles/disagreements.json. Used by src/profiles.differential.test.ts (CI subset)
// and bench/profiles.bench.mjs's nightly run (everything). Node only; not part of the published API.
import { readFileSync } from 'node:fs';
import { parseCertificate } from '../src/certificate.js';
import { type AnyProfileId, deviceProfiles } from '../src/device-profiles.js';
import { splitPem } from '../src/pem.js';
import { predictDevice } from '../src/predict-device.js';
import { type LimboTestcase, loadLimbo } from './limbo.js';
import { type CorpusCase, profileCorpus } from './profile-corpus.js';
import { CLASSES, classify } from './profile-disagreement-rules.js';
import { runStack, type Stack, type StackBuild, type StackCase, type StackVerdict } from './stacks.js';

/** Each measured profile and the harness verdict it is compared with. */
export const DIFFERENTIAL: Readonly<Partial<Record<AnyProfileId, { stack: Stack; noClock: boolean }>>> = {
  'mbedtls-2.28': { stack: 'mbedtls', noClock: false },
  'mbedtls-2.28-no-clock': { stack: 'mbedtls', noClock: true },
  'esp-crt-bundle': { stack: 'esp-crt-bundle', noClock: false },
  'esp-crt-bundle-no-clock': { stack: 'esp-crt-bundle', noClock: true },
  'wolfssl-5.5': { stack: 'wolfssl', noClock: false },
  'bearssl-0.6': { stack: 'bearssl', noClock: false },
  'openssl-3.0': { stack: 'openssl', noClock: false },
};

export const MEASURED_PROFILES = Object.keys(DIFFERENTIAL) as AnyProfileId[];

/** The two corpora. */
export type CorpusName = 'limbo' | 'generated';

/** A case of either corpus. */
export interface DifferentialCase extends StackCase {
  corpus: CorpusName;
}

/** x509-limbo cases a device can be asked about: a DNS peer name, or none. */
export function isDeviceLimboCase(tc: LimboTestcase): boolean {
  return tc.expected_peer_name === null || tc.expected_peer_name.kind === 'DNS';
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

function names(der: Uint8Array): { subject: string; issuer: string } | undefined {
  try {
    const c = parseCertificate(der);
    return { subject: hex(c.subject.der), issuer: hex(c.issuer.der) };
  } catch {
    return undefined;
  }
}

/**
 * x509-limbo's intermediates are a pool (often listed root first); a server sends them from the
 * leaf's issuer up. Follows issuer names from the leaf through the pool, then appends what is
 * left in the suite's order. Order behaviours are the generated corpus's job (order::*).
 */
export function serverOrder(leaf: Uint8Array, pool: readonly Uint8Array[]): Uint8Array[] {
  const left = pool.map((der) => ({ der, n: names(der) }));
  const out: Uint8Array[] = [];
  let issuer = names(leaf)?.issuer;
  for (let step = 0; issuer !== undefined && step < pool.length; step++) {
    const matches = left.flatMap((c, i) => (c.n !== undefined && c.n.subject === issuer ? [i] : []));
    // A self-issued certificate (a key rollover) sits below the one that shares its name.
    const i = matches.find((m) => left[m]?.n?.issuer === issuer) ?? matches[0];
    if (i === undefined) break;
    const [next] = left.splice(i, 1);
    if (!next) break;
    out.push(next.der);
    issuer = next.n?.issuer;
  }
  return [...out, ...left.map((c) => c.der)];
}

/** An x509-limbo case as a device would receive it (needs the wasm initialised). */
export function limboStackCase(tc: LimboTestcase): DifferentialCase {
  const [leaf] = splitPem(tc.peer_certificate);
  if (!leaf) throw new Error(`${tc.id}: no peer certificate`);
  const peer = tc.validation_kind === 'SERVER' ? tc.expected_peer_name : null;
  return {
    corpus: 'limbo',
    id: tc.id,
    // x509-limbo cases without a time are valid "now"; the suite was generated in 2024.
    time: new Date(tc.validation_time ?? '2024-06-01T00:00:00Z'),
    ...(peer ? { host: peer.value } : {}),
    purpose: tc.validation_kind === 'CLIENT' ? 'client' : 'server',
    leaf,
    intermediates: serverOrder(
      leaf,
      tc.untrusted_intermediates.flatMap((p) => splitPem(p)),
    ),
    roots: tc.trusted_certs.flatMap((p) => splitPem(p)),
  };
}

/**
 * The limbo corpus: every device case, or (ci) every case outside BetterTLS plus every
 * `stride`-th BetterTLS one, a deterministic sample.
 */
export function limboCorpus(sample?: { stride: number }): DifferentialCase[] {
  let bettertls = 0;
  return loadLimbo()
    .filter(isDeviceLimboCase)
    .filter((tc) => !sample || !tc.id.startsWith('bettertls::') || bettertls++ % sample.stride === 0)
    .map(limboStackCase);
}

/** The generated corpus as differential cases. */
export function generatedCorpus(): (DifferentialCase & Pick<CorpusCase, 'behaviour'>)[] {
  return profileCorpus().map((c) => ({ ...c, corpus: 'generated' as const }));
}

/** A stack harness's verdict for a profile: the no-clock profiles read the "noclock:" field. */
export function stackAccepts(v: StackVerdict, noClock: boolean): boolean {
  if (!noClock) return v.accept;
  const m = /noclock:(ACCEPT|REJECT)/.exec(v.detail);
  if (!m) throw new Error(`harness verdict without a no-clock field: ${v.detail}`);
  return m[1] === 'ACCEPT';
}

/**
 * verify.wasm's verdict under a profile (a prediction for the no-clock ones), with the error code.
 * A client-certificate case asks for clientAuth, unless the profile's stack checks no purpose.
 */
export function ourVerdict(profile: AnyProfileId, c: StackCase): { accept: boolean; code: string } {
  const checksPurpose = deviceProfiles[profile].options.purpose !== 'any';
  const p = predictDevice({
    profile,
    leaf: c.leaf,
    intermediates: [...c.intermediates],
    roots: [...c.roots],
    time: c.time,
    ...(c.host !== undefined ? { hostname: c.host } : {}),
    ...(c.purpose === 'client' && checksPurpose ? { purpose: 'clientAuth' as const } : {}),
  });
  return { accept: p.accepts, code: p.basis.ok ? 'OK' : p.basis.error.code };
}

/** One case where a profile and its stack disagree. */
export interface Disagreement {
  profile: AnyProfileId;
  corpus: CorpusName;
  id: string;
  stackAccepts: boolean;
  ours: string;
  stackDetail: string;
}

/** Agreement of one profile on one corpus. */
export interface AgreementRow {
  profile: AnyProfileId;
  corpus: CorpusName;
  cases: number;
  agree: number;
}

/** Runs every measured profile over `cases` and returns the agreement rows and the disagreements. */
export async function runDifferential(
  build: StackBuild,
  cases: readonly DifferentialCase[],
  profiles: readonly AnyProfileId[] = MEASURED_PROFILES,
): Promise<{ rows: AgreementRow[]; disagreements: Disagreement[] }> {
  const stacks = [...new Set(profiles.map((p) => DIFFERENTIAL[p]?.stack).filter((s): s is Stack => !!s))];
  const verdicts = new Map<Stack, Map<string, StackVerdict>>();
  await Promise.all(stacks.map(async (s) => verdicts.set(s, await runStack(build, s, cases))));
  const rows: AgreementRow[] = [];
  const disagreements: Disagreement[] = [];
  for (const profile of profiles) {
    const d = DIFFERENTIAL[profile];
    if (!d) continue;
    const byCorpus = new Map<CorpusName, AgreementRow>();
    for (const c of cases) {
      const v = verdicts.get(d.stack)?.get(c.id);
      if (!v) throw new Error(`no ${d.stack} verdict for ${c.id}`);
      const theirs = stackAccepts(v, d.noClock);
      const ours = ourVerdict(profile, c);
      let row = byCorpus.get(c.corpus);
      if (!row) {
        row = { profile, corpus: c.corpus, cases: 0, agree: 0 };
        byCorpus.set(c.corpus, row);
      }
      row.cases++;
      if (theirs === ours.accept) row.agree++;
      else
        disagreements.push({
          profile,
          corpus: c.corpus,
          id: c.id,
          stackAccepts: theirs,
          ours: ours.code,
          stackDetail: v.detail,
        });
    }
    rows.push(...byCorpus.values());
  }
  return { rows, disagreements };
}

/** The committed disagreement table. */
export interface DisagreementTable {
  $comment: string;
  /** Reason classes: why a stack and its profile disagree, and what would remove the disagreement. */
  classes: Record<string, { reason: string; needs: string }>;
  /** profile → case id → class. */
  cases: Record<string, Record<string, string>>;
}

/** test-data/profiles/disagreements.json. */
export function loadDisagreementTable(): DisagreementTable {
  return JSON.parse(readFileSync(DISAGREEMENT_TABLE, 'utf8')) as DisagreementTable;
}

/** Where the table lives. */
export const DISAGREEMENT_TABLE = new URL('../test-data/profiles/disagreements.json', import.meta.url);

const TABLE_COMMENT =
  'Every case where a device profile (verify.wasm with the profile options) and its real stack (hosts/stacks/) disagree, over both corpora (x509-limbo cases with a DNS peer name or none, and the generated profile corpus), with its reason class. src/profiles.differential.test.ts fails on a disagreement not listed here and on a listed one that now agrees; bench/profiles-nightly.mjs --write regenerates it from the rules of test/profile-disagreement-rules.ts. Classes: kind missing-option / rfc5280-gap (what issue 12 phase 2 adds), deliberate (hubtrust refuses on purpose), harness.';

/** The committed table for a full run; throws on a disagreement no rule explains. */
export function buildDisagreementTable(ds: readonly Disagreement[]): DisagreementTable {
  const unclassified = ds.filter((d) => classify(d) === undefined);
  if (unclassified.length) {
    throw new Error(
      `no reason class for:\n${unclassified.map((d) => `${d.profile} ${d.id} stack ${d.stackAccepts ? 'accepts' : 'rejects'} (${d.stackDetail}), ours ${d.ours}`).join('\n')}`,
    );
  }
  const cases: Record<string, Record<string, string>> = {};
  for (const d of [...ds].sort((a, b) => (a.profile + a.id < b.profile + b.id ? -1 : 1))) {
    cases[d.profile] ??= {};
    (cases[d.profile] as Record<string, string>)[d.id] = classify(d) as string;
  }
  const used = new Set(ds.map((d) => classify(d) as string));
  const classes = Object.fromEntries(
    Object.entries(CLASSES)
      .filter(([id]) => used.has(id))
      .map(([id, c]) => [id, { reason: `${c.kind}: ${c.reason}`, needs: c.needs }]),
  );
  return { $comment: TABLE_COMMENT, classes, cases };
}

/**
 * What is wrong with the table for this run: a disagreement it does not list (or lists under
 * another class), or a listed case of this run that now agrees.
 */
export function checkAgainstTable(
  ds: readonly Disagreement[],
  table: DisagreementTable,
  ran: ReadonlySet<string>,
  profiles: readonly AnyProfileId[] = MEASURED_PROFILES,
): string[] {
  const problems: string[] = [];
  const now = new Set(ds.map((d) => `${d.profile} ${d.id}`));
  for (const d of ds) {
    const listed = table.cases[d.profile]?.[d.id];
    const cls = classify(d) ?? '(no rule)';
    if (listed === undefined)
      problems.push(
        `new disagreement: ${d.profile} ${d.id}: stack ${d.stackAccepts ? 'accepts' : 'rejects'} (${d.stackDetail}), verify.wasm ${d.ours}; class ${cls}`,
      );
    else if (listed !== cls)
      problems.push(`${d.profile} ${d.id}: listed as ${listed}, the rules now say ${cls}`);
  }
  for (const profile of profiles) {
    for (const id of Object.keys(table.cases[profile] ?? {})) {
      if (ran.has(id) && !now.has(`${profile} ${id}`))
        problems.push(`${profile} ${id} now agrees: remove it from disagreements.json`);
    }
  }
  return problems;
}

/** Markdown table of agreement per profile and corpus. */
export function formatAgreement(rows: readonly AgreementRow[]): string {
  const lines = ['| profile | corpus | cases | agree | agreement |', '| --- | --- | --- | --- | --- |'];
  for (const r of rows) {
    lines.push(
      `| ${r.profile} | ${r.corpus} | ${r.cases} | ${r.agree} | ${((100 * r.agree) / r.cases).toFixed(2)} % |`,
    );
  }
  return lines.join('\n');
}
