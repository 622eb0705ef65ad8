// The state of one classification: findings (candidate causes with their strength and line),
// success markers and the context that later decides ambiguous findings (host, device clock,
// handshake stage, whether the device presented a client certificate, mbedTLS major version).
// One Scan per log, owned by its LogClassifier: no module state, so two logs never mix.

import type { HandshakeCause } from '@hubtrust/roots';
import type { MbedtlsVersion } from './codes.js';
import type { DecodedCode, DecodedFlags, Evidence, StackId } from './explanation.js';
import { MAX_EVIDENCE_TEXT, MAX_FINDINGS } from './limits.js';

/**
 * How decisive a finding is; the highest wins (see rank.ts). The order encodes the root-cause
 * rules: a memory failure explains the verification failure it causes; a specific verify reason
 * (expired, clock, name, weak key) explains the generic "verify failed"; a TLS-level failure
 * explains the network noise around it.
 */
export const STRENGTH = {
  memory: 100,
  specific: 90,
  trust: 85,
  alert: 80,
  protocol: 80,
  verify: 70,
  unresolvedAlert: 60,
  parse: 55,
  afterConnect: 55,
  networkBefore: 45,
  networkCut: 35,
  generic: 20,
} as const;

/** Findings whose cause is decided at the end, from context. */
export type FindingKind =
  | 'plain'
  /** A fatal alert of unknown type or handshake_failure: stage and client certificate decide. */
  | 'fatal-alert'
  /** "expired or not yet valid": the device clock decides. */
  | 'expiry-ambiguous'
  /** A failure that names no reason: a presented client certificate makes it a rejection. */
  | 'generic'
  /** The broker closed or refused the session right after MQTT CONNECT. */
  | 'after-connect'
  /** "verification failed" with no reason: an unset device clock makes it the clock. */
  | 'verify-generic';

/** One candidate cause seen on one line. */
export interface Finding {
  cause: HandshakeCause;
  detail: string;
  strength: number;
  line: number;
  text: string;
  note: string;
  stack: StackId;
  kind: FindingKind;
  code?: DecodedCode;
  flags?: DecodedFlags;
  /** Handshake stage (see Stage) when the finding was seen. */
  stage: number;
  count: number;
}

/**
 * Handshake progress, comparable across stacks: the number says what the device has seen or sent
 * last. A fatal alert at HELLO_SENT answers the ClientHello (versions, suites); at CLIENT_AUTH or
 * later it answers the device's certificate.
 */
export const Stage = {
  unknown: 0,
  helloSent: 1,
  serverHello: 2,
  serverCertificate: 3,
  certificateRequested: 4,
  clientAuth: 5,
  finished: 6,
} as const;

/**
 * What a success line proves: `handshake` — the TLS handshake completed (clears every earlier
 * failure: that attempt was retried); `verified` — the device's verification passed (clears
 * earlier verification failures only: esp-tls prints "Certificate verified." even when the
 * handshake then fails); `app` — data flowed over the connection (clears earlier failures except
 * verification failures, which a client in optional-verify mode reports and then carries on).
 */
export type SuccessLevel = 'handshake' | 'verified' | 'app';

/** Context lines kept beside findings (host, clock, heap), bounded. */
const MAX_CONTEXT = 6;

export class Scan {
  /** Distinct findings in the order they were first seen. */
  readonly findings = new Map<string, Finding>();
  /** The same findings by detail, then cause and kind. */
  private readonly byDetail = new Map<string, Finding[]>();
  /** Last line of each kind of proof (see SuccessLevel); successLine is the latest of them. */
  readonly successAt: Record<SuccessLevel, number> = { handshake: 0, verified: 0, app: 0 };
  successLine = 0;
  successText = '';
  successNote = '';
  stage: number = Stage.unknown;
  host: string | null = null;
  clientCert = false;
  /** The log is the server's (broker's) own, not the device's. */
  serverSide = false;
  certificateRequested = false;
  /** Year of the device's own clock when the log prints it. */
  clockYear: number | undefined;
  /** The firmware set a fixed or dummy time, or said its time is not set. */
  clockUnset = false;
  mbedtlsVersion: MbedtlsVersion;
  readonly stackVotes = new Map<StackId, number>();
  /** Votes cast so far; stack hints stop being read once the stack is clear (bounded work). */
  totalVotes = 0;
  private leader: StackId = 'unknown';
  readonly context: Evidence[] = [];

  /** Records a candidate cause; the same cause+detail seen again moves to its latest line. */
  add(f: Omit<Finding, 'count' | 'stage' | 'text' | 'kind'> & { kind?: FindingKind }, text: string): void {
    const kind = f.kind ?? 'plain';
    // Looked up by detail (mostly the same few strings, cheap to hash again), then cause and kind.
    let sameDetail = this.byDetail.get(f.detail);
    let prev: Finding | undefined;
    if (sameDetail) for (const g of sameDetail) if (g.cause === f.cause && g.kind === kind) prev = g;
    if (prev) {
      // The same finding again: it moves to its latest line (its place in `findings` stays).
      prev.strength = f.strength;
      prev.line = f.line;
      prev.text = evidenceText(text);
      prev.note = f.note;
      prev.stack = f.stack;
      prev.code = f.code;
      prev.flags = f.flags;
      prev.stage = this.stage;
      prev.count++;
    } else {
      // Bounded memory: past MAX_FINDINGS distinct findings, new kinds are ignored.
      if (this.findings.size >= MAX_FINDINGS) return;
      const finding: Finding = {
        cause: f.cause,
        detail: f.detail,
        strength: f.strength,
        line: f.line,
        text: evidenceText(text),
        note: f.note,
        stack: f.stack,
        kind,
        code: f.code,
        flags: f.flags,
        stage: this.stage,
        count: 1,
      };
      if (!sameDetail) {
        sameDetail = [];
        this.byDetail.set(f.detail, sameDetail);
      }
      sameDetail.push(finding);
      this.findings.set(`${f.cause}|${f.detail}|${kind}`, finding);
    }
    this.vote(f.stack, 3);
  }

  /** Records that the handshake, the verification or the session on top of it demonstrably succeeded. */
  success(line: number, text: string, note: string, level: SuccessLevel): void {
    this.successAt[level] = line;
    this.successLine = line;
    this.successText = evidenceText(text);
    this.successNote = note;
  }

  vote(stack: StackId, weight = 1): void {
    if (stack === 'unknown') return;
    const votes = (this.stackVotes.get(stack) ?? 0) + weight;
    this.stackVotes.set(stack, votes);
    this.totalVotes += weight;
    if (votes > (this.stackVotes.get(this.leader) ?? 0)) this.leader = stack;
  }

  /** The stack most lines pointed at. */
  likelyStack(): StackId {
    return this.leader;
  }

  /** Keeps a context line (first ones win; replaced in place when the same note comes again). */
  note(line: number, text: string, note: string): void {
    const existing = this.context.findIndex((e) => e.note === note);
    const entry = { line, text: evidenceText(text), note };
    if (existing >= 0) this.context[existing] = entry;
    else if (this.context.length < MAX_CONTEXT) this.context.push(entry);
  }

  /** Advances the handshake stage. */
  at(stage: number): void {
    this.stage = stage;
  }
}

/**
 * The first MAX_EVIDENCE_TEXT characters of a line, as a string of their own: a line is often a
 * slice of a whole decoded chunk, and keeping the slice would keep the chunk alive. Concatenating
 * and slicing makes the engine copy the characters (V8 flattens the concatenation into a new
 * string), so what a Scan holds is bounded by its evidence, not by the chunks it was fed.
 */
function evidenceText(line: string): string {
  const text = line.length > MAX_EVIDENCE_TEXT ? line.slice(0, MAX_EVIDENCE_TEXT) : line;
  return text.length < 16 ? text : ` ${text}`.slice(1);
}
