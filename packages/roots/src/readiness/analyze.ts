// Readiness over time (issue 14): for a device bundle, a device TLS stack and some endpoint
// families, when each endpoint verifies and when it fails, and the smallest change to the bundle
// that keeps every endpoint verifying until a chosen date.
//
// Work is bounded by change points, never by days: the verdict on a chain can only change when a
// profile period starts or ends, or when a certificate involved (served, or held by the device)
// becomes valid or expires; `profileChangePoints` plus the bundle's own dates are exactly those
// instants. Between two of them every verdict is constant, so one evaluation per instant and
// chain suffices, and verifyChain results are memoised by the validity state of every certificate
// they depend on (evaluate.ts).
import type { CertificateInput } from '@hubtrust/verify';
import { bySha256 } from '../catalog.js';
import { CATALOG_SNAPSHOT_DATE } from '../freshness.js';
import type { EndpointFamily } from '../profile-types.js';
import { getEndpointFamily } from '../profiles.js';
import { type BundleAnchor, type BundleInput, type DeviceBundle, readDeviceBundle } from './bundle.js';
import { clientReport } from './client.js';
import { type DeviceSpec, resolveDevice } from './device.js';
import { ReadinessError } from './errors.js';
import { EvaluationContext } from './evaluate.js';
import { AnalysisCache, recommend } from './recommend.js';
import {
  READINESS_SCHEMA_VERSION,
  type ReadinessReport,
  type ReportEndpoint,
  type ReportRoot,
} from './report.js';
import { type AnchorSet, instants, iso, timeline } from './timeline.js';

/** What {@link analyzeReadiness} takes. */
export interface ReadinessOptions {
  /** The device bundle: `{ bytes, file }`, `{ text, file }` or a reader's result. */
  bundle: BundleInput;
  /** Endpoint family ids (see `cloudProfiles`), or the families themselves. At least one. */
  families: readonly (string | EndpointFamily)[];
  /** The device's TLS stack: a profile id (`mbedtls-2.28`, `bearssl-0.6`, …) or `{ id, behaviour }`. */
  device: DeviceSpec;
  /** The range the timeline covers. */
  from: Date;
  to: Date;
  /** Keep every endpoint verifying until this date (default `to`); the recommendation's window starts at `from`. */
  until?: Date;
  /** The device's client certificate and the CA that issued it (X.509 device authentication). */
  client?: { certificate: CertificateInput; ca?: CertificateInput };
}

/** Longest range accepted: 100 years. */
const MAX_RANGE_MS = 100 * 365.25 * 86_400_000;

function time(d: Date, what: string): number {
  const t = d instanceof Date ? d.getTime() : Number.NaN;
  if (!Number.isFinite(t)) throw new ReadinessError('INVALID_ARGUMENT', `${what} is not a valid date`);
  return t;
}

function reportRoot(a: BundleAnchor): ReportRoot {
  const r: ReportRoot = {
    index: a.index,
    kind: a.kind,
    subject: a.subject,
    spkiSha256: a.spkiSha256,
    isCA: a.isCA,
  };
  if (a.slug) r.slug = a.slug;
  if (a.sha256) r.sha256 = a.sha256;
  if (a.notBefore !== undefined) r.notBefore = iso(a.notBefore);
  if (a.notAfter !== undefined) r.notAfter = iso(a.notAfter);
  if (a.where) {
    const w = a.where;
    r.where = [w.file, w.line ?? w.offset, w.symbol, w.condition].filter((x) => x !== undefined).join(':');
  }
  return r;
}

function familiesOf(list: ReadinessOptions['families']): EndpointFamily[] {
  if (!Array.isArray(list) || list.length === 0)
    throw new ReadinessError('INVALID_ARGUMENT', 'families: at least one endpoint family');
  return list.map((f) => (typeof f === 'string' ? getEndpointFamily(f) : f));
}

/**
 * Readiness of a device bundle over time: a timeline per endpoint family, the client
 * certificate's validity, and the smallest set of roots to add (and those to remove) that keeps
 * every endpoint verifying until `until`. Synchronous; call `init()` of `@hubtrust/verify` first.
 *
 * @throws ReadinessError `EMPTY_BUNDLE` / `UNREADABLE_BUNDLE` (said plainly), `UNKNOWN_DEVICE_PROFILE`,
 *   `INVALID_ARGUMENT` (bad dates or range, no family); CatalogError `UNKNOWN_FAMILY`
 * @example
 * ```ts
 * await init();
 * const r = analyzeReadiness({
 *   bundle: { bytes: readFileSync('certs.c'), file: 'certs.c' },
 *   families: ['azure-iot-hub'],
 *   device: 'mbedtls-2.28',
 *   from: new Date('2017-01-21'),
 *   to: new Date('2032-01-21'),
 * });
 * console.log(renderReadinessText(r));
 * ```
 */
export function analyzeReadiness(options: ReadinessOptions): ReadinessReport {
  const from = time(options.from, 'from');
  const to = time(options.to, 'to');
  if (!(from < to)) throw new ReadinessError('INVALID_ARGUMENT', 'from must be before to');
  if (to - from > MAX_RANGE_MS)
    throw new ReadinessError('INVALID_ARGUMENT', 'the range is longer than 100 years');
  const until = options.until ? time(options.until, 'until') : to;
  if (!(until > from)) throw new ReadinessError('INVALID_ARGUMENT', 'until must be after from');
  const families = familiesOf(options.families);
  const device = resolveDevice(options.device);
  const bundle: DeviceBundle = readDeviceBundle(options.bundle, (sha) => bySha256(sha));
  const ctx = new EvaluationContext(device.options);
  const current: AnchorSet = { id: 'bundle', anchors: bundle.anchors };

  let instantCount = 0;
  const endpoints: ReportEndpoint[] = families.map((family) => {
    const points = instants(ctx, family, from, to, bundle.anchors);
    instantCount += points.length;
    const tl = timeline(ctx, family, points, to, current);
    const e: ReportEndpoint = { family: family.id, name: family.name, timeline: tl };
    if (family.deprecated) e.deprecated = family.deprecated;
    const fail = tl.find((i) => i.status === 'fails');
    if (fail) e.firstFailure = fail.from;
    return e;
  });

  const report: ReadinessReport = {
    schemaVersion: READINESS_SCHEMA_VERSION,
    range: { from: iso(from), to: iso(to) },
    device: { profile: device.id, knownProfile: device.known, options: { ...device.options } },
    bundle: {
      file: bundle.file,
      roots: bundle.anchors.map(reportRoot),
      errors: bundle.errors.map((e) => ({ code: e.code, message: e.message })),
    },
    endpoints,
    recommendation: recommend(ctx, new AnalysisCache(), families, bundle, from, until),
    catalogSnapshot: CATALOG_SNAPSHOT_DATE,
    work: { instants: instantCount, evaluations: 0, verifyCalls: 0 },
  };
  if (bundle.format) report.bundle.format = bundle.format;
  if (options.client) report.client = clientReport(options.client, from, to);
  report.work.evaluations = ctx.evaluations;
  report.work.verifyCalls = ctx.verifyCalls;
  return report;
}
