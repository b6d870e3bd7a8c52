import path from 'node:path';
import { defineConfig } from 'vite';

// React's automatic JSX runtime through esbuild; no React plugin is needed for a production build.
export default defineConfig({
  root: __dirname,
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: path.resolve(__dirname, '../../dist/apps/web'),
    emptyOutDir: true,
    rollupOptions: {
      // The SPA takes a few pure functions from the domain (supplierKeyOf, isValidGtin); its modules and
      // decimal.js only set up values at load, so what the SPA does not call is left out of the bundle.
      treeshake: { moduleSideEffects: (id) => !/[\\/](libs[\\/]inventory|decimal\.js)[\\/]/.test(id) },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
  test: { include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'], environment: 'node' },
});
