// Differential test driver: random (key, message, signature) triples, half of them corrupted,
// verified by node:crypto (OpenSSL) and by the rsaVerify* exports of verify.wasm; the verdicts
// must be identical. Used by src/rsa-pkcs1.differential.test.ts and src/rsa-pss.differential.test.ts.
import crypto, { type KeyObject } from 'node:crypto';
import {
  digestOf,
  ERR,
  HASH_IDS,
  loadTestKeys,
  NODE_HASH,
  prng,
  type RsaAbi,
  type RsaCacheProbes,
  rsaVerifyRaw,
  type TestKey,
} from './rsa-abi.js';

const HASHES = ['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'] as const;
const H_LEN = { 'SHA-1': 20, 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 } as const;

/** Outcome of one differential run. */
export interface DifferentialResult {
  triples: number;
  validByNode: number;
  corruptions: Record<'signature' | 'message' | 'modulus' | 'exponent', number>;
  mismatches: string[];
}

/** Picks a key: smaller keys more often (signing a 4096-bit key costs ~30x a 1024-bit one). */
function pickKey(keys: TestKey[], rnd: () => number): TestKey {
  const weight = (k: TestKey) => (k.bits <= 1025 ? 4 : k.bits <= 2049 ? 3 : k.bits <= 3072 ? 1.2 : 1);
  const total = keys.reduce((s, k) => s + weight(k), 0);
  let x = rnd() * total;
  for (const k of keys) {
    x -= weight(k);
    if (x < 0) return k;
  }
  return keys[keys.length - 1] as TestKey;
}

function flipBit(b: Uint8Array, rnd: () => number): Uint8Array {
  const out = b.slice();
  const i = Math.floor(rnd() * out.length * 8);
  out[i >> 3] = (out[i >> 3] ?? 0) ^ (1 << (i & 7));
  return out;
}

function nodeVerify(
  pss: boolean,
  hash: (typeof HASHES)[number],
  key: KeyObject,
  msg: Uint8Array,
  sig: Uint8Array,
  saltLen: number,
): boolean {
  try {
    const options = pss ? { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: saltLen } : key;
    return crypto.verify(NODE_HASH[hash], msg, options, sig);
  } catch {
    return false; // OpenSSL refuses the key (e.g. an even modulus after a flip): not valid
  }
}

/**
 * Runs `count` triples over the committed test keys of 1024 to 4096 bits (count/2 freshly signed,
 * count/2 a copy of the previous one with one bit flipped in the signature, message, modulus or
 * exponent).
 *
 * Every triple is verified on every given build (the portable and the SIMD test build: one
 * signing pass for both) three times in a row, with the RSA key cache emptied (through the test
 * build's probes) before every third triple: the first call meets the key cold (a miss) or as the
 * run left it, the second computes the PKCS#1 constants (same key, exponent and hash again), the
 * third uses them; all verdicts must be the same.
 */
export function runDifferential(
  builds: readonly (RsaAbi & RsaCacheProbes)[],
  pss: boolean,
  count: number,
  seed: number,
): DifferentialResult {
  const keys = loadTestKeys().filter((k) => k.bits >= 1024 && k.bits <= 4096);
  const rnd = prng(seed);
  const result: DifferentialResult = {
    triples: 0,
    validByNode: 0,
    corruptions: { signature: 0, message: 0, modulus: 0, exponent: 0 },
    mismatches: [],
  };
  let last:
    | { key: TestKey; hash: (typeof HASHES)[number]; msg: Uint8Array; sig: Uint8Array; saltLen: number }
    | undefined;
  for (let i = 0; i < count; i++) {
    let key: TestKey;
    let hash: (typeof HASHES)[number];
    let msg: Uint8Array;
    let sig: Uint8Array;
    let saltLen = 0;
    let n: Uint8Array;
    let e: Uint8Array;
    let nodeKey: KeyObject;
    let what = 'fresh';
    if (i % 2 === 0 || last === undefined) {
      key = pickKey(keys, rnd);
      hash = HASHES[Math.floor(rnd() * HASHES.length)] as (typeof HASHES)[number];
      msg = crypto.randomBytes(Math.floor(rnd() * 100));
      if (pss) {
        // Salt lengths 0, hLen and random ones up to the largest that fits (emLen - hLen - 2).
        const emLen = Math.ceil((key.bits - 1) / 8);
        const maxSalt = emLen - H_LEN[hash] - 2;
        const r = rnd();
        saltLen = r < 0.2 ? 0 : r < 0.6 ? Math.min(H_LEN[hash], maxSalt) : Math.floor(rnd() * (maxSalt + 1));
        sig = crypto.sign(NODE_HASH[hash], msg, {
          key: key.privateKey,
          padding: crypto.constants.RSA_PKCS1_PSS_PADDING,
          saltLength: saltLen,
        });
      } else sig = crypto.sign(NODE_HASH[hash], msg, key.privateKey);
      sig = new Uint8Array(sig);
      last = { key, hash, msg, sig, saltLen };
      n = key.nBytes;
      e = key.eBytes;
      nodeKey = key.publicKey;
    } else {
      ({ key, hash, msg, sig, saltLen } = last);
      n = key.nBytes;
      e = key.eBytes;
      nodeKey = key.publicKey;
      const r = rnd();
      if (r < 0.4) {
        what = 'signature';
        sig = flipBit(sig, rnd);
      } else if (r < 0.7) {
        what = 'message';
        msg = msg.length === 0 ? new Uint8Array([0]) : flipBit(msg, rnd);
      } else {
        what = r < 0.9 ? 'modulus' : 'exponent';
        if (what === 'modulus') n = flipBit(n, rnd);
        else e = flipBit(e, rnd);
        try {
          nodeKey = crypto.createPublicKey({
            key: {
              kty: 'RSA',
              n: Buffer.from(n).toString('base64url'),
              e: Buffer.from(e).toString('base64url'),
            },
            format: 'jwk',
          });
        } catch {
          nodeKey = undefined as unknown as KeyObject; // node refuses the key: verdict false
        }
      }
      result.corruptions[what as keyof DifferentialResult['corruptions']]++;
    }
    const theirs = nodeKey !== undefined && nodeVerify(pss, hash, nodeKey, msg, sig, saltLen);
    const request = {
      n,
      e,
      hash: HASH_IDS[hash] ?? 0,
      digest: digestOf(hash, msg),
      sig,
      ...(pss ? { pss: { mgf1Hash: HASH_IDS[hash] ?? 0, saltLen } } : {}),
    };
    const codes: number[] = [];
    for (const w of builds) {
      if (i % 3 === 0) w.keyCacheReset();
      codes.push(rsaVerifyRaw(w, request), rsaVerifyRaw(w, request), rsaVerifyRaw(w, request));
    }
    const code = codes[0] as number;
    if (codes.some((c) => c !== code)) {
      result.mismatches.push(
        `#${i} seed ${seed} ${key.bits}-bit ${hash} ${what}: builds and cache states gave ${codes}`,
      );
    }
    const ours = code === ERR.OK;
    result.triples++;
    if (theirs) result.validByNode++;
    if (ours !== theirs) {
      result.mismatches.push(
        `#${i} seed ${seed} ${key.bits}-bit e=${key.e} ${hash} salt ${saltLen} ${what}: ours ${code}, node ${theirs}`,
      );
    }
  }
  return result;
}
