import { errorCatalog, schemasByName, type ErrorCode } from '@invoice/contracts';
import { ROLES, SESSION_COOKIE } from '@invoice/inventory';
import { ROUTE_RULES, type RouteRule } from '../route-roles';
import { ROUTE_CONTRACTS, routeKey, type RouteContract, type RouteKey } from './route-contracts';
import { componentRef, contractComponents, schemaAt } from './schema-components';

export interface OpenApiOptions {
  /** The storage mode of the app serving the document: routes of the other mode are left out. */
  mode: 'local' | 'aws';
  version: string;
  rules?: readonly RouteRule[];
  contracts?: Readonly<Record<RouteKey, RouteContract>>;
}

type JsonObject = Record<string, unknown>;

/** The local server (main.ts) checks Host; AWS mode leaves that to API Gateway and CloudFront. */
const EVERY_ROUTE: Record<OpenApiOptions['mode'], readonly ErrorCode[]> = {
  local: ['HOST_NOT_ALLOWED', 'INTERNAL_ERROR', 'STORAGE_UNAVAILABLE'],
  aws: ['INTERNAL_ERROR', 'STORAGE_UNAVAILABLE'],
};
/** stateChangeGuard: a state change must say Content-Type: application/json and not come from another site. */
const STATE_CHANGE: readonly ErrorCode[] = ['UNSUPPORTED_MEDIA_TYPE', 'CROSS_SITE_REQUEST'];
/** requireJsonIfBody, the JSON parser and bodyOf. */
const JSON_BODY: readonly ErrorCode[] = ['VALIDATION_FAILED', 'MALFORMED_JSON', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'];

/**
 * The OpenAPI 3.1 document of the API, generated: every route and least role from route-roles.ts, what each
 * reads and answers from route-contracts.ts, the schemas from libs/contracts, each error response listing
 * the codes (error-codes.json) the route can answer with that status, as an enum the fuzzer checks.
 */
export function buildOpenApiDocument(options: OpenApiOptions): JsonObject {
  const rules = (options.rules ?? ROUTE_RULES).filter((rule) => rule.only === undefined || rule.only === options.mode);
  const contracts = options.contracts ?? ROUTE_CONTRACTS;
  const paths: Record<string, JsonObject> = {};
  for (const rule of rules) {
    const contract = contracts[routeKey(rule)];
    if (!contract) throw new Error(`${routeKey(rule)} has no entry in route-contracts.ts`);
    const path = rule.path.replace(/:([A-Za-z]+)/g, '{$1}');
    paths[path] = { ...paths[path], [rule.method.toLowerCase()]: operation(rule, contract, options.mode) };
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Invoice pipeline API',
      version: options.version,
      description:
        `Storage mode: ${options.mode}. Generated from libs/contracts (schemas, error-codes.json) and the route table ` +
        '(apps/api/src/http/route-roles.ts, route-contracts.ts). Every error is {error: {code, message, details?}}; ' +
        "each error response lists the codes a route can answer with that status. Amounts and quantities are decimal strings.",
    },
    paths,
    components: { schemas: contractComponents(), securitySchemes: securitySchemes(options.mode) },
  };
}

function securitySchemes(mode: OpenApiOptions['mode']): JsonObject {
  const bearer = {
    type: 'http',
    scheme: 'bearer',
    description: mode === 'local' ? 'An API token (POST /api/tokens, or npm run user -- token).' : 'A Cognito access or ID token (JWT) of the user pool.',
  };
  if (mode === 'aws') return { bearer };
  return { bearer, session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'The session cookie POST /api/session sets.' } };
}

function operation(rule: RouteRule, contract: RouteContract, mode: OpenApiOptions['mode']): JsonObject {
  const isPublic = rule.access === 'public';
  const isUploadTarget = rule.path.startsWith('/api/uploads/');
  const codes = new Set<ErrorCode>(EVERY_ROUTE[mode]);
  const addAll = (more: readonly ErrorCode[]) => more.forEach((code) => codes.add(code));
  if (!isPublic) addAll(['UNAUTHENTICATED']);
  // The least role refuses no signed-in user.
  if (!isPublic && rule.access !== ROLES[0]) addAll(['FORBIDDEN']);
  if (rule.method !== 'GET' && !isUploadTarget) addAll(STATE_CHANGE);
  if (typeof contract.body === 'object') addAll(JSON_BODY);
  if (contract.query) addAll(['VALIDATION_FAILED']);
  if (rule.path.includes(':jobId') && !isUploadTarget) addAll(['JOB_NOT_FOUND']);
  addAll(contract.errors);

  return {
    operationId: operationId(rule),
    tags: [rule.path.split('/')[2] ?? 'api'],
    summary: contract.summary,
    description: isPublic ? 'Public.' : `Needs a signed-in user holding at least the ${rule.access} role.`,
    'x-least-role': rule.access,
    security: isPublic ? [] : mode === 'local' ? [{ bearer: [] }, { session: [] }] : [{ bearer: [] }],
    parameters: [...pathParameters(rule, contract), ...queryParameters(contract)],
    ...requestBody(contract, isUploadTarget),
    responses: { ...successResponses(contract, mode), ...errorResponses(codes) },
  };
}

/** getJobsJobIdReview for GET /api/jobs/:jobId/review. */
function operationId(rule: RouteRule): string {
  const words = rule.path
    .split(/[/.]/)
    .filter((segment) => segment !== '' && segment !== 'api')
    .map((segment) => segment.replace(/^:/, '').replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase()));
  return rule.method.toLowerCase() + words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');
}

function pathParameters(rule: RouteRule, contract: RouteContract): JsonObject[] {
  return [...rule.path.matchAll(/:([A-Za-z]+)/g)].map(([, name = '']) => {
    const pointer = contract.params?.[name];
    if (!pointer) throw new Error(`${routeKey(rule)}: route-contracts.ts gives no schema for :${name}`);
    return { name, in: 'path', required: true, schema: schemaAt(pointer) };
  });
}

/** Each property of the query's schema is one parameter (a query string is flat: every value a string). */
function queryParameters(contract: RouteContract): JsonObject[] {
  const signed = Object.entries(contract.signedQuery ?? {}).map(([name, { description, schema }]) => ({ name, in: 'query', required: true, description, schema }));
  const query = contract.query;
  if (!query) return signed;
  const schema = schemasByName[query] as { properties?: Record<string, unknown>; required?: string[] };
  return [
    ...signed,
    ...Object.keys(schema.properties ?? {}).map((name) => ({
      name,
      in: 'query',
      required: schema.required?.includes(name) ?? false,
      schema: schemaAt(`${query}#/properties/${name}`),
    })),
  ];
}

function requestBody(contract: RouteContract, isUploadTarget: boolean): JsonObject {
  if (isUploadTarget) {
    return {
      requestBody: {
        required: true,
        description: "The file's bytes, with exactly the Content-Type and Content-Length the URL was signed for.",
        content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
      },
    };
  }
  if (contract.body === undefined) return {};
  if (contract.body === 'none') {
    return {
      requestBody: {
        required: true,
        description: 'Nothing is read, but a state change says Content-Type: application/json: send {}.',
        content: { 'application/json': { schema: {} } },
      },
    };
  }
  return {
    requestBody: {
      required: contract.body.optional !== true,
      ...(contract.body.optional ? { description: 'May be left out (still as Content-Type: application/json); {} is the same.' } : {}),
      content: { 'application/json': { schema: componentRef(contract.body.schema) } },
    },
  };
}

function successResponses(contract: RouteContract, mode: OpenApiOptions['mode']): JsonObject {
  const { success } = contract;
  const content =
    'schema' in success
      ? { 'application/json': { schema: componentRef(success.schema) } }
      : 'media' in success
        ? Object.fromEntries(success.media.map((media) => [media, media === 'application/json' ? { schema: { type: 'object' } } : {}]))
        : undefined;
  const responses: JsonObject = { [String(success.status)]: { description: success.description, ...(content ? { content } : {}) } };
  if (contract.redirectsInAws && mode === 'aws') {
    responses['302'] = { description: 'A short-lived presigned S3 URL to the document (Location).' };
  }
  return responses;
}

/** One response per status: the error body with `code` limited to the codes this route answers with it. */
function errorResponses(codes: ReadonlySet<ErrorCode>): JsonObject {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of [...codes].sort()) {
    const status = errorCatalog[code].httpStatus;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: JsonObject = {};
  for (const [status, statusCodes] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: statusCodes.map((code) => `${code}: ${errorCatalog[code].description}`).join('\n\n'),
      'x-error-codes': statusCodes,
      content: {
        'application/json': {
          schema: {
            allOf: [componentRef('error')],
            properties: { error: { properties: { code: { enum: statusCodes } } } },
          },
        },
      },
    };
  }
  return responses;
}
