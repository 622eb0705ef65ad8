// Step "scenarios" of the main job: for every hub-sim scenario of every cloud, start the hub,
// read the chain it sends over real TLS (the same code as `inspect host:port`), and verify it
// as an mbedTLS 2.28 device does (the `mbedtls-2.28` device profile): a correct device (trusting
// the hub's CA bundle) and a device carrying each bundle. The correct device's predicted cause
// is compared with the scenario's `expected.cause`; the simulated board (board.ts) then runs a
// selection of the same scenarios for real.
import type { Cloud, Hub, ScenarioName } from '@hubtrust/hub-sim';
import {
  type CertificateSummary,
  type ChainSummary,
  isReadable,
  summarizeCertificate,
  summarizeChain,
} from '@hubtrust/report';
import type { HandshakeCause } from '@hubtrust/roots';
import { splitPem, verifyChain } from '@hubtrust/verify';
import { CliError, InterruptedError } from '../errors.js';
import { fetchServerChain } from '../tls/fetch-chain.js';
import type { TwinBundle } from './bundles.js';
import { causeOfVerdict, DEMO_PROFILE } from './prediction.js';

/** One bundle's verdict on one scenario's chain. */
export interface BundleCheck {
  bundle: string;
  /** Slugs of the bundle hub-sim has no twin of (not served by any scenario). */
  withoutTwin: string[];
  roots: CertificateSummary[];
  summary: ChainSummary;
  cause: HandshakeCause;
}

/** Everything the job learned about one scenario. */
export interface ScenarioResult {
  cloud: Cloud;
  scenario: ScenarioName;
  hostname: string;
  expected: { connects: boolean; cause: HandshakeCause };
  /** The handshake of node:tls with the hub (what a modern client gets); `tls12`: a TLS 1.2-only client connects too. */
  handshake:
    | { ok: true; protocol: string; cipher: string; certificateMessageBytes: number | null; tls12: boolean }
    | { ok: false; error: string };
  /** The chain as sent. */
  chain: CertificateSummary[];
  /** A correct mbedTLS 2.28 device (trusting the hub's CA bundle): the predicted cause. */
  correctDevice: { cause: HandshakeCause; summary: ChainSummary | null };
  /** True when the prediction equals `expected.cause`; null where only the device's stack decides (see checkScenario). */
  agrees: boolean | null;
  bundles: BundleCheck[];
}

/** Runs one scenario against a started hub. */
export async function checkScenario(
  hub: Hub,
  /** The bundles for the hub's cloud, as twins. */
  bundles: readonly TwinBundle[],
  at: Date,
  signal: AbortSignal,
): Promise<ScenarioResult> {
  const expected = { connects: hub.scenario.expected.connects, cause: hub.scenario.expected.cause };
  const base = { cloud: hub.cloud, scenario: hub.scenario.name, hostname: hub.hostname, expected };
  let fetched: Awaited<ReturnType<typeof fetchServerChain>>;
  try {
    fetched = await fetchServerChain(
      { host: hub.host, port: hub.port, servername: hub.hostname },
      { timeoutMs: 10_000, signal },
    );
  } catch (error) {
    if (error instanceof InterruptedError || !(error instanceof CliError)) throw error;
    const cause: HandshakeCause = 'protocol_mismatch';
    return {
      ...base,
      handshake: { ok: false, error: error.message },
      chain: splitPem(hub.chainPem)
        .map((der) => summarizeCertificate(der, at))
        .filter(isReadable),
      correctDevice: { cause, summary: null },
      agrees: cause === expected.cause,
      bundles: [],
    };
  }
  // mbedTLS 2.28 speaks TLS 1.2 only: when the hub negotiated TLS 1.3, try a TLS 1.2 handshake.
  let tls12 = fetched.protocol === 'TLSv1.2';
  if (!tls12) {
    tls12 = await fetchServerChain(
      { host: hub.host, port: hub.port, servername: hub.hostname },
      { timeoutMs: 10_000, signal, maxVersion: 'TLSv1.2' },
    ).then(
      () => true,
      (error: unknown) => {
        if (error instanceof InterruptedError || !(error instanceof CliError)) throw error;
        return false;
      },
    );
  }
  const deviceCause = (verdict: ChainSummary['verdict']): HandshakeCause =>
    tls12 ? causeOfVerdict(verdict) : 'protocol_mismatch';
  const [leaf, ...rest] = fetched.certificates;
  const check = (roots: Uint8Array[]): ChainSummary => {
    const result = verifyChain({
      leaf: leaf as Uint8Array,
      intermediates: rest,
      roots,
      hostname: hub.hostname,
      time: at,
      profile: DEMO_PROFILE,
    });
    return summarizeChain({ sent: fetched.certificates, result, at });
  };
  const correct = check(splitPem(hub.caPem));
  const correctCause = deviceCause(correct.verdict);
  return {
    ...base,
    handshake: {
      ok: true,
      protocol: fetched.protocol,
      cipher: fetched.cipher,
      certificateMessageBytes: fetched.certificateMessageBytes ?? null,
      tls12,
    },
    chain: fetched.certificates.map((der) => summarizeCertificate(der, at)).filter(isReadable),
    correctDevice: { cause: correctCause, summary: correct },
    // n/a where only the device's own stack decides: a protocol scenario node:tls completes, or a
    // TLS 1.3-only hub that a modern device (the expectation) reaches and mbedTLS 2.28 cannot.
    agrees:
      (expected.cause === 'protocol_mismatch' && correctCause === 'handshake_success') ||
      (!tls12 && expected.cause !== 'protocol_mismatch')
        ? null
        : correctCause === expected.cause,
    bundles: bundles.map(({ id, roots, withoutTwin }) => {
      const summary = roots.length
        ? check(roots)
        : summarizeChain({
            sent: fetched.certificates,
            result: {
              ok: false,
              error: { code: 'INVALID_ARGUMENT', message: 'the bundle has no root hub-sim can twin' },
            },
            at,
          });
      return {
        bundle: id,
        withoutTwin,
        roots: roots.map((der) => summarizeCertificate(der, at)).filter(isReadable),
        summary,
        cause: deviceCause(summary.verdict),
      };
    }),
  };
}
