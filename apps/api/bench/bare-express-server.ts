// The framework's limit on this machine, for api-bench.ts: an Express app (the workspace's express, this
// Node) with no middleware at all, serving per route the status, headers and bytes the product answered,
// captured once and read here from a JSON file. It reads no body and checks no token: whatever the product
// does beyond this is its own cost. Prints one JSON line {url} on stdout once it listens.
// Usage: bare-express-server.ts <captured.json>, a list of {method, path, status, headers, bodyBase64}.
import express from 'express';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';

interface Captured {
  method: 'GET' | 'POST';
  path: string;
  status: number;
  headers: Record<string, string>;
  bodyBase64: string;
}

const file = process.argv[2];
if (!file) throw new Error('usage: bare-express-server.ts <captured.json>');
const routes = JSON.parse(readFileSync(file, 'utf8')) as Captured[];

const app = express();
app.disable('x-powered-by');
app.set('etag', false);
for (const route of routes) {
  const body = Buffer.from(route.bodyBase64, 'base64');
  const handler: express.RequestHandler = (_req, res) => {
    res.status(route.status).set(route.headers).end(body);
  };
  // The captured path is matched literally (its query string aside), as the product's router would.
  const routePath = route.path.split('?')[0] as string;
  if (route.method === 'GET') app.get(routePath, handler);
  else app.post(routePath, handler);
}

const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })}\n`);
});
process.once('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
