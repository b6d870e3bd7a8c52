// Creates the workspace's Python environment (.venv) and installs the parser into it, so that
// `npm install` alone prepares both languages. Runs as the root package's postinstall.
// Skips the pip step when the installed requirements have not changed since the last run.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const venv = path.join(root, '.venv');
const venvPython = path.join(venv, 'bin', 'python');
const parserProject = path.join(root, 'apps', 'parser-py');
const stampFile = path.join(venv, '.installed-requirements');
const MIN_PYTHON = [3, 11];

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
  }
}

function findPython() {
  const candidates = [process.env.PYTHON, 'python3.12', 'python3.11', 'python3'].filter(Boolean);
  for (const candidate of candidates) {
    const probe = spawnSync(candidate, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], {
      encoding: 'utf8',
    });
    if (probe.status !== 0) continue;
    const [major, minor] = probe.stdout.trim().split('.').map(Number);
    if (major > MIN_PYTHON[0] || (major === MIN_PYTHON[0] && minor >= MIN_PYTHON[1])) return candidate;
  }
  throw new Error(
    `Python ${MIN_PYTHON.join('.')}+ was not found (tried ${candidates.join(', ')}); set PYTHON to its path.`,
  );
}

function requirementsFingerprint() {
  return createHash('sha256').update(readFileSync(path.join(parserProject, 'pyproject.toml'))).digest('hex');
}

function main() {
  if (process.env.INVOICE_SKIP_PYTHON_SETUP === '1') {
    console.log('[setup-python] INVOICE_SKIP_PYTHON_SETUP=1: leaving the Python environment alone.');
    return;
  }
  if (!existsSync(venvPython)) {
    const python = findPython();
    console.log(`[setup-python] creating ${path.relative(root, venv)} with ${python}`);
    run(python, ['-m', 'venv', venv]);
  }
  const fingerprint = requirementsFingerprint();
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === fingerprint) {
    console.log('[setup-python] parser environment is up to date.');
    return;
  }
  console.log('[setup-python] installing apps/parser-py with its dev tools into .venv');
  run(venvPython, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-e', `${parserProject}[dev]`]);
  writeFileSync(stampFile, fingerprint);
}

try {
  main();
} catch (error) {
  console.error(`[setup-python] ${error.message}`);
  process.exit(1);
}
