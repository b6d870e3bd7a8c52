import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the repository root (tools/scripts/lib/../../..). */
export const workspaceRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
