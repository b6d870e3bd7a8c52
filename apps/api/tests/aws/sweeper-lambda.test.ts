import type { SweepOutcome } from '@invoice/inventory';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbJobRepository } from '../../src/adapters/aws/dynamodb-job-repository';
import { sampleJob } from '../contracts/sample-records';
import { REPO_ROOT } from '../support/paths';
import { createAwsResources, type AwsTestResources } from './support/aws-resources';
import { createCognitoTestPool, type CognitoTestPool } from './support/cognito-tokens';

/** Written by `nx run api:bundle`, which the test-aws target runs first. */
const BUNDLE_DIR = path.join(REPO_ROOT, 'dist', 'apps', 'api-lambda');

describe('the sweeper entry point of the Lambda bundle (index.sweep, run by the EventBridge schedule)', () => {
  let resources: AwsTestResources;
  let pool: CognitoTestPool;

  beforeAll(async () => {
    if (!existsSync(path.join(BUNDLE_DIR, 'index.js'))) throw new Error(`${BUNDLE_DIR}/index.js is missing: run npx nx run api:bundle`);
    [resources, pool] = await Promise.all([createAwsResources(), createCognitoTestPool()]);
    Object.assign(process.env, resources.env, pool.env);
  });
  afterAll(async () => {
    await Promise.all([resources?.cleanup(), pool?.cleanup()]);
  });

  it('fails a job past PARSE_DEADLINE_SECONDS that nobody polls with PARSE_TIMEOUT, and leaves the rest', async () => {
    // Arrange: a claim an hour old whose run was never recorded, and a parsed job
    const jobs = new DynamoDbJobRepository(resources.clients.dynamodb, resources.settings.tables.jobs, resources.settings.tables.audit);
    const anHourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const stuck = sampleJob({ status: 'QUEUED', attempt: 1, createdAt: anHourAgo, updatedAt: anHourAgo, parseRequest: { requestedAt: anHourAgo, firstAttempt: 1 } });
    const parsed = sampleJob({ status: 'PARSED', attempt: 1 });
    await jobs.create(stuck);
    await jobs.create(parsed);
    const sweep = await loadSweep();

    // Act
    const outcome = await sweep();

    // Assert
    expect(outcome).toEqual({ swept: 1, changed: 1, failed: 0 });
    expect(await jobs.get(stuck.jobId)).toMatchObject({ status: 'FAILED', error: { code: 'PARSE_TIMEOUT' }, attempts: [{ attempt: 1, outcome: 'timed-out' }] });
    expect((await jobs.get(parsed.jobId))?.status).toBe('PARSED');
    expect((await jobs.listInFlight({ limit: 10 })).items).toEqual([]);
  });
});

/** As the Lambda runtime loads the handler string "index.sweep" (an ES module, per the bundle's package.json). */
async function loadSweep(): Promise<() => Promise<SweepOutcome>> {
  const packageJson = JSON.parse(readFileSync(path.join(BUNDLE_DIR, 'package.json'), 'utf8')) as { type?: string };
  if (packageJson.type !== 'module') throw new Error('index.js would be loaded as CommonJS, but the bundle is ESM');
  // A query of its own: this file's module instance, composed from this file's environment.
  const loaded = (await import(`${pathToFileURL(path.join(BUNDLE_DIR, 'index.js')).href}?sweeper`)) as Record<string, unknown>;
  if (typeof loaded.sweep !== 'function') throw new Error('index.sweep is not a function');
  return loaded.sweep as () => Promise<SweepOutcome>;
}
