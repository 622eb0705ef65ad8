// `hubtrust inspect <file|host:port>`: what certificates a file holds or a server sends, in the
// order given, with the facts a support engineer checks first (issuer, expiry, key, names,
// SHA-256) and what is wrong with the order.

import {
  buildTimeline,
  isoSeconds,
  isReadable,
  renderCertificateTableHtml,
  summarizeCertificate,
  timelineSection,
} from '@hubtrust/report';
import { init } from '@hubtrust/verify';
import { Option } from 'commander';
import { loadChain } from '../chain-input.js';
import { type CommandModule, examples, writeJson } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { writeHtmlReport } from '../html-output.js';
import { type FoundWhere, timeOptions } from '../inputs.js';
import { certificateBlock, issuerIndexes, orderFindings } from '../render-text.js';

/** Version of the `inspect --json` shape (schemas/inspect.v1.schema.json). */
export const INSPECT_SCHEMA_VERSION = 1;

interface InspectOptions {
  servername?: string;
  timeout: string;
  at?: string;
  json?: boolean;
  html?: string;
}

/** Firmware images may be large: roots' own file limit (512 MiB) applies to `inspect`. */
const MAX_IMAGE_BYTES = 512 * 1024 * 1024;

/** `line 12, symbol certificates` / `offset 0x1a2b, section .rodata`. */
function whereText(w: FoundWhere): string {
  const parts = [w.line !== undefined ? `line ${w.line}` : `offset 0x${w.offset.toString(16)}`];
  if (w.address !== undefined) parts.push(`address 0x${w.address.toString(16)}`);
  if (w.section) parts.push(`section ${w.section}`);
  if (w.symbol) parts.push(`symbol ${w.symbol}`);
  if (w.condition) parts.push(`if ${w.condition}`);
  return `${w.form} at ${parts.join(', ')}`;
}

/** Exit 2 (input error) when a certificate could not be decoded; it is still listed. */
function unreadable(summaries: readonly { sha256: string }[]): number {
  return summaries.every((s) => isReadable(s as never)) ? EXIT.ok : EXIT.usage;
}

export const inspectCommand: CommandModule = {
  name: 'inspect',
  register(program, ctx) {
    const cmd = program
      .command('inspect')
      .alias('pem')
      .summary('list the certificates of a file, or the chain a server sends')
      .description(
        'List the certificates of a file — PEM, DER, a C source (certs.c, DER arrays, PROGMEM strings), an ESP-IDF x509_crt_bundle, or a firmware image (raw, ELF, Intel HEX) — with where each was found, or connect to host:port with TLS and list the chain the server sends, in the order sent. Shows subject, issuer, validity, key, names and the SHA-256 of each DER, and warns about order problems. Trust is not judged here: use `hubtrust verify`.',
      )
      .argument(
        '<file|host:port>',
        'a certificate file, C source, ESP-IDF bundle or firmware image, or a TLS server (host:8883)',
      )
      .option('--servername <name>', 'TLS SNI to send (default: the host, none for an IP address)')
      .option('--timeout <duration>', 'give up on a server after this long (500ms, 10s, 1m)', '10s')
      .option('--at <date>', 'judge expiry at this time instead of now (ISO 8601)')
      .addOption(new Option('--json', 'print the result as JSON (schema: schemas/inspect.v1.schema.json)'))
      .option('--html <file>', 'also write a self-contained HTML report to <file>');
    examples(cmd, [
      ['hubtrust inspect chain.pem', 'list the certificates of a PEM file'],
      ['hubtrust inspect certs.c', "the roots in Azure IoT C SDK's certs.c, with line and variable"],
      ['hubtrust inspect build/firmware.elf --json', 'every certificate embedded in a firmware image'],
      ['hubtrust inspect myhub.azure-devices.net:8883', 'show the chain an Azure IoT hub sends'],
      [
        'hubtrust inspect 127.0.0.1:8883 --servername myhub.azure-devices.net --json',
        'a local server, with SNI, as JSON',
      ],
      [
        'hubtrust inspect root.der --at 2030-01-01 --html report.html',
        'is it still valid in 2030? with an HTML report',
      ],
    ]);
    cmd.action(
      ctx.action(async (target: string, opts: InspectOptions) => {
        const { at, horizon } = timeOptions(opts, ctx.now);
        await init();
        const chain = await loadChain(target, opts, ctx, { maxBytes: MAX_IMAGE_BYTES });
        const file = chain.file;
        const summaries = chain.certificates.map((der) => summarizeCertificate(der, at));
        const issuers = issuerIndexes(summaries);
        // Order matters for a chain as sent, not for a bundle or an image's set of roots.
        const { warnings, notes } =
          file && file.format !== 'pem' && file.format !== 'der'
            ? { warnings: [] as string[], notes: [] as string[] }
            : orderFindings(summaries);
        const problems = file?.problems ?? [];
        if (chain.source.kind === 'server' && chain.source.note)
          warnings.push(`order as rebuilt by node:tls, not as sent: ${chain.source.note}`);
        let reportPath: string | undefined;
        if (opts.html !== undefined) {
          const readable = summaries.filter(isReadable);
          reportPath = writeHtmlReport(
            opts.html,
            {
              title: `hubtrust inspect ${target}`,
              generator: `hubtrust ${ctx.version} inspect`,
              generatedAt: ctx.now,
              sections: [
                {
                  heading: 'Certificates',
                  subtitle: chain.description,
                  html: renderCertificateTableHtml(summaries),
                },
                timelineSection(
                  'Validity',
                  buildTimeline({
                    groups: [
                      {
                        name: chain.source.kind === 'server' ? 'sent by the server' : 'in the file',
                        certificates: readable,
                      },
                    ],
                    at,
                    horizon,
                  }),
                  'today and a five-year horizon',
                ),
              ],
            },
            ctx,
          );
        }
        if (opts.json) {
          writeJson(ctx.io, {
            schemaVersion: INSPECT_SCHEMA_VERSION,
            command: 'inspect',
            at: isoSeconds(at),
            source: chain.source,
            certificates: summaries.map((s, index) => ({
              index,
              issuerIndex: issuers[index] ?? null,
              ...(file ? { where: file.where[index], slug: file.slugs[index] ?? null } : {}),
              ...s,
            })),
            anchors: file?.anchors ?? [],
            problems,
            warnings,
            notes,
            report: reportPath ?? null,
          });
          return problems.length ? EXIT.usage : unreadable(summaries);
        }
        const s = ctx.out;
        const out = [`${s.bold(chain.description)}: ${summaries.length} certificate(s)\n`];
        for (const [i, c] of summaries.entries()) {
          out.push(certificateBlock(c, `#${i}`, s));
          const where = file?.where[i];
          const slug = file?.slugs[i];
          if (where) out.push(`    found    ${whereText(where)}${slug ? ` · catalog: ${slug}` : ''}\n`);
        }
        if (file?.anchors.length) {
          out.push(s.bold(`${file.anchors.length} ESP-IDF bundle anchor(s) (subject and key only):\n`));
          for (const a of file.anchors)
            out.push(`  #${a.index}  ${a.subject}  [${a.keyType}]  spki-sha256 ${a.spkiSha256}\n`);
        }
        for (const p of problems) ctx.io.stderr.write(`${ctx.err.yellow('unreadable part:')} ${p}\n`);
        for (const w of warnings) out.push(`${s.yellow('warning:')} ${w}\n`);
        for (const n of notes) out.push(`${s.dim('note:')} ${n}\n`);
        if (chain.source.kind === 'server')
          out.push(s.dim(`To check trust: hubtrust verify ${target} --roots <device bundle>\n`));
        ctx.io.stdout.write(out.join(''));
        return problems.length ? EXIT.usage : unreadable(summaries);
      }),
    );
  },
};
