#!/usr/bin/env node
// One cold start of the Lambda bundle, for api-bench.ts, run in a fresh Node process with the AWS-mode
// environment already set: imports <bundle dir>/index.js as the Lambda Node.js runtime does for the handler
// "index.handler" (an ES module, since the package.json beside it says "type": "module"), then invokes the
// handler once with an API Gateway HTTP API event for GET /api/health. Prints one JSON line
// {importMs, firstRequestMs, statusCode}: the import (which composes the app at init, as lambda.ts does) and
// the first invocation, timed separately.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const taskRoot = process.argv[2];
if (!taskRoot) throw new Error('usage: lambda-first-request.mjs <bundle dir>');
if (JSON.parse(readFileSync(path.join(taskRoot, 'package.json'), 'utf8')).type !== 'module') throw new Error('the bundle is not an ES module package');

const importStarted = performance.now();
const { handler } = await import(pathToFileURL(path.join(taskRoot, 'index.js')).href);
const importMs = performance.now() - importStarted;
if (typeof handler !== 'function') throw new Error('index.handler is not a function');

const now = Date.now();
const event = {
  version: '2.0',
  routeKey: '$default',
  rawPath: '/api/health',
  rawQueryString: '',
  headers: { host: 'api.example.test', 'user-agent': 'bench' },
  requestContext: {
    accountId: '123456789012',
    apiId: 'api',
    domainName: 'api.example.test',
    domainPrefix: 'api',
    http: {
      method: 'GET',
      path: '/api/health',
      protocol: 'HTTP/1.1',
      sourceIp: '127.0.0.1',
      userAgent: 'bench',
    },
    requestId: 'bench-cold-start',
    routeKey: '$default',
    stage: '$default',
    time: new Date(now).toUTCString(),
    timeEpoch: now,
  },
  isBase64Encoded: false,
};
const context = {
  functionName: 'invoice-api',
  awsRequestId: 'bench',
  getRemainingTimeInMillis: () => 30_000,
};

const requestStarted = performance.now();
const result = await handler(event, context);
const firstRequestMs = performance.now() - requestStarted;
process.stdout.write(`${JSON.stringify({ importMs, firstRequestMs, statusCode: result.statusCode })}\n`);
process.exit(0);
