// Running Terraform from the workspace scripts: find the binary, find the offline provider directory, and say
// plainly what is missing (and how to get it) instead of failing deep inside `terraform init`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { workspaceRoot } from './workspace.mjs';

export const terraformDir = path.join(workspaceRoot, 'tools', 'terraform');
export const registryDir = path.join(terraformDir, 'registry');

/** Machines without registry access keep providers here (the CI image does); TF_PLUGIN_DIR overrides it. */
const DEFAULT_PLUGIN_DIR = '/opt/tf-plugins';
const AWS_PROVIDER_PATH = ['registry.terraform.io', 'hashicorp', 'aws'];
const REQUIRED_PROVIDER_MAJOR = '5.';

export class MissingToolError extends Error {}

/** The environment Terraform runs with: non-interactive, and without a CLI config file that does not exist. */
export function terraformEnv(extra = {}) {
  // CHECKPOINT_DISABLE: no version-check call to checkpoint-api.hashicorp.com (offline machines, CI).
  const env = { ...process.env, TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1', ...extra };
  // A TF_CLI_CONFIG_FILE naming a missing file makes every command print a warning and changes nothing else.
  if (env.TF_CLI_CONFIG_FILE && !existsSync(env.TF_CLI_CONFIG_FILE)) delete env.TF_CLI_CONFIG_FILE;
  return env;
}

export function requireTerraform() {
  const probe = spawnSync('terraform', ['version', '-json'], { encoding: 'utf8', env: terraformEnv() });
  if (probe.error?.code === 'ENOENT') {
    throw new MissingToolError(
      'terraform is not installed (not found on PATH). Install Terraform 1.6 or newer: ' +
        'https://developer.hashicorp.com/terraform/install (or `apt-get install terraform` from the HashiCorp apt repository), then retry.',
    );
  }
  if (probe.status !== 0) throw new MissingToolError(`\`terraform version\` failed: ${probe.stderr.trim()}`);
  return JSON.parse(probe.stdout).terraform_version;
}

function platform() {
  const arch = { x64: 'amd64', arm64: 'arm64' }[process.arch] ?? process.arch;
  return `${process.platform}_${arch}`;
}

/**
 * The -plugin-dir to pass to `terraform init`, or null to let init download from the registry. A plugin directory
 * that lacks an AWS 5.x provider for this platform is an error that names what is missing.
 */
export function pluginDir() {
  const configured = process.env.TF_PLUGIN_DIR;
  const dir = configured || (existsSync(DEFAULT_PLUGIN_DIR) ? DEFAULT_PLUGIN_DIR : null);
  if (dir === null) {
    console.log(
      `[terraform] TF_PLUGIN_DIR is not set and ${DEFAULT_PLUGIN_DIR} does not exist: terraform init will download ` +
        'hashicorp/aws from registry.terraform.io (needs network).',
    );
    return null;
  }
  const providerRoot = path.join(dir, ...AWS_PROVIDER_PATH);
  const versions = existsSync(providerRoot) ? readdirSync(providerRoot) : [];
  const usable = versions.filter((version) => version.startsWith(REQUIRED_PROVIDER_MAJOR) && existsSync(path.join(providerRoot, version, platform())));
  if (usable.length === 0) {
    throw new MissingToolError(
      `The AWS provider is missing from the plugin directory ${dir}${configured ? ' (TF_PLUGIN_DIR)' : ''}: expected ` +
        `${path.join(providerRoot, '5.x.y', platform())}/terraform-provider-aws_*. Get it with ` +
        '`terraform providers mirror <dir>` (run in tools/terraform on a machine with network) or from ' +
        'https://releases.hashicorp.com/terraform-provider-aws/ (unzip into that layout), or unset TF_PLUGIN_DIR to download it.',
    );
  }
  return dir;
}

/** Runs terraform with inherited output; returns its exit status. */
export function terraform(args, { cwd = terraformDir, env = terraformEnv(), capture = false } = {}) {
  const result = spawnSync('terraform', args, { cwd, env, stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit', encoding: 'utf8' });
  if (result.error) throw result.error;
  return capture ? { status: result.status, stdout: result.stdout } : result.status;
}

/** `terraform init -backend=false`, offline when a plugin directory is available. */
export function initArgs({ backend = false } = {}) {
  const dir = pluginDir();
  return ['init', '-input=false', '-no-color', ...(backend ? [] : ['-backend=false']), ...(dir ? [`-plugin-dir=${dir}`] : [])];
}
