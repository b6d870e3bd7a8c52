/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS file: @nx/esbuild requires its config, and the shims stand in for CommonJS packages. */
// esbuild settings of `nx run api:bundle` (the Lambda bundle). Two jobs beyond the executor's options:
// 1. The Lambda runs only STORAGE=aws, so every module under src/adapters/local/ (SQLite, files, the
//    subprocess runner, better-sqlite3 behind them) is replaced by a stub that throws if it is ever used.
//    The composition root stays the one place that chooses adapters; the bundle merely lacks the local ones.
// 2. iconv-lite and mime-db, 1 MB between them, the SDK's default credential chain, qs and debug are replaced
//    by the small stand-ins in esbuild-shims/ (UTF-8 JSON bodies only; the few media types a JSON API answers
//    with; credentials from the environment, which is where Lambda puts the execution role's; no 'extended'
//    query strings or urlencoded bodies; no DEBUG tracing of express's internals; no 'trust proxy' address
//    list; no deprecation warnings; no res.sendFile or express.static; serverless-http's AWS provider only).
// 3. ESM builds of the AWS SDK (mainFields module first), so only the commands used are bundled.
// 4. The SDK clients' unused shape descriptions are dropped (unusedSdkShapesDropped below).
// 5. Print the size of the output folder, which must stay under 1 MB (goal: 500 KB).
const fs = require('node:fs');
const path = require('node:path');

const LOCAL_ADAPTERS = /[\\/]adapters[\\/]local[\\/][^\\/]+$/;
const SIZE_LIMIT_BYTES = 1024 * 1024;

const withoutLocalAdapters = {
  name: 'without-local-adapters',
  setup(build) {
    build.onResolve({ filter: /adapters\/local\// }, (args) => {
      const resolved = path.resolve(args.resolveDir, args.path);
      if (!LOCAL_ADAPTERS.test(resolved)) return undefined;
      return { path: resolved, namespace: 'local-adapter-stub' };
    });
    build.onLoad({ filter: /.*/, namespace: 'local-adapter-stub' }, (args) => {
      const source = fs.readFileSync(`${args.path}.ts`, 'utf8');
      const names = [...source.matchAll(/export\s+(?:async\s+)?(?:class|function|const|let)\s+([A-Za-z_$][\w$]*)/g)].map((match) => match[1]);
      const stub = `function unavailable() { throw new Error('STORAGE=local is not part of the Lambda bundle (${path.basename(args.path)})'); }`;
      const exports = names.map((name) => `export const ${name} = unavailable;`).join('\n');
      return { contents: `${stub}\n${exports}\n`, loader: 'js' };
    });
  },
};

const SHIMS = {
  'iconv-lite': 'iconv-lite.cjs',
  'mime-db': 'mime-db.cjs',
  '@aws-sdk/credential-provider-node': 'credential-provider-node.mjs',
  qs: 'qs.cjs',
  debug: 'debug.cjs',
  'ipaddr.js': 'ipaddr.cjs',
  depd: 'depd.cjs',
  send: 'send.cjs',
};

const smallerDependencies = {
  name: 'smaller-dependencies',
  setup(build) {
    build.onResolve({ filter: /^(iconv-lite|mime-db|@aws-sdk\/credential-provider-node|qs|debug|ipaddr\.js|depd|send)$/ }, (args) => ({ path: path.join(__dirname, 'esbuild-shims', SHIMS[args.path]) }));
    build.onResolve({ filter: /^\.\/azure$/ }, (args) =>
      /[\\/]serverless-http[\\/]lib[\\/]provider$/.test(args.resolveDir) ? { path: path.join(__dirname, 'esbuild-shims', 'serverless-http-azure.cjs') } : undefined,
    );
  },
};

/**
 * The AWS SDK's clients describe every shape of their service in one module (schemas/schemas_0.js): S3's is
 * 138 KB, of which a Lambda that heads, gets and signs objects uses a few. esbuild cannot drop the unused ones,
 * because an array literal with computed keys ({ [_e]: _c }) may have side effects as far as it knows. Each
 * top-level `var X = [...]` is wrapped as `var X = /* @__PURE__ *\/ (() => [...])()`: evaluated at the same
 * place when kept, so nothing changes for the shapes a command uses, and dropped when nothing refers to it
 * (error shapes stay: their registerError calls refer to them). A file of another layout is left as it is.
 */
const SCHEMA_DECLARATION = /^((?:export )?var [\w$]+ = )\[/;

function pureSchemaDeclarations(source) {
  let out = '';
  let at = 0;
  while (at < source.length) {
    const lineEnd = source.indexOf('\n', at);
    const next = lineEnd < 0 ? source.length : lineEnd + 1;
    const head = SCHEMA_DECLARATION.exec(source.slice(at, next));
    if (!head) {
      out += source.slice(at, next);
      at = next;
      continue;
    }
    const open = at + head[1].length;
    const close = matchingBracket(source, open);
    if (close < 0 || source[close + 1] !== ';') return null;
    out += `${head[1]}/* @__PURE__ */ (() => ${source.slice(open, close + 1)})();`;
    at = close + 2;
  }
  return out;
}

/** Index of the bracket closing the one at `open`, skipping string literals; -1 when there is none. */
function matchingBracket(source, open) {
  let depth = 0;
  let quote = null;
  for (let index = open; index < source.length; index += 1) {
    const char = source[index];
    if (quote !== null) {
      if (char === '\\') index += 1;
      else if (char === quote) quote = null;
    } else if (char === '"' || char === "'" || char === '`') quote = char;
    else if ('[{('.includes(char)) depth += 1;
    else if (']})'.includes(char)) {
      depth -= 1;
      if (depth === 0) return index;
    }
  }
  return -1;
}

const unusedSdkShapesDropped = {
  name: 'unused-sdk-shapes-dropped',
  setup(build) {
    build.onLoad({ filter: /@aws-sdk[\\/]client-[\w-]+[\\/]dist-es[\\/]schemas[\\/]schemas_\d+\.js$/ }, (args) => {
      const contents = pureSchemaDeclarations(fs.readFileSync(args.path, 'utf8'));
      return contents === null ? undefined : { contents, loader: 'js' };
    });
  },
};

const reportSize = {
  name: 'report-size',
  setup(build) {
    build.onEnd(() => {
      const dir = build.initialOptions.outdir ?? path.dirname(build.initialOptions.outfile ?? '.');
      if (!fs.existsSync(dir)) return;
      const files = fs.readdirSync(dir, { recursive: true }).map((name) => path.join(dir, String(name))).filter((file) => fs.statSync(file).isFile());
      const total = files.reduce((sum, file) => sum + fs.statSync(file).size, 0);
      const verdict = total <= SIZE_LIMIT_BYTES ? 'under the 1 MB limit' : 'OVER the 1 MB limit';
      console.log(`Lambda bundle ${dir}: ${(total / 1024).toFixed(1)} KiB in ${files.length} file(s), ${verdict}`);
      if (total > SIZE_LIMIT_BYTES) throw new Error('The Lambda bundle is larger than 1 MB');
    });
  },
};

module.exports = {
  plugins: [withoutLocalAdapters, smallerDependencies, unusedSdkShapesDropped, reportSize],
  mainFields: ['module', 'main'],
  // ESM: the runtime imports index.js (the package.json beside it says "type": "module") and calls the
  // exported handler. CommonJS dependencies inside still call require() for Node built-ins, hence the banner.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
};
