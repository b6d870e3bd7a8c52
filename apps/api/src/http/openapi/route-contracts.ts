import type { ErrorCode, SchemaName } from '@invoice/contracts';
import type { RouteRule } from '../route-roles';

/** A subschema of a contract: the schema's name (as in schemasByName) and a JSON Pointer into it ('' for all of it). */
export type SchemaPointer = `${SchemaName | 'common'}#${string}`;

/** What a successful call answers. */
export type RouteSuccess =
  | { status: number; schema: SchemaName; description: string }
  /** A document, not JSON: the media types it may come as. */
  | { status: number; media: readonly string[]; description: string }
  /** No body at all (204, or the upload target's 200 like S3's). */
  | { status: number; empty: true; description: string };

export interface RouteContract {
  summary: string;
  /** Each `:name` of the path and the schema its value must have to name anything. */
  params?: Readonly<Record<string, SchemaPointer>>;
  /** The schema queryOf checks the whole query string against; each property is one query parameter. */
  query?: SchemaName;
  /**
   * Query parameters no contract schema covers: the presigned upload URL's, which the route checks against its
   * HMAC signature instead (adapters/local/local-upload-route.ts), as S3 does in AWS mode.
   */
  signedQuery?: Readonly<Record<string, { description: string; schema: Readonly<Record<string, unknown>> }>>;
  /**
   * The schema bodyOf checks the body against. `optional`: an absent body counts as {} (bodyOf's emptyAs).
   * 'none': the route reads no body, but as a state change it still says Content-Type: application/json ({}).
   */
  body?: { schema: SchemaName; optional?: boolean } | 'none';
  success: RouteSuccess;
  /** In AWS mode a document is answered with a 302 to a short-lived S3 URL instead. */
  redirectsInAws?: boolean;
  /**
   * The codes the route itself (its use case) can answer, beyond those the builder adds to every route of its
   * kind: access (401, 403), body and query validation, JSON-only state changes, 404 for a :jobId, 5xx.
   */
  errors: readonly ErrorCode[];
}

/** 'METHOD /path' exactly as in route-roles.ts. */
export type RouteKey = `${RouteRule['method']} ${string}`;

export function routeKey(rule: Pick<RouteRule, 'method' | 'path'>): RouteKey {
  return `${rule.method} ${rule.path}`;
}

const JOB_ID = { jobId: 'common#/$defs/JobId' } as const;
const SKU = { sku: 'common#/$defs/Sku' } as const;
const MAPPING = {
  supplierKey: 'api/sku-mapping-path#/properties/supplierKey',
  supplierSku: 'api/sku-mapping-path#/properties/supplierSku',
} as const;

/**
 * For the OpenAPI document (openapi-document.ts): what each route of route-roles.ts reads and answers, the one
 * place this link is written. A test fails when a route Express has, or a rule of route-roles.ts, lacks an
 * entry here; the schemas named are those the route's bodyOf/queryOf/send calls use.
 */
export const ROUTE_CONTRACTS: Readonly<Record<RouteKey, RouteContract>> = {
  'GET /api/health': {
    summary: 'Liveness, the storage mode, and how to sign in',
    success: { status: 200, schema: 'api/health-response', description: 'The service answers.' },
    errors: [],
  },
  'GET /api/openapi.json': {
    summary: 'This OpenAPI document, generated from the contracts and the route table',
    success: { status: 200, media: ['application/json'], description: 'The OpenAPI 3.1 document.' },
    errors: [],
  },
  'POST /api/setup': {
    summary: 'Create the first administrator (local mode, from this machine, while no user exists)',
    body: { schema: 'api/credentials' },
    success: { status: 201, schema: 'user-account', description: 'The administrator was created.' },
    errors: ['SETUP_LOOPBACK_ONLY', 'SETUP_ALREADY_DONE', 'SETUP_NOT_AVAILABLE', 'WEAK_PASSWORD', 'USER_EXISTS'],
  },
  'POST /api/session': {
    summary: 'Log in: sets the session cookie',
    body: { schema: 'api/credentials' },
    success: { status: 200, schema: 'principal', description: 'Logged in; the session cookie is set.' },
    errors: ['INVALID_CREDENTIALS', 'LOGIN_THROTTLED', 'ACCOUNT_LOCKED'],
  },
  'PUT /api/uploads/:jobId': {
    summary: "The local presigned-upload target (S3's role in AWS mode), authorised by the URL's signature",
    params: JOB_ID,
    signedQuery: {
      expires: { description: 'When the URL expires, in seconds since 1970, as signed.', schema: { type: 'string', pattern: '^[0-9]+$' } },
      sig: { description: "The URL's signature.", schema: { type: 'string' } },
    },
    success: { status: 200, empty: true, description: 'The file is stored.' },
    errors: [
      'UPLOAD_SIGNATURE_INVALID',
      'UPLOAD_URL_EXPIRED',
      'UPLOAD_ALREADY_RECEIVED',
      'UPLOAD_CONTENT_TYPE_MISMATCH',
      'UPLOAD_LENGTH_REQUIRED',
      'UPLOAD_TOO_LARGE',
      'UPLOAD_SIZE_MISMATCH',
    ],
  },
  'GET /api/session': {
    summary: 'Who the request acts as',
    success: { status: 200, schema: 'principal', description: 'The signed-in user.' },
    errors: [],
  },
  'DELETE /api/session': {
    summary: 'Log out: ends the session and clears its cookie',
    body: 'none',
    success: { status: 204, empty: true, description: 'Logged out.' },
    errors: [],
  },

  'GET /api/jobs': {
    summary: 'Jobs, newest first, a page at a time',
    query: 'api/list-jobs-query',
    success: { status: 200, schema: 'api/list-jobs-response', description: 'A page of jobs.' },
    errors: [],
  },
  'GET /api/jobs/:jobId': {
    summary: 'A job, its status reconciled with its parse',
    params: JOB_ID,
    success: { status: 200, schema: 'job', description: 'The job.' },
    errors: ['JOB_CONCURRENT_UPDATE'],
  },
  'GET /api/jobs/:jobId/result': {
    summary: "The latest attempt's ParseResult",
    params: JOB_ID,
    success: { status: 200, schema: 'parse-result', description: 'The parse result.' },
    errors: ['RESULT_NOT_AVAILABLE', 'PARSER_OUTPUT_INVALID'],
  },
  'GET /api/jobs/:jobId/file': {
    summary: 'The uploaded document (a PDF inline, anything else as a sandboxed attachment)',
    params: JOB_ID,
    success: { status: 200, media: ['application/pdf', 'application/octet-stream'], description: 'The uploaded file.' },
    redirectsInAws: true,
    errors: ['UPLOAD_NOT_FOUND'],
  },
  'GET /api/jobs/:jobId/pages.pdf': {
    summary: 'The pages the review draws its boxes on, as a PDF',
    params: JOB_ID,
    success: { status: 200, media: ['application/pdf'], description: "The parser's page copy, or the uploaded PDF." },
    redirectsInAws: true,
    errors: ['RESULT_NOT_AVAILABLE', 'PAGES_UNAVAILABLE', 'UPLOAD_NOT_FOUND'],
  },
  'GET /api/jobs/:jobId/pages/:page/region': {
    summary: 'The words inside a box drawn on a page, and the line they make',
    params: { ...JOB_ID, page: 'common#/$defs/PageNumber' },
    query: 'api/page-region-query',
    success: { status: 200, schema: 'page-region', description: 'The words in the box.' },
    errors: ['RESULT_NOT_AVAILABLE', 'LAYOUT_UNAVAILABLE', 'PARSER_OUTPUT_INVALID'],
  },
  'GET /api/jobs/:jobId/review': {
    summary: 'The review of a parsed job',
    params: JOB_ID,
    success: { status: 200, schema: 'job-review', description: 'The JobReview.' },
    errors: ['RESULT_NOT_AVAILABLE', 'JOB_INVALID_STATE', 'PARSER_OUTPUT_INVALID'],
  },
  'GET /api/inventory': {
    summary: 'Stock of every SKU',
    success: { status: 200, schema: 'api/list-inventory-response', description: 'The inventory.' },
    errors: [],
  },
  'GET /api/inventory/:sku/movements': {
    summary: "A SKU's stock movements, newest first",
    params: SKU,
    success: { status: 200, schema: 'api/list-movements-response', description: 'The movements.' },
    errors: ['SKU_NOT_FOUND'],
  },
  'GET /api/items': {
    summary: 'The item catalogue by SKU, a page at a time',
    query: 'api/list-items-query',
    success: { status: 200, schema: 'api/list-items-response', description: 'A page of items.' },
    errors: [],
  },
  'GET /api/items/export.csv': {
    summary: 'The whole item catalogue as CSV',
    success: { status: 200, media: ['text/csv'], description: 'The catalogue, RFC 4180.' },
    errors: [],
  },
  'GET /api/items/:sku': {
    summary: 'One item of the catalogue',
    params: SKU,
    success: { status: 200, schema: 'catalogue-item', description: 'The item.' },
    errors: ['ITEM_NOT_FOUND'],
  },
  'GET /api/sku-mappings': {
    summary: 'Remembered SKU mappings, by supplier and supplier SKU',
    query: 'api/list-sku-mappings-query',
    success: { status: 200, schema: 'api/list-sku-mappings-response', description: 'The mappings.' },
    errors: [],
  },
  'GET /api/suppliers': {
    summary: 'Every supplier with remembered mappings',
    success: { status: 200, schema: 'api/list-suppliers-response', description: 'The suppliers.' },
    errors: [],
  },
  'GET /api/suppliers/:supplierKey/identities': {
    summary: 'What files an invoice under this supplier',
    params: { supplierKey: MAPPING.supplierKey },
    success: { status: 200, schema: 'api/supplier-identities-response', description: "The supplier's identities." },
    errors: ['SUPPLIER_NOT_FOUND'],
  },
  'GET /api/audit': {
    summary: 'The audit trail, newest first, filtered',
    query: 'api/list-audit-query',
    success: { status: 200, schema: 'api/list-audit-response', description: 'A page of audit entries.' },
    errors: [],
  },
  'GET /api/operations': {
    summary: 'Jobs, success rate, latency and failures by code over the last 24 hours or 30 days',
    query: 'api/operations-query',
    success: { status: 200, schema: 'api/operations-response', description: 'The summary.' },
    errors: [],
  },
  'GET /api/metrics': {
    summary: "The pipeline's counters and latency histograms since the server started, for Prometheus (local mode)",
    success: { status: 200, media: ['text/plain'], description: 'The Prometheus text exposition format 0.0.4.' },
    errors: [],
  },

  'POST /api/jobs': {
    summary: 'Create a job and get the URL to upload its file to',
    body: { schema: 'api/create-job-request' },
    success: { status: 201, schema: 'api/create-job-response', description: 'The job and its presigned upload.' },
    errors: ['UPLOAD_TOO_LARGE'],
  },
  'POST /api/jobs/:jobId/parse': {
    summary: 'Parse (or parse again) the uploaded file',
    params: JOB_ID,
    body: 'none',
    success: { status: 202, schema: 'job', description: 'The job, QUEUED.' },
    errors: ['UPLOAD_NOT_FOUND', 'JOB_INVALID_STATE', 'JOB_CONCURRENT_UPDATE', 'PARSER_START_REFUSED', 'PARSER_INTERNAL'],
  },
  'PUT /api/jobs/:jobId/review': {
    summary: 'Save the next revision of the review',
    params: JOB_ID,
    body: { schema: 'api/review-update-request' },
    success: { status: 200, schema: 'job-review', description: 'The saved JobReview.' },
    errors: ['REVIEW_CONFLICT', 'JOB_INVALID_STATE', 'JOB_CONCURRENT_UPDATE', 'RESULT_NOT_AVAILABLE', 'PARSER_OUTPUT_INVALID'],
  },
  'POST /api/jobs/:jobId/apply': {
    summary: 'Apply the reviewed lines to stock, exactly once',
    params: JOB_ID,
    body: { schema: 'api/apply-job-request', optional: true },
    success: { status: 200, schema: 'apply-result', description: 'APPLIED, or ALREADY_APPLIED for a repeat.' },
    errors: [
      'JOB_INVALID_STATE',
      'JOB_CONCURRENT_UPDATE',
      'RESULT_NOT_AVAILABLE',
      'REVIEW_CONFLICT',
      'APPLY_MISSING_SKU',
      'APPLY_MISSING_QUANTITY',
      'UNKNOWN_SKU',
      'DUPLICATE_INVOICE',
      'SECOND_APPROVER_REQUIRED',
      'PARSER_OUTPUT_INVALID',
    ],
  },
  'POST /api/jobs/:jobId/reverse': {
    summary: 'Reverse an apply with a compensating ledger entry, at most once',
    params: JOB_ID,
    body: { schema: 'api/reverse-job-request', optional: true },
    success: { status: 200, schema: 'reverse-result', description: 'REVERSED, or ALREADY_REVERSED for a repeat.' },
    errors: ['JOB_INVALID_STATE', 'JOB_CONCURRENT_UPDATE', 'INSUFFICIENT_STOCK'],
  },

  'POST /api/items': {
    summary: 'Create an item of the catalogue',
    body: { schema: 'api/create-item-request' },
    success: { status: 201, schema: 'catalogue-item', description: 'The item, at version 1.' },
    errors: ['ITEM_EXISTS'],
  },
  'PUT /api/items/:sku': {
    summary: 'Edit an item of the catalogue',
    params: SKU,
    body: { schema: 'api/update-item-request' },
    success: { status: 200, schema: 'catalogue-item', description: 'The item, at its next version.' },
    errors: ['ITEM_NOT_FOUND', 'ITEM_CONFLICT'],
  },
  'POST /api/items/import': {
    summary: 'Create and update items from CSV, all or nothing',
    body: { schema: 'api/import-items-request' },
    success: { status: 200, schema: 'api/import-items-response', description: 'How many items were created and updated.' },
    errors: ['ITEM_CONFLICT'],
  },
  'PUT /api/sku-mappings/:supplierKey/:supplierSku': {
    summary: 'Create or replace a SKU mapping',
    params: MAPPING,
    body: { schema: 'api/put-sku-mapping-request' },
    success: { status: 200, schema: 'sku-mapping', description: 'The mapping.' },
    errors: [],
  },
  'DELETE /api/sku-mappings/:supplierKey/:supplierSku': {
    summary: 'Forget a SKU mapping',
    params: MAPPING,
    body: 'none',
    success: { status: 204, empty: true, description: 'The mapping is forgotten.' },
    // The path's supplier and SKU are checked against sku-mapping-path (mappingPathOf).
    errors: ['MAPPING_NOT_FOUND', 'VALIDATION_FAILED'],
  },
  'POST /api/suppliers/merge': {
    summary: 'Merge one supplier into another',
    body: { schema: 'api/merge-suppliers-request' },
    success: { status: 200, schema: 'api/merge-suppliers-response', description: 'What moved.' },
    errors: ['SUPPLIER_NOT_FOUND', 'SUPPLIER_MERGE_SELF'],
  },
  'GET /api/users': {
    summary: 'Every user',
    success: { status: 200, schema: 'api/list-users-response', description: 'The users.' },
    errors: [],
  },
  'POST /api/users': {
    summary: 'Create a user',
    body: { schema: 'api/create-user-request' },
    success: { status: 201, schema: 'user-account', description: 'The user.' },
    errors: ['USER_EXISTS', 'WEAK_PASSWORD', 'ROLE_ABOVE_OWN'],
  },
  'PATCH /api/users/:username': {
    summary: "Change a user's role, password or whether it is disabled",
    params: { username: 'common#/$defs/Username' },
    body: { schema: 'api/update-user-request' },
    success: { status: 200, schema: 'user-account', description: 'The user.' },
    errors: ['USER_NOT_FOUND', 'WEAK_PASSWORD', 'LAST_ADMIN', 'ROLE_ABOVE_OWN'],
  },
  'GET /api/tokens': {
    summary: 'Every API token (never the token itself)',
    success: { status: 200, schema: 'api/list-tokens-response', description: 'The tokens.' },
    errors: [],
  },
  'POST /api/tokens': {
    summary: 'Create an API token, shown this once',
    body: { schema: 'api/create-token-request' },
    success: { status: 201, schema: 'api/create-token-response', description: 'The token and its record.' },
    errors: ['TOKEN_EXISTS', 'ROLE_ABOVE_OWN'],
  },
  'DELETE /api/tokens/:name': {
    summary: 'Revoke an API token',
    params: { name: 'api/create-token-request#/properties/name' },
    body: 'none',
    success: { status: 204, empty: true, description: 'The token is revoked.' },
    errors: ['TOKEN_NOT_FOUND'],
  },
};
