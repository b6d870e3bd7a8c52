import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const REPO_ROOT = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../..');
export const VENV_PYTHON = path.join(REPO_ROOT, '.venv', 'bin', 'python');
export const FIXTURE_GENERATOR = path.join(REPO_ROOT, 'apps', 'parser-py', 'fixtures', 'generate_invoices.py');
/** A stand-in parser process (node script) whose behaviour each test picks through its input document. */
export const FAKE_PARSER = path.join(REPO_ROOT, 'apps', 'api', 'tests', 'support', 'fake-parser.mjs');
export const FAKE_PARSER_COMMAND = [process.execPath, FAKE_PARSER];
