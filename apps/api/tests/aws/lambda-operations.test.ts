import type { OperationsResponse } from '@invoice/contracts';
import { validate } from '@invoice/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizedHandler } from './support/authorized-handler';
import { createAwsResources, type AwsTestResources } from './support/aws-resources';
import { createCognitoTestPool, type CognitoTestPool } from './support/cognito-tokens';
import { invoke, type LambdaHandler } from './support/http-api-event';

/** GET /api/operations in AWS mode through the Lambda handler: the job store it reads is DynamoDB's (fresh tables here). */
describe('GET /api/operations through the Lambda handler', () => {
  let resources: AwsTestResources;
  let pool: CognitoTestPool;
  let lambda: LambdaHandler;

  beforeAll(async () => {
    [resources, pool] = await Promise.all([createAwsResources(), createCognitoTestPool()]);
    Object.assign(process.env, resources.env, pool.env);
    // Imported after the environment is set: the module composes its adapters once, at load, as in Lambda.
    ({ handler: lambda } = (await import('../../src/lambda')) as unknown as { handler: LambdaHandler });
  });
  afterAll(async () => {
    await Promise.all([resources?.cleanup(), pool?.cleanup()]);
  });

  it('counts the jobs created in the last 24 hours, for a viewer, and refuses another window', async () => {
    // Arrange: three jobs created (no upload, no parse)
    const asClerk = authorizedHandler(lambda, await pool.authorizationFor('clerk'));
    for (const name of ['a.pdf', 'b.pdf', 'c.pdf']) {
      expect((await invoke(asClerk, 'POST', '/api/jobs', { fileName: name, contentType: 'application/pdf', sizeBytes: 10 })).statusCode).toBe(201);
    }
    const asViewer = authorizedHandler(lambda, await pool.authorizationFor('viewer', 'access'));

    // Act
    const day = await invoke(asViewer, 'GET', '/api/operations?window=24h');
    const refused = await invoke(asViewer, 'GET', '/api/operations?window=1y');
    const anonymous = await invoke(lambda, 'GET', '/api/operations?window=24h');

    // Assert
    expect(day.statusCode).toBe(200);
    const outcome = validate('api/operations-response', day.body);
    expect(outcome.ok ? [] : outcome.issues).toEqual([]);
    const summary = day.body as OperationsResponse;
    expect({ jobsRead: summary.jobsRead, truncated: summary.truncated, totals: summary.totals, failures: summary.failures }).toEqual({
      jobsRead: 3,
      truncated: false,
      totals: { created: 3, parsed: 0, failed: 0, successRate: null, latencyP50Ms: null, latencyP95Ms: null },
      failures: [],
    });
    // Summed, since the hour may turn between the creates and the read.
    expect(summary.buckets.reduce((sum, bucket) => sum + bucket.counts.created, 0)).toBe(3);
    expect({ status: refused.statusCode, code: (refused.body as { error: { code: string } }).error.code }).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
    expect(anonymous.statusCode).toBe(401);
  });
});
