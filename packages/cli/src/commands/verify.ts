// `hubtrust verify <file|host:port> --roots <bundle>`: will a device that trusts these roots
// accept this chain? Every option of @hubtrust/verify's verifyChain has a flag; the answer names
// the failing certificate and the fix.

import {
  buildTimeline,
  type ChainSummary,
  chainSection,
  isoSeconds,
  isReadable,
  summarizeCertificate,
  summarizeChain,
  timelineSection,
} from '@hubtrust/report';
import {
  type AnyProfileId,
  type DevicePrediction,
  init,
  predictDevice,
  type VerifyChainOptions,
  verifyChain,
} from '@hubtrust/verify';
import { Option } from 'commander';
import { getPublicSuffix } from 'tldts';
import { loadChain } from '../chain-input.js';
import { type CommandModule, examples, writeJson } from '../context.js';
import { CliError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { writeHtmlReport } from '../html-output.js';
import { parseCount, readCertificateBytes, readInputFile, timeOptions } from '../inputs.js';
import {
  effectiveOptions,
  PROFILE_IDS,
  predictionJson,
  profileStack,
  profilesHelp,
  verdictProfileOf,
} from '../profiles.js';
import { pathText, predictionText, verdictText } from '../render-text.js';

/** Version of the `verify --json` shape (schemas/verify.v1.schema.json). */
export const VERIFY_SCHEMA_VERSION = 1;

/** A host name's public suffix from the Public Suffix List (tldts), private domains included. */
const publicSuffix = (host: string) => getPublicSuffix(host, { allowPrivateDomains: true });

interface VerifyOptions {
  roots?: string[];
  intermediates?: string[];
  host?: string;
  email?: string;
  purpose?: 'serverAuth' | 'clientAuth' | 'any';
  profile?: AnyProfileId;
  at?: string;
  horizon?: string;
  maxDepth?: string;
  minRsaBits?: string;
  allowSha1?: boolean;
  ignoreAnchorExpiry?: boolean;
  requireOrderedChain?: boolean;
  nameConstraints?: 'enforce' | 'reject-if-critical';
  lenientProfile?: boolean;
  maxSignatureChecks?: string;
  maxBuildCalls?: string;
  maxNameConstraintComparisons?: string;
  servername?: string;
  timeout: string;
  json?: boolean;
  html?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Reads every certificate of the given files (in order). */
function readCertificateFiles(files: readonly string[], cwd: string, what: string): Uint8Array[] {
  return files.flatMap((file) => {
    const read = readCertificateBytes(readInputFile(file, cwd, what), file);
    if (read.certificates.length === 0)
      throw new CliError(
        `${what} "${file}" is an ESP-IDF bundle: it keeps only the subject and key of each root, not the certificates verify needs`,
        2,
        'give the PEM (or certs.c) the bundle was made from',
      );
    return read.certificates;
  });
}

/** The verifyChain options the flags ask for explicitly (besides leaf, intermediates, roots, profile). */
export function verifyOptionsFrom(opts: VerifyOptions, at: Date, servername: string | undefined) {
  const options: Omit<VerifyChainOptions, 'leaf' | 'roots'> = { time: at };
  if (opts.purpose !== undefined) options.purpose = opts.purpose;
  const host = opts.host ?? (opts.email === undefined ? servername : undefined);
  if (host !== undefined) options.hostname = host;
  if (opts.email !== undefined) options.email = opts.email;
  if (opts.maxDepth !== undefined) options.maxDepth = parseCount(opts.maxDepth, '--max-depth');
  if (opts.minRsaBits !== undefined) options.minRsaBits = parseCount(opts.minRsaBits, '--min-rsa-bits');
  if (opts.allowSha1) options.allowSha1 = true;
  if (opts.ignoreAnchorExpiry) options.enforceAnchorExpiry = false;
  if (opts.requireOrderedChain) options.requireOrderedChain = true;
  if (opts.nameConstraints) options.nameConstraints = opts.nameConstraints;
  if (opts.lenientProfile) options.strictProfile = false;
  const budget: NonNullable<VerifyChainOptions['budget']> = {};
  if (opts.maxSignatureChecks !== undefined)
    budget.signatureChecks = parseCount(opts.maxSignatureChecks, '--max-signature-checks');
  if (opts.maxBuildCalls !== undefined)
    budget.buildCalls = parseCount(opts.maxBuildCalls, '--max-build-calls');
  if (opts.maxNameConstraintComparisons !== undefined)
    budget.nameConstraintComparisons = parseCount(
      opts.maxNameConstraintComparisons,
      '--max-name-constraint-comparisons',
    );
  if (Object.keys(budget).length) options.budget = budget;
  return options;
}

/** The JSON-ready options actually used: the profile's under the explicit ones (dates as text). */
function optionsJson(options: ReturnType<typeof verifyOptionsFrom>) {
  const { time, profile: _profile, ...rest } = options;
  return {
    purpose: 'serverAuth' as const,
    ...rest,
    time: isoSeconds(time instanceof Date ? time : new Date(time ?? 0)),
  };
}

export const verifyCommand: CommandModule = {
  name: 'verify',
  register(program, ctx) {
    const cmd = program
      .command('verify')
      .summary('check that a device trusting given roots accepts a chain (file or server)')
      .description(
        'Verify a chain (a PEM/DER file, leaf first, or the chain host:port sends) against the roots a device trusts, as a TLS client would: path building, validity, constraints, signatures and the host name. Prints the verdict, the path with the failing link, and what to change. Exit code 0 trusted, 1 not trusted.',
      )
      .argument('<file|host:port>', 'the chain: a PEM/DER file (leaf first) or a TLS server')
      .option(
        '--roots <file>',
        'the device bundle: PEM, DER, C source (certs.c) or firmware image with the roots the device trusts (required, repeatable)',
        collect,
      )
      .option('--intermediates <file>', 'extra intermediates the device has (repeatable)', collect)
      .option(
        '--host <name>',
        'DNS name or IP the leaf must be valid for (default: the server name for host:port)',
      )
      .option('--email <address>', 'mailbox the leaf must be valid for (client certificates)')
      .addOption(
        new Option(
          '--profile <device profile>',
          'verify as this device stack does (ids below); the flags given override its options',
        ).choices(PROFILE_IDS),
      )
      .addOption(
        new Option(
          '--purpose <purpose>',
          "what the leaf must be good for (default serverAuth, or the profile's)",
        ).choices(['serverAuth', 'clientAuth', 'any']),
      )
      .option('--at <date>', 'verify at this time instead of now (ISO 8601, e.g. 2025-06-01)')
      .option(
        '--horizon <date>',
        'the date devices must keep working until, marked on the HTML timeline (default: --at + 5 years)',
      )
      .option('--max-depth <n>', 'most intermediates a path may hold (default 8)')
      .option('--min-rsa-bits <n>', 'smallest RSA key accepted anywhere in the chain (default 2048)')
      .option('--allow-sha1', 'accept SHA-1 signatures, as old device stacks do (MD5 never)')
      .option(
        '--ignore-anchor-expiry',
        "do not check the root's own validity, as BearSSL and ESP-IDF bundles do",
      )
      .option(
        '--require-ordered-chain',
        "intermediates must come in issuing order (BearSSL's minimal engine)",
      )
      .addOption(
        new Option(
          '--name-constraints <mode>',
          'enforce them, or reject a path holding a critical one (mbedTLS 2.x)',
        ).choices(['enforce', 'reject-if-critical']),
      )
      .option(
        '--lenient-profile',
        'skip the strict RFC 5280 / CA/B Forum profile rules (as OpenSSL and mbedTLS do)',
      )
      .option(
        '--max-signature-checks <n>',
        "path-building budget: signature checks (default: the verifier's)",
      )
      .option('--max-build-calls <n>', 'path-building budget: build calls')
      .option('--max-name-constraint-comparisons <n>', 'path-building budget: name-constraint comparisons')
      .option('--servername <name>', 'TLS SNI for host:port (default: the host)')
      .option('--timeout <duration>', 'give up on a server after this long', '10s')
      .addOption(new Option('--json', 'print the result as JSON (schema: schemas/verify.v1.schema.json)'))
      .option('--html <file>', 'also write a self-contained HTML report (chain diagram, timeline)');
    examples(cmd, [
      [
        'hubtrust verify chain.pem --roots certs.pem --host myhub.azure-devices.net',
        'a chain file against a device bundle',
      ],
      [
        'hubtrust verify myhub.azure-devices.net:8883 --roots baltimore.pem',
        'what the hub sends, against one root',
      ],
      [
        'hubtrust verify chain.pem --roots certs.pem --at 2025-06-01 --html report.html',
        'after Baltimore expired, with a report',
      ],
      [
        'hubtrust verify myhub.azure-devices.net:8883 --roots certs.c --profile mbedtls-2.28',
        'as an mbedTLS 2.28 device with this certs.c sees it',
      ],
      [
        'hubtrust verify chain.pem --roots certs.pem --profile esp-crt-bundle-no-clock',
        'an ESP32 without a clock: the clocked verdict, and a labelled prediction',
      ],
      [
        'hubtrust verify chain.pem --roots certs.pem --ignore-anchor-expiry --lenient-profile --json',
        'as a lenient device stack sees it, as JSON',
      ],
    ]);
    cmd.addHelpText('after', profilesHelp());
    cmd.action(
      ctx.action(async (target: string, opts: VerifyOptions) => {
        const { at, horizon } = timeOptions(opts, ctx.now);
        if (opts.host !== undefined && opts.email !== undefined)
          throw new CliError(
            '--host and --email exclude each other',
            2,
            'give the one name the leaf must be valid for',
          );
        if (!opts.roots?.length)
          throw new CliError(
            '--roots is required: the roots the device trusts',
            2,
            'add --roots <file> (PEM, DER, certs.c, firmware image; repeat for several files)',
          );
        await init();
        const roots = readCertificateFiles(opts.roots, ctx.io.cwd, '--roots file');
        const extra = readCertificateFiles(opts.intermediates ?? [], ctx.io.cwd, '--intermediates file');
        const explicit = verifyOptionsFrom(opts, at, undefined);
        const profile = opts.profile ? verdictProfileOf(opts.profile) : undefined;
        const options = effectiveOptions(profile, explicit);
        const chain = await loadChain(target, opts, ctx);
        if (opts.host === undefined && opts.email === undefined && chain.servername !== undefined) {
          options.hostname = chain.servername;
          explicit.hostname = chain.servername;
        }
        if (chain.certificates.length === 0)
          throw new CliError(
            `${target} holds no certificate to verify (an ESP-IDF bundle keeps only subjects and keys)`,
            2,
          );
        const [leaf, ...sent] = chain.certificates;
        // The strict profile's wildcard rule asks for the name's public suffix (the Public Suffix
        // List, ICANN and private sections: CA/B Forum BR 3.2.2.6); no other rule reads it.
        const inputs = { leaf: leaf as Uint8Array, intermediates: [...extra, ...sent], roots, publicSuffix };
        const result = verifyChain({ ...explicit, ...(profile ? { profile } : {}), ...inputs });
        // A device without a clock: predicted, never judged (see src/profiles.ts).
        const prediction: DevicePrediction | undefined =
          opts.profile && opts.profile !== profile
            ? predictDevice({ ...explicit, profile: opts.profile, ...inputs })
            : undefined;
        const summary: ChainSummary = summarizeChain({ sent: chain.certificates, result, at });
        let reportPath: string | undefined;
        if (opts.html !== undefined) {
          const served = summary.path
            .filter((p) => p.role !== 'leaf' && p.source !== 'roots')
            .map((p) => p.certificate)
            .filter(isReadable);
          const bundle = roots.map((der) => summarizeCertificate(der, at)).filter(isReadable);
          reportPath = writeHtmlReport(
            opts.html,
            {
              title: `hubtrust verify ${target}`,
              generator: `hubtrust ${ctx.version} verify`,
              generatedAt: ctx.now,
              sections: [
                chainSection(
                  'Chain',
                  summary,
                  `${chain.description}; ${roots.length} root(s) from ${(opts.roots ?? []).join(', ')}; at ${isoSeconds(at)}${options.hostname ? `; host ${options.hostname}` : ''}`,
                ),
                timelineSection(
                  'Validity of the intermediates and roots',
                  buildTimeline({
                    groups: [
                      { name: 'intermediates on the path', certificates: served },
                      { name: 'device bundle', certificates: bundle },
                    ],
                    at,
                    horizon,
                  }),
                ),
              ],
            },
            ctx,
          );
        }
        const code = result.ok ? EXIT.ok : EXIT.checkFailed;
        if (opts.json) {
          writeJson(ctx.io, {
            schemaVersion: VERIFY_SCHEMA_VERSION,
            command: 'verify',
            at: isoSeconds(at),
            source: chain.source,
            roots: roots.map((der) => summarizeCertificate(der, at)),
            profile: profile ?? null,
            options: optionsJson(options),
            ...summary,
            prediction: prediction ? predictionJson(prediction) : null,
            work: result.work ?? null,
            report: reportPath ?? null,
          });
          return code;
        }
        const s = ctx.out;
        ctx.io.stdout.write(
          [
            `${s.bold(chain.description)} against ${roots.length} root(s) at ${isoSeconds(at)}${options.hostname ? ` for ${options.hostname}` : ''}${profile ? `, as ${profile} (${profileStack(profile)})` : ''}\n`,
            verdictText(summary, s),
            pathText(summary, s),
            prediction ? predictionText(prediction, s) : '',
          ].join(''),
        );
        return code;
      }),
    );
  },
};
