// `nx run web:deploy`: sync the built SPA (dist/apps/web, from web:build) to the SPA bucket the stack deploy
// reported, then invalidate CloudFront. Hashed assets are cached for a year; index.html and config.json are revalidated on every
// load, so a new deploy is seen at once and a rollback is just a redeploy of an older build.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { dryRun, fail, requireCommand, say, step } from './lib/deploy-mode.mjs';
import { deploySettings } from './lib/deploy-settings.mjs';
import { workspaceRoot } from './lib/workspace.mjs';

const TAG = 'deploy-web';
const BUILD_DIR = path.join(workspaceRoot, 'dist', 'apps', 'web');

function stackOutputs() {
  const file = deploySettings.outputsFile;
  if (existsSync(file)) {
    const outputs = JSON.parse(readFileSync(file, 'utf8'));
    return { bucket: outputs.spa_bucket_name.value, distribution: outputs.cloudfront_distribution_id.value };
  }
  if (dryRun) return { bucket: '<spa_bucket_name>', distribution: '<cloudfront_distribution_id>' };
  throw new Error(`${path.relative(workspaceRoot, file)} is missing: run the stack deploy first (nx run terraform:deploy).`);
}

function main() {
  requireCommand(TAG, 'aws', 'install the AWS CLI v2 (https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html)');
  if (!dryRun && !existsSync(path.join(BUILD_DIR, 'index.html'))) throw new Error(`${BUILD_DIR}/index.html is missing: run nx run web:build`);
  const { bucket, distribution } = stackOutputs();
  const target = `s3://${bucket}`;
  // No --delete: a browser still running the previous index.html may lazy-load its hashed chunks for a while.
  const immutable = ['--cache-control', 'public,max-age=31536000,immutable'];
  step(TAG, ['aws', 's3', 'sync', BUILD_DIR, target, '--exclude', 'index.html', '--exclude', 'config.json', '--exclude', '*.mjs', ...immutable]);
  // The pdf.js worker is an ES module: browsers refuse to run it unless it is served as JavaScript, and the
  // CLI's extension guess does not know .mjs everywhere.
  step(TAG, ['aws', 's3', 'sync', BUILD_DIR, target, '--exclude', '*', '--include', '*.mjs', '--content-type', 'text/javascript', ...immutable]);
  // index.html and the runtime config.json keep their names across deploys, so they are revalidated on every load.
  step(TAG, ['aws', 's3', 'cp', path.join(BUILD_DIR, 'index.html'), `${target}/index.html`, '--cache-control', 'no-cache', '--content-type', 'text/html; charset=utf-8']);
  step(TAG, ['aws', 's3', 'cp', path.join(BUILD_DIR, 'config.json'), `${target}/config.json`, '--cache-control', 'no-cache', '--content-type', 'application/json']);
  // One wildcard path counts as one invalidation path (1,000 free a month).
  step(TAG, ['aws', 'cloudfront', 'create-invalidation', '--distribution-id', distribution, '--paths', '/*']);
  if (!dryRun) say(TAG, `synced ${path.relative(workspaceRoot, BUILD_DIR)} to ${target} and invalidated ${distribution}`);
}

try {
  main();
} catch (error) {
  fail(TAG, error);
}
