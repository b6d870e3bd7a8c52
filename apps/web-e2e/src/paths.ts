import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
/** Built by `nx run api:build` and `nx run web:build` (the test target depends on both). */
export const API_BUNDLE = path.join(REPO_ROOT, 'dist', 'apps', 'api', 'main.js');
export const WEB_DIST = path.join(REPO_ROOT, 'dist', 'apps', 'web');
export const VENV_PYTHON = path.join(REPO_ROOT, '.venv', 'bin', 'python');
export const FIXTURE_GENERATOR = path.join(REPO_ROOT, 'apps', 'parser-py', 'fixtures', 'generate_invoices.py');
/** Invoices made for one journey (each with the script that makes it beside it). */
export const E2E_FIXTURES = path.join(REPO_ROOT, 'apps', 'web-e2e', 'fixtures');
export const AXE_SCRIPT = path.join(REPO_ROOT, 'node_modules', 'axe-core', 'axe.min.js');
/** Screenshots of every screen, kept after the run (dist/ is gitignored). */
export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'dist', 'test-artifacts', 'e2e');
