import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';
import { defineConfig } from 'vite';

const require = createRequire(import.meta.url);
/**
 * The module the page runs: verify.compact.wasm, the portable build compiled for size (every
 * browser runs it; the same verdicts as verify.wasm on every x509-limbo case, a test of
 * @hubtrust/verify). One chain at a time does not need the speed build's inlining, which costs
 * about a third of its bytes.
 */
const VERIFY_WASM = require.resolve('@hubtrust/verify/verify.compact.wasm');
const VIRTUAL = 'virtual:hubtrust-verify-wasm';

/**
 * The page carries verify.wasm gzip-compressed inside its JS (main.ts decompresses it with the
 * browser's DecompressionStream and calls initFromBytes), not the two base64 copies of the
 * @hubtrust/verify JS build: base64 text compresses to about 1.33 times the module's gzip, and
 * the SIMD copy (whose faster RSA does not matter for one chain at a time) is not needed. A
 * separate .wasm file is no option: the page's Content-Security-Policy has connect-src 'none', so
 * nothing dropped can leave it, and a fetch of its own file would need that opened. A build whose
 * embedded-module file no longer has the two constants fails here instead of shipping them.
 */
function verifierCompressed(): Plugin {
  const COPIES = /export const (VERIFY_WASM_BASE64|VERIFY_SIMD_WASM_BASE64) =\s*'[^']*';/g;
  return {
    name: 'hubtrust-verifier-compressed',
    resolveId: (id) => (id === VIRTUAL ? `\0${VIRTUAL}` : null),
    load(id) {
      if (id !== `\0${VIRTUAL}`) return null;
      const bytes = readFileSync(VERIFY_WASM);
      const gz = gzipSync(bytes, { level: 9 }).toString('base64');
      return `export const VERIFY_WASM_GZIP_BASE64 = '${gz}';\nexport const VERIFY_WASM_BYTES = ${bytes.length};\n`;
    },
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
  plugins: [verifierCompressed()],
  build: { outDir: 'dist', target: 'es2022', reportCompressedSize: true },
});
