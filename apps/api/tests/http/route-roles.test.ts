import type { Role } from '@invoice/contracts';
import { ROLES, roleAllows } from '@invoice/inventory';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ROUTE_RULES, ruleFor, type RouteRule } from '../../src/http/route-roles';
import { routesOf } from '../support/express-routes';
import { serverPerSuite } from '../support/server-per-suite';

/** A concrete path for a rule's pattern: a job id that exists nowhere, and harmless values for the other parameters. */
function samplePath(rule: RouteRule): string {
  return rule.path
    .replace(':jobId', '00000000-0000-4000-8000-000000000000')
    .replace(':page', '1')
    .replace(':username', 'nobody-here')
    .replace(':name', 'no-such-token')
    .replace(/:[A-Za-z]+/g, 'X1');
}

const LOCAL_RULES = ROUTE_RULES.filter((rule) => rule.only !== 'aws');
const CALLERS: (Role | 'anonymous')[] = ['anonymous', ...ROLES];

describe('the route-to-role table', () => {
  const suite = serverPerSuite('route-roles');

  it('names every route the local app has, and no route it does not have', () => {
    const table = LOCAL_RULES.map((rule) => `${rule.method} ${rule.path}`).sort();
    expect(routesOf(suite.server.app)).toEqual(table);
  });

  it('gives the literal segment precedence over a parameter', () => {
    expect(ruleFor('GET', '/api/items/export.csv')?.path).toBe('/api/items/export.csv');
    expect(ruleFor('HEAD', '/api/items/A-1')?.path).toBe('/api/items/:sku');
    expect(ruleFor('GET', '/api/nothing/here')).toBeUndefined();
  });

  describe.each(LOCAL_RULES.map((rule) => [`${rule.method} ${rule.path} (${rule.access})`, rule] as const))('%s', (_name, rule) => {
    it.each(CALLERS)('as %s', async (caller) => {
      const call = request(suite.server.url)
        [rule.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](samplePath(rule))
        .set('Content-Type', 'application/json');
      if (caller !== 'anonymous') call.set('Authorization', `Bearer ${await suite.server.tokenFor(caller)}`);
      const response = rule.method === 'GET' || rule.method === 'DELETE' ? await call : await call.send({});
      const code = (response.body as { error?: { code?: string } }).error?.code ?? null;

      if (rule.access === 'public') {
        expect([response.status, code]).not.toEqual([401, 'UNAUTHENTICATED']);
        expect(code).not.toBe('FORBIDDEN');
      } else if (caller === 'anonymous') {
        expect([response.status, code]).toEqual([401, 'UNAUTHENTICATED']);
      } else if (!roleAllows(caller, rule.access)) {
        expect([response.status, code]).toEqual([403, 'FORBIDDEN']);
        expect(response.body.error.details).toEqual({ required: rule.access, role: caller });
      } else {
        // Allowed: whatever the route answers to a made-up id or an empty body, it is not an access refusal.
        expect([401, 403]).not.toContain(response.status);
      }
    });
  });

  it('answers 401 on an unknown /api path without credentials, 404 with them', async () => {
    const anonymous = await request(suite.server.url).get('/api/no-such-route');
    expect([anonymous.status, anonymous.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    const signedIn = await request(suite.server.url).get('/api/no-such-route').set('Authorization', `Bearer ${suite.server.adminToken}`);
    expect([signedIn.status, signedIn.body.error.code]).toEqual([404, 'ROUTE_NOT_FOUND']);
  });

  it('refuses a bearer token it does not know with 401, not as anonymous', async () => {
    const response = await request(suite.server.url).get('/api/health').set('Authorization', 'Bearer inv_not-a-real-token-at-all-0000000000');
    expect(response.status).toBe(200);
    const refused = await request(suite.server.url).get('/api/jobs').set('Authorization', 'Bearer inv_not-a-real-token-at-all-0000000000');
    expect([refused.status, refused.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
  });
});
