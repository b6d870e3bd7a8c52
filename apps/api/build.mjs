// Bundles the local server into one ESM file. better-sqlite3 stays external (a native addon that is
// loaded from node_modules); the banner gives the bundle a `require` for CommonJS dependencies.
import { build } from 'esbuild';

await build({
  entryPoints: ['apps/api/src/main.ts'],
  outfile: 'dist/apps/api/main.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  external: ['better-sqlite3'],
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
