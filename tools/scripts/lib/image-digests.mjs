// The hand-over between the image deploys (api, parser-py) and the Terraform deploy: each image deploy writes
// the digest it pushed to dist/deploy/<image>-image.json, and the Terraform deploy reads both. Digests only:
// a tag could be moved between `docker push` and `terraform apply`, a digest cannot.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { workspaceRoot } from './workspace.mjs';

export const DIGEST_PATTERN = /^sha256:[0-9a-f]{64}$/;
export const defaultDigestDir = path.join(workspaceRoot, 'dist', 'deploy');
/** Image name -> the Terraform variable that takes its digest. */
export const IMAGE_VARIABLES = { api: 'api_image_digest', parser: 'parser_image_digest' };

export function digestFile(image, dir = defaultDigestDir) {
  return path.join(dir, `${image}-image.json`);
}

export function writeImageDigest(image, { repository, digest }, dir = defaultDigestDir) {
  if (!(image in IMAGE_VARIABLES)) throw new Error(`unknown image "${image}" (expected ${Object.keys(IMAGE_VARIABLES).join(', ')})`);
  if (!DIGEST_PATTERN.test(digest)) throw new Error(`refusing to record "${digest}" for ${image}: not a sha256 digest`);
  mkdirSync(dir, { recursive: true });
  const file = digestFile(image, dir);
  writeFileSync(file, `${JSON.stringify({ image, repository, digest, recordedAt: new Date().toISOString() }, null, 2)}\n`);
  return file;
}

/** { api_image_digest, parser_image_digest } from the digest files; a missing or malformed file is an error naming it. */
export function readImageDigests(dir = defaultDigestDir) {
  const variables = {};
  for (const [image, variable] of Object.entries(IMAGE_VARIABLES)) {
    const file = digestFile(image, dir);
    if (!existsSync(file)) {
      throw new Error(`${path.relative(workspaceRoot, file)} is missing: run the ${image} image deploy first (nx run ${image === 'api' ? 'api' : 'parser-py'}:deploy).`);
    }
    const { digest } = JSON.parse(readFileSync(file, 'utf8'));
    if (!DIGEST_PATTERN.test(digest ?? '')) throw new Error(`${file} holds "${digest}", not a sha256 digest`);
    variables[variable] = digest;
  }
  return variables;
}
