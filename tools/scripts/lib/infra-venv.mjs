// The infra lint tools' own Python environment (.venv-infra), created on first use and reinstalled only when
// tools/terraform/requirements-lint.txt changes. Separate from .venv because checkov pins its dependencies
// tightly enough to conflict with the parser's.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { workspaceRoot } from './workspace.mjs';

const venv = path.join(workspaceRoot, '.venv-infra');
const requirements = path.join(workspaceRoot, 'tools', 'terraform', 'requirements-lint.txt');
const stampFile = path.join(venv, '.installed-requirements');
// Several agents or CI jobs may share a machine; pip installs into one venv must not interleave.
const PIP_LOCK =
  process.env.INFRA_PIP_LOCK ?? (existsSync('/tmp/coord') ? '/tmp/coord/pip.lock' : path.join(os.tmpdir(), 'invoice-pipeline-pip.lock'));

function run(command, args, what) {
  const result = spawnSync(command, args, { cwd: workspaceRoot, stdio: 'inherit' });
  if (result.error) throw new Error(`${what}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${what} exited with ${result.status}`);
}

function findPython() {
  for (const candidate of [process.env.PYTHON, 'python3.12', 'python3.11', 'python3'].filter(Boolean)) {
    const probe = spawnSync(candidate, ['-c', 'import sys; assert sys.version_info >= (3, 9)'], { stdio: 'ignore' });
    if (probe.status === 0) return candidate;
  }
  throw new Error('Python 3.9+ was not found (tried PYTHON, python3.12, python3.11, python3); checkov needs it. Install Python 3 and retry.');
}

function hasFlock() {
  return spawnSync('flock', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Returns the path of a bin/ tool inside .venv-infra, installing the pinned requirements first if needed. */
export function infraTool(name) {
  const fingerprint = createHash('sha256').update(readFileSync(requirements)).digest('hex');
  const upToDate = existsSync(stampFile) && readFileSync(stampFile, 'utf8') === fingerprint;
  if (!upToDate) {
    if (!existsSync(path.join(venv, 'bin', 'python'))) {
      const python = findPython();
      console.log(`[infra-venv] creating .venv-infra with ${python}`);
      run(python, ['-m', 'venv', venv], 'python -m venv .venv-infra');
    }
    console.log('[infra-venv] installing tools/terraform/requirements-lint.txt into .venv-infra (first run takes a minute)');
    const pip = [path.join(venv, 'bin', 'python'), '-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-r', requirements];
    if (hasFlock()) run('flock', [PIP_LOCK, ...pip], 'pip install (checkov)');
    else run(pip[0], pip.slice(1), 'pip install (checkov)');
    writeFileSync(stampFile, fingerprint);
  }
  return path.join(venv, 'bin', name);
}
