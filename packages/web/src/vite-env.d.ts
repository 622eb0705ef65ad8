/// <reference types="vite/client" />

/** verify.wasm, gzip-compressed, as base64 (vite.config.ts), and its size uncompressed. */
declare module 'virtual:hubtrust-verify-wasm' {
  export const VERIFY_WASM_GZIP_BASE64: string;
  export const VERIFY_WASM_BYTES: number;
}
