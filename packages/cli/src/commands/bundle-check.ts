// `hubtrust bundle check <bundle>`: readiness over time (@hubtrust/roots' analyzeReadiness, issue
// 14) — for the roots a device carries (any file the readers accept), under one or more device
// profiles, which cloud endpoint families verify on every day from --from to --until, the day each
// one breaks and why, and the smallest set of roots to add (and to remove) with the bytes each
// output format grows by. Exit 1 when an endpoint fails inside the window: a release gate.
//
// Endpoint families: `--cloud` takes a cloud (its hub and provisioning families that are not
// deprecated) or a family id; without it, the families the bundle was made for: those with a
// period in which every served chain ends at a root the bundle holds (by key, so a cross-signed
// twin counts), deprecated ones included — a legacy endpoint it still targets is flagged.
import { resolve } from 'node:path';
import { readinessSection } from '@hubtrust/report';
import {
  analyzeReadiness,
  chainAnchors,
  cloudProfiles,
  DEVICE_PROFILE_IDS,
  type DeviceProfileId,
  type EndpointFamily,
  findCertificate,
  getCertificate,
  ReadinessError,
  type ReadinessReport,
  readDeviceBundle,
  readRootsBytes,
  renderReadinessText,
} from '@hubtrust/roots';
import { type CertificateInput, init } from '@hubtrust/verify';
import { type Command, Option } from 'commander';
import { type CommandContext, examples, writeJson } from '../context.js';
import { CliError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { writeHtmlReport } from '../html-output.js';
import { parseDate, readCertificateBytes, readInputFile } from '../inputs.js';

/** Version of the `bundle check --json` shape (schemas/bundle-check.v1.schema.json). */
export const BUNDLE_CHECK_SCHEMA_VERSION = 1;

/** Default window: ten years from --from (the service life of a typical IoT device). */
const DEFAULT_YEARS = 10;

/** Roles `--cloud <cloud>` selects: what a device connects to for telemetry and provisioning. */
const DEVICE_ROLES: readonly string[] = ['hub', 'provisioning'];

const CLOUDS = [...new Set(cloudProfiles.map((f) => f.cloud))];

interface CheckOptions {
  cloud?: string[];
  profile?: DeviceProfileId[];
  from?: string;
  until?: string;
  clientCert?: string;
  clientCa?: string;
  json?: boolean;
  html?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The families `--cloud` names (a cloud or a family id, each value). */
function namedFamilies(values: readonly string[]): EndpointFamily[] {
  const out: EndpointFamily[] = [];
  for (const value of values) {
    const family = cloudProfiles.find((f) => f.id === value);
    const picked = family
      ? [family]
      : cloudProfiles.filter((f) => f.cloud === value && DEVICE_ROLES.includes(f.role) && !f.deprecated);
    if (picked.length === 0)
      throw new CliError(
        `--cloud "${value}" is neither a cloud nor an endpoint family`,
        EXIT.usage,
        `clouds: ${CLOUDS.join(', ')}; families: ${cloudProfiles.map((f) => f.id).join(', ')}`,
      );
    for (const f of picked) if (!out.includes(f)) out.push(f);
  }
  return out;
}

/**
 * The device-facing families the bundle was made for: those with a profile period in which every
 * chain served ends at a key the bundle holds (a cross-signed twin counts). "Every chain" keeps a
 * root two clouds share (DigiCert Global Root G2: global Azure, and Azure China during its move)
 * from pulling in a cloud whose other chains the bundle never anchored.
 */
function inferredFamilies(bundleKeys: ReadonlySet<string>): EndpointFamily[] {
  const anchored = (id: string) => {
    const cert = findCertificate(id);
    return cert !== undefined && bundleKeys.has(cert.spkiSha256);
  };
  return cloudProfiles.filter(
    (f) =>
      DEVICE_ROLES.includes(f.role) &&
      f.periods.some((p) => p.chains.length > 0 && p.chains.every((c) => chainAnchors(c).some(anchored))),
  );
}

/** One certificate file for --client-cert / --client-ca: its first certificate. */
function oneCertificate(path: string, cwd: string, option: string): CertificateInput {
  const read = readCertificateBytes(readInputFile(path, cwd, `${option} file`), path);
  const [first] = read.certificates;
  if (!first) throw new CliError(`${option} "${path}" holds no certificate`, EXIT.usage);
  return first;
}

/** The first failure of each endpoint in one report, for the summary. */
function failuresOf(report: ReadinessReport) {
  return report.endpoints.map((e) => {
    const interval = e.timeline.find((i) => i.status === 'fails');
    const failure = interval?.failures[0];
    return {
      family: e.family,
      name: e.name,
      ...(e.deprecated ? { deprecated: e.deprecated } : {}),
      ...(interval && failure
        ? {
            firstFailure: interval.from,
            code: failure.code,
            reason: failure.reason,
            ...(failure.certificate ? { certificate: failure.certificate } : {}),
          }
        : {}),
    };
  });
}

/** The roots to add, each with its SHA-256 (outputs join on it) and validity. */
function additionsOf(report: ReadinessReport) {
  return report.recommendation.add.map((a) => ({
    slug: a.slug,
    sha256: getCertificate(a.slug).sha256,
    subject: a.subject,
    notAfter: a.notAfter,
    families: a.families,
  }));
}

/** Registers `bundle check` on the `bundle` command. */
export function registerBundleCheck(bundle: Command, ctx: CommandContext): void {
  const check = bundle
    .command('check')
    .summary('when will this bundle stop connecting? readiness timeline and the roots to add')
    .description(
      "Readiness over time (@hubtrust/roots): for the roots in <bundle> (PEM, DER, certs.c and other C sources, ESP-IDF bundle, firmware image) and a device TLS stack (--profile), which cloud endpoints verify on every day from --from to --until, the day each one breaks and why (verify's error code and the certificate), and the smallest set of roots to add — and those to remove (expired, distrusted, unused) — with the bytes each output format grows by. Endpoints: --cloud, or by default the clouds whose chains end at a root the bundle holds. Exit 0 every endpoint verifies until --until, 1 one fails before it, 2 an unreadable or empty bundle or a bad option.",
    )
    .argument('<bundle>', 'the roots the device carries: a file in any format the readers accept')
    .option(
      '--cloud <cloud|family>',
      `a cloud (${CLOUDS.join(', ')}: its hub and provisioning endpoints) or an endpoint family id (repeatable; default: inferred from the bundle)`,
      collect,
    )
    .addOption(
      new Option(
        '--profile <id>',
        `device TLS stack, repeatable (default mbedtls-2.28): ${DEVICE_PROFILE_IDS.join(', ')}`,
      ).argParser((value: string, previous: string[] = []) => {
        if (!(DEVICE_PROFILE_IDS as readonly string[]).includes(value))
          throw new CliError(
            `--profile "${value}" is not a device profile`,
            EXIT.usage,
            `use one of ${DEVICE_PROFILE_IDS.join(', ')}`,
          );
        return [...previous, value];
      }),
    )
    .option('--from <date>', 'start of the timeline (ISO 8601; default now)')
    .option(
      '--until <date>',
      `keep every endpoint verifying until (default: --from + ${DEFAULT_YEARS} years)`,
    )
    .option(
      '--client-cert <file>',
      "the device's own certificate (X.509 authentication): its expiry joins the check",
    )
    .option('--client-ca <file>', 'the CA that issued --client-cert')
    .option('--json', 'print the result as JSON (schema: schemas/bundle-check.v1.schema.json)')
    .option('--html <file>', 'also write an HTML report (timeline per endpoint, roots to add)');
  examples(check, [
    [
      'hubtrust bundle check certs.c',
      'the clouds the bundle is for, as an mbedTLS 2.28 device, for ten years',
    ],
    [
      'hubtrust bundle check certs.c --cloud azure-iot-hub --from 2017-01-21 --until 2032-01-21',
      "the 2017 Azure C SDK's certs.c from its release: breaks at the 2023 DigiCert G2 migration",
    ],
    [
      'hubtrust bundle check x509_crt_bundle --cloud aws --profile esp-crt-bundle --json',
      'an ESP-IDF bundle against AWS IoT Core, as JSON',
    ],
  ]);
  check.action(
    ctx.action(async (file: string, opts: CheckOptions) => {
      const from = opts.from !== undefined ? parseDate(opts.from, '--from', ctx.now) : ctx.now;
      const until =
        opts.until !== undefined
          ? parseDate(opts.until, '--until', ctx.now)
          : new Date(Date.UTC(from.getUTCFullYear() + DEFAULT_YEARS, from.getUTCMonth(), from.getUTCDate()));
      if (!(until > from))
        throw new CliError(
          `--until ${until.toISOString().slice(0, 10)} is not after --from ${from.toISOString().slice(0, 10)}`,
          EXIT.usage,
        );
      if (opts.clientCa && !opts.clientCert)
        throw new CliError('--client-ca needs --client-cert', EXIT.usage, 'give the device certificate too');
      await init();
      const bytes = readInputFile(file, ctx.io.cwd, 'bundle');
      const read = readRootsBytes(bytes, { file });
      const profiles: DeviceProfileId[] = opts.profile?.length
        ? [...new Set(opts.profile)]
        : ['mbedtls-2.28'];
      let families: EndpointFamily[];
      let reports: ReadinessReport[];
      try {
        // Reads the bundle once for the inference; EMPTY_BUNDLE / UNREADABLE_BUNDLE surface here.
        const anchors = readDeviceBundle(read).anchors;
        families = opts.cloud?.length
          ? namedFamilies(opts.cloud)
          : inferredFamilies(new Set(anchors.map((a) => a.spkiSha256)));
        if (families.length === 0)
          throw new CliError(
            `${file}: no root of the bundle anchors a chain of a known cloud endpoint, so the clouds it is for cannot be inferred`,
            EXIT.usage,
            `name them: --cloud ${CLOUDS.join('|')} or an endpoint family id`,
          );
        const client = opts.clientCert
          ? {
              certificate: oneCertificate(opts.clientCert, ctx.io.cwd, '--client-cert'),
              ...(opts.clientCa ? { ca: oneCertificate(opts.clientCa, ctx.io.cwd, '--client-ca') } : {}),
            }
          : undefined;
        reports = profiles.map((device) =>
          analyzeReadiness({
            bundle: read,
            families,
            device,
            from,
            to: until,
            until,
            ...(client ? { client } : {}),
          }),
        );
      } catch (error) {
        if (error instanceof ReadinessError)
          throw new CliError(
            `${file}: ${error.message.replace(`${file}: `, '')}`,
            EXIT.usage,
            error.code === 'EMPTY_BUNDLE' || error.code === 'UNREADABLE_BUNDLE'
              ? 'give the file the device loads its roots from (certs.c, PEM, DER, ESP-IDF bundle, firmware image)'
              : undefined,
          );
        throw error;
      }
      const clientFails = (r: ReadinessReport) =>
        r.client?.timeline.some((t) => t.status === 'fails') ?? false;
      const ok = reports.every((r) => r.endpoints.every((e) => !e.firstFailure) && !clientFails(r));
      if (opts.html) {
        writeHtmlReport(
          opts.html,
          {
            title: `hubtrust bundle check ${file}`,
            generator: `hubtrust ${ctx.version} bundle check`,
            generatedAt: ctx.now,
            sections: reports.map((r) => readinessSection(r, undefined, { today: ctx.now })),
          },
          ctx,
        );
      }
      if (opts.json) {
        writeJson(ctx.io, {
          schemaVersion: BUNDLE_CHECK_SCHEMA_VERSION,
          command: 'bundle check',
          file: resolve(ctx.io.cwd, file),
          ok,
          families: families.map((f) => f.id),
          familiesInferred: !opts.cloud?.length,
          profiles: reports.map((r) => ({
            profile: r.device.profile,
            endpoints: failuresOf(r),
            add: additionsOf(r),
            readiness: r,
          })),
        });
        return ok ? EXIT.ok : EXIT.checkFailed;
      }
      const s = ctx.out;
      const out: string[] = [];
      if (!opts.cloud?.length)
        out.push(
          s.dim(
            `endpoints inferred from the bundle's roots: ${families.map((f) => f.id).join(', ')} (--cloud to choose)`,
          ),
        );
      for (const r of reports) {
        out.push(renderReadinessText(r).trimEnd());
        for (const e of failuresOf(r))
          out.push(
            e.firstFailure
              ? s.red(
                  `✗ ${r.device.profile}: ${e.family} stops verifying on ${e.firstFailure.slice(0, 10)} (${e.code})`,
                )
              : s.green(
                  `✓ ${r.device.profile}: ${e.family} verifies until ${until.toISOString().slice(0, 10)}`,
                ),
          );
        out.push('');
      }
      ctx.io.stdout.write(`${out.join('\n')}\n`);
      return ok ? EXIT.ok : EXIT.checkFailed;
    }),
  );
}
