// The shape of an explanation: what `explainLog` returns, what the CLI prints with --json and what
// the HIL harness records. Bump SCHEMA_VERSION when a field changes meaning or disappears.

import type { HandshakeCause } from '@hubtrust/roots';

/** Version of the {@link Explanation} object layout. */
export const SCHEMA_VERSION = 1;

/** The TLS library (or, when it hides the library, the client) that printed the decisive line. */
export type StackId =
  | 'mbedtls'
  | 'wolfssl'
  | 'bearssl'
  | 'axtls'
  | 'openssl'
  | 'go'
  | 'azure-iot-c'
  | 'aws-iot-c'
  | 'coremqtt'
  | 'esp-tls'
  | 'unknown';

/** How sure the classifier is: `high` = a specific code or message; `low` = inferred from context. */
export type Confidence = 'high' | 'medium' | 'low';

/** A stack error code, decoded from the stack's own tables. */
export interface DecodedCode {
  /** The number as the log printed it (`-0x2700`, `-188`, `54`). */
  readonly raw: string;
  /** The numeric value. */
  readonly value: number;
  /** Symbolic name(s): for a composite mbedTLS code the high-level and the low-level part. */
  readonly names: readonly string[];
  /** The stack's own description of each part. */
  readonly texts: readonly string[];
}

/** A decoded verify-result bit mask (mbedTLS `MBEDTLS_X509_BADCERT_*`). */
export interface DecodedFlags {
  readonly value: number;
  readonly names: readonly string[];
  readonly texts: readonly string[];
}

/** One line of the log that supports the explanation. */
export interface Evidence {
  /** 1-based line number in the input. */
  readonly line: number;
  /** The line as read (ANSI codes and control characters removed, cut at 300 characters). */
  readonly text: string;
  /** What the line says, in the classifier's words. */
  readonly note: string;
}

/** The answer for one log. */
export interface Explanation {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  /** The root cause, from the shared vocabulary of `@hubtrust/roots`. */
  readonly cause: HandshakeCause;
  /** A short identifier of what exactly failed (`MBEDTLS_X509_BADCERT_NOT_TRUSTED`, `record_too_large`, ...). */
  readonly detail: string;
  readonly stack: StackId;
  readonly code: DecodedCode | null;
  readonly flags: DecodedFlags | null;
  /** The lines that prove the cause (the decisive line, those agreeing with it, then context), in log order. */
  readonly evidence: readonly Evidence[];
  /** What to do, naming roots, formats, buffer sizes or the SNTP step where the log allows. */
  readonly remedy: string;
  readonly confidence: Confidence;
  /** The host the device connected to, when the log shows it. */
  readonly host: string | null;
  /** Lines read, lines cut at the line-length limit, bytes that were not valid text. */
  readonly input: { readonly lines: number; readonly cutLines: number; readonly binaryBytes: number };
}
