// `hubtrust probe <host:port> --bundle <device bundle>`: connects to the server (node:tls, the
// chain read as sent, as `inspect` does), reads the device's bundle with @hubtrust/roots'
// readers (PEM, DER, certs.c, ESP-IDF bundle, firmware image), and says whether the device will
// trust the chain under each device profile of @hubtrust/verify — every profile by default, or
// the one given — and, where not, which roots would make it verify (src/suggest-roots.ts) and
// the recommended set of the host's cloud. Profiles without a clock are predictions, labelled
// as such; the exit code follows the verdict profiles only: 0 every one trusts the chain, 1 one
// does not.
import {
  buildTimeline,
  chainSection,
  escapeXml,
  isoSeconds,
  isReadable,
  type ReportSection,
  summarizeCertificate,
  summarizeChain,
  timelineSection,
} from '@hubtrust/report';
import { bySpkiSha256 } from '@hubtrust/roots';
import { type AnyProfileId, type DeviceProfileId, deviceProfiles, init, verifyChain } from '@hubtrust/verify';
import { Option } from 'commander';
import { loadChain } from '../chain-input.js';
import { type CommandContext, type CommandModule, examples, writeJson } from '../context.js';
import { CliError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { writeHtmlReport } from '../html-output.js';
import {
  type BundleAnchor,
  type CertificateFile,
  parseHostPort,
  readCertificateBytes,
  readInputFile,
  timeOptions,
} from '../inputs.js';
import { PROFILE_IDS, profileStack, profilesHelp, verdictProfileOf } from '../profiles.js';
import {
  type Candidate,
  candidatesOf,
  catalogCandidates,
  checkProfile,
  type ProbeChain,
  type ProfileCheck,
  type SetAdvice,
  setAdvice,
  suggestRoots,
} from '../suggest-roots.js';

/** Version of the `probe --json` shape (schemas/probe.v1.schema.json). */
export const PROBE_SCHEMA_VERSION = 1;

/** A bundle may be a firmware image: roots' own file limit applies (512 MiB). */
const MAX_BUNDLE_BYTES = 512 * 1024 * 1024;

interface ProbeOptions {
  bundle?: string;
  profile?: AnyProfileId;
  candidates?: string;
  servername?: string;
  timeout: string;
  at?: string;
  horizon?: string;
  json?: boolean;
  html?: string;
}

/** The device's roots: the bundle's certificates, and ESP-IDF anchors matched to the catalog by key. */
interface DeviceRoots {
  roots: Uint8Array[];
  /** ESP-IDF anchors (subject + key only) stood in for by the catalog root with that key and subject. */
  fromCatalog: { index: number; subject: string; slug: string }[];
  /** ESP-IDF anchors the catalog does not know: they cannot be checked. */
  unmatched: BundleAnchor[];
}

function deviceRoots(file: CertificateFile): DeviceRoots {
  const out: DeviceRoots = { roots: [...file.certificates], fromCatalog: [], unmatched: [] };
  for (const anchor of file.anchors) {
    const same = bySpkiSha256(anchor.spkiSha256);
    const match =
      same.find((c) => c.selfSigned && c.subject.toLowerCase() === anchor.subject.toLowerCase()) ??
      same.find((c) => c.subject.toLowerCase() === anchor.subject.toLowerCase());
    if (match) {
      out.roots.push(match.der);
      out.fromCatalog.push({ index: anchor.index, subject: anchor.subject, slug: match.slug });
    } else out.unmatched.push(anchor);
  }
  return out;
}

/** One row of the answer: a profile, its verdict or prediction, and what would fix it. */
interface ProfileRow extends ProfileCheck {
  profile: AnyProfileId;
  stack: string;
  kind: 'verdict' | 'prediction';
  add: Candidate[];
}

/** The CN of an RFC 4514 subject (the whole subject when it has none). */
const CN = (subject: string) => /CN=([^,]+)/.exec(subject)?.[1] ?? subject;

const candidateJson = (c: Candidate) => ({
  slug: c.slug,
  subject: c.subject,
  sha256: c.sha256,
  notAfter: c.notAfter,
});

/** `digicert-global-root-g2` or the subject's CN. */
const candidateName = (c: Candidate) => c.slug ?? CN(c.subject);

const STACK_WIDTH = 30;

function rowText(row: ProfileRow, ctx: CommandContext, width: number): string {
  const s = ctx.out;
  const id = row.profile.padEnd(width);
  const stack = s.dim(
    row.stack.length > STACK_WIDTH
      ? `${row.stack.slice(0, STACK_WIDTH - 1)}…`
      : row.stack.padEnd(STACK_WIDTH),
  );
  const result =
    row.kind === 'prediction'
      ? s.yellow(
          `prediction: ${row.ok ? 'would connect' : `would refuse (${row.code ?? 'no clock'})`}${row.exact === false ? ', not exact' : ''}`,
        )
      : row.ok
        ? s.green('✓ trusted')
        : s.red(`✗ ${row.code}`);
  const add = row.ok ? '' : row.add.length ? `  add: ${row.add.map(candidateName).join(' or ')}` : '';
  return `  ${id}  ${stack}  ${result}${add}\n`;
}

/** "8 verdict profiles (…) and 3 predictions (…)": a list of profile rows by kind. */
function profileList(rows: readonly ProfileRow[]): string {
  const verdicts = rows.filter((r) => r.kind === 'verdict').map((r) => r.profile);
  const predictions = rows.filter((r) => r.kind === 'prediction').map((r) => r.profile);
  const part = (ids: string[], one: string, many: string) =>
    ids.length ? `${ids.length} ${ids.length === 1 ? one : many} (${ids.join(', ')})` : '';
  return [
    part(verdicts, 'verdict profile', 'verdict profiles'),
    part(predictions, 'no-clock prediction', 'no-clock predictions'),
  ]
    .filter(Boolean)
    .join(' and ');
}

function adviceText(rows: readonly ProfileRow[], sets: readonly SetAdvice[], ctx: CommandContext): string {
  const s = ctx.out;
  const failing = rows.filter((r) => !r.ok);
  const out: string[] = [];
  if (!failing.some((r) => r.kind === 'verdict'))
    out.push(`${s.green('✓ the device trusts this chain under every verdict profile checked')}\n`);
  const byRoot = new Map<string, { c: Candidate; rows: ProfileRow[] }>();
  for (const r of failing)
    for (const c of r.add) {
      const entry = byRoot.get(c.sha256) ?? { c, rows: [] };
      entry.rows.push(r);
      byRoot.set(c.sha256, entry);
    }
  for (const { c, rows: fixed } of byRoot.values())
    out.push(
      `${s.bold('to fix:')} add ${CN(c.subject)}${c.slug ? ` (${c.slug})` : ''}, valid until ${c.notAfter.slice(0, 10)}: it makes ${profileList(fixed)} pass\n`,
    );
  const unfixable = failing.filter((r) => r.add.length === 0);
  const unknown = unfixable.filter((r) => r.kind === 'verdict' && r.code === 'UNKNOWN_ISSUER');
  if (unknown.length)
    out.push(
      `${s.yellow('no known root anchors this chain')} for ${profileList(unknown)}: a private or test PKI? give its roots with --candidates <file>\n`,
    );
  for (const r of unfixable.filter((r) => r.kind === 'verdict' && r.code !== 'UNKNOWN_ISSUER'))
    out.push(
      `${s.bold(`${r.profile}:`)} adding roots does not help: ${r.code}${r.hint ? ` — ${r.hint}` : ''}\n`,
    );
  for (const r of unfixable.filter((r) => r.kind === 'prediction'))
    out.push(
      `${s.bold(`${r.profile} (prediction):`)} no root added alone makes it connect${r.notes?.length ? `: ${r.notes[r.notes.length - 1]}` : ''}\n`,
    );
  for (const set of sets)
    out.push(
      `${s.bold('recommended')} for ${set.families.join(', ')}: set ${set.id} (${set.slugs.join(', ')})${set.missing.length ? `; the bundle lacks ${set.missing.join(', ')}` : '; the bundle has them all'}${set.fixes.length ? `; with it ${profileList(rows.filter((r) => set.fixes.includes(r.profile)))} pass` : ''}\n`,
    );
  return out.join('');
}

function profilesTableHtml(rows: readonly ProfileRow[]): string {
  const body = rows.map((r) => {
    const result =
      r.kind === 'prediction'
        ? `prediction: ${r.ok ? 'would connect' : `would refuse (${escapeXml(r.code ?? 'no clock')})`}`
        : r.ok
          ? '✓ trusted'
          : `<span class="state-fail">✗ ${escapeXml(r.code ?? '')}</span>`;
    return `<tr><td>${escapeXml(r.profile)}</td><td>${escapeXml(r.stack)}</td><td>${result}</td><td>${escapeXml(r.add.map(candidateName).join(', '))}</td></tr>`;
  });
  return `<table><thead><tr><th>profile</th><th>stack</th><th>result</th><th>add</th></tr></thead><tbody>${body.join('')}</tbody></table>`;
}

export const probeCommand: CommandModule = {
  name: 'probe',
  register(program, ctx) {
    const cmd = program
      .command('probe')
      .summary('will a device with this bundle trust what the server sends, under each device profile?')
      .description(
        "Connect to host:port with TLS and read the chain the server sends (as sent), read the device's bundle (PEM, DER, certs.c, ESP-IDF x509_crt_bundle, firmware image), and say for each device profile — how mbedTLS, ESP-IDF's bundle, wolfSSL, BearSSL, OpenSSL, webpki or a strict client verify — whether the device trusts the chain, and if not, which roots would make it (the @hubtrust/roots catalog, or --candidates) and the recommended set of the host's cloud. Profiles of devices without a clock are predictions, not verdicts. Exit 0 every verdict profile trusts the chain, 1 one does not.",
      )
      .argument('<host:port>', 'the server, e.g. myhub.azure-devices.net:8883')
      .option(
        '--bundle <file>',
        "the device's roots: PEM, DER, C source (certs.c), ESP-IDF bundle or firmware image (required)",
      )
      .addOption(
        new Option('--profile <device profile>', 'only this profile (default: every one; ids below)').choices(
          PROFILE_IDS,
        ),
      )
      .option(
        '--candidates <file>',
        "roots to look for a fix in (default: @hubtrust/roots' catalog of IoT cloud roots); for a private PKI",
      )
      .option('--servername <name>', 'TLS SNI and the host name checked (default: the host)')
      .option('--timeout <duration>', 'give up on the server after this long', '10s')
      .option('--at <date>', 'check at this time instead of now (ISO 8601)')
      .option('--horizon <date>', 'the date marked on the HTML timeline (default: --at + 5 years)')
      .addOption(new Option('--json', 'print the result as JSON (schema: schemas/probe.v1.schema.json)'))
      .option('--html <file>', 'also write a self-contained HTML report (profiles, chain diagram, timeline)');
    examples(cmd, [
      [
        'hubtrust probe myhub.azure-devices.net:8883 --bundle certs.c',
        'will devices with this certs.c connect? what to add if not',
      ],
      [
        'hubtrust probe myhub.azure-devices.net:8883 --bundle build/firmware.elf --profile esp-crt-bundle',
        'as an ESP32 with the roots its firmware image carries',
      ],
      [
        'hubtrust probe 127.0.0.1:8883 --servername broker.internal --bundle ca.pem --candidates company-roots.pem --json',
        'a private broker, fixes from your own PKI, as JSON',
      ],
    ]);
    cmd.addHelpText('after', profilesHelp());
    cmd.action(
      ctx.action(async (target: string, opts: ProbeOptions) => {
        const { at, horizon } = timeOptions(opts, ctx.now);
        if (!parseHostPort(target, opts.servername))
          throw new CliError(
            `"${target}" is not host:port`,
            2,
            'probe connects to a server (e.g. myhub.azure-devices.net:8883); for a chain file use hubtrust verify',
          );
        if (!opts.bundle)
          throw new CliError(
            '--bundle is required: the roots the device carries',
            2,
            'add --bundle <file> (PEM, DER, certs.c, ESP-IDF bundle or firmware image)',
          );
        await init();
        const bundleFile = readCertificateBytes(
          readInputFile(opts.bundle, ctx.io.cwd, '--bundle file', MAX_BUNDLE_BYTES),
          opts.bundle,
        );
        const device = deviceRoots(bundleFile);
        if (device.roots.length === 0)
          throw new CliError(
            `--bundle file "${opts.bundle}" holds no root hubtrust can check: its ${device.unmatched.length} ESP-IDF anchor(s) are not in the catalog`,
            2,
            'give the PEM (or certs.c) the bundle was made from',
          );
        const candidates = opts.candidates
          ? candidatesOf(
              readCertificateBytes(
                readInputFile(opts.candidates, ctx.io.cwd, '--candidates file'),
                opts.candidates,
              ).certificates,
            )
          : catalogCandidates();
        const loaded = await loadChain(target, opts, ctx);
        const [leaf, ...intermediates] = loaded.certificates;
        const chain: ProbeChain = {
          leaf: leaf as Uint8Array,
          intermediates,
          at,
          ...(loaded.servername ? { hostname: loaded.servername } : {}),
        };
        // Verdict profiles first; a no-clock profile brings its clocked sibling, whose verdict counts.
        const selected: AnyProfileId[] = opts.profile
          ? [...new Set([verdictProfileOf(opts.profile), opts.profile])]
          : PROFILE_IDS;
        const rows: ProfileRow[] = selected.map((profile) => {
          const check = checkProfile(profile, chain, device.roots);
          return {
            profile,
            stack: profileStack(profile),
            kind: deviceProfiles[profile].trustedClock ? 'verdict' : 'prediction',
            ...check,
            add: check.ok ? [] : suggestRoots(profile, chain, device.roots, candidates),
          };
        });
        const sets = setAdvice(
          chain,
          device.roots,
          rows.filter((r) => !r.ok).map((r) => r.profile),
        );
        const ok = rows.every((r) => r.kind === 'prediction' || r.ok);
        const sent = loaded.certificates.map((der) => summarizeCertificate(der, at));
        const roots = device.roots.map((der) => summarizeCertificate(der, at));
        let report: string | null = null;
        if (opts.html !== undefined) {
          const shown =
            (opts.profile
              ? rows.find((r) => r.kind === 'verdict')
              : rows.find((r) => r.kind === 'verdict' && !r.ok)) ?? rows[0];
          const profile = shown?.profile as DeviceProfileId;
          const summary = summarizeChain({
            sent: loaded.certificates,
            result: verifyChain({
              leaf: chain.leaf,
              intermediates: chain.intermediates,
              roots: device.roots,
              time: at,
              ...(chain.hostname ? { hostname: chain.hostname } : {}),
              profile,
            }),
            at,
          });
          const sections: ReportSection[] = [
            {
              heading: 'Device profiles',
              subtitle: `${loaded.description}; device bundle ${opts.bundle} (${roots.length} root(s)); at ${isoSeconds(at)}`,
              html: profilesTableHtml(rows),
            },
            chainSection(
              `Chain as ${profile} (${profileStack(profile)}) sees it`,
              summary,
              loaded.description,
            ),
            timelineSection(
              'Validity of the intermediates sent and the device roots',
              buildTimeline({
                groups: [
                  { name: 'sent by the server', certificates: sent.slice(1).filter(isReadable) },
                  { name: 'device bundle', certificates: roots.filter(isReadable) },
                ],
                at,
                horizon,
              }),
            ),
          ];
          report = writeHtmlReport(
            opts.html,
            {
              title: `hubtrust probe ${target}`,
              generator: `hubtrust ${ctx.version} probe`,
              generatedAt: ctx.now,
              sections,
            },
            ctx,
            !opts.json,
          );
        }
        const code = ok ? EXIT.ok : EXIT.checkFailed;
        if (opts.json) {
          writeJson(ctx.io, {
            schemaVersion: PROBE_SCHEMA_VERSION,
            command: 'probe',
            at: isoSeconds(at),
            source: loaded.source,
            hostname: chain.hostname ?? null,
            chain: sent,
            bundle: {
              file: opts.bundle,
              format: bundleFile.format,
              roots,
              fromCatalog: device.fromCatalog,
              unmatchedAnchors: device.unmatched,
              problems: bundleFile.problems,
            },
            profiles: rows.map(({ add, ...row }) => ({ ...row, add: add.map(candidateJson) })),
            recommendedSets: sets,
            ok,
            report,
          });
          return code;
        }
        const s = ctx.out;
        const out = [`${s.bold(loaded.description)}: ${sent.length} certificate(s) sent\n`];
        for (const [i, c] of sent.entries())
          out.push(
            `  #${i} ${isReadable(c) ? `${c.label} (${c.status === 'expired' ? 'expired' : 'expires'} ${c.notAfter.slice(0, 10)}; issuer ${c.issuer})` : `unreadable (${c.sha256})`}\n`,
          );
        out.push(
          `${s.bold(`device bundle ${opts.bundle}`)} (${bundleFile.format}): ${roots.length} root(s)\n`,
        );
        for (const c of roots)
          out.push(
            `  ${isReadable(c) ? `${c.label} (${c.status === 'expired' ? 'expired' : 'until'} ${c.notAfter.slice(0, 10)})` : c.sha256}\n`,
          );
        for (const a of device.fromCatalog)
          out.push(s.dim(`  ESP-IDF anchor #${a.index} (${a.subject}) checked as the catalog's ${a.slug}\n`));
        for (const a of device.unmatched)
          ctx.io.stderr.write(
            `${ctx.err.yellow('warning:')} ESP-IDF anchor #${a.index} (${a.subject}) is not in the catalog: not checked\n`,
          );
        if (!chain.hostname)
          out.push(s.yellow('no host name (an IP address without --servername): names are not checked\n'));
        const width = Math.max(...rows.map((r) => r.profile.length));
        out.push(`\n  ${s.bold(`${'profile'.padEnd(width)}  ${'stack'.padEnd(STACK_WIDTH)}  result`)}\n`);
        for (const row of rows) out.push(rowText(row, ctx, width));
        if (rows.some((r) => r.kind === 'prediction'))
          out.push(
            s.dim('  prediction: a device without a clock; not a verdict, not counted in the exit code\n'),
          );
        out.push(`\n${adviceText(rows, sets, ctx)}`);
        ctx.io.stdout.write(out.join(''));
        return code;
      }),
    );
  },
};
