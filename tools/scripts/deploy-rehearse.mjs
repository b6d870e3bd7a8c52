// `npm run deploy:rehearse`: the whole deploy, rehearsed against moto on loopback. It applies the registry and
// the stack from throw-away copies (with tools/terraform/rehearsal/moto_override.tf pointing every endpoint at
// moto, fake credentials, local state), checks that a second plan changes nothing moto can represent, checks the
// outputs, runs three smoke tests against the rehearsed names (the stack's own settings, then the AWS-mode API
// workflow through the Lambda handler, with RunTask and with the parse queue), destroys both roots and stops
// moto. No real AWS account is touched.
// Terraform's full output goes to log files in the working copy; the console gets a summary per step.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, cpSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { readImageDigests, writeImageDigest } from './lib/image-digests.mjs';
import { startMoto } from './lib/moto-server.mjs';
import { MissingToolError, initArgs, registryDir, requireTerraform, terraformDir, terraformEnv } from './lib/terraform.mjs';
import { workspaceRoot } from './lib/workspace.mjs';

const REGION = 'eu-central-1';
const NAME = 'invoice-pipeline';
const MOTO_ACCOUNT = '123456789012';
const OVERRIDE = path.join(terraformDir, 'rehearsal', 'moto_override.tf');
const STACK_SMOKE = path.join(terraformDir, 'rehearsal', 'smoke_test.py');
// moto's server plus the Application Auto Scaling tag calls moto lacks (the provider reads every resource's tags).
const MOTO_LAUNCHER = path.join(terraformDir, 'rehearsal', 'moto_server.py');
const API_SMOKE = path.join(workspaceRoot, 'apps', 'api', 'scripts', 'aws-smoke.ts');
const PYTHON = path.join(workspaceRoot, '.venv', 'bin', 'python');
const TSX = path.join(workspaceRoot, 'node_modules', '.bin', 'tsx');
const SMOKE_INVOICE = 'ruled_basic.pdf';

/**
 * Resources whose second plan may still show changes, only because moto does not store every attribute it is
 * given. Anything else in a second plan is real drift and fails the rehearsal.
 */
const MOTO_DRIFT = {
  'aws_cloudfront_distribution.app': 'moto drops function associations and the origin access control id',
  'aws_lambda_function.api': 'moto does not store LoggingConfig (log group, format)',
  'aws_lambda_function.parse_sweeper': 'moto does not store LoggingConfig (log group, format)',
  'aws_lambda_function.parse_abandon': 'moto does not store LoggingConfig (log group, format)',
  'aws_ecs_service.parser': 'moto does not store availabilityZoneRebalancing',
  'aws_s3_bucket_policy.spa': "re-read because it names the distribution's ARN, which the drift above re-plans",
};

let work;

/** Runs terraform with its output in <work>/logs/<name>.log; prints the summary lines, or the tail on failure. */
function tf(name, args, { cwd, env, allowExit = [0] }) {
  const log = path.join(work, 'logs', `${name}.log`);
  const fd = openSync(log, 'w');
  const result = spawnSync('terraform', args, { cwd, env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  if (result.error) throw result.error;
  const text = readFileSync(log, 'utf8');
  const summary = text.split('\n').filter((line) => /^(Apply complete|Destroy complete|Plan:|No changes|Terraform has been successfully|Success!)/.test(line));
  if (!allowExit.includes(result.status)) {
    console.error(text.split('\n').slice(-60).join('\n'));
    throw new Error(`terraform ${args[0]} (${name}) failed with exit ${result.status}; full log: ${log}`);
  }
  console.log(`   ok: ${name}${summary.length ? ` - ${summary.join(' ')}` : ''}`);
  return { status: result.status, text };
}

function stage(sourceDir, targetDir, endpoint) {
  cpSync(sourceDir, targetDir, {
    recursive: true,
    // Only the root's own files (and functions/): not nested roots, not a local .terraform from lint:infra.
    filter: (source) => {
      const relative = path.relative(sourceDir, source);
      return relative === '' || relative.endsWith('.tf') || relative === 'functions' || relative.startsWith(`functions${path.sep}`);
    },
  });
  writeFileSync(path.join(targetDir, 'moto_override.tf'), readFileSync(OVERRIDE, 'utf8').replaceAll('__MOTO_ENDPOINT__', endpoint));
  return targetDir;
}

function fakeDigest(image) {
  // Stands in for the digest `docker push` reports: moto stores image references, it never pulls them.
  return `sha256:${createHash('sha256').update(`rehearsal ${image} image`).digest('hex')}`;
}

function expect(condition, message) {
  if (!condition) throw new Error(`check failed: ${message}`);
  console.log(`   ok: ${message}`);
}

function checkSecondPlan(planJson) {
  const changed = (planJson.resource_changes ?? []).filter((change) => !change.change.actions.every((action) => action === 'no-op' || action === 'read'));
  const unexplained = changed.filter((change) => !(change.address in MOTO_DRIFT));
  for (const change of changed.filter((c) => c.address in MOTO_DRIFT)) {
    console.log(`   tolerated: ${change.address} ${change.change.actions.join('/')} (${MOTO_DRIFT[change.address]})`);
  }
  expect(
    unexplained.length === 0,
    `a second plan changes nothing else${unexplained.length ? `: ${unexplained.map((c) => `${c.address} ${c.change.actions}`).join(', ')}` : ''}`,
  );
  expect(!changed.some((change) => change.change.actions.includes('delete') || change.change.actions.includes('create')), 'a second plan replaces nothing');
}

function checkOutputs(outputs) {
  const value = (name) => outputs[name]?.value;
  expect(value('uploads_bucket_name') === `${NAME}-uploads-${MOTO_ACCOUNT}`, `uploads bucket: ${value('uploads_bucket_name')}`);
  expect(value('spa_bucket_name') === `${NAME}-spa-${MOTO_ACCOUNT}`, `SPA bucket: ${value('spa_bucket_name')}`);
  const tables = value('table_names') ?? {};
  for (const role of ['jobs', 'inventory', 'apply-ledger', 'sku-mappings', 'audit']) {
    expect(tables[role] === `${NAME}-${role}`, `table ${role}: ${tables[role]}`);
  }
  expect(value('parser_task_definition_family') === `${NAME}-parser`, `task definition family: ${value('parser_task_definition_family')}`);
  expect(
    new RegExp(`^arn:aws:ecs:${REGION}:${MOTO_ACCOUNT}:task-definition/${NAME}-parser:\\d+$`).test(value('parser_task_definition_arn') ?? ''),
    `task definition: ${value('parser_task_definition_arn')}`,
  );
  expect(new RegExp(`^https://[a-z0-9]+\\.execute-api\\.${REGION}\\.amazonaws\\.com$`).test(value('api_url') ?? ''), `API URL: ${value('api_url')}`);
  expect(/^https:\/\/[a-z0-9.-]+$/.test(value('app_url') ?? ''), `app URL: ${value('app_url')}`);
  const pool = value('cognito_user_pool_id') ?? '';
  expect(new RegExp(`^${REGION}_[A-Za-z0-9]+$`).test(pool), `Cognito user pool: ${pool}`);
  expect(/^[a-z0-9]+$/.test(value('cognito_client_id') ?? ''), `Cognito app client: ${value('cognito_client_id')}`);
  expect(value('cognito_issuer') === `https://cognito-idp.${REGION}.amazonaws.com/${pool}`, `Cognito issuer: ${value('cognito_issuer')}`);
  expect(
    new RegExp(`^https://${NAME}-[0-9a-f]{8}\\.auth\\.${REGION}\\.amazoncognito\\.com$`).test(value('cognito_hosted_ui_url') ?? ''),
    `Cognito hosted UI: ${value('cognito_hosted_ui_url')}`,
  );
  const queue = value('parse_queue_url') ?? '';
  expect(/^https:\/\//.test(queue) && queue.endsWith(`/${MOTO_ACCOUNT}/${NAME}-parse`), `parse queue: ${queue}`);
  expect((value('parse_dlq_url') ?? '').endsWith(`/${MOTO_ACCOUNT}/${NAME}-parse-dlq`), `parse DLQ: ${value('parse_dlq_url')}`);
  expect(value('parser_service_name') === `${NAME}-parser`, `parser service: ${value('parser_service_name')}`);
  expect(value('alarm_topic_arn') === `arn:aws:sns:${REGION}:${MOTO_ACCOUNT}:${NAME}-alarms`, `alarm topic: ${value('alarm_topic_arn')}`);
  const settings = value('parser_queue_settings') ?? {};
  expect(
    settings.max_receive_count === 3 && settings.max_tasks === 10 && settings.task_concurrency === 1 && settings.dispatch === 'queue',
    `queue and scaling defaults (maxReceiveCount 3, at most 10 tasks of 1 job, dispatch queue): ${JSON.stringify(settings)}`,
  );
  const environment = value('api_environment') ?? {};
  expect(
    environment.PARSER_DISPATCH === 'queue' && environment.PARSE_QUEUE_URL === queue,
    'the Lambda environment dispatches parses to this parse queue',
  );
  expect(
    environment.COGNITO_USER_POOL_ID === pool && environment.COGNITO_CLIENT_ID === value('cognito_client_id') && environment.COGNITO_HOSTED_UI_URL === value('cognito_hosted_ui_url'),
    'the Lambda environment names this pool, client and hosted UI',
  );
}

function run(title, command, args, env) {
  const result = spawnSync(command, args, { cwd: workspaceRoot, env, stdio: 'inherit' });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${title} failed (exit ${result.status})`);
  console.log(`   ok: ${title}`);
}

/**
 * PARSER_DISPATCH=queue end to end on the rehearsed names: the parser service's process (`python -m
 * invoice_parser queue-worker`, with the settings parser-service.tf gives it) long-polls the rehearsed queue
 * here, as moto runs no containers; the API sends the parse as a message; the job must end PARSED, the queue
 * must be empty afterwards (the worker deleted the message once answered), and the worker must stop cleanly on
 * SIGTERM as ECS stops a task.
 */
async function queueSmoke({ env, apiEnv, outputs, endpoint, invoice }) {
  const settings = outputs.parser_queue_settings.value;
  const queueUrl = outputs.parse_queue_url.value;
  const logFd = openSync(path.join(work, 'logs', 'queue-worker.log'), 'w');
  const worker = spawn(PYTHON, ['-m', 'invoice_parser', 'queue-worker'], {
    cwd: workspaceRoot,
    // A file, never a pipe: this process blocks in spawnSync while the worker writes.
    stdio: ['ignore', logFd, logFd],
    env: {
      ...env,
      PARSE_QUEUE_URL: queueUrl,
      PARSER_TASK_CONCURRENCY: String(settings.task_concurrency),
      PARSE_VISIBILITY_SECONDS: String(settings.visibility_seconds),
      PARSE_DRAIN_SECONDS: String(settings.drain_seconds),
      AWS_ENDPOINT_URL: endpoint,
      AWS_S3_FORCE_PATH_STYLE: 'true',
    },
  });
  closeSync(logFd);
  const exited = new Promise((resolve) => worker.once('exit', (code, signal) => resolve(code ?? signal)));
  try {
    run(
      'API smoke test, queue dispatch: sign in, create, presigned PUT, parse (SendMessage), the queue worker parses it, poll',
      TSX,
      [API_SMOKE, '--sign-in', invoice],
      { ...apiEnv, PARSER_DISPATCH: 'queue' },
    );
    const depth = spawnSync(
      PYTHON,
      [
        '-c',
        'import boto3, sys; a = boto3.client("sqs").get_queue_attributes(QueueUrl=sys.argv[1], AttributeNames=["All"])["Attributes"]; ' +
          'print(int(a["ApproximateNumberOfMessages"]) + int(a["ApproximateNumberOfMessagesNotVisible"]))',
        queueUrl,
      ],
      { cwd: workspaceRoot, env: { ...env, AWS_ENDPOINT_URL: endpoint }, encoding: 'utf8' },
    );
    expect(depth.status === 0 && depth.stdout.trim() === '0', `the parse queue is empty afterwards (${depth.stdout.trim() || depth.stderr.trim()})`);
  } finally {
    worker.kill('SIGTERM');
  }
  // A long poll in progress (20 s) plus the drain, then ECS would SIGKILL.
  const code = await Promise.race([exited, sleep((20 + settings.drain_seconds + 5) * 1000).then(() => 'still running')]);
  if (code === 'still running') worker.kill('SIGKILL');
  expect(code === 0, `the queue worker stops cleanly on SIGTERM (exit ${code}; log: logs/queue-worker.log)`);
}

async function main() {
  console.log(`terraform ${requireTerraform()}; rehearsing against moto`);
  work = mkdtempSync(path.join(os.tmpdir(), 'invoice-rehearsal-'));
  mkdirSync(path.join(work, 'logs'));
  const moto = await startMoto({ logFile: path.join(work, 'logs', 'moto.log'), launcher: MOTO_LAUNCHER });
  console.log(`moto on ${moto.endpoint}; working copy ${work}`);
  const started = Date.now();
  let passed = false;
  try {
    const env = terraformEnv({
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_REGION: REGION,
      AWS_DEFAULT_REGION: REGION,
      // Never a developer's real profile or instance credentials during a rehearsal.
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      AWS_EC2_METADATA_DISABLED: 'true',
      // moto speaks HTTPS with a throw-away certificate: the buckets refuse plain HTTP, as S3 does.
      AWS_CA_BUNDLE: moto.caBundle,
      NODE_EXTRA_CA_CERTS: moto.caBundle,
      TF_VAR_region: REGION,
    });
    for (const variable of ['AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_ENDPOINT_URL']) delete env[variable];

    const registry = stage(registryDir, path.join(work, 'registry'), moto.endpoint);
    const stack = stage(terraformDir, path.join(work, 'stack'), moto.endpoint);
    const registryVars = ['-var', 'force_delete=true'];

    console.log('\n== registry (ECR repositories)');
    tf('registry-init', initArgs({ backend: true }), { cwd: registry, env });
    tf('registry-apply', ['apply', '-auto-approve', '-no-color', ...registryVars], { cwd: registry, env });

    console.log('\n== image digests (what the api and parser-py deploys record after pushing)');
    const digestDir = path.join(work, 'images');
    for (const image of ['api', 'parser']) writeImageDigest(image, { repository: `${NAME}-${image}`, digest: fakeDigest(image) }, digestDir);
    const digests = readImageDigests(digestDir);
    for (const [variable, digest] of Object.entries(digests)) console.log(`   ${variable} = ${digest}`);
    const stackVars = [
      ...Object.entries(digests).flatMap(([variable, digest]) => ['-var', `${variable}=${digest}`]),
      '-var', 'rehearsal_mode=true',
      '-var', 'allow_destroying_data=true',
    ];

    console.log('\n== stack');
    tf('stack-init', initArgs({ backend: true }), { cwd: stack, env });
    const tagged = tf('stack-plan-with-a-tag', ['plan', '-no-color', ...stackVars, '-var', 'api_image_digest=latest'], { cwd: stack, env, allowExit: [1] });
    expect(/never a tag/.test(tagged.text), 'a tag where a digest belongs is refused (api_image_digest=latest)');
    const unbounded = tf(
      'stack-plan-without-guardrail',
      ['plan', '-no-color', ...stackVars, '-var', 'parser_max_tasks=0', '-var', 'parser_dispatch=lambda'],
      { cwd: stack, env, allowExit: [1] },
    );
    expect(
      /parser_max_tasks must be a whole number of at least 1/.test(unbounded.text) && /parser_dispatch must be queue or task/.test(unbounded.text),
      'a parser service without its task ceiling (parser_max_tasks=0) and an unknown dispatch are refused',
    );
    const warmAboveCeiling = tf('stack-plan-min-above-max', ['plan', '-no-color', ...stackVars, '-var', 'parser_min_tasks=11'], { cwd: stack, env, allowExit: [1] });
    expect(
      /parser_min_tasks \(11\) must not exceed parser_max_tasks \(10\)/.test(warmAboveCeiling.text),
      'more warm parser tasks than the ceiling (parser_min_tasks=11 > parser_max_tasks=10) is refused',
    );
    tf('stack-apply', ['apply', '-auto-approve', '-no-color', ...stackVars], { cwd: stack, env });

    console.log('\n== a second plan');
    tf('stack-replan', ['plan', '-no-color', '-out=replan.tfplan', ...stackVars], { cwd: stack, env });
    const planJson = tf('stack-replan-json', ['show', '-json', 'replan.tfplan'], { cwd: stack, env });
    checkSecondPlan(JSON.parse(planJson.text));

    console.log('\n== outputs');
    const output = tf('stack-output', ['output', '-json', '-no-color'], { cwd: stack, env });
    const outputsFile = path.join(work, 'outputs.json');
    writeFileSync(outputsFile, output.text);
    const outputs = JSON.parse(output.text);
    checkOutputs(outputs);

    console.log('\n== smoke test 1: the stack as Terraform promised it (tools/terraform/rehearsal/smoke_test.py)');
    run('stack smoke test', PYTHON, [STACK_SMOKE, '--endpoint', moto.endpoint, '--outputs', outputsFile, '--rehearsal'], env);

    console.log('\n== smoke test 2: the AWS-mode workflow on the rehearsed names (apps/api/scripts/aws-smoke.ts)');
    const fixtures = path.join(work, 'fixtures');
    const generated = spawnSync(PYTHON, [path.join(workspaceRoot, 'apps/parser-py/fixtures/generate_invoices.py'), '--out', fixtures], { cwd: workspaceRoot, stdio: 'ignore' });
    if (generated.status !== 0) throw new Error('could not generate the smoke invoice (apps/parser-py/fixtures/generate_invoices.py)');
    const apiEnv = {
      ...env,
      // Exactly the environment Terraform gives the Lambda function, plus the emulator endpoint.
      ...outputs.api_environment.value,
      // This smoke test runs RunTask's task locally (--run-tasks-locally): the task dispatch, which the stack
      // keeps as parser_dispatch = "task".
      PARSER_DISPATCH: 'task',
      AWS_ENDPOINT_URL: moto.endpoint,
      // moto serves the pool's signing keys under its own address; the tokens' issuer stays Cognito's.
      COGNITO_JWKS_URL: `${moto.endpoint}/${outputs.cognito_user_pool_id.value}/.well-known/jwks.json`,
      S3_FORCE_PATH_STYLE: 'true',
      SMOKE_TIMEOUT_SECONDS: '120',
      // The SDK's notice about Node 20 support is not the rehearsal's business (the Lambda image runs Node 22).
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    run(
      'API smoke test: sign in (a Cognito user of the rehearsed pool), health, create, presigned PUT, parse (RunTask), poll, apply',
      TSX,
      [API_SMOKE, '--run-tasks-locally', '--sign-in', '--apply', path.join(fixtures, SMOKE_INVOICE)],
      apiEnv,
    );

    console.log('\n== smoke test 3: the queue dispatch on the rehearsed parse queue (a local queue worker stands in for the parser service)');
    await queueSmoke({ env, apiEnv, outputs, endpoint: moto.endpoint, invoice: path.join(fixtures, SMOKE_INVOICE) });

    console.log('\n== destroy');
    tf('stack-destroy', ['destroy', '-auto-approve', '-no-color', ...stackVars], { cwd: stack, env });
    tf('registry-destroy', ['destroy', '-auto-approve', '-no-color', ...registryVars], { cwd: registry, env });
    for (const [root, dir] of [['stack', stack], ['registry', registry]]) {
      const left = JSON.parse(readFileSync(path.join(dir, 'terraform.tfstate'), 'utf8')).resources ?? [];
      expect(left.length === 0, `${root} state is empty after destroy`);
    }
    passed = true;
    console.log(`\ndeploy:rehearse passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await moto.stop();
    if (passed && process.env.KEEP_REHEARSAL !== '1') rmSync(work, { recursive: true, force: true });
    else console.log(`logs and state kept in ${work}`);
  }
}

main().catch((error) => {
  console.error(`deploy:rehearse: ${error.message}`);
  process.exit(error instanceof MissingToolError ? 2 : 1);
});
