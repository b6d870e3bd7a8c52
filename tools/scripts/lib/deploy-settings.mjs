// Where a deploy goes: region and stack name, from the environment, with the Terraform defaults.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { workspaceRoot } from './workspace.mjs';

export const deploySettings = {
  region: process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'eu-central-1',
  name: process.env.DEPLOY_NAME ?? 'invoice-pipeline',
  /** S3 backend settings (bucket, region, use_lockfile...) for both Terraform roots; see backend.hcl.example. */
  backendConfig: process.env.TF_BACKEND_CONFIG ?? path.join(workspaceRoot, 'tools', 'terraform', 'backend.hcl'),
  /** Optional variable values for the stack (custom_domain, sizes...); see deploy.tfvars.example. */
  varsFile: process.env.TF_VARS_FILE ?? path.join(workspaceRoot, 'tools', 'terraform', 'deploy.tfvars'),
  /** What the stack deploy leaves for the web deploy (bucket, distribution). */
  outputsFile: path.join(workspaceRoot, 'dist', 'deploy', 'stack-outputs.json'),
};

export function optionalVarsFileArgs() {
  return existsSync(deploySettings.varsFile) ? [`-var-file=${deploySettings.varsFile}`] : [];
}
