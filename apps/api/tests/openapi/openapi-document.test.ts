import { errorCatalog, schemasByName, validate, type ErrorCode } from '@invoice/contracts';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../src/http/openapi/openapi-document';
import { ROUTE_CONTRACTS, routeKey } from '../../src/http/openapi/route-contracts';
import { ROUTE_RULES } from '../../src/http/route-roles';
import { routesOf } from '../support/express-routes';
import { serverPerSuite } from '../support/server-per-suite';

interface Operation {
  security: unknown[];
  parameters: { name: string; in: string; required: boolean; schema: unknown }[];
  requestBody?: { required: boolean; content: Record<string, { schema: unknown }> };
  responses: Record<string, { content?: Record<string, { schema: unknown }>; 'x-error-codes'?: ErrorCode[] }>;
  'x-least-role': string;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
}

/** 'METHOD /path' with Express's :params, as route-roles.ts writes them. */
function operationsOf(document: Document): [string, Operation][] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => [`${method.toUpperCase()} ${path.replace(/\{([A-Za-z]+)\}/g, ':$1')}`, operation] as [string, Operation]),
  );
}

/** The codes an operation's error responses list, by status. */
function codesOf(operation: Operation): Record<string, ErrorCode[]> {
  return Object.fromEntries(Object.entries(operation.responses).flatMap(([status, response]) => (response['x-error-codes'] ? [[status, response['x-error-codes']]] : [])));
}

/** Every `$ref` in a JSON document, each with where it was found. */
function refsOf(node: unknown, at = ''): [string, string][] {
  if (Array.isArray(node)) return node.flatMap((item, index) => refsOf(item, `${at}/${index}`));
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) => (key === '$ref' && typeof value === 'string' ? [[at, value] as [string, string]] : refsOf(value, `${at}/${key}`)));
}

/** The node a local `#/...` JSON Pointer names in the document, or undefined. */
function resolve(document: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = document;
  for (const token of ref.slice(2).split('/')) {
    const key = decodeURIComponent(token).replaceAll('~1', '/').replaceAll('~0', '~');
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

describe('GET /api/openapi.json', () => {
  const suite = serverPerSuite('openapi');

  async function served(): Promise<Document> {
    // Public: no Authorization header.
    const response = await request(suite.server.url).get('/api/openapi.json');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    return response.body as Document;
  }

  it('is an OpenAPI 3.1 document of exactly the routes the local app has', async () => {
    const document = await served();

    expect(document.openapi).toBe('3.1.0');
    expect(operationsOf(document).map(([key]) => key).sort()).toEqual(routesOf(suite.server.app));
  });

  it('has a route-contracts.ts entry for every rule of route-roles.ts, and none for a route that is gone', () => {
    expect(Object.keys(ROUTE_CONTRACTS).sort()).toEqual(ROUTE_RULES.map(routeKey).sort());
  });

  it('refuses to build when a route has no entry in route-contracts.ts, naming it', () => {
    const rules = [...ROUTE_RULES, { method: 'GET' as const, path: '/api/new-thing', access: 'viewer' as const }];
    expect(() => buildOpenApiDocument({ mode: 'local', version: 'test', rules })).toThrow('GET /api/new-thing has no entry in route-contracts.ts');
  });

  it('bundles every contract schema as components, each $ref pointing at one, none at a contract file', async () => {
    const document = await served();
    const refs = refsOf(document);
    const titles = Object.entries(schemasByName).flatMap(([name, schema]) => (name === 'common' ? [] : [(schema as { title: string }).title]));

    expect(Object.keys(document.components.schemas)).toEqual(expect.arrayContaining([...titles, 'Common.JobId', 'Job.JobStatus']));
    expect(refs.length).toBeGreaterThan(100);
    expect(refs.filter(([, ref]) => resolve(document, ref) === undefined)).toEqual([]);
    expect(JSON.stringify(document)).not.toMatch(/schema\.json|"\$id"|"\$schema"/);
  });

  it('lets an error response carry only the codes it lists for that status', async () => {
    const document = await served();
    const notFound = await request(suite.server.url).get('/api/jobs/00000000-0000-4000-8000-000000000000').set('Authorization', `Bearer ${suite.server.adminToken}`);
    const schema = document.paths['/api/jobs/{jobId}']?.get?.responses['404']?.content?.['application/json']?.schema;

    expect(validate('error', notFound.body).ok).toBe(true);
    expect(schema).toEqual({
      allOf: [{ $ref: '#/components/schemas/ErrorResponse' }],
      properties: { error: { properties: { code: { enum: ['JOB_NOT_FOUND'] } } } },
    });
    expect([notFound.status, notFound.body.error.code]).toEqual([404, 'JOB_NOT_FOUND']);
  });

  it('gives each operation the statuses and codes its kind of route can answer', async () => {
    const document = await served();
    for (const [key, operation] of operationsOf(document)) {
      const rule = ROUTE_RULES.find((candidate) => routeKey(candidate) === key);
      const contract = ROUTE_CONTRACTS[key as keyof typeof ROUTE_CONTRACTS];
      const codes = codesOf(operation);
      const listed = Object.values(codes).flat();
      expect(rule, key).toBeDefined();
      if (!rule || !contract) continue;

      for (const [status, statusCodes] of Object.entries(codes)) {
        expect(statusCodes.map((code) => errorCatalog[code].httpStatus), `${key} ${status}`).toEqual(statusCodes.map(() => Number(status)));
      }
      expect(listed, key).toEqual(expect.arrayContaining([...contract.errors, 'INTERNAL_ERROR', 'HOST_NOT_ALLOWED']));
      if (rule.access === 'public') {
        expect([operation.security, listed.includes('UNAUTHENTICATED')], key).toEqual([[], false]);
      } else {
        expect([operation.security, operation['x-least-role'], codes['401']], key).toEqual([[{ bearer: [] }, { session: [] }], rule.access, ['UNAUTHENTICATED']]);
        expect(listed.includes('FORBIDDEN'), key).toBe(rule.access !== 'viewer');
      }
      if (rule.path.includes(':jobId') && !rule.path.startsWith('/api/uploads/')) expect(codes['404'], key).toContain('JOB_NOT_FOUND');
      if (typeof contract.body === 'object') {
        expect(codes['400'], key).toContain('VALIDATION_FAILED');
        expect(operation.requestBody?.content['application/json']?.schema, key).toEqual({ $ref: `#/components/schemas/${(schemasByName[contract.body.schema] as { title: string }).title}` });
      }
      if (contract.query) expect(codes['400'], key).toContain('VALIDATION_FAILED');
      if (rule.method !== 'GET' && !rule.path.startsWith('/api/uploads/')) expect(codes['415'], key).toContain('UNSUPPORTED_MEDIA_TYPE');
    }
  });

  it('names the parameters a route reads: each :param of the path, each property of its query schema, a signed URL\'s', async () => {
    const document = await served();
    const region = document.paths['/api/jobs/{jobId}/pages/{page}/region']?.get;
    const audit = document.paths['/api/audit']?.get;

    expect(region?.parameters.map((parameter) => [parameter.in, parameter.name, parameter.required])).toEqual([
      ['path', 'jobId', true],
      ['path', 'page', true],
      ['query', 'x0', true],
      ['query', 'y0', true],
      ['query', 'x1', true],
      ['query', 'y1', true],
    ]);
    expect(audit?.parameters.find((parameter) => parameter.name === 'jobId')?.schema).toEqual({ $ref: '#/components/schemas/Common.JobId' });
    expect(audit?.parameters.every((parameter) => parameter.in === 'query' && !parameter.required)).toBe(true);
    expect(document.paths['/api/uploads/{jobId}']?.put?.parameters.map((parameter) => [parameter.in, parameter.name])).toEqual([
      ['path', 'jobId'],
      ['query', 'expires'],
      ['query', 'sig'],
    ]);
  });
});

describe('the AWS mode document', () => {
  const document = buildOpenApiDocument({ mode: 'aws', version: 'test' }) as unknown as Document;

  it('leaves out the local-only routes, the session cookie and the local Host check', () => {
    const keys = operationsOf(document).map(([key]) => key);
    const localOnly = ROUTE_RULES.filter((rule) => rule.only === 'local').map((rule) => routeKey(rule) as string);

    expect(keys.sort()).toEqual(ROUTE_RULES.filter((rule) => rule.only !== 'local').map(routeKey).sort());
    expect(keys.filter((key) => localOnly.includes(key))).toEqual([]);
    expect(Object.keys(document.components.securitySchemes)).toEqual(['bearer']);
    expect(operationsOf(document).flatMap(([, operation]) => Object.values(codesOf(operation)).flat())).not.toContain('HOST_NOT_ALLOWED');
  });

  it('says that a document may be answered with a redirect to S3', () => {
    expect(Object.keys(document.paths['/api/jobs/{jobId}/file']?.get?.responses ?? {})).toContain('302');
  });
});
