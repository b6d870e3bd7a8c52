import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { FIXTURE_GENERATOR, REPO_ROOT, VENV_PYTHON } from './paths';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Directory of generated invoice PDFs (NAME.pdf + NAME.truth.json), or null when the parser is not ready. */
    fixturesDir: string | null;
    /** Why the real-parser tests are skipped, when they are. */
    parserUnavailable: string | null;
  }
}

/**
 * Generates the invoice fixtures once per run with the parser project's own generator, and checks that
 * the parser CLI answers, so the workflow tests run against the real Python parser.
 */
export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'api-fixtures-'));
  const problem = prepare(dir);
  if (problem) process.stderr.write(`\n[api tests] real-parser tests skipped: ${problem}\n`);
  project.provide('fixturesDir', problem ? null : dir);
  project.provide('parserUnavailable', problem);
  return () => rmSync(dir, { recursive: true, force: true });
}

function prepare(dir: string): string | null {
  if (!existsSync(VENV_PYTHON)) return `${VENV_PYTHON} is missing (run npm install)`;
  if (!existsSync(FIXTURE_GENERATOR)) return `${FIXTURE_GENERATOR} does not exist yet`;
  const cli = spawnSync(VENV_PYTHON, ['-m', 'invoice_parser', 'run', '--help'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (cli.status !== 0) return `the parser CLI does not answer \`run --help\`: ${(cli.stderr || cli.stdout).trim().split('\n').pop()}`;
  const generated = spawnSync(VENV_PYTHON, [FIXTURE_GENERATOR, '--out', dir], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (generated.status !== 0) throw new Error(`generate_invoices.py failed:\n${generated.stderr}`);
  return null;
}
