// One line through every detector. Each detector reads only the rules whose keys the line holds
// (keywords.ts), so a line costs a few bit tests plus the patterns that may match.

import type { Mask } from '../keywords.js';
import type { Scan } from '../scan.js';
import { detectAxtls } from './axtls.js';
import { detectBearssl } from './bearssl.js';
import { detectContext } from './context.js';
import { detectGeneric } from './generic.js';
import { detectGo } from './go.js';
import { detectMbedtls } from './mbedtls.js';
import { detectOpenssl } from './openssl.js';
import { detectSdk } from './sdk.js';
import { detectWolfssl } from './wolfssl.js';

/**
 * Reads one line (at most MAX_SCAN_LENGTH characters, `lower` its lower-case form) with key mask
 * `m` into the scan.
 */
export function detectLine(s: Scan, line: string, lower: string, n: number, m: Mask): void {
  detectContext(s, line, lower, n, m);
  detectMbedtls(s, line, lower, n, m);
  detectWolfssl(s, line, lower, n, m);
  detectBearssl(s, line, lower, n, m);
  if (s.likelyStack() !== 'wolfssl') detectAxtls(s, line, lower, n, m);
  detectOpenssl(s, line, lower, n, m);
  detectGo(s, line, lower, n, m);
  detectSdk(s, line, lower, n, m);
  detectGeneric(s, line, lower, n, m);
}
