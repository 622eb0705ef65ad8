#!/usr/bin/env node
// Vendors a roots-data snapshot into packages/roots and regenerates src/catalog.generated.ts.
//
//   node scripts/refresh-catalog.mjs <path-to-roots-data> [--dry-run]
//
// 1. reads <path>/catalog.json, <path>/README.md and every <path>/*.pem;
// 2. re-verifies everything independently of @hubtrust/verify, with node:crypto (OpenSSL):
//    one CERTIFICATE block per file, SHA-256/SHA-1 of the DER, SPKI SHA-256, validity, serial,
//    subject/issuer, key type/size, self-signatures and every claimed issuer → subject signature
//    (chains_to and verification_alternative_path); any disagreement aborts before anything is written;
// 3. prints the difference against the committed data (slugs added/removed, fields changed, DER changed);
// 4. unless --dry-run: copies the files into data/ (PEMs to data/certs/, the upstream README to
//    data/roots-data.md) and writes src/catalog.generated.ts.
// The build and every test run then re-check the generated module with @hubtrust/verify
// (scripts/check-catalog.mjs, src/catalog-check.test.ts). The source path is an argument on purpose:
// nothing in this package reads the shared inputs folder at run or test time.
import { createHash, X509Certificate } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = join(pkg, 'data');
const certDir = join(dataDir, 'certs');
const generated = join(pkg, 'src', 'catalog.generated.ts');

const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const source = args.find((a) => !a.startsWith('--'));
if (!source) {
  console.error('usage: node scripts/refresh-catalog.mjs <path-to-roots-data> [--dry-run]');
  process.exit(2);
}
const src = resolve(source);

/** One problem per line; the run aborts if any. */
const problems = [];
const fail = (slug, field, text) => problems.push(`${slug}: ${field}: ${text}`);

function pemBlocks(text) {
  return [
    ...text.matchAll(/-----BEGIN CERTIFICATE-----\r?\n([A-Za-z0-9+/=\r\n]+?)-----END CERTIFICATE-----/g),
  ];
}

function derOf(pemText, slug) {
  const blocks = pemBlocks(pemText);
  if (blocks.length !== 1) {
    fail(slug, 'file', `holds ${blocks.length} CERTIFICATE blocks, expected 1`);
    return undefined;
  }
  return Buffer.from((blocks[0]?.[1] ?? '').replace(/\s+/g, ''), 'base64');
}

const sha = (alg, buf) => createHash(alg).update(buf).digest('hex');
const iso = (d) => new Date(d).toISOString().replace('.000Z', 'Z');

/** node:crypto renders names one attribute per line (commas already escaped), most significant first; the catalog uses RFC 2253 order. */
function rfc2253(nodeName) {
  return nodeName.split('\n').reverse().join(',');
}

function keyFacts(x) {
  const k = x.publicKey;
  const d = k.asymmetricKeyDetails ?? {};
  if (k.asymmetricKeyType === 'rsa') return { type: 'RSA', bits: d.modulusLength };
  if (k.asymmetricKeyType === 'ec') {
    const curve =
      { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' }[d.namedCurve] ?? d.namedCurve;
    return { type: 'EC', bits: { 'P-256': 256, 'P-384': 384, 'P-521': 521 }[curve], curve };
  }
  return { type: k.asymmetricKeyType };
}

// ---- read and check the source ----
const catalog = JSON.parse(readFileSync(join(src, 'catalog.json'), 'utf8'));
const readme = readFileSync(join(src, 'README.md'), 'utf8');
if (!Array.isArray(catalog.certificates)) throw new Error(`${src}/catalog.json has no certificates[]`);
if (!/^\d{4}-\d{2}-\d{2}$/.test(catalog.generated ?? ''))
  throw new Error('catalog.json: generated is not a YYYY-MM-DD date');

const pems = readdirSync(src).filter((f) => f.endsWith('.pem'));
const bySlug = new Map();
for (const c of catalog.certificates) {
  if (bySlug.has(c.slug)) fail(c.slug, 'slug', 'appears twice');
  if (!/^[a-z0-9][a-z0-9-]*$/.test(c.slug)) fail(c.slug, 'slug', 'is not lower-case kebab');
  if (c.file !== `${c.slug}.pem`) fail(c.slug, 'file', `is ${c.file}, expected ${c.slug}.pem`);
  bySlug.set(c.slug, c);
}
for (const f of pems) if (!bySlug.has(f.slice(0, -4))) fail(f, 'file', 'has no catalog entry');

const x509 = new Map();
const ders = new Map();
for (const c of catalog.certificates) {
  const path = join(src, c.file);
  if (!existsSync(path)) {
    fail(c.slug, 'file', 'missing');
    continue;
  }
  const der = derOf(readFileSync(path, 'utf8'), c.slug);
  if (!der) continue;
  const x = new X509Certificate(der);
  x509.set(c.slug, x);
  ders.set(c.slug, der);
  const want = (field, actual, expected) => {
    if (actual !== expected)
      fail(
        c.slug,
        field,
        `catalog says ${JSON.stringify(expected)}, certificate has ${JSON.stringify(actual)}`,
      );
  };
  want('sha256_der', sha('sha256', der), c.sha256_der.toLowerCase());
  want('sha1_der', sha('sha1', der), c.sha1_der.toLowerCase());
  want(
    'spki_sha256',
    sha('sha256', x.publicKey.export({ type: 'spki', format: 'der' })),
    c.spki_sha256.toLowerCase(),
  );
  want('not_before', iso(x.validFrom), c.not_before);
  want('not_after', iso(x.validTo), c.not_after);
  want(
    'serial',
    x.serialNumber.toLowerCase().replace(/^0+(?=.)/, ''),
    c.serial.toLowerCase().replace(/^0+(?=.)/, ''),
  );
  want('subject', rfc2253(x.subject), c.subject);
  want('issuer', rfc2253(x.issuer), c.issuer);
  const k = keyFacts(x);
  want('key.type', k.type, c.key.type);
  want('key.bits', k.bits, c.key.bits);
  if (c.key.curve !== undefined || k.curve !== undefined) want('key.curve', k.curve, c.key.curve);
  if (!['root', 'intermediate', 'leaf'].includes(c.role)) fail(c.slug, 'role', `unknown role ${c.role}`);
  want('self_signed', x.subject === x.issuer && x.verify(x.publicKey), c.self_signed);
  if (c.role === 'root' && !x.verify(x.publicKey))
    fail(c.slug, 'signature', 'self-signature does not verify');
}
// Claimed issuer → subject links: chains_to is the path above the certificate, nearest first.
const links = new Set();
for (const c of catalog.certificates) {
  const paths = [c.chains_to ?? []];
  if (c.verification_alternative_path) paths.push(c.verification_alternative_path.chain ?? []);
  for (const path of paths) {
    let child = c.slug;
    for (const parent of path) {
      if (!bySlug.has(parent)) fail(c.slug, 'chains_to', `names unknown slug ${parent}`);
      else links.add(`${child}>${parent}`);
      child = parent;
    }
  }
  for (const twin of c.same_key_as ?? []) {
    const a = x509.get(c.slug);
    const b = x509.get(twin);
    if (!b) fail(c.slug, 'same_key_as', `names unknown slug ${twin}`);
    else if (
      a &&
      sha('sha256', a.publicKey.export({ type: 'spki', format: 'der' })) !==
        sha('sha256', b.publicKey.export({ type: 'spki', format: 'der' }))
    )
      fail(c.slug, 'same_key_as', `${twin} has another key`);
  }
}
for (const link of links) {
  const [child, parent] = link.split('>');
  const a = x509.get(child);
  const b = x509.get(parent);
  if (!a || !b) continue;
  if (!a.verify(b.publicKey)) fail(child, 'chains_to', `signature by ${parent} does not verify`);
  if (!a.checkIssued(b)) fail(child, 'chains_to', `${parent} is not its issuer (name or key identifier)`);
}
if (problems.length) {
  console.error(`refresh-catalog: ${problems.length} problem(s) in ${src}; nothing written:`);
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log(
  `verified ${catalog.certificates.length} certificates and ${links.size} issuer links in ${src} (node:crypto)`,
);

// ---- diff against the committed data ----
const oldPath = join(dataDir, 'catalog.json');
const old = existsSync(oldPath) ? JSON.parse(readFileSync(oldPath, 'utf8')) : { certificates: [] };
const oldBySlug = new Map(old.certificates.map((c) => [c.slug, c]));
const diff = [];
if (old.generated !== catalog.generated)
  diff.push(`snapshot date: ${old.generated ?? '(none)'} → ${catalog.generated}`);
for (const [slug, c] of bySlug) {
  const o = oldBySlug.get(slug);
  if (!o) {
    diff.push(`+ ${slug} (${c.role}, ${c.subject_cn}, expires ${c.not_after.slice(0, 10)})`);
    continue;
  }
  for (const key of new Set([...Object.keys(o), ...Object.keys(c)])) {
    if (JSON.stringify(o[key]) !== JSON.stringify(c[key])) diff.push(`~ ${slug}.${key} changed`);
  }
  const oldPem = join(certDir, `${slug}.pem`);
  if (existsSync(oldPem)) {
    const oldDer = derOf(readFileSync(oldPem, 'utf8'), slug);
    if (oldDer && !oldDer.equals(ders.get(slug))) diff.push(`~ ${slug} DER bytes changed`);
  }
}
for (const slug of oldBySlug.keys()) if (!bySlug.has(slug)) diff.push(`- ${slug}`);
if (JSON.stringify(old.documents) !== JSON.stringify(catalog.documents)) diff.push('~ documents changed');
const oldReadme = join(dataDir, 'roots-data.md');
if (!existsSync(oldReadme) || readFileSync(oldReadme, 'utf8') !== readme)
  diff.push('~ README (roots-data.md) changed');
console.log(
  diff.length
    ? `difference against the committed data:\n  ${diff.join('\n  ')}`
    : 'no difference against the committed data',
);
if (dryRun) process.exit(0);

// ---- write data/ and the generated module ----
mkdirSync(certDir, { recursive: true });
for (const f of readdirSync(certDir))
  if (f.endsWith('.pem') && !bySlug.has(f.slice(0, -4))) rmSync(join(certDir, f));
for (const c of catalog.certificates) copyFileSync(join(src, c.file), join(certDir, c.file));
copyFileSync(join(src, 'catalog.json'), oldPath);
writeFileSync(oldReadme, readme);

const camel = (s) => s.replace(/_([a-z0-9])/g, (_, ch) => ch.toUpperCase());
function camelize(v) {
  if (Array.isArray(v)) return v.map(camelize);
  if (v && typeof v === 'object') {
    // null means "not known" in catalog.json; the generated records simply omit the field.
    return Object.fromEntries(
      Object.entries(v)
        .filter(([, x]) => x !== null)
        .map(([k, x]) => [camel(k), camelize(x)]),
    );
  }
  return v;
}
const records = catalog.certificates.map((c) => {
  const r = {
    slug: c.slug,
    kind: c.role,
    selfSigned: c.self_signed,
    subject: c.subject,
    issuer: c.issuer,
    subjectCn: c.subject_cn,
    issuerCn: c.issuer_cn,
    serial: c.serial.toLowerCase(),
    key: c.key,
    signatureAlgorithm: c.signature_algorithm,
    notBefore: c.not_before,
    notAfter: c.not_after,
    sha256: c.sha256_der.toLowerCase(),
    sha1: c.sha1_der.toLowerCase(),
    spkiSha256: c.spki_sha256.toLowerCase(),
    chainsTo: c.chains_to ?? [],
    sameKeyAs: c.same_key_as ?? [],
    usedBy: camelize(c.used_by ?? []),
    pemFrom: camelize(c.pem_from),
    foundIn: camelize(c.found_in ?? []),
    notes: c.notes ?? '',
    sha1MatchesMicrosoftDocs: c.sha1_matches_microsoft_docs ?? null,
    verification: camelize(c.verification),
    derBase64: ders.get(c.slug).toString('base64'),
  };
  if (c.verification_alternative_path) r.alternativePath = camelize(c.verification_alternative_path);
  return r;
});
const out = `// Generated by scripts/refresh-catalog.mjs from data/ (roots-data snapshot ${catalog.generated}). Do not edit:
// run \`node scripts/refresh-catalog.mjs <path-to-roots-data>\` instead. Checked on every build and test
// against the certificates themselves (src/catalog-check.ts).
import type { CatalogRecord } from './catalog-types.js';

/** Date of the roots-data snapshot this catalog was generated from (YYYY-MM-DD). */
export const SNAPSHOT_DATE = ${JSON.stringify(catalog.generated)};

/** Short keys of the documents the facts cite, as in catalog.json. */
export const DOCUMENTS: Readonly<Record<string, string>> = ${JSON.stringify(catalog.documents ?? {}, null, 2)};

/** One record per certificate, in catalog order. */
export const RECORDS: readonly CatalogRecord[] = ${JSON.stringify(records, null, 2)};
`;
writeFileSync(generated, out);
console.log(
  `wrote data/ (${catalog.certificates.length} PEMs, catalog.json, roots-data.md) and src/catalog.generated.ts`,
);
console.log(
  'next: npm run build -w @hubtrust/roots && npx vitest run (in packages/roots) to re-check with @hubtrust/verify',
);
