#!/usr/bin/env node
// Generates the specialised field arithmetic and the precomputed generator tables of P-256 and
// P-384 (assembly/crypto/p256-*.generated.ts, p384-*.generated.ts), and the constants, G table and
// rolled-code description of P-521 (p521-*.generated.ts, ec-field-small.generated.ts). Run after
// changing it:
//   node scripts/gen-ec.mjs           writes the files
//   node scripts/gen-ec.mjs --check   exits 1 if a committed file differs from what it would write
//
// Representation (see assembly/crypto/ec-field.ts for the bounds every operation keeps):
// a field element is `limbs` signed 64-bit words in linear memory, value = sum(l[i] * 2^(radix*i)),
// radix 29 (9 limbs, 261 bits) for P-256, radix 28 (14 limbs, 392 bits) for P-384 and radix 28
// (19 limbs, 532 bits) for P-521. The spare
// bits let column sums of 29x29-bit products accumulate in i64 without carries (wasm has no
// 64x64->128 multiply), so a product costs one i64.mul and one i64.add.
// Multiplication is Montgomery with R = 2^(radix*limbs). Both primes are -1 mod 2^radix, so the
// Montgomery digit is simply the low `radix` bits of the column, and adding m*p is four shifted
// adds because p is a sparse sum of powers of two (the Solinas form); measured faster in V8 than
// 32-bit saturated limbs with the NIST reduction (35 ns vs 43 ns per P-256 multiplication).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'assembly', 'crypto');

// Curve parameters: FIPS 186-5 / SP 800-186 section 3.2.1.3 (P-256) and 3.2.1.4 (P-384).
const CURVES = [
  {
    id: 'p256',
    NAME: 'P256',
    title: 'P-256',
    limbs: 9,
    radix: 29,
    gWindow: 6,
    // Fixed-base comb (ec-comb.ts): signed digits of combWindow bits, combDigits of them per
    // sub-table (a span of combWindow * combDigits bits), so a multiplication takes
    // (combDigits - 1) * combWindow doublings and one mixed addition per nonzero digit.
    combWindow: 5,
    combDigits: 13,
    // p = 2^256 - 2^224 + 2^192 + 2^96 - 1, as [bit, sign] terms.
    pTerms: [
      [256, 1],
      [224, -1],
      [192, 1],
      [96, 1],
      [0, -1],
    ],
    n: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
    b: 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn,
    gx: 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n,
    gy: 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n,
  },
  {
    id: 'p384',
    NAME: 'P384',
    title: 'P-384',
    limbs: 14,
    radix: 28,
    gWindow: 6,
    combWindow: 5,
    combDigits: 20,
    // p = 2^384 - 2^128 - 2^96 + 2^32 - 1.
    pTerms: [
      [384, 1],
      [128, -1],
      [96, -1],
      [32, 1],
      [0, -1],
    ],
    n: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
    b: 0xb3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aefn,
    gx: 0xaa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7n,
    gy: 0x3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5fn,
  },
  {
    // FIPS 186-5 / SP 800-186 section 3.2.1.5. p = 2^521 - 1 is a Mersenne prime: -1 mod 2^radix,
    // so the Montgomery digit is the column's low bits and m p adds one shifted term; 2^521 = 1
    // (mod p), so the fold adds q to limb 0. Compact only (`rolled`): no unrolled code, no comb
    // (ec-field-small.ts runs it in every build that has it), a small wNAF table of G: verify.wasm
    // has 96 KiB for everything (README "ECDSA").
    id: 'p521',
    NAME: 'P521',
    title: 'P-521',
    limbs: 19,
    radix: 28,
    gWindow: 4,
    rolled: true,
    pTerms: [
      [521, 1],
      [0, -1],
    ],
    n: 0x1fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409n,
    b: 0x51953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00n,
    gx: 0xc6858e06b70404e9cd9e3ecb662395b4429c648139053fb521f828af606b4d3dbaa14b5e77efe75928fe1dc127a2ffa8de3348b3c1856a429bf97e7e31c2e5bd66n,
    gy: 0x11839296a789a3bc0045c8a5fb42c7d1bd998f54449579b446817afbd17273e662c97ee72995ef42640c550b9013fad0761353c7086a272c24088be94769fd16650n,
  },
];

const hex = (v) => `0x${v.toString(16)}`;
const mod = (a, m) => ((a % m) + m) % m;
function modInv(a, m) {
  let [x, y, u, v] = [mod(a, m), m, 1n, 0n];
  while (x !== 0n) {
    const q = y / x;
    [x, y] = [y - q * x, x];
    [u, v] = [v - q * u, u];
  }
  if (y !== 1n) throw new Error('not invertible');
  return mod(v, m);
}
function toLimbs(v, c) {
  const out = [];
  for (let i = 0; i < c.limbs; i++) {
    out.push(v & ((1n << BigInt(c.radix)) - 1n));
    v >>= BigInt(c.radix);
  }
  if (v !== 0n) throw new Error('value does not fit the limbs');
  return out;
}
const toBytes = (v, len) => {
  const out = [];
  for (let i = len - 1; i >= 0; i--) out.push(Number((v >> BigInt(8 * i)) & 0xffn));
  return out;
};

// Affine arithmetic on y^2 = x^3 - 3x + b (for the tables only; null is the point at infinity).
function affineAdd(P, Q, p) {
  if (P === null) return Q;
  if (Q === null) return P;
  let l;
  if (P[0] === Q[0]) {
    if (mod(P[1] + Q[1], p) === 0n) return null;
    l = mod((3n * P[0] * P[0] - 3n) * modInv(2n * P[1], p), p);
  } else l = mod((Q[1] - P[1]) * modInv(Q[0] - P[0], p), p);
  const x = mod(l * l - P[0] - Q[0], p);
  return [x, mod(l * (P[0] - x) - P[1], p)];
}

function derive(c) {
  c.p = c.pTerms.reduce((s, [bit, sign]) => s + BigInt(sign) * (1n << BigInt(bit)), 0n);
  c.bits = c.pTerms[0][0];
  c.bytes = Math.ceil(c.bits / 8);
  c.R = 1n << BigInt(c.radix * c.limbs);
  c.M = hex((1n << BigInt(c.radix)) - 1n);
  if (mod(c.p + 1n, 1n << BigInt(c.radix)) !== 0n) throw new Error('p must be -1 mod 2^radix');
  if (mod(c.gy * c.gy - (c.gx * c.gx * c.gx - 3n * c.gx + c.b), c.p) !== 0n)
    throw new Error('G not on curve');
  if (c.p % 4n !== 3n) throw new Error('square roots assume p = 3 mod 4');
  // 2^bits mod p = 2^bits - p, as terms (used to fold bits above 2^bits back in).
  c.foldTerms = c.pTerms.slice(1).map(([bit, sign]) => [bit, -sign]);
  // Montgomery: t + m*p*2^(radix*k) with m = t_k mod 2^radix; the -m cancels the low bits of
  // column k, the other terms are shifted adds into higher columns.
  c.montTerms = c.pTerms.filter(([bit]) => bit !== 0);
  // Fold bound checks: the generated code relies on these positions being distinct limbs.
  const top = c.limbs - 1;
  c.topShift = c.bits - c.radix * top;
  if (c.topShift <= 0 || c.topShift >= c.radix) throw new Error('bits must end inside the top limb');
  return c;
}

function termAt(c, bit, sign, v) {
  const limb = Math.floor(bit / c.radix);
  const sh = bit % c.radix;
  const e = sh ? `(${v} << ${sh})` : v;
  return { limb, text: sign > 0 ? `+ ${e}` : `- ${e}` };
}

// Field multiplication / squaring: product scanning interleaved with the Montgomery reduction.
function genMul(c, sqr) {
  const n = c.limbs;
  const L = [];
  const name = `${c.id}${sqr ? 'Sqr' : 'Mul'}`;
  L.push(
    sqr
      ? `/** r = a^2 / 2^${c.radix * n} mod p (Montgomery squaring; bounds in ec-field.ts). r may alias a. */`
      : `/** r = a * b / 2^${c.radix * n} mod p (Montgomery multiplication; bounds in ec-field.ts). r may alias a or b. */`,
  );
  L.push(`export function ${name}(r: usize, a: usize${sqr ? '' : ', b: usize'}): void {`);
  for (let i = 0; i < n; i++) L.push(`  const a${i} = load<i64>(a, ${8 * i});`);
  if (sqr) for (let i = 0; i < n - 1; i++) L.push(`  const d${i} = a${i} << 1;`);
  else for (let i = 0; i < n; i++) L.push(`  const b${i} = load<i64>(b, ${8 * i});`);
  const pending = Array.from({ length: 2 * n }, () => []);
  L.push('  let t: i64;');
  for (let k = 0; k <= 2 * n - 2; k++) {
    const parts = [];
    if (sqr) {
      for (let i = 0; i < n; i++) {
        const j = k - i;
        if (j > i && j < n) parts.push(`d${i} * a${j}`);
      }
      if (k % 2 === 0) parts.push(`a${k / 2} * a${k / 2}`);
    } else {
      for (let i = 0; i < n; i++) {
        const j = k - i;
        if (j >= 0 && j < n) parts.push(`a${i} * b${j}`);
      }
    }
    // The carry from the previous column comes last: the products and the pending reduction
    // terms do not depend on it, so only one add and one shift per column sit on the carry chain.
    let line = `  t = ${parts.join(' + ')}`;
    for (const p of pending[k]) line += ` ${p}`;
    L.push(`${line}${k === 0 ? '' : ' + c'};`);
    const c0 = k === 0 ? 'let c' : 'c';
    if (k < n) {
      L.push(`  const m${k} = t & ${c.M};`);
      L.push(`  ${c0} = t >> ${c.radix};`);
      for (const [bit, sign] of c.montTerms) {
        const { limb, text } = termAt(c, bit, sign, `m${k}`);
        if (k + limb > 2 * n - 2) throw new Error('Montgomery term beyond the product');
        pending[k + limb].push(text);
      }
    } else {
      L.push(`  store<i64>(r, t & ${c.M}, ${8 * (k - n)});`);
      L.push(`  c = t >> ${c.radix};`);
    }
  }
  L.push(`  store<i64>(r, c, ${8 * (n - 1)});`);
  L.push('}');
  return L.join('\n');
}

// Emits columns exprs[0..n-1] with one parallel carry step (no carry chain): limb i keeps the low
// radix bits of its column plus the carry out of column i - 1. Then the bits above 2^bits
// (q) are folded back using 2^bits = foldTerms (mod p), and the limbs are stored into r. The inputs of add/sub/mulSmall
// are bounded, so carries are a few units and the result stays weakly reduced; the short
// dependency chains matter because these run a dozen times per point doubling.
function genParallelFold(c, exprs, L) {
  const n = c.limbs;
  for (let i = 0; i < n; i++) L.push(`  const t${i} = ${exprs[i]};`);
  for (let i = 0; i < n - 1; i++)
    L.push(`  let l${i} = (t${i} & ${c.M})${i ? ` + (t${i - 1} >> ${c.radix})` : ''};`);
  L.push(`  const top = t${n - 1} + (t${n - 2} >> ${c.radix});`);
  L.push(`  const q = top >> ${c.topShift};`);
  L.push(`  let l${n - 1} = top & ${hex((1n << BigInt(c.topShift)) - 1n)};`);
  for (const [bit, sign] of c.foldTerms) {
    const { limb, text } = termAt(c, bit, sign, 'q');
    L.push(`  l${limb} = l${limb} ${text};`);
  }
  for (let i = 0; i < n; i++) L.push(`  store<i64>(r, l${i}, ${8 * i});`);
}

/**
 * Limbs of 4p "with borrows": limbs 0..n-2 in [2^(radix+1), 2^(radix+2)), the top limb whatever
 * remains. Added to every column of add/sub/mulSmall, it keeps each column nonnegative for any
 * weak inputs (their limbs are above -2^(radix+1) / 8 and below 2^(radix+1)), so the parallel
 * carries are nonnegative and so is the value left after the fold.
 */
function offsetLimbs(c) {
  const d = toLimbs(4n * c.p, c);
  const lo = 1n << BigInt(c.radix + 1);
  for (let i = 0; i < c.limbs - 1; i++) {
    while (d[i] < lo) {
      d[i] += 1n << BigInt(c.radix);
      d[i + 1] -= 1n;
    }
  }
  const top = d[c.limbs - 1];
  // The top column must stay nonnegative for a - b too: b's top limb is below 2^(topShift + 1).
  if (top < 1n << BigInt(c.topShift + 1)) throw new Error('offset top limb too small');
  if (d.reduce((v, l, i) => v + (l << BigInt(c.radix * i)), 0n) !== 4n * c.p) throw new Error('offset != 4p');
  return d;
}

function genAddSub(c) {
  const n = c.limbs;
  const out = [];
  const D = offsetLimbs(c);
  const ops = [
    [
      'Add',
      'r = a + b + 4p',
      'r: usize, a: usize, b: usize',
      (i) => `load<i64>(a, ${8 * i}) + load<i64>(b, ${8 * i})`,
    ],
    [
      'Sub',
      'r = a - b + 4p',
      'r: usize, a: usize, b: usize',
      (i) => `load<i64>(a, ${8 * i}) - load<i64>(b, ${8 * i})`,
    ],
    [
      'Lin',
      'r = ka a - kb b + (max(kb, 0) + 1) 4p for 0 <= ka <= 9 and -8 <= kb <= 8',
      'r: usize, a: usize, ka: i64, b: usize, kb: i64',
      (i) => `load<i64>(a, ${8 * i}) * ka - load<i64>(b, ${8 * i}) * kb`,
    ],
  ];
  for (const [name, what, params, expr] of ops) {
    const L = [`/** ${what}, weakly reduced (bounds in ec-field.ts). r may alias the inputs. */`];
    L.push(`export function ${c.id}${name}(${params}): void {`);
    // Lin scales the offset with kb so every column stays nonnegative.
    const scale = name === 'Lin' ? ' * f' : '';
    if (scale) L.push('  const f: i64 = (kb > 0 ? kb : 0) + 1;');
    genParallelFold(
      c,
      Array.from({ length: n }, (_, i) => `${expr(i)} + ${hex(D[i])}${scale}`),
      L,
    );
    L.push('}');
    out.push(L.join('\n'));
  }
  return out.join('\n\n');
}

const dataU8 = (name, doc, bytes, prefix = '') =>
  `/** ${doc} */\n${prefix}export const ${name}: usize = memory.data<u8>([${bytes.map((b) => hex(BigInt(b))).join(', ')}]);`;
/** A rolled curve's data is laid out only in builds that select the curve (build-options.ts). */
const lazy = (c) => (c.rolled ? '@lazy ' : '');

function genField(c) {
  const R = c.R;
  const parts = [
    `// Generated by scripts/gen-ec.mjs: ${c.title} field arithmetic, radix 2^${c.radix} x ${c.limbs} limbs,`,
    `// Montgomery R = 2^${c.radix * c.limbs}. Do not edit; see the script for the representation.`,
    '',
    `/** Number of limbs of a ${c.title} field element or scalar. */`,
    `export const ${c.NAME}_LIMBS: i32 = ${c.limbs};`,
    `/** Bits per limb. */`,
    `export const ${c.NAME}_RADIX: i32 = ${c.radix};`,
    `/** Bytes of a field element or scalar (SEC1 encoding). */`,
    `export const ${c.NAME}_BYTES: i32 = ${c.bytes};`,
    '/**',
    ' * Limb constants, each `limbs` u32 values (ec-field.ts widens them to i64 when the curve is',
    ' * selected): p; 2^bits - p (what a unit above 2^bits folds into); 1 in Montgomery form (R mod p);',
    ' * R^2 mod p (Montgomery-multiplying by it converts into Montgomery form); b in Montgomery form;',
    ' * the group order n; R^2 mod n.',
    ' */',
    `${lazy(c)}export const ${c.NAME}_LIMB_CONSTANTS: usize = memory.data<u32>([`,
    ...[c.p, (1n << BigInt(c.bits)) - c.p, R % c.p, (R * R) % c.p, (c.b * R) % c.p, c.n, (R * R) % c.n].map(
      (v) => `  ${toLimbs(v, c).map(hex).join(', ')},`,
    ),
    ']);',
    `/** -n^-1 mod 2^${c.radix} (Montgomery digit factor for scalars). */`,
    `export const ${c.NAME}_N0INV: i64 = ${hex(mod(-modInv(c.n, 1n << BigInt(c.radix)), 1n << BigInt(c.radix)))};`,
    dataU8(`${c.NAME}_P_BYTES`, 'p, big-endian.', toBytes(c.p, c.bytes), lazy(c)),
    dataU8(`${c.NAME}_N_BYTES`, 'n, big-endian.', toBytes(c.n, c.bytes), lazy(c)),
    dataU8(
      `${c.NAME}_P_MINUS_N_BYTES`,
      'p - n, big-endian: r < p - n means r + n is also a candidate x.',
      toBytes(c.p - c.n, c.bytes),
      lazy(c),
    ),
    dataU8(
      `${c.NAME}_SQRT_EXP`,
      '(p + 1) / 4, big-endian: a^((p+1)/4) is a square root when one exists (p = 3 mod 4).',
      toBytes((c.p + 1n) / 4n, c.bytes),
      lazy(c),
    ),
    '',
    ...(c.rolled ? [] : [genMul(c, false), '', genMul(c, true), '', genAddSub(c), '']),
  ];
  return parts.join('\n');
}

function genTable(c) {
  const G = [c.gx, c.gy];
  const G2 = affineAdd(G, G, c.p);
  const count = 1 << (c.gWindow - 2);
  const lines = [];
  let P = G;
  for (let i = 0; i < count; i++) {
    // x R mod p and y R mod p, each as `bytes` little-endian bytes.
    const le = P.flatMap((v) => toBytes((v * c.R) % c.p, c.bytes).reverse());
    lines.push(`  ${le.map((x) => hex(BigInt(x))).join(', ')},`);
    P = affineAdd(P, G2, c.p);
  }
  const size = count * 2 * c.bytes;
  return [
    `// Generated by scripts/gen-ec.mjs: odd multiples G, 3G, ..., ${2 * count - 1}G of the ${c.title} generator,`,
    `// affine, in Montgomery form (v R mod p), each coordinate as ${c.bytes} little-endian bytes, x then y:`,
    `// ${count} points, ${size} bytes, plus 8 bytes of padding so that 8-byte reads of the last limb stay`,
    '// inside the table. Do not edit.',
    '',
    `/** wNAF window width used with this table. */`,
    `export const ${c.NAME}_G_WINDOW: i32 = ${c.gWindow};`,
    `/** Pointer to the table: point i (= (2i+1)G) starts at byte ${2 * c.bytes} * i. Laid out only in builds that read it. */`,
    `@lazy export const ${c.NAME}_G_TABLE: usize = memory.data<u8>([`,
    ...lines,
    '  0, 0, 0, 0, 0, 0, 0, 0,',
    ']);',
    '',
  ].join('\n');
}

/**
 * The fixed-base comb table of G (see assembly/crypto/ec-comb.ts): a scalar is recoded into
 * `count` signed digits of `w` bits (in [-(2^(w-1) - 1), 2^(w-1)]); digit k belongs to sub-table
 * floor(k / s) and column k mod s. Sub-table i holds j * 2^(w s i) G for j = 1 .. 2^(w-1), affine,
 * in Montgomery form, packed like the wNAF table (x then y, `bytes` little-endian bytes each).
 */
function combLayout(c) {
  const w = c.combWindow;
  const s = c.combDigits;
  // floor(bits / w) + 1 digits: the top digit's chunk holds bits mod w < w bits, so its value
  // plus an incoming carry is at most 2^(w-1) and the recoding ends without a carry out.
  const count = Math.floor(c.bits / w) + 1;
  const tables = Math.ceil(count / s);
  const half = 1 << (w - 1);
  return { w, s, count, tables, half, bytes: tables * half * 2 * c.bytes };
}

function genComb(c) {
  const { w, s, count, tables, half, bytes } = combLayout(c);
  return [
    `// Generated by scripts/gen-ec.mjs: the layout of the fixed-base comb tables of ${c.title} for`,
    `// assembly/crypto/ec-comb.ts. A scalar is recoded into ${count} signed digits of ${w} bits; digit k`,
    `// multiplies 2^(${w} (k mod ${s})) times an entry of sub-table floor(k / ${s}). Sub-table i holds`,
    `// j 2^(${w * s} i) P for j = 1 .. ${half}: ${tables} sub-tables of ${half} affine points in Montgomery form`,
    `// (v R mod p), each coordinate as ${c.bytes} little-endian bytes, x then y; ${bytes} bytes, plus 8 bytes`,
    "// of padding so that 8-byte reads of the last limb stay inside the table. G's table is built by",
    "// the module at first use (ec-comb.ts ecCombGTable), keys' tables by ec-key-cache.ts. Do not edit.",
    '',
    `/** Bits per signed digit. */`,
    `export const ${c.NAME}_COMB_WINDOW: i32 = ${w};`,
    `/** Digits per sub-table (columns): a multiplication takes ${s - 1} x ${w} doublings. */`,
    `export const ${c.NAME}_COMB_DIGITS: i32 = ${s};`,
    `/** Signed digits of a scalar. */`,
    `export const ${c.NAME}_COMB_COUNT: i32 = ${count};`,
    `/** Sub-tables. */`,
    `export const ${c.NAME}_COMB_TABLES: i32 = ${tables};`,
    `/** Bytes of one table (without the padding). */`,
    `export const ${c.NAME}_COMB_BYTES: i32 = ${bytes};`,
    '',
  ].join('\n');
}

/**
 * The rolled field code's description of a curve (assembly/crypto/ec-field-small.ts, the
 * embedded build's): the same terms the unrolled code above is generated from, as i32 words that
 * loops read, so both compute the same column sums and return the same limbs.
 *   [0]                 topShift (bits of the value in the top limb)
 *   [1 + 3j .. 3 + 3j]  Montgomery term j (j < 4): limb, shift, sign (m_k's multiple of p + 1
 *                       lands at column k + limb as sign * (m_k << shift))
 *   [13 + 3j .. 15 + 3j] fold term j (j < 4): limb, shift, sign (2^bits mod p)
 *   [25 .. 25 + limbs)  4p with borrows (offsetLimbs), u32
 */
function smallProgram(c) {
  // Fewer than four terms (P-521 has one of each) are padded with terms of sign 0, which add 0.
  const four = (list) => [...list, ...Array(4 - list.length).fill([0, 0])];
  const terms = (list) =>
    four(list).flatMap(([bit, sign]) => [Math.floor(bit / c.radix), bit % c.radix, sign]);
  if (c.montTerms.length > 4 || c.foldTerms.length > 4) throw new Error('the rolled code reads 4 + 4 terms');
  const words = [c.topShift, ...terms(c.montTerms), ...terms(c.foldTerms), ...offsetLimbs(c).map(Number)];
  if (words.some((w) => w < -(2 ** 31) || w >= 2 ** 31)) throw new Error('a word does not fit an i32');
  return words.map((w) => (w < 0 ? String(w) : hex(BigInt(w))));
}

function genSmall(curves) {
  return [
    '// Generated by scripts/gen-ec.mjs: what the rolled field code (ec-field-small.ts) needs of each',
    '// curve, as i32 words (layout: smallProgram in the script), laid out only in builds that read them.',
    '// Do not edit.',
    '',
    ...curves.flatMap((c) => [
      `/** ${c.title}: ${c.limbs} limbs of ${c.radix} bits. */`,
      `@lazy export const ${c.NAME}_SMALL: usize = memory.data<i32>([${smallProgram(c).join(', ')}]);`,
    ]),
    '',
  ].join('\n');
}

const files = {};
for (const c of CURVES.map(derive)) {
  files[`${c.id}-field.generated.ts`] = genField(c);
  files[`${c.id}-table.generated.ts`] = genTable(c);
  if (!c.rolled) files[`${c.id}-comb.generated.ts`] = genComb(c);
}
files['ec-field-small.generated.ts'] = genSmall(CURVES);

const check = process.argv.includes('--check');
let stale = 0;
for (const [name, text] of Object.entries(files)) {
  const path = join(outDir, name);
  if (check) {
    let old = '';
    try {
      old = readFileSync(path, 'utf8');
    } catch {}
    if (old !== text) {
      process.stderr.write(`gen-ec: ${name} is stale; run node scripts/gen-ec.mjs\n`);
      stale++;
    }
  } else writeFileSync(path, text);
}
if (stale) process.exit(1);
