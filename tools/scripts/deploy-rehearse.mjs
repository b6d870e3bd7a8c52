// `npm run deploy:rehearse`: the whole deploy, rehearsed against moto on loopback. It applies the registry and
// the stack from throw-away copies (with tools/terraform/rehearsal/moto_override.tf pointing every endpoint at
// moto, fake credentials, local state), checks that a second plan changes nothing, checks the outputs, runs the
// smoke test against the rehearsed names, destroys both roots, and stops moto. No real AWS account is touched.
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { readImageDigests, writeImageDigest } from './lib/image-digests.mjs';
import { startMoto } from './lib/moto-server.mjs';
import { MissingToolError, initArgs, registryDir, requireTerraform, terraform, terraformDir, terraformEnv } from './lib/terraform.mjs';
import { workspaceRoot } from './lib/workspace.mjs';

const REGION = 'eu-central-1';
const NAME = 'invoice-pipeline';
const OVERRIDE = path.join(terraformDir, 'rehearsal', 'moto_override.tf');
const SMOKE_TEST = path.join(terraformDir, 'rehearsal', 'smoke_test.py');
const PYTHON = path.join(workspaceRoot, '.venv', 'bin', 'python');

function stage(sourceDir, targetDir, endpoint) {
  cpSync(sourceDir, targetDir, {
    recursive: true,
    // Only the root's own files (and functions/): not nested roots, not a local .terraform from lint:infra.
    filter: (source) => {
      const relative = path.relative(sourceDir, source);
      return relative === '' || relative.endsWith('.tf') || relative === 'functions' || relative.startsWith(`functions${path.sep}`);
    },
  });
  const override = readFileSync(OVERRIDE, 'utf8').replaceAll('__MOTO_ENDPOINT__', endpoint);
  writeFileSync(path.join(targetDir, 'moto_override.tf'), override);
  return targetDir;
}

function must(title, status) {
  if (status !== 0) throw new Error(`${title} failed (exit ${status})`);
  console.log(`   ok: ${title}`);
}

function fakeDigest(image) {
  // A stand-in for the digest `docker push` reports: moto does not pull images, it only stores the reference.
  return `sha256:${createHash('sha256').update(`rehearsal ${image} image`).digest('hex')}`;
}

function expect(condition, message) {
  if (!condition) throw new Error(`output check failed: ${message}`);
  console.log(`   ok: ${message}`);
}

function checkOutputs(outputs) {
  const value = (name) => outputs[name]?.value;
  expect(value('uploads_bucket_name') === `${NAME}-uploads-123456789012`, `uploads bucket is ${value('uploads_bucket_name')}`);
  expect(value('spa_bucket_name') === `${NAME}-spa-123456789012`, `SPA bucket is ${value('spa_bucket_name')}`);
  const tables = value('table_names') ?? {};
  for (const role of ['jobs', 'inventory', 'apply-ledger', 'sku-mappings']) {
    expect(tables[role] === `${NAME}-${role}`, `table ${role} is ${tables[role]}`);
  }
  expect(value('parser_task_definition_family') === `${NAME}-parser`, `task definition family is ${value('parser_task_definition_family')}`);
  expect(
    /^arn:aws:ecs:[a-z0-9-]+:123456789012:task-definition\/invoice-pipeline-parser:\d+$/.test(value('parser_task_definition_arn') ?? ''),
    `task definition ARN is ${value('parser_task_definition_arn')}`,
  );
  expect(/^https:\/\/[a-z0-9]+\.execute-api\.[a-z0-9-]+\.amazonaws\.com$/.test(value('api_url') ?? ''), `API URL is ${value('api_url')}`);
  expect(/^https:\/\/[a-z0-9.-]+$/.test(value('app_url') ?? ''), `app URL is ${value('app_url')}`);
}

async function main() {
  console.log(`terraform ${requireTerraform()}; rehearsing against moto`);
  const work = mkdtempSync(path.join(os.tmpdir(), 'invoice-rehearsal-'));
  const moto = await startMoto({ logFile: path.join(work, 'moto.log') });
  console.log(`moto listening on ${moto.endpoint}; working copy ${work}`);
  const started = Date.now();
  try {
    const env = terraformEnv({
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_SESSION_TOKEN: '',
      AWS_REGION: REGION,
      AWS_DEFAULT_REGION: REGION,
      // Never read a developer's real profile or instance credentials during a rehearsal.
      AWS_PROFILE: '',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      AWS_EC2_METADATA_DISABLED: 'true',
      TF_VAR_region: REGION,
    });
    delete env.AWS_PROFILE;
    delete env.AWS_SESSION_TOKEN;

    const registry = stage(registryDir, path.join(work, 'registry'), moto.endpoint);
    const stack = stage(terraformDir, path.join(work, 'stack'), moto.endpoint);

    console.log('\n== registry: init, apply');
    must('registry init', terraform(initArgs({ backend: true }), { cwd: registry, env }));
    must('registry apply', terraform(['apply', '-auto-approve', '-no-color', '-compact-warnings', '-var', 'force_delete=true'], { cwd: registry, env }));

    console.log('\n== image digests (what the api and parser-py deploys would have pushed)');
    const digestDir = path.join(work, 'images');
    for (const image of ['api', 'parser']) {
      const file = writeImageDigest(image, { repository: `${NAME}-${image}`, digest: fakeDigest(image) }, digestDir);
      console.log(`   ${path.basename(file)}: ${JSON.parse(readFileSync(file, 'utf8')).digest}`);
    }
    const digestVars = Object.entries(readImageDigests(digestDir)).flatMap(([name, digest]) => ['-var', `${name}=${digest}`]);
    const stackVars = [...digestVars, '-var', 'rehearsal_mode=true', '-var', 'table_deletion_protection=false'];

    console.log('\n== stack: init, apply');
    must('stack init', terraform(initArgs({ backend: true }), { cwd: stack, env }));
    must('stack apply', terraform(['apply', '-auto-approve', '-no-color', '-compact-warnings', ...stackVars], { cwd: stack, env }));

    console.log('\n== stack: a second plan must change nothing');
    const plan = terraform(['plan', '-detailed-exitcode', '-no-color', '-compact-warnings', ...stackVars], { cwd: stack, env });
    must('second plan is empty (exit 0 from -detailed-exitcode)', plan);

    console.log('\n== outputs');
    const output = terraform(['output', '-json', '-no-color'], { cwd: stack, env, capture: true });
    must('terraform output', output.status);
    const outputsFile = path.join(work, 'outputs.json');
    writeFileSync(outputsFile, output.stdout);
    checkOutputs(JSON.parse(output.stdout));

    console.log('\n== smoke test against the rehearsed names');
    const smoke = spawnSync(PYTHON, [SMOKE_TEST, '--endpoint', moto.endpoint, '--outputs', outputsFile], {
      cwd: workspaceRoot,
      env,
      stdio: 'inherit',
    });
    must('smoke test', smoke.error ? 1 : smoke.status);

    console.log('\n== destroy');
    must('stack destroy', terraform(['destroy', '-auto-approve', '-no-color', '-compact-warnings', ...stackVars], { cwd: stack, env }));
    must('registry destroy', terraform(['destroy', '-auto-approve', '-no-color', '-compact-warnings', '-var', 'force_delete=true'], { cwd: registry, env }));
    const leftovers = JSON.parse(readFileSync(path.join(stack, 'terraform.tfstate'), 'utf8')).resources ?? [];
    if (leftovers.length > 0) throw new Error(`destroy left ${leftovers.length} resources in state`);
    console.log(`\ndeploy:rehearse passed in ${((Date.now() - started) / 1000).toFixed(0)}s`);
  } finally {
    await moto.stop();
    if (process.env.KEEP_REHEARSAL === '1') console.log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`deploy:rehearse: ${error.message}`);
  process.exit(error instanceof MissingToolError ? 2 : 1);
});
