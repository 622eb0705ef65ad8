import type { Plugin } from 'vite';
import { defineConfig } from 'vite';

/**
 * The page carries verify.wasm as a file of its own (main.ts fetches it and calls initFromBytes),
 * not as the two base64 copies inside the @hubtrust/verify JS build: gzip of the raw module is
 * about 37 KB against 51 KB for its base64 text, and the SIMD copy (whose faster RSA does not
 * matter for one chain at a time) is not needed at all: the portable build runs in every
 * browser. A build whose embedded-module file no longer has that shape fails here instead of
 * shipping both copies.
 */
function verifierAsFile(): Plugin {
  const COPIES = /export const (VERIFY_WASM_BASE64|VERIFY_SIMD_WASM_BASE64) =\s*'[^']*';/g;
  return {
    name: 'hubtrust-verifier-as-file',
    transform(code, id) {
      if (!id.endsWith('/verify-wasm.generated.js')) return null;
      const found = code.match(COPIES)?.length ?? 0;
      if (found !== 2) throw new Error(`${id}: expected the two base64 module constants, found ${found}`);
      return { code: code.replace(COPIES, "export const $1 = '';"), map: null };
    },
  };
}

// Static build: relative URLs so dist/ works from any folder or file server; no server code.
export default defineConfig({
  base: './',
  plugins: [verifierAsFile()],
  build: { outDir: 'dist', target: 'es2022', reportCompressedSize: true },
});
