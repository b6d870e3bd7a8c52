import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const SECRET_FILE = 'upload-signing-secret';
const SECRET_BYTES = 32;

/**
 * The configured secret, or one generated once and kept in DATA_DIR (mode 0600) so that upload URLs stay
 * valid across restarts. `wx` makes two processes starting together agree on the first file written.
 */
export function loadOrCreateSigningSecret(dataDir: string, configured: string | null): string {
  if (configured) return configured;
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, SECRET_FILE);
  try {
    writeFileSync(file, randomBytes(SECRET_BYTES).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < SECRET_BYTES) throw new Error(`${file} holds no usable secret; delete it to generate a new one`);
  return secret;
}
