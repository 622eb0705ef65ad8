// Test-only helpers: paths into test-data/ (never part of the build: src/testing is excluded).
import { readFileSync } from 'node:fs';

/** Absolute URL of a file under test-data/formats/. */
export function dataUrl(path: string): URL {
  return new URL(`../../test-data/formats/${path}`, import.meta.url);
}

/** Bytes of a file under test-data/formats/. */
export function dataBytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(dataUrl(path)));
}

/** Text of a file under test-data/formats/. */
export function dataText(path: string): string {
  return readFileSync(dataUrl(path), 'utf8');
}

/** Absolute URL of a catalog certificate's PEM file (data/certs/, the vendored roots-data snapshot). */
export function catalogPemUrl(slug: string): URL {
  return new URL(`../../data/certs/${slug}.pem`, import.meta.url);
}

/** The PEM of a catalog certificate, by slug, byte for byte as vendored in data/certs/. */
export function rootPem(slug: string): string {
  return readFileSync(catalogPemUrl(slug), 'utf8');
}
