import path from 'node:path';
import { MAX_PARSE_ATTEMPTS, PARSE_DEADLINE_SECONDS } from '@invoice/inventory';
import type { AwsSettings, CognitoSettings, ParserDispatch } from './adapters/aws/aws-settings';

/**
 * The service's whole configuration, read once from the environment at start-up. Every variable has its
 * local default written out here; a bad value stops the process with a message naming the variable.
 */
export interface Config {
  /** Which adapters the composition root wires; validated there, the one place that switches on it. */
  storage: string;
  port: number;
  /** Loopback by default; main.ts listens on both 127.0.0.1 and ::1 when HOST is not set. */
  host: string | null;
  dataDir: string;
  uploadMaxBytes: number;
  uploadUrlTtlSeconds: number;
  parserConcurrency: number;
  /**
   * Warm parser workers fed from the durable local queue; 0 runs one parser process per parse instead (the
   * subprocess runner, PARSER_CONCURRENCY at a time).
   */
  parserWorkers: number;
  /** A warm worker is replaced after this many jobs. */
  parserWorkerMaxJobs: number;
  parseTimeoutSeconds: number;
  /** Attempts one parse request may use when runs fail for causes outside the document (parse-retry-policy.ts). */
  parseMaxAttempts: number;
  /** A parse still queued or running this long after it was requested fails with PARSE_TIMEOUT. */
  parseDeadlineSeconds: number;
  /** How often the local server sweeps in-flight jobs (due retries, deadlines); 0 turns the sweep off. */
  parseSweepSeconds: number;
  /** argv of the parser, without the `run …` arguments; never passed through a shell. */
  parserCommand: string[];
  /**
   * The origin written into local upload URLs, for a server reached through a proxy at another address; null
   * (the default) answers each create on the origin its request came to, so the browser's PUT is same-origin.
   */
  publicBaseUrl: string | null;
  /** Host names (lower case, no port) the local server answers besides loopback and PUBLIC_BASE_URL's host. */
  allowedHosts: string[];
  /** null: local mode generates one and keeps it under DATA_DIR. */
  uploadSigningSecret: string | null;
  webDistDir: string;
  /** Four eyes: the user who saved a review revision may not apply it (403 SECOND_APPROVER_REQUIRED). */
  requireSecondApprover: boolean;
  /** The AWS mode's variables as given; checked by resolveAwsSettings when STORAGE=aws. */
  aws: AwsEnvironment;
}

/** Raw AWS-mode variables (undefined when unset); only the aws branch of the composition root needs them. */
export type AwsEnvironment = Readonly<Record<(typeof AWS_VARIABLES)[number], string | undefined>>;

export const AWS_VARIABLES = [
  'AWS_REGION',
  'JOBS_TABLE',
  'INVENTORY_TABLE',
  'LEDGER_TABLE',
  'SKU_MAPPINGS_TABLE',
  'AUDIT_TABLE',
  'UPLOADS_BUCKET',
  'ECS_CLUSTER',
  'PARSER_TASK_DEFINITION',
  'PARSER_CONTAINER_NAME',
  'PARSER_SUBNETS',
  'PARSER_SECURITY_GROUPS',
  'PARSER_ASSIGN_PUBLIC_IP',
  'PARSER_DISPATCH',
  'PARSE_QUEUE_URL',
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_DYNAMODB',
  'AWS_ENDPOINT_URL_S3',
  'AWS_ENDPOINT_URL_ECS',
  'AWS_ENDPOINT_URL_SQS',
  'S3_FORCE_PATH_STYLE',
  'COGNITO_USER_POOL_ID',
  'COGNITO_CLIENT_ID',
  'COGNITO_HOSTED_UI_URL',
  'COGNITO_JWKS_URL',
  'AWS_ENDPOINT_URL_COGNITO_IDP',
] as const;

export const CONFIG_DEFAULTS = {
  STORAGE: 'local',
  PORT: 3000,
  DATA_DIR: './.data',
  UPLOAD_MAX_BYTES: 25 * 1024 * 1024,
  UPLOAD_URL_TTL_SECONDS: 900,
  PARSER_CONCURRENCY: 2,
  PARSER_WORKERS: 2,
  PARSER_WORKER_MAX_JOBS: 200,
  PARSE_TIMEOUT_SECONDS: 120,
  PARSE_MAX_ATTEMPTS: MAX_PARSE_ATTEMPTS,
  PARSE_DEADLINE_SECONDS,
  PARSE_SWEEP_SECONDS: 30,
  /** The workspace's virtual environment, created by `npm install` (tools/scripts/setup-python.mjs). */
  PARSER_PYTHON: './.venv/bin/python',
  /** PARSER_COMMAND, when set, is a JSON array of argv and replaces `${PARSER_PYTHON} -m invoice_parser`. */
  PARSER_MODULE: 'invoice_parser',
  WEB_DIST_DIR: 'dist/apps/web',
  REQUIRE_SECOND_APPROVER: false,
} as const;

const MIN_SECRET_LENGTH = 32;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly variable: string, problem: string) {
    super(`Invalid configuration: ${variable} ${problem}`);
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** Relative paths are resolved against `cwd` (the process's working directory by default). */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };
  const port = integer(read, 'PORT', CONFIG_DEFAULTS.PORT, 0, 65_535);
  const python = path.resolve(cwd, read('PARSER_PYTHON') ?? CONFIG_DEFAULTS.PARSER_PYTHON);
  const parseTimeoutSeconds = integer(read, 'PARSE_TIMEOUT_SECONDS', CONFIG_DEFAULTS.PARSE_TIMEOUT_SECONDS, 1);
  // The deadline covers every attempt of a parse; one no longer than a single run's limit would cut runs short.
  const parseDeadlineSeconds = integer(read, 'PARSE_DEADLINE_SECONDS', CONFIG_DEFAULTS.PARSE_DEADLINE_SECONDS, parseTimeoutSeconds + 1);

  return {
    storage: read('STORAGE') ?? CONFIG_DEFAULTS.STORAGE,
    port,
    host: read('HOST') ?? null,
    dataDir: path.resolve(cwd, read('DATA_DIR') ?? CONFIG_DEFAULTS.DATA_DIR),
    uploadMaxBytes: integer(read, 'UPLOAD_MAX_BYTES', CONFIG_DEFAULTS.UPLOAD_MAX_BYTES, 1),
    uploadUrlTtlSeconds: integer(read, 'UPLOAD_URL_TTL_SECONDS', CONFIG_DEFAULTS.UPLOAD_URL_TTL_SECONDS, 1, 7 * 24 * 3600),
    parserConcurrency: integer(read, 'PARSER_CONCURRENCY', CONFIG_DEFAULTS.PARSER_CONCURRENCY, 1, 64),
    parserWorkers: integer(read, 'PARSER_WORKERS', CONFIG_DEFAULTS.PARSER_WORKERS, 0, 64),
    parserWorkerMaxJobs: integer(read, 'PARSER_WORKER_MAX_JOBS', CONFIG_DEFAULTS.PARSER_WORKER_MAX_JOBS, 1),
    parseTimeoutSeconds,
    parseMaxAttempts: integer(read, 'PARSE_MAX_ATTEMPTS', CONFIG_DEFAULTS.PARSE_MAX_ATTEMPTS, 1, 20),
    parseDeadlineSeconds,
    parseSweepSeconds: integer(read, 'PARSE_SWEEP_SECONDS', CONFIG_DEFAULTS.PARSE_SWEEP_SECONDS, 0, 3600),
    parserCommand: parserCommand(read('PARSER_COMMAND'), python),
    publicBaseUrl: optional(read('PUBLIC_BASE_URL'), baseUrl),
    allowedHosts: hostNames(read('ALLOWED_HOSTS')),
    uploadSigningSecret: secret(read('UPLOAD_SIGNING_SECRET')),
    webDistDir: path.resolve(cwd, read('WEB_DIST_DIR') ?? CONFIG_DEFAULTS.WEB_DIST_DIR),
    requireSecondApprover: flag(read('REQUIRE_SECOND_APPROVER'), 'REQUIRE_SECOND_APPROVER', CONFIG_DEFAULTS.REQUIRE_SECOND_APPROVER),
    aws: Object.fromEntries(AWS_VARIABLES.map((name) => [name, read(name)])) as AwsEnvironment,
  };
}

export const AWS_DEFAULTS = { PARSER_CONTAINER_NAME: 'parser', PARSER_ASSIGN_PUBLIC_IP: 'DISABLED', PARSER_DISPATCH: 'queue' } as const;

/** PARSER_DISPATCH's values: a message on the parse queue per attempt, or a Fargate task per attempt. */
export const PARSER_DISPATCHES = ['queue', 'task'] as const;

/** The AWS adapters' settings; throws ConfigError naming the first missing or malformed variable. */
export function resolveAwsSettings(env: AwsEnvironment): AwsSettings {
  const required = (name: keyof AwsEnvironment): string => {
    const value = env[name];
    if (value === undefined) throw new ConfigError(name, 'must be set when STORAGE=aws');
    return value;
  };
  const list = (name: keyof AwsEnvironment): string[] => (env[name] ?? '').split(',').map((part) => part.trim()).filter(Boolean);
  const publicIp = env.PARSER_ASSIGN_PUBLIC_IP ?? AWS_DEFAULTS.PARSER_ASSIGN_PUBLIC_IP;
  if (publicIp !== 'ENABLED' && publicIp !== 'DISABLED') throw new ConfigError('PARSER_ASSIGN_PUBLIC_IP', `must be ENABLED or DISABLED, got "${publicIp}"`);
  const subnets = list('PARSER_SUBNETS');
  if (subnets.length === 0) throw new ConfigError('PARSER_SUBNETS', 'must list at least one subnet id (comma-separated) when STORAGE=aws');
  const endpoint = (name: keyof AwsEnvironment): string | undefined => {
    const value = env[name] ?? env.AWS_ENDPOINT_URL;
    return value === undefined ? undefined : baseUrl(value, name);
  };
  return {
    region: required('AWS_REGION'),
    tables: {
      jobs: required('JOBS_TABLE'),
      inventory: required('INVENTORY_TABLE'),
      ledger: required('LEDGER_TABLE'),
      skuMappings: required('SKU_MAPPINGS_TABLE'),
      audit: required('AUDIT_TABLE'),
    },
    uploadsBucket: required('UPLOADS_BUCKET'),
    dispatch: parserDispatch(env),
    ecs: {
      cluster: required('ECS_CLUSTER'),
      taskDefinition: required('PARSER_TASK_DEFINITION'),
      containerName: env.PARSER_CONTAINER_NAME ?? AWS_DEFAULTS.PARSER_CONTAINER_NAME,
      subnets,
      securityGroups: list('PARSER_SECURITY_GROUPS'),
      assignPublicIp: publicIp === 'ENABLED',
    },
    endpoints: {
      dynamodb: endpoint('AWS_ENDPOINT_URL_DYNAMODB'),
      s3: endpoint('AWS_ENDPOINT_URL_S3'),
      ecs: endpoint('AWS_ENDPOINT_URL_ECS'),
      sqs: endpoint('AWS_ENDPOINT_URL_SQS'),
    },
    s3ForcePathStyle: flag(env.S3_FORCE_PATH_STYLE, 'S3_FORCE_PATH_STYLE'),
  };
}

/** PARSER_DISPATCH, and the queue it needs: PARSE_QUEUE_URL is required for `queue` (the default) only. */
function parserDispatch(env: AwsEnvironment): ParserDispatch {
  const kind = env.PARSER_DISPATCH ?? AWS_DEFAULTS.PARSER_DISPATCH;
  if (!(PARSER_DISPATCHES as readonly string[]).includes(kind)) {
    throw new ConfigError('PARSER_DISPATCH', `must be one of ${PARSER_DISPATCHES.join(', ')}, got "${kind}"`);
  }
  if (kind === 'task') return { kind: 'task' };
  const queueUrl = env.PARSE_QUEUE_URL;
  if (queueUrl === undefined) throw new ConfigError('PARSE_QUEUE_URL', 'must be set when STORAGE=aws and PARSER_DISPATCH=queue (the default)');
  return { kind: 'queue', queueUrl: baseUrl(queueUrl, 'PARSE_QUEUE_URL') };
}

/** A user pool id names its region first (eu-central-1_AbC123); the pool's token issuer is built from both. */
const USER_POOL_ID = /^([a-z]{2}(?:-[a-z]+)+-\d+)_[A-Za-z0-9]+$/;

/** The user pool alone (what `npm run user` needs in AWS mode): its id, region and endpoint override. */
export function resolveCognitoPool(env: AwsEnvironment): Pick<CognitoSettings, 'userPoolId' | 'endpoint'> & { region: string } {
  const userPoolId = env.COGNITO_USER_POOL_ID;
  if (userPoolId === undefined) throw new ConfigError('COGNITO_USER_POOL_ID', 'must be set when STORAGE=aws');
  const region = USER_POOL_ID.exec(userPoolId)?.[1];
  if (region === undefined) throw new ConfigError('COGNITO_USER_POOL_ID', `must be a user pool id such as eu-central-1_AbC123, got "${userPoolId}"`);
  const endpoint = env.AWS_ENDPOINT_URL_COGNITO_IDP ?? env.AWS_ENDPOINT_URL;
  return {
    userPoolId,
    region,
    ...(endpoint === undefined ? {} : { endpoint: baseUrl(endpoint, env.AWS_ENDPOINT_URL_COGNITO_IDP === undefined ? 'AWS_ENDPOINT_URL' : 'AWS_ENDPOINT_URL_COGNITO_IDP') }),
  };
}

/** AWS mode's Cognito settings; throws ConfigError naming the first missing or malformed variable. */
export function resolveCognitoSettings(env: AwsEnvironment): CognitoSettings {
  const { userPoolId, region, endpoint } = resolveCognitoPool(env);
  const clientId = env.COGNITO_CLIENT_ID;
  if (clientId === undefined) throw new ConfigError('COGNITO_CLIENT_ID', 'must be set when STORAGE=aws');
  const hostedUi = env.COGNITO_HOSTED_UI_URL;
  if (hostedUi === undefined) throw new ConfigError('COGNITO_HOSTED_UI_URL', 'must be set when STORAGE=aws');
  const issuer = `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`;
  return {
    userPoolId,
    clientId,
    issuer,
    jwksUrl: env.COGNITO_JWKS_URL === undefined ? `${issuer}/.well-known/jwks.json` : baseUrl(env.COGNITO_JWKS_URL, 'COGNITO_JWKS_URL'),
    hostedUiUrl: baseUrl(hostedUi, 'COGNITO_HOSTED_UI_URL'),
    ...(endpoint === undefined ? {} : { endpoint }),
  };
}

function flag(raw: string | undefined, name: string, fallback = false): boolean {
  if (raw === undefined) return fallback;
  if (raw === 'false') return false;
  if (raw === 'true') return true;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function integer(read: (name: string) => string | undefined, name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = read(name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function parserCommand(raw: string | undefined, python: string): string[] {
  if (raw === undefined) return [python, '-m', CONFIG_DEFAULTS.PARSER_MODULE];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError('PARSER_COMMAND', 'must be a JSON array of strings, e.g. ["/usr/bin/python3","-m","invoice_parser"]');
  }
  if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every((part) => typeof part === 'string' && part !== '')) {
    throw new ConfigError('PARSER_COMMAND', 'must be a non-empty JSON array of non-empty strings');
  }
  return parsed as string[];
}

function baseUrl(raw: string, name = 'PUBLIC_BASE_URL'): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `must be an absolute URL, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(name, 'must use http or https');
  return url.toString().replace(/\/+$/, '');
}

function optional<T>(raw: string | undefined, parse: (raw: string) => T): T | null {
  return raw === undefined ? null : parse(raw);
}

/** ALLOWED_HOSTS: comma-separated host names or IP addresses (IPv6 in brackets), without scheme or port. */
function hostNames(raw: string | undefined): string[] {
  if (raw === undefined) return [];
  return raw.split(',').map((part) => part.trim()).filter(Boolean).map((entry) => {
    let url: URL | null = null;
    try {
      url = /^[\w.\-[\]:]+$/.test(entry) ? new URL(`http://${entry}/`) : null;
    } catch {
      url = null;
    }
    if (!url || url.port !== '' || url.hostname === '') {
      throw new ConfigError('ALLOWED_HOSTS', `must list host names separated by commas, without scheme or port (e.g. "mybox.lan,192.168.1.20"), got "${entry}"`);
    }
    return url.hostname;
  });
}

function secret(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  if (raw.length < MIN_SECRET_LENGTH) throw new ConfigError('UPLOAD_SIGNING_SECRET', `must be at least ${MIN_SECRET_LENGTH} characters`);
  return raw;
}
