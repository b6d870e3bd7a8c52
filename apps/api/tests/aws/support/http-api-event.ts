import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';

export type LambdaHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

export interface HttpApiResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: unknown;
}

/** A body sent as given: API Gateway passes a text body (JSON) as a plain string, binary ones base64-encoded. */
export interface RawBody {
  raw: string;
  contentType: string;
  base64?: boolean;
}

function isRawBody(body: unknown): body is RawBody {
  return typeof body === 'object' && body !== null && typeof (body as RawBody).raw === 'string' && typeof (body as RawBody).contentType === 'string';
}

/** What the SPA sends to a state-changing route with nothing to say: the API refuses such a request unless it is JSON. */
const EMPTY_JSON_OBJECT = {};

/**
 * An API Gateway HTTP API (payload format 2.0) event, as API Gateway sends one to the Lambda. A POST, PUT,
 * PATCH or DELETE without a body sends {} as JSON, as the SPA does.
 */
export function httpApiEvent(method: string, pathWithQuery: string, body?: unknown): APIGatewayProxyEventV2 {
  const [rawPath = '/', rawQueryString = ''] = pathWithQuery.split('?');
  const headers: Record<string, string> = { host: 'api.example.test', 'user-agent': 'aws-tests' };
  const payload = body === undefined && method !== 'GET' && method !== 'HEAD' ? EMPTY_JSON_OBJECT : body;
  const raw: RawBody | undefined = isRawBody(payload) ? payload : payload === undefined ? undefined : { raw: JSON.stringify(payload), contentType: 'application/json', base64: true };
  const encoded = raw === undefined ? undefined : raw.base64 ? Buffer.from(raw.raw).toString('base64') : raw.raw;
  if (raw !== undefined) {
    headers['content-type'] = raw.contentType;
    headers['content-length'] = String(Buffer.byteLength(raw.raw));
  }
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    headers,
    queryStringParameters: rawQueryString ? Object.fromEntries(new URLSearchParams(rawQueryString)) : undefined,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.test',
      domainPrefix: 'api',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'aws-tests' },
      requestId: `req-${Math.random().toString(36).slice(2)}`,
      routeKey: '$default',
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    body: encoded,
    isBase64Encoded: raw?.base64 === true,
  };
}

const lambdaContext = {
  callbackWaitsForEmptyEventLoop: true,
  functionName: 'invoice-api',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:invoice-api',
  memoryLimitInMB: '512',
  awsRequestId: 'test',
  logGroupName: '/aws/lambda/invoice-api',
  logStreamName: 'test',
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
} as Context;

/** Calls the handler with an HTTP API event and decodes the JSON answer. */
export async function invoke(handler: LambdaHandler, method: string, pathWithQuery: string, body?: unknown): Promise<HttpApiResponse> {
  const result = await handler(httpApiEvent(method, pathWithQuery, body), lambdaContext);
  const raw = result.body === undefined ? '' : result.isBase64Encoded ? Buffer.from(result.body, 'base64').toString('utf8') : result.body;
  const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]));
  return { statusCode: result.statusCode ?? 0, headers, body: raw && headers['content-type']?.includes('json') ? JSON.parse(raw) : raw };
}
