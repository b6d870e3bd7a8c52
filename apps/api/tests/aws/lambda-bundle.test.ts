import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths';
import { authorizedHandler } from './support/authorized-handler';
import { createAwsResources, type AwsTestResources } from './support/aws-resources';
import { createCognitoTestPool, type CognitoTestPool } from './support/cognito-tokens';
import { invoke, type LambdaHandler } from './support/http-api-event';

/** Written by `nx run api:bundle`, which the test-aws target runs first. */
const BUNDLE_DIR = path.join(REPO_ROOT, 'dist', 'apps', 'api-lambda');
const SIZE_LIMIT_BYTES = 1024 * 1024;

describe('the Lambda bundle', () => {
  let resources: AwsTestResources;
  let pool: CognitoTestPool;
  let handler: LambdaHandler;

  beforeAll(async () => {
    if (!existsSync(path.join(BUNDLE_DIR, 'index.js'))) throw new Error(`${BUNDLE_DIR}/index.js is missing: run npx nx run api:bundle`);
    [resources, pool] = await Promise.all([createAwsResources(), createCognitoTestPool()]);
    Object.assign(process.env, resources.env, pool.env);
    // As behind API Gateway's JWT authorizer: every request carries an administrator's Cognito token.
    handler = authorizedHandler(await loadLikeTheLambdaRuntime(BUNDLE_DIR, 'index.handler'), await pool.authorizationFor('admin'));
  });
  afterAll(async () => {
    await Promise.all([resources?.cleanup(), pool?.cleanup()]);
  });

  it('answers GET /api/health with 200 and the aws storage mode', async () => {
    const response = await invoke(handler, 'GET', '/api/health');

    expect(response.statusCode).toBe(200);
    expect(response.body).toMatchObject({ status: 'ok', storage: 'aws' });
  });

  it('creates a job in DynamoDB and signs an S3 upload, through a JSON body', async () => {
    // Act
    const created = await invoke(handler, 'POST', '/api/jobs', { fileName: 'inv.pdf', contentType: 'application/pdf', sizeBytes: 1234 });

    // Assert
    expect(created.statusCode).toBe(201);
    const body = created.body as { job: { jobId: string; status: string }; upload: { url: string } };
    expect(body.job.status).toBe('CREATED');
    expect(new URL(body.upload.url).pathname).toBe(`/${resources.settings.uploadsBucket}/raw/${body.job.jobId}/inv.pdf`);
    expect((await invoke(handler, 'GET', `/api/jobs/${body.job.jobId}`)).statusCode).toBe(200);
    // A POST with nothing but {} to send, before anything was uploaded: HeadObject finds nothing.
    expect(await invoke(handler, 'POST', `/api/jobs/${body.job.jobId}/parse`)).toMatchObject({
      statusCode: 409,
      body: { error: { code: 'UPLOAD_NOT_FOUND' } },
    });
  });

  it('answers coded errors: 404 for an unknown route, 400 for an invalid body', async () => {
    expect(await invoke(handler, 'GET', '/api/nothing-here')).toMatchObject({ statusCode: 404, body: { error: { code: 'ROUTE_NOT_FOUND' } } });
    expect(await invoke(handler, 'POST', '/api/jobs', { fileName: 'x.pdf' })).toMatchObject({ statusCode: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
  });

  it('reads plain-text and base64 JSON bodies and query strings as API Gateway sends them, through the shimmed body decoding', async () => {
    // Arrange: two jobs, one created from a plain-text body (API Gateway's usual form for JSON)
    const plain = { raw: JSON.stringify({ fileName: 'plain.pdf', contentType: 'application/pdf', sizeBytes: 10 }), contentType: 'application/json; charset=utf-8' };
    await invoke(handler, 'POST', '/api/jobs', { fileName: 'b64.pdf', contentType: 'application/pdf', sizeBytes: 10 });

    // Act
    const created = await invoke(handler, 'POST', '/api/jobs', plain);
    const firstPage = await invoke(handler, 'GET', '/api/jobs?limit=1');
    const malformed = await invoke(handler, 'POST', '/api/jobs', { raw: '{"fileName":', contentType: 'application/json' });
    const foreignCharset = await invoke(handler, 'POST', '/api/jobs', { raw: plain.raw, contentType: 'application/json; charset=iso-8859-2' });
    const badQuery = await invoke(handler, 'GET', '/api/jobs?limit=zero');

    // Assert
    expect(created).toMatchObject({ statusCode: 201, body: { job: { fileName: 'plain.pdf' } } });
    expect(firstPage.statusCode).toBe(200);
    expect((firstPage.body as { items: unknown[] }).items).toHaveLength(1);
    expect((firstPage.body as { nextCursor: string | null }).nextCursor).toEqual(expect.any(String));
    expect(malformed).toMatchObject({ statusCode: 400, body: { error: { code: 'MALFORMED_JSON' } } });
    expect(foreignCharset).toMatchObject({ statusCode: 415, body: { error: { code: 'UNSUPPORTED_MEDIA_TYPE' } } });
    expect(badQuery).toMatchObject({ statusCode: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
  });

  it('stays under 1 MB and carries neither better-sqlite3 nor the local adapters', () => {
    const files = readdirSync(BUNDLE_DIR, { recursive: true }).map((name) => path.join(BUNDLE_DIR, String(name)));
    const size = files.filter((file) => statSync(file).isFile()).reduce((sum, file) => sum + statSync(file).size, 0);
    const code = readFileSync(path.join(BUNDLE_DIR, 'index.js'), 'utf8');

    // Plain booleans: a failing match on a 900 KB string would print all of it.
    expect(size).toBeLessThan(SIZE_LIMIT_BYTES);
    expect(['better-sqlite3', 'journal_mode', 'CREATE TABLE'].filter((marker) => code.includes(marker))).toEqual([]);
    expect(code.includes('STORAGE=local is not part of the Lambda bundle')).toBe(true);
  });
});

/**
 * What the Lambda Node.js runtime does with a handler string "index.handler": find index.mjs, .cjs or .js
 * in the task root; a .js file is imported as an ES module when the nearest package.json says "type": "module".
 */
async function loadLikeTheLambdaRuntime(taskRoot: string, handlerString: string): Promise<LambdaHandler> {
  const [moduleName, exportName] = handlerString.split('.') as [string, string];
  const file = path.join(taskRoot, `${moduleName}.js`);
  const packageJson = JSON.parse(readFileSync(path.join(taskRoot, 'package.json'), 'utf8')) as { type?: string };
  if (packageJson.type !== 'module') throw new Error('index.js would be loaded as CommonJS, but the bundle is ESM');
  const loaded = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  const handler = loaded[exportName];
  if (typeof handler !== 'function') throw new Error(`${handlerString} is not a function`);
  return handler as LambdaHandler;
}
