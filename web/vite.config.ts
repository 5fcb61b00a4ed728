import { defineConfig } from 'vite';

// Built into web/dist and embedded in the tracehound binary (src/Tracehound/Tracehound.csproj).
// Hashed asset names under /assets/ are served as immutable; index.html is revalidated.
export default defineConfig({
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: {
    // `npm run dev` against a running `tracehound serve`.
    proxy: { '/api': 'http://127.0.0.1:16686' },
  },
});
