// `npm run lint:infra`: terraform fmt, init (offline with a plugin directory), validate, then checkov with zero
// failed checks, over both Terraform roots (tools/terraform and tools/terraform/registry).
// Every check checkov skips is skipped inline, next to the resource, with its reason (#checkov:skip=ID:reason).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { infraTool } from './lib/infra-venv.mjs';
import { MissingToolError, initArgs, registryDir, requireTerraform, terraform, terraformDir, terraformEnv } from './lib/terraform.mjs';
import { workspaceRoot } from './lib/workspace.mjs';

const ROOTS = [terraformDir, registryDir];

function step(title, run) {
  const started = Date.now();
  console.log(`\n== ${title}`);
  const status = run();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (status !== 0) {
    console.error(`lint:infra FAILED at "${title}" (exit ${status}, ${seconds}s)`);
    process.exit(1);
  }
  console.log(`   ok (${seconds}s)`);
}

function checkov() {
  const bin = infraTool('checkov');
  const result = spawnSync(
    bin,
    [
      '--directory', path.relative(workspaceRoot, terraformDir),
      '--framework', 'terraform',
      '--compact', '--quiet',
      '--skip-download',
      '--download-external-modules', 'false',
      // Our own override files are rehearsal-only (moto endpoints); they are not part of what gets deployed.
      '--skip-path', 'rehearsal',
    ],
    // No Bridgecrew/Prisma platform: nothing leaves the machine, and the run works offline.
    { cwd: workspaceRoot, stdio: 'inherit', env: { ...process.env, BC_API_KEY: '', CHECKOV_NO_UPDATE_CHECK: 'true' } },
  );
  if (result.error) throw result.error;
  return result.status;
}

try {
  console.log(`terraform ${requireTerraform()}`);
  step('terraform fmt -check -recursive', () => terraform(['fmt', '-check', '-recursive', '-diff', '-no-color']));
  for (const root of ROOTS) {
    const name = path.relative(workspaceRoot, root);
    step(`terraform init -backend=false (${name})`, () => terraform(initArgs(), { cwd: root, env: terraformEnv() }));
    step(`terraform validate (${name})`, () => terraform(['validate', '-no-color'], { cwd: root }));
  }
  step('checkov (zero failed checks; skips carry their reason inline)', checkov);
  console.log('\nlint:infra passed');
} catch (error) {
  console.error(`lint:infra: ${error.message}`);
  process.exit(error instanceof MissingToolError ? 2 : 1);
}
