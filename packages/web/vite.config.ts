import { defineConfig } from 'vite';

// Static build: relative URLs so dist/ works from any folder or file server; no server code.
export default defineConfig({
  base: './',
  build: { outDir: 'dist', target: 'es2022', reportCompressedSize: true },
});
