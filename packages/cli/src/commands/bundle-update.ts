// `hubtrust bundle sign` and `bundle verify`: signed trust-bundle updates for devices in the field
// (format: packages/verify/FORMAT.md). `sign` builds one with @hubtrust/roots'
// createTrustBundleUpdate and a key from a PEM file (WebCrypto, webCryptoSigner); `verify` checks
// one as a device in a given state would, with the library's update verifier — today roots'
// reference verifier (`@hubtrust/roots/node`, node:crypto), to be replaced by @hubtrust/verify's
// wasm export when it lands. A refused update is a typed UpdateRejectedError: exit 1, the
// verifier's code and FORMAT.md number, never a partial result.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { bySha256, createTrustBundleUpdate, UpdateError, updateKeyId } from '@hubtrust/roots';
import {
  derToPem,
  init,
  parseCertificate,
  sha256,
  UPDATE_RESULT_CODES,
  UPDATE_RESULT_MESSAGES,
  verifyUpdate,
} from '@hubtrust/verify';
import type { Command } from 'commander';
import { type CommandContext, examples, writeJson } from '../context.js';
import { CliError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { parseCount, parseDate, readCertificateBytes, readInputFile } from '../inputs.js';
import { hex, readKeyId, readSigner, readTrustedPoint } from '../update-keys.js';
import { UpdateRejectedError } from '../update-rejections.js';

/** Versions of the `bundle sign|verify --json` shapes (schemas/bundle-sign.v1, bundle-verify.v1). */
export const BUNDLE_SIGN_SCHEMA_VERSION = 1;
export const BUNDLE_VERIFY_SCHEMA_VERSION = 1;

/** Default validity of an update: 90 days, a rollout's length (FORMAT.md §Time: weeks, not minutes). */
const DEFAULT_VALID_DAYS = 90;

const collect = (value: string, previous: string[] = []) => [...previous, value];
const isoSeconds = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

interface SignOptions {
  key: string;
  fleet: string;
  device?: string;
  sequence: string;
  notBefore?: string;
  notAfter?: string;
  nextKey?: string;
  revoke?: string[];
  out: string;
  json?: boolean;
}

interface VerifyOptions {
  trustedKey: string[];
  fleet: string;
  device?: string;
  lastSequence: string;
  revoked?: string[];
  at?: string;
  out?: string;
  json?: boolean;
}

/** A root of an update, as the outputs list it. */
function rootJson(der: Uint8Array) {
  const digest = hex(sha256(der));
  const known = bySha256(digest);
  let subject: string | undefined;
  try {
    subject = parseCertificate(der).subject.text;
  } catch {
    // FORMAT.md: verifiers check the outer SEQUENCE only; a root that does not decode is listed by hash.
  }
  return {
    sha256: digest,
    ...(known ? { slug: known.slug } : {}),
    ...(subject !== undefined ? { subject } : {}),
  };
}

function sequenceOf(value: string, option: string, min: number): number {
  const n = parseCount(value, option);
  if (n < min || n > 0xffff_ffff)
    throw new CliError(`${option} ${value} is not ${min} … 4294967295`, EXIT.usage);
  return n;
}

/** Whole seconds (the format's resolution). */
const seconds = (d: Date) => new Date(Math.floor(d.getTime() / 1000) * 1000);

/** Writes `data` to `path` atomically (a temporary file renamed), so a failed run leaves no half file. */
function writeAtomically(path: string, data: string | Uint8Array, what: string): void {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, data);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new CliError(`cannot write ${what} "${path}": ${(error as Error).message}`, EXIT.usage);
  }
}

function registerSign(bundle: Command, ctx: CommandContext): void {
  const sign = bundle
    .command('sign')
    .summary('sign a roots bundle as a trust-bundle update for devices in the field')
    .description(
      'Build a signed trust-bundle update (packages/verify/FORMAT.md: the complete root set, a monotonic sequence, a validity window, the fleet and optionally one device, ECDSA P-256 / SHA-256) from the roots in <bundle> (PEM, DER, certs.c, firmware image), signed with the private key in --key. --next-key rotates the signing key (the next key co-signs); --revoke adds key ids the device must never trust again.',
    )
    .argument(
      '<bundle>',
      'the complete set of roots the device should install (not an ESP-IDF bundle: it keeps no whole certificates)',
    )
    .requiredOption('--key <file>', 'the signing key: P-256 private key PEM (PKCS#8 or SEC1)')
    .requiredOption('--fleet <id>', 'fleet id the update is for (1–64 visible ASCII)')
    .requiredOption(
      '--sequence <n>',
      'sequence number, above the last one the devices installed (1 … 2^32−1)',
    )
    .requiredOption('--out <file>', 'the update file to write (.htbu)')
    .option('--device <id>', 'only this device (an Azure device ID or an AWS thing name)')
    .option('--not-before <date>', 'valid from (default now)')
    .option('--not-after <date>', `valid until (default --not-before + ${DEFAULT_VALID_DAYS} days)`)
    .option('--next-key <file>', 'rotate to this key (its private key PEM: it co-signs)')
    .option(
      '--revoke <keyid|file>',
      'a key id (64 hex) or key file the devices must stop trusting (repeatable)',
      collect,
    )
    .option('--json', 'print the result as JSON (schema: schemas/bundle-sign.v1.schema.json)');
  examples(sign, [
    [
      'hubtrust bundle sign certs.pem --key update-key.pem --fleet contoso-thermostats --sequence 1 --out roots.htbu',
      'sign the roots for the whole fleet, valid 90 days',
    ],
    [
      'openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out update-key.pem',
      'a signing key (keep it offline; pin its public key in the firmware)',
    ],
    [
      'hubtrust bundle sign certs.pem --key k1.pem --next-key k2.pem --fleet f --sequence 2 --out roots.htbu',
      'rotate the signing key from k1 to k2',
    ],
  ]);
  sign.action(
    ctx.action(async (file: string, opts: SignOptions) => {
      const sequence = sequenceOf(opts.sequence, '--sequence', 1);
      const notBefore = seconds(
        opts.notBefore ? parseDate(opts.notBefore, '--not-before', ctx.now) : ctx.now,
      );
      const notAfter = seconds(
        opts.notAfter
          ? parseDate(opts.notAfter, '--not-after', ctx.now)
          : new Date(notBefore.getTime() + DEFAULT_VALID_DAYS * 86_400_000),
      );
      await init();
      const read = readCertificateBytes(readInputFile(file, ctx.io.cwd, 'bundle'), file);
      if (read.certificates.length === 0)
        throw new CliError(
          `${file}: an ESP-IDF bundle keeps only the subject and key of each root, not the certificates an update carries`,
          EXIT.usage,
          'give the roots as PEM, DER or certs.c (hubtrust bundle build writes them)',
        );
      const signer = await readSigner(opts.key, ctx.io.cwd, '--key');
      const nextKeySigner = opts.nextKey
        ? await readSigner(opts.nextKey, ctx.io.cwd, '--next-key')
        : undefined;
      const revokeKeyIds = (opts.revoke ?? []).map((v) => readKeyId(v, ctx.io.cwd, '--revoke'));
      let update: Awaited<ReturnType<typeof createTrustBundleUpdate>>;
      try {
        update = await createTrustBundleUpdate(
          {
            roots: read.certificates,
            sequence,
            notBefore,
            notAfter,
            fleetId: opts.fleet,
            ...(opts.device !== undefined ? { deviceId: opts.device } : {}),
            ...(nextKeySigner ? { nextKeySigner } : {}),
            ...(revokeKeyIds.length ? { revokeKeyIds } : {}),
          },
          signer,
        );
      } catch (error) {
        if (error instanceof UpdateError)
          throw new CliError(
            `cannot build the update: ${error.message}`,
            EXIT.usage,
            'fix the option named above',
          );
        throw error;
      }
      const out = resolve(ctx.io.cwd, opts.out);
      writeAtomically(out, update.bytes, 'the update');
      const result = {
        schemaVersion: BUNDLE_SIGN_SCHEMA_VERSION,
        command: 'bundle sign' as const,
        file: out,
        bytes: update.bytes.length,
        sequence,
        notBefore: isoSeconds(notBefore),
        notAfter: isoSeconds(notAfter),
        fleetId: opts.fleet,
        ...(opts.device !== undefined ? { deviceId: opts.device } : {}),
        signerKeyId: hex(update.signerKeyId),
        signerPublicKey: hex(signer.publicKey),
        ...(nextKeySigner ? { nextKeyId: hex(updateKeyId(nextKeySigner.publicKey)) } : {}),
        revoke: revokeKeyIds.map(hex),
        roots: read.certificates
          .map(rootJson)
          .sort((a, b) => update.roots.indexOf(a.sha256) - update.roots.indexOf(b.sha256)),
      };
      if (opts.json) {
        writeJson(ctx.io, result);
        return EXIT.ok;
      }
      const s = ctx.out;
      const lines = [
        `${s.bold('signed update')} ${out}: ${result.bytes.toLocaleString('en-US')} bytes, sequence ${sequence}, ${result.notBefore} → ${result.notAfter}, fleet ${opts.fleet}${opts.device ? `, device ${opts.device}` : ''}`,
        `  signed by key ${result.signerKeyId}${result.nextKeyId ? `; rotates to ${result.nextKeyId}` : ''}`,
        ...result.revoke.map((id) => `  revokes ${id}`),
        ...result.roots.map((r) => `  root ${r.slug ?? r.subject ?? '?'}  sha256 ${r.sha256.slice(0, 16)}…`),
        s.dim(
          `  devices check it with the public key ${result.signerPublicKey.slice(0, 16)}… (hubtrust bundle verify)`,
        ),
      ];
      ctx.io.stdout.write(`${lines.join('\n')}\n`);
      return EXIT.ok;
    }),
  );
}

function registerVerify(bundle: Command, ctx: CommandContext): void {
  const verify = bundle
    .command('verify')
    .summary('check a signed trust-bundle update as a device would; a tampered one is refused (exit 1)')
    .description(
      "Check a signed trust-bundle update exactly as a device in the given state would (packages/verify/FORMAT.md, every check in its order): the keys it trusts (--trusted-key), the revoked key ids it keeps, the last sequence it installed, its fleet and device id and its clock (--at). Accepted: exit 0, the roots and the device's next state (--out writes the roots as PEM). Refused: exit 1 with the verifier's code (BAD_SIGNATURE, ROLLBACK, WRONG_FLEET, EXPIRED, …). Verifier: @hubtrust/roots' reference verifier until @hubtrust/verify's wasm export lands.",
    )
    .argument('<update>', 'the update file (.htbu)')
    .requiredOption(
      '--trusted-key <file>',
      'a key the device trusts: public key PEM, private key PEM or the raw 65-byte point (repeatable, 1–4)',
      collect,
    )
    .requiredOption('--fleet <id>', "the device's fleet id")
    .option('--device <id>', "the device's id (an Azure device ID or an AWS thing name)")
    .option('--last-sequence <n>', 'the sequence of the last update the device installed', '0')
    .option(
      '--revoked <keyid|file>',
      'a key id (64 hex) or key file the device has revoked (repeatable)',
      collect,
    )
    .option('--at <date>', "the device's time (default now)")
    .option('--out <file>', 'write the roots of an accepted update as PEM')
    .option('--json', 'print the result as JSON (schema: schemas/bundle-verify.v1.schema.json)');
  examples(verify, [
    [
      'hubtrust bundle verify roots.htbu --trusted-key update-key.pub.pem --fleet contoso-thermostats',
      'would a device of the fleet install it?',
    ],
    [
      'hubtrust bundle verify roots.htbu --trusted-key k.pem --fleet f --last-sequence 7 --out roots.pem',
      'a device that installed update 7; write the roots',
    ],
  ]);
  verify.action(
    ctx.action(async (file: string, opts: VerifyOptions) => {
      const at = opts.at ? parseDate(opts.at, '--at', ctx.now) : ctx.now;
      const lastSequence = sequenceOf(opts.lastSequence, '--last-sequence', 0);
      // Bounded like every input; anything over the format's 32 KiB is the verifier's TOO_LARGE.
      const bytes = readInputFile(file, ctx.io.cwd, 'update');
      const encoder = new TextEncoder();
      const state = {
        fleetId: encoder.encode(opts.fleet),
        ...(opts.device !== undefined ? { deviceId: encoder.encode(opts.device) } : {}),
        trustedKeys: opts.trustedKey.map((k) => readTrustedPoint(k, ctx.io.cwd, '--trusted-key')),
        revokedKeyIds: (opts.revoked ?? []).map((v) => readKeyId(v, ctx.io.cwd, '--revoked')),
        lastSequence,
      };
      await init();
      const verdict = verifyUpdate(bytes, state, at);
      const base = {
        schemaVersion: BUNDLE_VERIFY_SCHEMA_VERSION,
        command: 'bundle verify' as const,
        file: resolve(ctx.io.cwd, file),
        verifier: 'verify-wasm' as const,
        at: isoSeconds(seconds(at)),
      };
      if (!verdict.ok) {
        const number = UPDATE_RESULT_CODES.indexOf(verdict.error);
        if (opts.json) {
          writeJson(ctx.io, {
            ...base,
            accepted: false,
            rejection: { code: verdict.error, number, meaning: UPDATE_RESULT_MESSAGES[verdict.error] },
          });
          return EXIT.checkFailed;
        }
        throw new UpdateRejectedError(file, verdict.error, number);
      }
      const roots = verdict.roots.map(rootJson);
      if (opts.out) {
        const pem = verdict.roots.map((der) => derToPem(der)).join('');
        writeAtomically(resolve(ctx.io.cwd, opts.out), pem, 'the roots');
      }
      const next = {
        lastSequence: verdict.state.lastSequence,
        trustedKeyIds: verdict.state.trustedKeys.map((k) => hex(updateKeyId(k))),
        revokedKeyIds: verdict.state.revokedKeyIds.map(hex),
      };
      if (opts.json) {
        writeJson(ctx.io, { ...base, accepted: true, sequence: verdict.sequence, roots, state: next });
        return EXIT.ok;
      }
      const s = ctx.out;
      const lines = [
        s.green(`✓ ${file} accepted: sequence ${verdict.sequence}, ${roots.length} root(s)`),
        ...roots.map((r) => `  root ${r.slug ?? r.subject ?? '?'}  sha256 ${r.sha256.slice(0, 16)}…`),
        `  next state: last sequence ${next.lastSequence}; trusted keys ${next.trustedKeyIds.map((id) => id.slice(0, 16)).join(', ')}…${next.revokedKeyIds.length ? `; revoked ${next.revokedKeyIds.length}` : ''}`,
        ...(opts.out ? [`  ${s.dim('wrote')} ${resolve(ctx.io.cwd, opts.out)}`] : []),
      ];
      ctx.io.stdout.write(`${lines.join('\n')}\n`);
      return EXIT.ok;
    }),
  );
}

/** Registers `bundle sign` and `bundle verify` on the `bundle` command. */
export function registerBundleUpdates(bundle: Command, ctx: CommandContext): void {
  registerSign(bundle, ctx);
  registerVerify(bundle, ctx);
}
