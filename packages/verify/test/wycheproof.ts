// Wycheproof signature test vectors (test-data/wycheproof/, see its README): the shape of one
// vector and the loader shared by the RSA, ECDSA, Ed25519 and verifySignature suites. Node only;
// not part of the published API.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** The directory of the committed (gzipped) Wycheproof files. */
export const WYCHEPROOF_DIR = new URL('../test-data/wycheproof/', import.meta.url);

/** One vector of a signature-verification file. */
export interface WycheproofTest {
  tcId: number;
  comment: string;
  flags: string[];
  msg: string;
  sig: string;
  result: 'valid' | 'invalid' | 'acceptable';
}

/**
 * A test group of the files with the key as SubjectPublicKeyInfo DER (`publicKeyDer`): RSA
 * PKCS#1 v1.5 and PSS, ECDSA with DER signatures, Ed25519.
 */
export interface WycheproofSpkiGroup {
  type: string;
  publicKeyDer: string;
  sha?: string;
  mgfSha?: string;
  sLen?: number;
  tests: WycheproofTest[];
}

/** A Wycheproof file whose test groups have the shape G. */
export interface WycheproofFile<G> {
  numberOfTests: number;
  testGroups: G[];
}

/** Reads and parses the gzipped file `name` (e.g. `'ed25519_test.json.gz'`) of WYCHEPROOF_DIR. */
export function loadWycheproof<G>(name: string): WycheproofFile<G> {
  return JSON.parse(gunzipSync(readFileSync(new URL(name, WYCHEPROOF_DIR))).toString('utf8'));
}
