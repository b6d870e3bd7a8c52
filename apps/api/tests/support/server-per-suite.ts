import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { ApiClient } from './api-client';
import { makeDataDir, startTestServer, type TestServer, type TestServerOptions } from './test-server';

export interface SuiteServer {
  readonly server: TestServer;
  readonly api: ApiClient;
}

/**
 * One server on a fresh DATA_DIR for the enclosing describe block, removed after it. Every test also fails
 * when the app logged an unexpected error, because no request in these suites may end in a 500.
 */
export function serverPerSuite(label: string, options: Omit<TestServerOptions, 'dataDir'> = {}): SuiteServer {
  const dir = makeDataDir(label);
  let started: { server: TestServer; api: ApiClient } | undefined;

  beforeAll(async () => {
    const server = await startTestServer({ ...options, dataDir: dir.dataDir });
    started = { server, api: new ApiClient(server.url, server.adminToken) };
  });
  afterAll(async () => {
    await started?.server.close();
    dir.remove();
  });
  afterEach(() => {
    expect(started?.server.unexpectedErrors).toEqual([]);
  });

  const current = () => {
    if (!started) throw new Error('serverPerSuite: the server is only there inside tests and hooks');
    return started;
  };
  return {
    get server() {
      return current().server;
    },
    get api() {
      return current().api;
    },
  };
}
