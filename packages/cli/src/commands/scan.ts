// `hubtrust scan <firmware image>`: every certificate a firmware image embeds (raw binary, ELF
// with section and symbol, Intel HEX streamed), found by @hubtrust/roots' scanner, named by its
// catalog, and checked against a date: a release gate for images that carry roots about to expire.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { isoSeconds, summarizeCertificate } from '@hubtrust/report';
import { bySha256 } from '@hubtrust/roots';
import { scanFile } from '@hubtrust/roots/node';
import { init } from '@hubtrust/verify';
import { type CommandModule, examples, writeJson } from '../context.js';
import { CliError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { timeOptions } from '../inputs.js';
import { certificateBlock } from '../render-text.js';

/** Version of the `scan --json` shape (schemas/scan.v1.schema.json). */
export const SCAN_SCHEMA_VERSION = 1;

interface ScanOptions {
  at?: string;
  horizon?: string;
  verifySelfSignatures?: boolean;
  json?: boolean;
}

export const scanCommand: CommandModule = {
  name: 'scan',
  register(program, ctx) {
    const cmd = program
      .command('scan')
      .summary(
        'find every certificate embedded in a firmware image; exit 1 if one expires before the horizon',
      )
      .description(
        "Scan a firmware image (raw binary, ELF, Intel HEX) for embedded certificates (DER and PEM), each fully parsed (no false positives from 30 82 look-alikes), with its offset, load address, ELF section and symbol, and the catalog's name for it. Exit 1 when one is expired at --at or expires before --horizon (default: 5 years): the image would strand devices.",
      )
      .argument('<image>', 'the firmware image (.bin, .elf, .hex)')
      .option('--at <date>', 'judge expiry at this time instead of now (ISO 8601)')
      .option('--horizon <date>', 'the date the image must keep working until (default: --at + 5 years)')
      .option(
        '--verify-self-signatures',
        "check each self-issued certificate's signature with its own key (finds damaged roots)",
      )
      .option('--json', 'print the result as JSON (schema: schemas/scan.v1.schema.json)');
    examples(cmd, [
      ['hubtrust scan build/firmware.elf', 'the roots an ELF image carries, with section and symbol'],
      ['hubtrust scan firmware.hex --horizon 2035-01-01', 'will the roots last until 2035?'],
      ['hubtrust scan firmware.bin --verify-self-signatures --json', 'also detect damaged roots, as JSON'],
    ]);
    cmd.action(
      ctx.action(async (image: string, opts: ScanOptions) => {
        const { at, horizon } = timeOptions(opts, ctx.now);
        const full = resolve(ctx.io.cwd, image);
        let size: number;
        try {
          const stat = statSync(full);
          if (!stat.isFile())
            throw new CliError(`image "${image}" is not a regular file`, 2, 'name the image file');
          size = stat.size;
        } catch (error) {
          if (error instanceof CliError) throw error;
          const code = (error as NodeJS.ErrnoException).code;
          throw new CliError(
            code === 'ENOENT'
              ? `image "${image}" does not exist`
              : `image "${image}" cannot be read: ${(error as Error).message}`,
            2,
            'check the path',
          );
        }
        await init();
        let result: Awaited<ReturnType<typeof scanFile>>;
        try {
          result = await scanFile(full, {
            now: at,
            identify: (sha256) => bySha256(sha256),
            ...(opts.verifySelfSignatures ? { verifySelfSignatures: true } : {}),
          });
        } catch (error) {
          throw new CliError(`image "${image}" cannot be scanned: ${(error as Error).message}`, 2);
        }
        const hits = result.hits.map((hit, index) => {
          const summary = summarizeCertificate(hit.der, at);
          const expiresBeforeHorizon = hit.notAfter.getTime() < horizon.getTime();
          return { index, hit, summary, expiresBeforeHorizon };
        });
        const failing = hits.filter((h) => h.expiresBeforeHorizon || h.hit.selfSignature === 'invalid');
        const problems = result.errors.map((e) => e.message);
        const code = failing.length ? EXIT.checkFailed : EXIT.ok;
        if (opts.json) {
          writeJson(ctx.io, {
            schemaVersion: SCAN_SCHEMA_VERSION,
            command: 'scan',
            at: isoSeconds(at),
            horizon: isoSeconds(horizon),
            file: image,
            format: result.format,
            bytes: size,
            certificates: hits.map(({ index, hit, summary, expiresBeforeHorizon }) => ({
              index,
              slug: hit.slug ?? null,
              offset: hit.where.offset,
              length: hit.length,
              form: hit.where.form,
              ...(hit.where.address !== undefined ? { address: hit.where.address } : {}),
              ...(hit.where.section ? { section: hit.where.section } : {}),
              ...(hit.where.symbol ? { symbol: hit.where.symbol } : {}),
              expired: hit.expired,
              expiresBeforeHorizon,
              ...(hit.selfSignature ? { selfSignature: hit.selfSignature } : {}),
              ...summary,
            })),
            problems,
            ok: failing.length === 0,
          });
          return code;
        }
        const s = ctx.out;
        const out = [
          `${s.bold(`${image} (${result.format}, ${size.toLocaleString('en-US')} bytes)`)}: ${hits.length} certificate(s)\n`,
        ];
        for (const { index, hit, summary, expiresBeforeHorizon } of hits) {
          out.push(certificateBlock(summary, `#${index}`, s));
          const where = [`offset 0x${hit.where.offset.toString(16)}`];
          if (hit.where.address !== undefined) where.push(`address 0x${hit.where.address.toString(16)}`);
          if (hit.where.section) where.push(`section ${hit.where.section}`);
          if (hit.where.symbol) where.push(`symbol ${hit.where.symbol}`);
          out.push(
            `    found    ${hit.where.form} at ${where.join(', ')}${hit.slug ? ` · catalog: ${hit.slug}` : ''}\n`,
          );
          if (hit.selfSignature)
            out.push(
              `    self-signature ${hit.selfSignature === 'invalid' ? s.red('invalid: the bytes were altered') : hit.selfSignature}\n`,
            );
          if (expiresBeforeHorizon)
            out.push(`    ${s.red(`expires before the horizon ${isoSeconds(horizon).slice(0, 10)}`)}\n`);
        }
        for (const p of problems) ctx.io.stderr.write(`${ctx.err.yellow('unreadable part:')} ${p}\n`);
        out.push(
          failing.length
            ? s.red(
                `✗ ${failing.length} certificate(s) expired, expiring before ${isoSeconds(horizon).slice(0, 10)} or damaged\n`,
              )
            : s.green(`✓ every embedded certificate is valid until ${isoSeconds(horizon).slice(0, 10)}\n`),
        );
        ctx.io.stdout.write(out.join(''));
        return code;
      }),
    );
  },
};
