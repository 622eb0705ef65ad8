// `hubtrust bundle build`: writes the roots a device should carry (recommended sets by id, or
// catalog slugs) in the form its TLS stack wants, with @hubtrust/roots' writers: PEM, DER files,
// C source + header (PEM strings like certs.c, or DER arrays for mbedtls_x509_crt_parse_der),
// ESP-IDF x509_crt_bundle (both layouts); prints the size report and the writers' warnings.
// `bundle check` (readiness, bundle-check.ts) and `bundle sign|verify` (signed updates,
// bundle-update.ts) are registered here from their own modules.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  type CatalogCertificate,
  catalog,
  getCertificates,
  RECOMMENDED_SETS,
  type SizeReport,
  type WriterWarning,
  writeC,
  writeDer,
  writeEspBundle,
  writePem,
} from '@hubtrust/roots';
import { init } from '@hubtrust/verify';
import { Option } from 'commander';
import { type CommandModule, examples, writeJson } from '../context.js';
import { CliError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { parseCount } from '../inputs.js';
import { registerBundleCheck } from './bundle-check.js';
import { registerBundleUpdates } from './bundle-update.js';

/** Version of the `bundle build --json` shape (schemas/bundle-build.v1.schema.json). */
export const BUNDLE_BUILD_SCHEMA_VERSION = 1;

const FORMATS = ['pem', 'der', 'c-pem', 'c-der', 'esp-v4.2', 'esp-v5.4'] as const;
type BundleFormat = (typeof FORMATS)[number];

interface BuildOptions {
  set?: string[];
  slug?: string[];
  format: BundleFormat;
  out: string;
  warnDays: string;
  json?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The certificates of the chosen sets and slugs, each once, in order. */
function chosen(opts: BuildOptions): CatalogCertificate[] {
  const slugs: string[] = [];
  for (const id of opts.set ?? [])
    slugs.push(...((RECOMMENDED_SETS as Record<string, { slugs: readonly string[] }>)[id]?.slugs ?? []));
  for (const slug of opts.slug ?? []) {
    if (!catalog.some((c) => c.slug === slug))
      throw new CliError(
        `unknown catalog slug "${slug}"`,
        2,
        `known slugs include ${catalog
          .slice(0, 4)
          .map((c) => c.slug)
          .join(', ')}, …`,
      );
    slugs.push(slug);
  }
  if (slugs.length === 0)
    throw new CliError('nothing to write', 2, 'give --set <id> and/or --slug <catalog slug>');
  return getCertificates([...new Set(slugs)]);
}

/** Writes the bundle; returns the files written, the size report and the warnings. */
function write(
  format: BundleFormat,
  certs: CatalogCertificate[],
  out: string,
  warnings: { now: Date; horizonDays: number },
) {
  const inputs = certs.map((c) => ({ der: c.der, slug: c.slug, label: c.slug }));
  const files: string[] = [];
  const put = (path: string, data: string | Uint8Array) => {
    writeFileSync(path, data);
    files.push(path);
  };
  let size: SizeReport;
  let notes: WriterWarning[];
  if (format === 'pem') {
    const r = writePem(inputs, warnings);
    put(out, r.text);
    ({ size, warnings: notes } = r);
  } else if (format === 'der') {
    const r = writeDer(inputs, warnings);
    mkdirSync(out, { recursive: true });
    for (const f of r.files) put(join(out, f.name), f.bytes);
    ({ size, warnings: notes } = r);
  } else if (format === 'c-pem' || format === 'c-der') {
    const prefix = (out.split('/').pop() ?? 'roots').replace(/\.[ch]$/, '').replace(/[^A-Za-z0-9_]/g, '_');
    const r = writeC(inputs, {
      ...warnings,
      prefix: /^[A-Za-z_]/.test(prefix) ? prefix : `roots_${prefix}`,
      forms: [format === 'c-pem' ? 'pem' : 'der'],
    });
    const base = out.replace(/\.[ch]$/, '');
    put(`${base}.c`, r.source.text);
    put(`${base}.h`, r.header.text);
    ({ size, warnings: notes } = r);
  } else {
    const r = writeEspBundle(inputs, { ...warnings, format: format === 'esp-v4.2' ? 'v4.2' : 'v5.4' });
    put(out, r.bytes);
    ({ size, warnings: notes } = r);
  }
  return { files, size, warnings: notes };
}

export const bundleCommand: CommandModule = {
  name: 'bundle',
  register(program, ctx) {
    const bundle = program
      .command('bundle')
      .summary('build, check (readiness over time), sign and verify the roots bundle a device carries')
      .description(
        "Device trust bundles: `build` writes one from recommended sets or catalog slugs in the TLS stack's format; `check` says when it stops connecting to each cloud endpoint and what to add; `sign` makes a signed update for devices in the field and `verify` checks one as a device would.",
      );
    examples(bundle, [
      ['hubtrust bundle build --set azure-rsa --format c-pem --out certs.c', 'the Azure roots as a certs.c'],
      ['hubtrust bundle check certs.c', 'when does this firmware stop connecting, and what to add?'],
      [
        'hubtrust bundle sign certs.pem --key update-key.pem --fleet contoso --sequence 1 --out roots.htbu',
        'a signed update of the roots for devices in the field',
      ],
      ['hubtrust bundle build --help', 'the formats and options'],
    ]);
    registerBundleCheck(bundle, ctx);
    registerBundleUpdates(bundle, ctx);
    const build = bundle
      .command('build')
      .summary('write recommended roots (or catalog slugs) as PEM, DER, C or an ESP-IDF bundle')
      .description(
        "Write the roots a device should carry, from @hubtrust/roots' recommended sets (--set) and catalog slugs (--slug), in the form its TLS stack wants. Prints the size report and the writers' warnings (roots expiring within --warn-days, duplicates, formats that drop information).",
      )
      .addOption(
        new Option('--set <id>', 'a recommended set (repeatable)')
          .choices(Object.keys(RECOMMENDED_SETS))
          .argParser(collect),
      )
      .option('--slug <slug>', 'a catalog certificate by slug (repeatable)', collect)
      .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('pem'))
      .requiredOption('--out <path>', 'file to write (a folder for der; base name of the .c/.h pair for c-*)')
      .option('--warn-days <n>', 'warn about roots expiring within this many days', '365')
      .option('--json', 'print the result as JSON (schema: schemas/bundle-build.v1.schema.json)');
    examples(build, [
      [
        'hubtrust bundle build --set azure-rsa --format c-pem --out certs.c',
        "Azure IoT Hub's roots as PEM strings, like the C SDK's certs.c",
      ],
      [
        'hubtrust bundle build --set aws --format c-der --out aws_roots',
        'AWS roots as DER arrays for mbedtls_x509_crt_parse_der',
      ],
      [
        'hubtrust bundle build --set azure-all --set aws --format esp-v5.4 --out x509_crt_bundle',
        'an ESP-IDF 5.4+ bundle for both clouds',
      ],
    ]);
    build.action(
      ctx.action(async (opts: BuildOptions) => {
        await init();
        const certs = chosen(opts);
        const out = resolve(ctx.io.cwd, opts.out);
        let written: ReturnType<typeof write>;
        try {
          written = write(opts.format, certs, out, {
            now: ctx.now,
            horizonDays: parseCount(opts.warnDays, '--warn-days'),
          });
        } catch (error) {
          if (error instanceof CliError) throw error;
          throw new CliError(
            `cannot write the bundle "${opts.out}": ${(error as Error).message}`,
            2,
            'check that the folder exists and is writable',
          );
        }
        const list = certs.map((c) => ({
          slug: c.slug,
          sha256: c.sha256,
          subject: c.subject,
          notAfter: c.notAfter.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        }));
        if (opts.json) {
          writeJson(ctx.io, {
            schemaVersion: BUNDLE_BUILD_SCHEMA_VERSION,
            command: 'bundle build',
            format: opts.format,
            files: written.files,
            certificates: list,
            size: written.size,
            warnings: written.warnings.map((w) => ({
              code: w.code,
              message: w.message,
              ...(w.sha256 ? { sha256: w.sha256 } : {}),
            })),
          });
          return EXIT.ok;
        }
        const s = ctx.out;
        const lines = [
          `${s.bold(`${opts.format} bundle`)}: ${certs.length} root(s), ${written.size.fileBytes.toLocaleString('en-US')} bytes`,
        ];
        for (const c of list)
          lines.push(
            `  ${c.slug.padEnd(34)} until ${c.notAfter.slice(0, 10)}  sha256 ${c.sha256.slice(0, 16)}…`,
          );
        for (const f of written.files) lines.push(`  ${s.dim('wrote')} ${f}`);
        for (const w of written.warnings) lines.push(`${s.yellow('warning:')} ${w.code}: ${w.message}`);
        ctx.io.stdout.write(`${lines.join('\n')}\n`);
        return EXIT.ok;
      }),
    );
  },
};
