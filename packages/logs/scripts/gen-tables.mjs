#!/usr/bin/env node
// Generates src/tables/*.generated.ts: the error, alert, state and verify-flag tables of the TLS
// stacks whose logs @hubtrust/logs reads, from the stacks' own headers — never retyped.
//
//   node scripts/gen-tables.mjs [--include /usr/include] [--check]
//
// Sources:
// - Debian's headers (libmbedtls-dev 2.28, libwolfssl-dev 5.5, libbearssl-dev 0.6, libssl-dev 3.0)
//   under --include; wolfSSL's and OpenSSL's message texts come from the installed libraries
//   themselves through two tiny C helpers (scripts/*-strings.c) compiled here with `cc`.
// - Tables of stacks Debian does not ship (mbedTLS 3.x SSL codes, axTLS, the AWS IoT Device SDK
//   for Embedded C v3, ESP-IDF esp-tls) are extracted from their published headers into
//   scripts/vendored/*.json, each with its source repository, path and commit.
// --check regenerates in memory and exits 1 when a committed file differs (CI runs this through
// src/tables/tables.test.ts when the headers are installed).

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, '..', 'src', 'tables');

/** mbedTLS headers (2.28) that define MBEDTLS_ERR_* codes, and the module name mbedtls_strerror prints. */
const MBEDTLS_ERROR_HEADERS = [
  'aes',
  'arc4',
  'aria',
  'asn1',
  'base64',
  'bignum',
  'blowfish',
  'camellia',
  'ccm',
  'chacha20',
  'chachapoly',
  'cipher',
  'cmac',
  'ctr_drbg',
  'des',
  'dhm',
  'ecp',
  'entropy',
  'error',
  'gcm',
  'hkdf',
  'hmac_drbg',
  'md',
  'md2',
  'md4',
  'md5',
  'net_sockets',
  'oid',
  'padlock',
  'pem',
  'pk',
  'pkcs12',
  'pkcs5',
  'platform',
  'poly1305',
  'ripemd160',
  'rsa',
  'sha1',
  'sha256',
  'sha512',
  'ssl',
  'threading',
  'x509',
  'xtea',
];

/** The module label mbedtls_strerror() prints before the text ("X509 - ...", "BIGNUM - ..."). */
function mbedtlsModuleLabel(header) {
  if (header === 'net_sockets') return 'NET';
  return header.toUpperCase();
}

/**
 * Reads `#define NAME value` lines with the doc comment before them (`/** text *\/`) or after them
 * on the same line (`/**< text *\/`). Returns [{ name, value, text }].
 */
export function parseDefines(source, namePattern, valuePattern = String.raw`-?(?:0x[0-9A-Fa-f]+|\d+)`) {
  const out = [];
  const lines = source.split('\n');
  let pending = '';
  let inComment = false;
  let comment = [];
  const defineRe = new RegExp(
    String.raw`^\s*#define\s+(${namePattern})\s+\(?(${valuePattern})\)?\s*(?:/\*\*?<?\s*(.*?)\s*\*/)?\s*$`,
  );
  for (const line of lines) {
    if (inComment) {
      comment.push(line);
      if (line.includes('*/')) {
        inComment = false;
        pending = cleanComment(comment.join('\n'));
      }
      continue;
    }
    const trimmed = line.trim();
    if (trimmed.startsWith('/**') && !trimmed.startsWith('/**<')) {
      comment = [line];
      if (trimmed.includes('*/')) pending = cleanComment(line);
      else inComment = true;
      continue;
    }
    const m = defineRe.exec(line);
    if (m) {
      const [, name, value, trailing] = m;
      out.push({ name, value: parseNumber(value), text: trailing ? cleanComment(trailing) : pending });
      pending = '';
      continue;
    }
    if (trimmed !== '' && !trimmed.startsWith('#')) pending = '';
  }
  return out;
}

function cleanComment(text) {
  return text
    .replace(/\/\*+<?/g, '')
    .replace(/\*\//g, '')
    .split('\n')
    .map((l) => l.replace(/^\s*\*\s?/, '').trim())
    .join(' ')
    .replace(/\\brief\s*/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function parseNumber(text) {
  const neg = text.startsWith('-');
  const body = neg ? text.slice(1) : text;
  const n =
    body.startsWith('0x') || body.startsWith('0X')
      ? Number.parseInt(body.slice(2), 16)
      : Number.parseInt(body, 10);
  return neg ? -n : n;
}

/** Reads `NAME = -123, /* text *\/` enum members (wolfSSL's error enums). */
export function parseEnumMembers(source, namePattern) {
  const out = [];
  const re = new RegExp(
    String.raw`^\s*(${namePattern})\s*=\s*(-?\d+)\s*,?\s*(?:/\*\s*(.*?)\s*(?:\*/)?\s*)?$`,
  );
  for (const line of source.split('\n')) {
    const m = re.exec(line);
    if (m) out.push({ name: m[1], value: Number(m[2]), text: (m[3] ?? '').replace(/\s+/g, ' ').trim() });
  }
  return out;
}

/** The `typedef enum { A, B, ... } name;` members in order (mbedTLS handshake states). */
function parseEnumOrder(source, typeName) {
  const m = new RegExp(String.raw`typedef\s+enum\s*\{([^}]*)\}\s*${typeName}\s*;`).exec(source);
  if (!m) throw new Error(`enum ${typeName} not found`);
  return m[1]
    .split(',')
    .map((s) => s.replace(/\/\*.*?\*\//g, '').trim())
    .filter(Boolean);
}

function read(path) {
  return readFileSync(path, 'utf8');
}

function dedupeByValue(entries) {
  const seen = new Map();
  for (const e of entries) if (!seen.has(e.value)) seen.set(e.value, e);
  return [...seen.values()];
}

function compileAndRun(cSource, libs, input) {
  const dir = mkdtempSync(join(tmpdir(), 'hubtrust-logs-gen-'));
  try {
    const exe = join(dir, 'helper');
    execFileSync('cc', [cSource, '-o', exe, ...libs], { stdio: ['ignore', 'ignore', 'inherit'] });
    return execFileSync(exe, { input, encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function emit(_file, header, exportsSource) {
  return `// GENERATED by scripts/gen-tables.mjs — do not edit. ${header}\n\n${exportsSource}`;
}

function tableLiteral(entries, fields) {
  const rows = entries.map((e) => `  [${fields.map((f) => JSON.stringify(e[f])).join(', ')}],`);
  return `[\n${rows.join('\n')}\n]`;
}

function mbedtls(include) {
  const errors = [];
  for (const header of MBEDTLS_ERROR_HEADERS) {
    const src = read(join(include, 'mbedtls', `${header}.h`));
    for (const e of parseDefines(src, 'MBEDTLS_ERR_[A-Z0-9_]+', '-0x[0-9A-Fa-f]+')) {
      errors.push({ ...e, module: mbedtlsModuleLabel(header), text: e.text.replace(/\.$/, '') });
    }
  }
  errors.sort((a, b) => b.value - a.value || a.name.localeCompare(b.name));
  const x509 = read(join(include, 'mbedtls', 'x509.h'));
  const flags = parseDefines(x509, 'MBEDTLS_X509_BAD(?:CERT|CRL)_[A-Z0-9_]+', '0x[0-9A-Fa-f]+').map((f) => ({
    ...f,
    text: f.text.replace(/\.$/, ''),
  }));
  const ssl = read(join(include, 'mbedtls', 'ssl.h'));
  const states = parseEnumOrder(ssl, 'mbedtls_ssl_states');
  const version = /#define\s+MBEDTLS_VERSION_STRING\s+"([^"]+)"/.exec(
    read(join(include, 'mbedtls', 'version.h')),
  )?.[1];
  const body = [
    `/** mbedTLS version whose headers these tables were generated from. */`,
    `export const MBEDTLS2_VERSION = ${JSON.stringify(version)};`,
    '',
    `/** [code, name, strerror module, text] of every MBEDTLS_ERR_* in ${include}/mbedtls/*.h (${version}). */`,
    `export const MBEDTLS2_ERRORS: readonly (readonly [number, string, string, string])[] = ${tableLiteral(errors, ['value', 'name', 'module', 'text'])};`,
    '',
    `/** [bit, name, text] of the MBEDTLS_X509_BADCERT_* / BADCRL_* verify-result flags (x509.h). */`,
    `export const MBEDTLS_X509_FLAGS: readonly (readonly [number, string, string])[] = ${tableLiteral(flags, ['value', 'name', 'text'])};`,
    '',
    `/** mbedtls_ssl_states in order: the number "client state: N" in debug output indexes this (ssl.h). */`,
    `export const MBEDTLS_SSL_STATES: readonly string[] = ${JSON.stringify(states, null, 2)};`,
    '',
  ].join('\n');
  return emit(
    'mbedtls',
    `Source: Debian libmbedtls-dev ${version}, ${include}/mbedtls/{${MBEDTLS_ERROR_HEADERS.length} headers}.`,
    body,
  );
}

function tlsAlerts(include) {
  // The alert registry of RFC 5246 §7.2 / RFC 8446 §6 as OpenSSL's headers spell it.
  const entries = [];
  for (const h of ['ssl3.h', 'tls1.h']) {
    for (const e of parseDefines(
      read(join(include, 'openssl', h)),
      '(?:SSL3|TLS1|TLS13)_AD_[A-Z0-9_]+',
      String.raw`\d+`,
    )) {
      entries.push({ ...e, name: e.name.replace(/^(SSL3|TLS1|TLS13)_AD_/, '') });
    }
  }
  const alerts = dedupeByValue(entries).sort((a, b) => a.value - b.value);
  const body = [
    `/** [number, name] of every TLS alert description (RFC 5246 §7.2, RFC 8446 §6) from OpenSSL's ssl3.h and tls1.h. */`,
    `export const TLS_ALERTS: readonly (readonly [number, string])[] = ${tableLiteral(alerts, ['value', 'name'])};`,
    '',
  ].join('\n');
  return emit('tls-alerts', `Source: ${include}/openssl/{ssl3.h,tls1.h} (Debian libssl-dev).`, body);
}

function openssl(include) {
  const x509 = parseDefines(
    read(join(include, 'openssl', 'x509_vfy.h')),
    'X509_V_ERR_[A-Z0-9_]+',
    String.raw`\d+`,
  );
  const ssl = parseDefines(read(join(include, 'openssl', 'sslerr.h')), 'SSL_R_[A-Z0-9_]+', String.raw`\d+`);
  const input = [
    ...x509.map((e) => `x509 ${e.name} ${e.value}`),
    ...ssl.map((e) => `ssl ${e.name} ${e.value}`),
  ].join('\n');
  const texts = new Map();
  for (const line of compileAndRun(
    join(here, 'openssl-strings.c'),
    ['-lssl', '-lcrypto'],
    `${input}\n`,
  ).split('\n')) {
    const [kind, value, text] = line.split('\t');
    if (kind) texts.set(`${kind}:${value}`, text);
  }
  const version = execFileSync('openssl', ['version'], { encoding: 'utf8' })
    .trim()
    .split(' ')
    .slice(0, 2)
    .join(' ');
  const withText = (kind) => (e) => ({
    ...e,
    name: e.name.replace(/^(X509_V_ERR_|SSL_R_)/, ''),
    text: texts.get(`${kind}:${e.value}`) ?? '',
  });
  const body = [
    `/** [code, name without X509_V_ERR_, X509_verify_cert_error_string text] (x509_vfy.h, ${version}). */`,
    `export const OPENSSL_X509_V_ERRORS: readonly (readonly [number, string, string])[] = ${tableLiteral(dedupeByValue(x509).map(withText('x509')), ['value', 'name', 'text'])};`,
    '',
    `/** [reason, name without SSL_R_, ERR_reason_error_string text] of the SSL library (sslerr.h, ${version}). */`,
    `export const OPENSSL_SSL_REASONS: readonly (readonly [number, string, string])[] = ${tableLiteral(dedupeByValue(ssl).map(withText('ssl')), ['value', 'name', 'text'])};`,
    '',
  ].join('\n');
  return emit(
    'openssl',
    `Source: ${include}/openssl/{x509_vfy.h,sslerr.h}; texts from the installed ${version}.`,
    body,
  );
}

function wolfssl(include) {
  const crypt = parseEnumMembers(
    read(join(include, 'wolfssl', 'wolfcrypt', 'error-crypt.h')),
    '[A-Z][A-Z0-9_]*',
  );
  const ssl = parseEnumMembers(read(join(include, 'wolfssl', 'error-ssl.h')), '[A-Z][A-Z0-9_]*');
  const all = dedupeByValue(
    [...crypt, ...ssl].filter(
      (e) =>
        e.value < 0 &&
        !/^(MAX_CODE_E|WC_LAST_E|MIN_CODE_E|WOLFSSL_LAST_E|WC_FIRST_E|WC_SPAN\d_\w+)$/.test(e.name),
    ),
  );
  const texts = new Map();
  const input = all.map((e) => `${e.name} ${e.value}`).join('\n');
  for (const line of compileAndRun(join(here, 'wolfssl-strings.c'), ['-lwolfssl'], `${input}\n`).split(
    '\n',
  )) {
    const [value, text] = line.split('\t');
    if (value) texts.set(Number(value), text);
  }
  const version = /#define\s+LIBWOLFSSL_VERSION_STRING\s+"([^"]+)"/.exec(
    read(join(include, 'wolfssl', 'version.h')),
  )?.[1];
  const rows = all.sort((a, b) => b.value - a.value).map((e) => ({ ...e, lib: texts.get(e.value) ?? '' }));
  const body = [
    `/** wolfSSL version whose headers these tables were generated from. */`,
    `export const WOLFSSL_VERSION = ${JSON.stringify(version)};`,
    '',
    `/** [code, name, header comment, library text] of wolfCrypt (error-crypt.h) and wolfSSL (error-ssl.h) errors. */`,
    `export const WOLFSSL_ERRORS: readonly (readonly [number, string, string, string])[] = ${tableLiteral(rows, ['value', 'name', 'text', 'lib'])};`,
    '',
  ].join('\n');
  return emit(
    'wolfssl',
    `Source: Debian libwolfssl-dev ${version}, ${include}/wolfssl/{wolfcrypt/error-crypt.h,error-ssl.h}; library texts from the installed libwolfssl.`,
    body,
  );
}

function bearssl(include) {
  const rows = [];
  for (const h of ['bearssl_ssl.h', 'bearssl_x509.h']) {
    for (const e of parseDefines(read(join(include, 'bearssl', h)), 'BR_ERR_[A-Z0-9_]+', String.raw`\d+`)) {
      rows.push({ ...e, text: e.text.replace(/^(SSL|X\.509) status:\s*/, '').replace(/\.$/, '') });
    }
  }
  const body = [
    `/** [code, name, header text] of BearSSL's engine (bearssl_ssl.h) and X.509 (bearssl_x509.h) status codes. */`,
    `export const BEARSSL_ERRORS: readonly (readonly [number, string, string])[] = ${tableLiteral(dedupeByValue(rows), ['value', 'name', 'text'])};`,
    '',
  ].join('\n');
  return emit(
    'bearssl',
    `Source: Debian libbearssl-dev 0.6, ${include}/bearssl/{bearssl_ssl.h,bearssl_x509.h}.`,
    body,
  );
}

function vendored(name) {
  const data = JSON.parse(read(join(here, 'vendored', `${name}.json`)));
  const { source, tables } = data;
  const parts = [];
  for (const [tableName, table] of Object.entries(tables)) {
    parts.push(`/** ${table.doc} */`);
    parts.push(
      `export const ${tableName}: readonly (readonly [number, string, string])[] = ${tableLiteral(
        table.entries.map(([value, n, text]) => ({
          value: typeof value === 'string' ? parseNumber(value) : value,
          n,
          text,
        })),
        ['value', 'n', 'text'],
      )};`,
    );
    parts.push('');
  }
  const sources = source.map((s) => `${s.repo}@${s.commit} ${s.path}`).join('; ');
  return emit(name, `Source: scripts/vendored/${name}.json, extracted from ${sources}.`, parts.join('\n'));
}

/** Every generated file: name → content. */
export function generate(include = '/usr/include') {
  return {
    'mbedtls.generated.ts': mbedtls(include),
    'tls-alerts.generated.ts': tlsAlerts(include),
    'openssl.generated.ts': openssl(include),
    'wolfssl.generated.ts': wolfssl(include),
    'bearssl.generated.ts': bearssl(include),
    'mbedtls3.generated.ts': vendored('mbedtls3'),
    'axtls.generated.ts': vendored('axtls'),
    'aws-iot.generated.ts': vendored('aws-iot'),
    'esp-tls.generated.ts': vendored('esp-tls'),
  };
}

/** The directory the generated files are committed in. */
export const GENERATED_DIR = outDir;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const includeAt = args.indexOf('--include');
  const include = includeAt >= 0 ? args[includeAt + 1] : '/usr/include';
  const check = args.includes('--check');
  let stale = 0;
  for (const [file, content] of Object.entries(generate(include))) {
    const path = join(outDir, file);
    if (check) {
      let current = '';
      try {
        current = read(path);
      } catch {}
      if (current !== content) {
        console.error(`stale: ${file}`);
        stale++;
      }
    } else {
      writeFileSync(path, content);
      console.log(`wrote src/tables/${file}`);
    }
  }
  if (stale) process.exit(1);
}
