import { describe, expect, it } from 'vitest';
import { compose } from '../src/composition-root';
import { ConfigError, loadConfig, resolveAwsSettings } from '../src/config';

const COMPLETE = {
  STORAGE: 'aws',
  AWS_REGION: 'eu-central-1',
  JOBS_TABLE: 'jobs',
  INVENTORY_TABLE: 'inventory',
  LEDGER_TABLE: 'ledger',
  SKU_MAPPINGS_TABLE: 'sku-mappings',
  AUDIT_TABLE: 'audit',
  UPLOADS_BUCKET: 'uploads',
  ECS_CLUSTER: 'cluster',
  PARSER_TASK_DEFINITION: 'parser:3',
  PARSER_SUBNETS: 'subnet-a, subnet-b',
  PARSE_QUEUE_URL: 'https://sqs.eu-central-1.amazonaws.com/123456789012/parse',
};

describe('resolveAwsSettings', () => {
  it('reads the AWS mode variables, with the written-out defaults for the optional ones', () => {
    const settings = resolveAwsSettings(loadConfig(COMPLETE).aws);

    expect(settings).toEqual({
      region: 'eu-central-1',
      tables: { jobs: 'jobs', inventory: 'inventory', ledger: 'ledger', skuMappings: 'sku-mappings', audit: 'audit' },
      uploadsBucket: 'uploads',
      dispatch: { kind: 'queue', queueUrl: 'https://sqs.eu-central-1.amazonaws.com/123456789012/parse' },
      ecs: { cluster: 'cluster', taskDefinition: 'parser:3', containerName: 'parser', subnets: ['subnet-a', 'subnet-b'], securityGroups: [], assignPublicIp: false },
      endpoints: { dynamodb: undefined, s3: undefined, ecs: undefined, sqs: undefined },
      s3ForcePathStyle: false,
    });
  });

  it('points every client at AWS_ENDPOINT_URL unless a service has its own', () => {
    const settings = resolveAwsSettings(loadConfig({ ...COMPLETE, AWS_ENDPOINT_URL: 'http://127.0.0.1:4566', AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:8000' }).aws);

    expect(settings.endpoints).toEqual({ dynamodb: 'http://127.0.0.1:8000', s3: 'http://127.0.0.1:4566', ecs: 'http://127.0.0.1:4566', sqs: 'http://127.0.0.1:4566' });
    expect(resolveAwsSettings(loadConfig({ ...COMPLETE, AWS_ENDPOINT_URL_SQS: 'http://127.0.0.1:5000' }).aws).endpoints.sqs).toBe('http://127.0.0.1:5000');
  });

  it('dispatches a parse as a message on PARSE_QUEUE_URL by default, and as a RunTask with PARSER_DISPATCH=task, which needs no queue', () => {
    const task: Record<string, string> = { ...COMPLETE, PARSER_DISPATCH: 'task' };
    delete task.PARSE_QUEUE_URL;

    expect(resolveAwsSettings(loadConfig(COMPLETE).aws).dispatch).toEqual({ kind: 'queue', queueUrl: COMPLETE.PARSE_QUEUE_URL });
    expect(resolveAwsSettings(loadConfig({ ...COMPLETE, PARSER_DISPATCH: 'queue' }).aws).dispatch.kind).toBe('queue');
    expect(resolveAwsSettings(loadConfig(task).aws).dispatch).toEqual({ kind: 'task' });
  });

  it.each(['Queue', 'sqs', 'ecs'])('throws naming PARSER_DISPATCH and the allowed values for %j, from the composition root', (dispatch) => {
    expect(() => compose(loadConfig({ ...COMPLETE, PARSER_DISPATCH: dispatch }))).toThrow(`PARSER_DISPATCH must be one of queue, task, got "${dispatch}"`);
  });

  it('throws naming PARSE_QUEUE_URL when the queue dispatch has no queue, or a queue that is not a URL', () => {
    const env: Record<string, string> = { ...COMPLETE };
    delete env.PARSE_QUEUE_URL;

    expect(() => compose(loadConfig(env))).toThrow('PARSE_QUEUE_URL must be set when STORAGE=aws and PARSER_DISPATCH=queue');
    expect(() => compose(loadConfig({ ...env, PARSER_DISPATCH: 'queue' }))).toThrow(ConfigError);
    expect(() => resolveAwsSettings(loadConfig({ ...COMPLETE, PARSE_QUEUE_URL: 'parse-queue' }).aws)).toThrow('PARSE_QUEUE_URL must be an absolute URL');
  });

  it.each(['AWS_REGION', 'JOBS_TABLE', 'INVENTORY_TABLE', 'LEDGER_TABLE', 'SKU_MAPPINGS_TABLE', 'AUDIT_TABLE', 'UPLOADS_BUCKET', 'ECS_CLUSTER', 'PARSER_TASK_DEFINITION', 'PARSER_SUBNETS'])(
    'throws naming %s when it is missing, from the composition root',
    (variable) => {
      const env: Record<string, string> = { ...COMPLETE };
      delete env[variable];
      expect(() => compose(loadConfig(env))).toThrow(ConfigError);
      expect(() => compose(loadConfig(env))).toThrow(variable);
    },
  );

  it.each([
    ['PARSER_ASSIGN_PUBLIC_IP', 'yes'],
    ['S3_FORCE_PATH_STYLE', '1'],
    ['AWS_ENDPOINT_URL_S3', 'localhost:9000'],
    ['AWS_ENDPOINT_URL_SQS', 'localhost:9324'],
  ])('throws naming %s when it is %j', (variable, value) => {
    expect(() => resolveAwsSettings(loadConfig({ ...COMPLETE, [variable]: value }).aws)).toThrow(variable);
  });
});
