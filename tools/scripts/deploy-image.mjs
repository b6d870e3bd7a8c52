// `nx run api:deploy` / `nx run parser-py:deploy`: build the image, push it to its ECR repository (created by
// `nx run terraform:deploy-registry`), and record the pushed digest in dist/deploy/<image>-image.json, which the
// Terraform deploy reads. The tag is the git commit; repositories refuse to move a tag (IMMUTABLE), so a
// redeploy of the same commit reuses the digest already there instead of pushing again.
import { DIGEST_PATTERN, digestFile, writeImageDigest } from './lib/image-digests.mjs';
import { dryRun, fail, requireCommand, say, step } from './lib/deploy-mode.mjs';
import { deploySettings } from './lib/deploy-settings.mjs';

/** Dockerfile and build context of each image (the same as the projects' docker-build targets). */
const IMAGES = {
  api: { dockerfile: 'apps/api/Dockerfile', context: 'dist/apps/api-lambda' },
  parser: { dockerfile: 'apps/parser-py/Dockerfile', context: '.' },
};
// Lambda and the task definition run this architecture (Terraform's cpu_architecture default).
const PLATFORM = process.env.DEPLOY_PLATFORM ?? 'linux/amd64';

function main() {
  const image = process.argv[2];
  if (!(image in IMAGES)) throw new Error(`usage: deploy-image.mjs <${Object.keys(IMAGES).join('|')}> [--dry-run]`);
  const tag = `deploy-${image}`;
  requireCommand(tag, 'docker', 'install Docker (https://docs.docker.com/engine/install/); a running engine is needed to build and push');
  requireCommand(tag, 'aws', 'install the AWS CLI v2 (https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html) and configure credentials');

  const account = step(tag, ['aws', 'sts', 'get-caller-identity', '--query', 'Account', '--output', 'text'], { capture: true }) || '<account-id>';
  const { region, name } = deploySettings;
  const registry = `${account}.dkr.ecr.${region}.amazonaws.com`;
  const repository = `${name}-${image}`;
  const commit = step(tag, ['git', 'rev-parse', '--short=12', 'HEAD'], { capture: true, readOnly: true });
  const dirty = step(tag, ['git', 'status', '--porcelain', '--untracked-files=no'], { capture: true, readOnly: true }) !== '';
  // A build from uncommitted changes gets its own tag, so it can never take the name of a committed build.
  const imageTag = dirty ? `${commit}-dirty-${Date.now()}` : commit;
  const remote = `${registry}/${repository}:${imageTag}`;

  // Rollback: record an image already in ECR (`--use-digest sha256:...`) instead of building a new one.
  const useIndex = process.argv.indexOf('--use-digest');
  if (useIndex !== -1) {
    const wanted = process.argv[useIndex + 1] ?? '';
    if (!DIGEST_PATTERN.test(wanted)) throw new Error(`--use-digest needs a sha256:<64 hex> digest, got "${wanted}"`);
    step(tag, ['aws', 'ecr', 'describe-images', '--region', region, '--repository-name', repository, '--image-ids', `imageDigest=${wanted}`, '--query', 'imageDetails[0].imagePushedAt', '--output', 'text']);
    if (dryRun) return say(tag, `would record ${wanted} for ${repository} in ${digestFile(image)}`);
    return say(tag, `recorded ${wanted} (an image already in ${repository}) in ${writeImageDigest(image, { repository, digest: wanted })}`);
  }

  const pushedDigest = () =>
    step(tag, ['aws', 'ecr', 'describe-images', '--region', region, '--repository-name', repository, '--image-ids', `imageTag=${imageTag}`, '--query', 'imageDetails[0].imageDigest', '--output', 'text'], { capture: true });
  let digest = '';
  if (!dryRun) {
    try {
      digest = pushedDigest();
    } catch {
      digest = ''; // ImageNotFoundException: this commit was never pushed
    }
  }
  if (!DIGEST_PATTERN.test(digest)) digest = '';
  if (digest) {
    say(tag, `${repository}:${imageTag} is already in ECR (${digest}); not pushing again`);
  } else {
    const { dockerfile, context } = IMAGES[image];
    // --provenance/--sbom off: Lambda accepts only a single-platform image manifest, not an index with attestations.
    step(tag, ['docker', 'buildx', 'build', '--platform', PLATFORM, '--provenance=false', '--sbom=false', '--load', '--file', dockerfile, '--tag', remote, context]);
    const password = dryRun ? '' : step(tag, ['aws', 'ecr', 'get-login-password', '--region', region], { capture: true });
    step(tag, ['docker', 'login', '--username', 'AWS', '--password-stdin', registry], { input: password });
    step(tag, ['docker', 'push', remote]);
    digest = dryRun ? 'sha256:<digest ECR reports for the pushed tag>' : pushedDigest();
  }
  if (dryRun) {
    say(tag, `would record ${digest} for ${repository} in ${digestFile(image)}`);
    return;
  }
  const file = writeImageDigest(image, { repository, digest });
  say(tag, `recorded ${digest} in ${file}`);
}

try {
  main();
} catch (error) {
  fail(`deploy-${process.argv[2] ?? 'image'}`, error);
}
