// The `<file|host:port>` argument of inspect and verify: certificates from a file, or the chain
// a TLS server sends. One function so both commands accept the same things and say the same
// things about them.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RootsFileFormat } from '@hubtrust/roots';
import type { CommandContext } from './context.js';
import { CliError } from './errors.js';
import {
  type CertificateFile,
  parseDuration,
  parseHostPort,
  readCertificateBytes,
  readInputFile,
} from './inputs.js';
import { type FetchedChain, fetchServerChain } from './tls/fetch-chain.js';

/** Where certificates came from (the `source` object of the JSON outputs). */
export type ChainSource =
  | { kind: 'file'; path: string; format: RootsFileFormat }
  | {
      kind: 'server';
      host: string;
      port: number;
      servername: string | null;
      protocol: string;
      cipher: string;
      /** `wire`: as sent; `node`: node's re-ordered view (see `note`). */
      chainFrom: 'wire' | 'node';
      certificateMessageBytes: number | null;
      handshakeMs: number;
      note: string | null;
    };

/** The certificates of a target, leaf first, and where they came from. */
export interface LoadedChain {
  certificates: Uint8Array[];
  /** Files: where each certificate was found, its catalog slug, ESP bundle anchors, read problems. */
  file?: CertificateFile;
  source: ChainSource;
  /** One line for humans: `chain.pem (PEM)` or `host:8883 (SNI host) over TLSv1.3`. */
  description: string;
  /** The host name the chain should be valid for, when the target is a server. */
  servername?: string;
}

/** Options of {@link loadChain}: the command's `--servername` and `--timeout` as typed. */
export interface ChainTargetOptions {
  servername?: string;
  timeout: string;
}

/** Largest chain or bundle file read (see MAX_INPUT_BYTES); `inspect` passes the image limit. */
export interface ChainLimits {
  maxBytes?: number;
}

function fromServer(
  fetched: FetchedChain,
  host: string,
  port: number,
  servername: string | undefined,
): LoadedChain {
  const sni = servername ?? null;
  const chain: LoadedChain = {
    certificates: fetched.certificates,
    source: {
      kind: 'server',
      host,
      port,
      servername: sni,
      protocol: fetched.protocol,
      cipher: fetched.cipher,
      chainFrom: fetched.source,
      certificateMessageBytes: fetched.certificateMessageBytes ?? null,
      handshakeMs: fetched.handshakeMs,
      note: fetched.note ?? null,
    },
    description: `${host}:${port}${sni ? ` (SNI ${sni})` : ' (no SNI)'} over ${fetched.protocol}, ${fetched.cipher}${
      fetched.certificateMessageBytes
        ? `, Certificate message ${fetched.certificateMessageBytes.toLocaleString('en-US')} bytes`
        : ''
    }`,
  };
  if (servername !== undefined) chain.servername = servername;
  return chain;
}

/**
 * Loads the certificates `target` names: an existing file (PEM or DER), else `host:port`.
 * @throws CliError exit 2 for a missing/unreadable/non-certificate file or an unusable host,
 *   exit 3 on timeout; InterruptedError on Ctrl-C
 */
export async function loadChain(
  target: string,
  options: ChainTargetOptions,
  ctx: CommandContext,
  limits: ChainLimits = {},
): Promise<LoadedChain> {
  const timeoutMs = parseDuration(options.timeout, '--timeout');
  const isFile = existsSync(resolve(ctx.io.cwd, target));
  const server = isFile ? undefined : parseHostPort(target, options.servername);
  if (!server) {
    if (options.servername !== undefined && !isFile)
      throw new CliError(
        `"${target}" is not host:port`,
        2,
        'give host:port (e.g. myhub.azure-devices.net:8883) with --servername',
      );
    const bytes = readInputFile(target, ctx.io.cwd, 'file', limits.maxBytes);
    const file = readCertificateBytes(bytes, target);
    return {
      certificates: file.certificates,
      file,
      source: { kind: 'file', path: target, format: file.format },
      description: `${target} (${file.format})`,
    };
  }
  // An IP address without --servername sends no SNI, as a device configured with an IP would.
  const fetched = await fetchServerChain(server, { timeoutMs, signal: ctx.io.signal });
  if (fetched.certificates.length === 0)
    throw new CliError(
      `${target} sent no certificate`,
      1,
      'the server is misconfigured: it must send its chain',
    );
  return fromServer(fetched, server.host, server.port, server.servername);
}
