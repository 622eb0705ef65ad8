// A verification result as every hubtrust output shows it: the path the verifier built (leaf
// first), which certificate failed and why, the issuer that is missing when no root matched, and
// the certificates that were sent but are not on the path (extra or out-of-place ones).
import type { CertificateSource, ChainCertificate, VerifyChainResult } from '@hubtrust/verify';
import {
  type CertificateSummary,
  isReadable,
  summarizeCertificate,
  type UnreadableCertificate,
} from './certificate-summary.js';

/** Where a certificate sits on the path. */
export type PathRole = 'leaf' | 'intermediate' | 'anchor';

/** One certificate of the path. */
export interface PathEntry {
  certificate: CertificateSummary | UnreadableCertificate;
  role: PathRole;
  /** The input list it came from: the sent chain (`leaf`, `intermediates`) or the device bundle (`roots`). */
  source: CertificateSource;
  /** Its index in that list. */
  sourceIndex: number;
  /** True for the certificate the error is about. */
  failing: boolean;
}

/** The verdict of a chain, JSON-ready. */
export interface ChainVerdict {
  ok: boolean;
  /** Stable error code of `@hubtrust/verify` (`UNKNOWN_ISSUER`, `EXPIRED`, ...). */
  code?: string;
  message?: string;
  /** What to look at or change. */
  hint?: string;
}

/** The result of {@link summarizeChain}. */
export interface ChainSummary {
  verdict: ChainVerdict;
  /** The path (complete when ok, the best partial one otherwise), leaf first. */
  path: PathEntry[];
  /** For `UNKNOWN_ISSUER`: the issuer name no root or intermediate has. */
  missingIssuer?: string;
  /** Sent certificates that are not on the path. */
  unused: (CertificateSummary | UnreadableCertificate)[];
}

/** What {@link summarizeChain} needs. */
export interface ChainSummaryInput {
  /** The chain as sent (leaf first), e.g. the server's Certificate message or a PEM file. */
  sent: readonly Uint8Array[];
  /** The result of `verifyChain` for this chain. */
  result: VerifyChainResult;
  /** Reference time for validity statuses (the `time` given to verifyChain). */
  at: Date;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function roleOf(index: number, length: number, entry: ChainCertificate, complete: boolean): PathRole {
  if (index === 0 && !(complete && length === 1)) return 'leaf';
  if (entry.source === 'roots' || (complete && index === length - 1)) return 'anchor';
  return 'intermediate';
}

/**
 * Turns a `verifyChain` result into the summary the renderers draw. Call `await init()` of
 * `@hubtrust/verify` once before.
 * @throws Error when `@hubtrust/verify` is not initialised
 * @example
 * ```ts
 * const result = verifyChain({ leaf: sent[0], intermediates: sent.slice(1), roots, time: at });
 * const summary = summarizeChain({ sent, result, at });
 * document.body.innerHTML = renderChainSvg(summary);
 * ```
 */
export function summarizeChain(input: ChainSummaryInput): ChainSummary {
  const { result, at } = input;
  let entries: ChainCertificate[];
  let failingIndex = -1;
  let verdict: ChainVerdict;
  if (result.ok) {
    entries = result.chain;
    verdict = { ok: true };
  } else {
    const leaf = input.sent[0];
    entries = result.error.chain?.length
      ? result.error.chain
      : leaf
        ? [{ der: leaf, source: 'leaf', index: 0 }]
        : [];
    failingIndex = result.error.certIndex ?? (entries.length ? entries.length - 1 : -1);
    verdict = { ok: false, code: result.error.code, message: result.error.message };
    if (result.error.hint) verdict.hint = result.error.hint;
  }
  const path: PathEntry[] = entries.map((entry, i) => ({
    certificate: summarizeCertificate(entry.der, at),
    role: roleOf(i, entries.length, entry, result.ok),
    source: entry.source,
    sourceIndex: entry.index,
    failing: i === failingIndex,
  }));
  const summary: ChainSummary = {
    verdict,
    path,
    unused: input.sent
      .filter((der) => !entries.some((e) => sameBytes(e.der, der)))
      .map((der) => summarizeCertificate(der, at)),
  };
  const last = path[path.length - 1];
  if (!result.ok && result.error.code === 'UNKNOWN_ISSUER' && last && last.role !== 'anchor') {
    if (isReadable(last.certificate)) summary.missingIssuer = last.certificate.issuer;
  }
  return summary;
}
