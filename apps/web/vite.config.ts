import path from 'node:path';
import { defineConfig } from 'vite';

// React's automatic JSX runtime through esbuild; no React plugin is needed for a production build.
export default defineConfig({
  root: __dirname,
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: path.resolve(__dirname, '../../dist/apps/web'),
    emptyOutDir: true,
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
  test: { include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'], environment: 'node' },
});
