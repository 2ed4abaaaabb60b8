import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve('main/shell/electron/main.ts'),
          'ner-worker': resolve('main/workers/ner-worker.ts'),
          'pattern-worker': resolve('main/workers/pattern-worker.ts'),
          'ingest-worker': resolve('main/workers/ingest-worker.ts'),
        },
      },
    },
  },
  preload: {
    // A sandboxed preload cannot require node_modules: bundle the contract (and zod) into one CommonJS file.
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve('preload/index.ts') }, output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: 'renderer',
    base: './',
    plugins: [react()],
    build: { outDir: 'out/renderer', minify: true, rollupOptions: { input: resolve('renderer/index.html') } },
  },
});
