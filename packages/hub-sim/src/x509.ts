// @peculiar/x509 (with @peculiar/webcrypto and @noble/curves, ~0.6 s to import) is needed only
// to derive the PKI or issue a new leaf, so it loads on first use. Its dependency injection
// (tsyringe) needs the reflect-metadata polyfill loaded first.
import type * as X509Module from '@peculiar/x509';

export type { X509Module };

let loaded: typeof X509Module | null = null;

/** Loads @peculiar/x509 (once). */
export async function loadX509(): Promise<typeof X509Module> {
  if (!loaded) {
    await import('reflect-metadata');
    loaded = await import('@peculiar/x509');
  }
  return loaded;
}

/**
 * The loaded module, for synchronous builders.
 * @throws Error when {@link loadX509} has not completed yet
 */
export function x509(): typeof X509Module {
  if (!loaded) throw new Error('@peculiar/x509 is not loaded: await loadX509() first');
  return loaded;
}
