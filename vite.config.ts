import { defineConfig } from 'vite';

// The dashboard front end: built once into dist/web, which `segmenta serve` serves from memory.
export default defineConfig({
  root: 'web',
  base: './',
  build: { outDir: '../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
});
