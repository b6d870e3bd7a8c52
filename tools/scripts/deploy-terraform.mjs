// `nx run terraform:deploy-registry` (the ECR repositories) and `nx run terraform:deploy` (the stack, with the
// image digests the api and parser-py deploys recorded). State lives in the S3 backend named by backend.hcl;
// the stack's outputs are written to dist/deploy/stack-outputs.json for the web deploy.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readImageDigests, IMAGE_VARIABLES, digestFile } from './lib/image-digests.mjs';
import { dryRun, fail, say, step } from './lib/deploy-mode.mjs';
import { deploySettings, optionalVarsFileArgs } from './lib/deploy-settings.mjs';
import { initArgs, registryDir, requireTerraform, terraformDir, terraformEnv } from './lib/terraform.mjs';
import { workspaceRoot } from './lib/workspace.mjs';

const ROOTS = {
  registry: { dir: registryDir, stateKey: 'registry.tfstate' },
  stack: { dir: terraformDir, stateKey: 'stack.tfstate' },
};

function main() {
  const which = process.argv[2];
  if (!(which in ROOTS)) throw new Error('usage: deploy-terraform.mjs <registry|stack> [--dry-run]');
  const tag = `deploy-terraform-${which}`;
  const { dir, stateKey } = ROOTS[which];
  const { backendConfig, region, name, outputsFile } = deploySettings;
  say(tag, `terraform ${requireTerraform()}`);
  const env = terraformEnv({ TF_VAR_region: region, TF_VAR_name: name });

  if (!dryRun && !existsSync(backendConfig)) {
    throw new Error(
      `${path.relative(workspaceRoot, backendConfig)} is missing: copy tools/terraform/backend.hcl.example, name your state bucket, ` +
        'or point TF_BACKEND_CONFIG at your own file.',
    );
  }
  // Offline validation first: a dry run proves the configuration is sound without credentials.
  step(tag, ['terraform', ...initArgs(), '-reconfigure'], { cwd: dir, env, readOnly: dryRun });
  step(tag, ['terraform', 'validate', '-no-color'], { cwd: dir, env, readOnly: dryRun });

  const backendArgs = [`-backend-config=${backendConfig}`, `-backend-config=key=${name}/${stateKey}`];
  step(tag, ['terraform', ...initArgs({ backend: true }), '-reconfigure', ...backendArgs], { cwd: dir, env });

  const variables = [];
  if (which === 'stack') {
    if (dryRun) {
      for (const [image, variable] of Object.entries(IMAGE_VARIABLES)) {
        say(tag, `would pass ${variable} from ${path.relative(workspaceRoot, digestFile(image))} (written by the ${image} image deploy)`);
      }
    } else {
      for (const [variable, digest] of Object.entries(readImageDigests())) variables.push('-var', `${variable}=${digest}`);
    }
    variables.push(...optionalVarsFileArgs());
  }
  step(tag, ['terraform', 'apply', '-input=false', '-auto-approve', '-no-color', ...variables], { cwd: dir, env });

  if (which === 'stack') {
    const outputs = step(tag, ['terraform', 'output', '-json', '-no-color'], { cwd: dir, env, capture: true });
    if (dryRun) {
      say(tag, `would write the stack outputs (spa_bucket_name, cloudfront_distribution_id, app_url...) to ${path.relative(workspaceRoot, outputsFile)}`);
      return;
    }
    mkdirSync(path.dirname(outputsFile), { recursive: true });
    writeFileSync(outputsFile, outputs);
    say(tag, `app: ${JSON.parse(outputs).app_url.value}`);
  }
}

try {
  main();
} catch (error) {
  fail(`deploy-terraform-${process.argv[2] ?? ''}`, error);
}
