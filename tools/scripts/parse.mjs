// `npm run parse -- FILE.pdf`: runs the Python parser on one local file. The parser prints the ParseResult
// (or {"error": ...}) on stdout and sets the exit code; this wrapper only finds the workspace's Python.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const python = path.join(root, '.venv', 'bin', 'python');

function fail(code, message, exitCode) {
  process.stdout.write(`${JSON.stringify({ error: { code, message } })}\n`);
  process.exit(exitCode);
}

const args = process.argv.slice(2);
if (args.length !== 1) {
  fail('VALIDATION_FAILED', 'usage: npm run parse -- FILE', 2);
}
if (!existsSync(python)) {
  fail('PARSER_INTERNAL', 'The Python environment is missing: run `npm install` first.', 1);
}

// The file is resolved against the directory npm was started from, not the workspace root.
const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), args[0]);
const result = spawnSync(python, ['-m', 'invoice_parser', 'parse', file], { stdio: 'inherit' });
if (result.error) fail('PARSER_INTERNAL', `Could not start the parser: ${result.error.message}`, 1);
process.exit(result.status ?? 1);
