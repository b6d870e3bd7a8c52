import type { Role } from '@invoice/contracts';

/** Who may call a route: anyone ('public'), or a signed-in user holding at least this role. */
export type RouteAccess = Role | 'public';

export interface RouteRule {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Express-style path: literal segments and `:name` for one segment. */
  path: string;
  access: RouteAccess;
  /** Set for routes that exist in one storage mode only (the table test checks each mode's app). */
  only?: 'local' | 'aws';
}

/**
 * Every route of the API and the least role it needs: the one place access is decided (authorize.ts reads it;
 * a test walks it against the routes Express really has, and calls each one as every role). Issue 15's table:
 * viewer reads; clerk also uploads, parses and saves reviews; approver also applies and reverses; admin also
 * manages users, tokens, the item catalogue, the SKU mappings and the supplier directory.
 */
export const ROUTE_RULES: readonly RouteRule[] = [
  // Public: liveness, the first-start setup (itself limited to loopback and to a server without users), logging
  // in, and the presigned upload target, which its HMAC signature authorises (S3 checks its own in AWS mode).
  { method: 'GET', path: '/api/health', access: 'public' },
  // What the API answers, for clients and the fuzzer (apps/api/tests/openapi): the contracts, public already.
  { method: 'GET', path: '/api/openapi.json', access: 'public' },
  { method: 'POST', path: '/api/setup', access: 'public' },
  { method: 'POST', path: '/api/session', access: 'public', only: 'local' },
  { method: 'PUT', path: '/api/uploads/:jobId', access: 'public', only: 'local' },

  { method: 'GET', path: '/api/session', access: 'viewer' },
  { method: 'DELETE', path: '/api/session', access: 'viewer', only: 'local' },

  { method: 'GET', path: '/api/jobs', access: 'viewer' },
  { method: 'GET', path: '/api/jobs/:jobId', access: 'viewer' },
  { method: 'GET', path: '/api/jobs/:jobId/result', access: 'viewer' },
  { method: 'GET', path: '/api/jobs/:jobId/file', access: 'viewer' },
  { method: 'GET', path: '/api/jobs/:jobId/pages.pdf', access: 'viewer' },
  { method: 'GET', path: '/api/jobs/:jobId/pages/:page/region', access: 'viewer' },
  { method: 'GET', path: '/api/jobs/:jobId/review', access: 'viewer' },
  { method: 'GET', path: '/api/inventory', access: 'viewer' },
  { method: 'GET', path: '/api/inventory/:sku/movements', access: 'viewer' },
  { method: 'GET', path: '/api/items', access: 'viewer' },
  { method: 'GET', path: '/api/items/export.csv', access: 'viewer' },
  { method: 'GET', path: '/api/items/:sku', access: 'viewer' },
  { method: 'GET', path: '/api/sku-mappings', access: 'viewer' },
  { method: 'GET', path: '/api/suppliers', access: 'viewer' },
  { method: 'GET', path: '/api/suppliers/:supplierKey/identities', access: 'viewer' },
  { method: 'GET', path: '/api/audit', access: 'viewer' },
  // Counts of what GET /api/jobs already shows a viewer (job ids, file names, error codes), so no new secret: the
  // whole staff may watch how intake is doing. Its cost is bounded per request (MAX_OPERATIONS_JOBS).
  { method: 'GET', path: '/api/operations', access: 'viewer' },

  { method: 'POST', path: '/api/jobs', access: 'clerk' },
  { method: 'POST', path: '/api/jobs/:jobId/parse', access: 'clerk' },
  // Saving a review also remembers the SKU mappings it confirms: that is part of reviewing, not catalogue upkeep.
  { method: 'PUT', path: '/api/jobs/:jobId/review', access: 'clerk' },

  { method: 'POST', path: '/api/jobs/:jobId/apply', access: 'approver' },
  { method: 'POST', path: '/api/jobs/:jobId/reverse', access: 'approver' },

  { method: 'POST', path: '/api/items', access: 'admin' },
  { method: 'PUT', path: '/api/items/:sku', access: 'admin' },
  { method: 'POST', path: '/api/items/import', access: 'admin' },
  { method: 'PUT', path: '/api/sku-mappings/:supplierKey/:supplierSku', access: 'admin' },
  { method: 'DELETE', path: '/api/sku-mappings/:supplierKey/:supplierSku', access: 'admin' },
  { method: 'POST', path: '/api/suppliers/merge', access: 'admin' },
  { method: 'GET', path: '/api/users', access: 'admin', only: 'local' },
  { method: 'POST', path: '/api/users', access: 'admin', only: 'local' },
  { method: 'PATCH', path: '/api/users/:username', access: 'admin', only: 'local' },
  { method: 'GET', path: '/api/tokens', access: 'admin', only: 'local' },
  { method: 'POST', path: '/api/tokens', access: 'admin', only: 'local' },
  { method: 'DELETE', path: '/api/tokens/:name', access: 'admin', only: 'local' },
  // The pipeline's counters and latencies: the figures GET /api/operations already shows a viewer, so a viewer may
  // read them; a Prometheus scraper sends an API token of role viewer as Bearer, a credential that can change
  // nothing. Local only: AWS mode sends the same figures to CloudWatch.
  { method: 'GET', path: '/api/metrics', access: 'viewer', only: 'local' },
];

/**
 * The rule for a request: HEAD is answered as GET (as Express does); where a literal segment and a `:param`
 * both match (`/api/items/export.csv`), the rule with more literal segments wins, as routes are ordered so.
 * undefined when no rule matches: such a request still needs a signed-in user, then meets ROUTE_NOT_FOUND.
 */
export function ruleFor(method: string, path: string, rules: readonly RouteRule[] = ROUTE_RULES): RouteRule | undefined {
  const wanted = method === 'HEAD' ? 'GET' : method;
  const segments = path.split('/');
  let best: { rule: RouteRule; literals: number } | undefined;
  for (const rule of rules) {
    if (rule.method !== wanted) continue;
    const literals = literalMatches(segmentsOf(rule.path), segments);
    if (literals !== null && (best === undefined || literals > best.literals)) best = { rule, literals };
  }
  return best?.rule;
}

/** Each pattern's segments, split once: ruleFor runs for every request, twice (access, then request metrics). */
const patternSegments = new Map<string, string[]>();

function segmentsOf(pattern: string): string[] {
  let segments = patternSegments.get(pattern);
  if (segments === undefined) {
    segments = pattern.split('/');
    patternSegments.set(pattern, segments);
  }
  return segments;
}

/** How many literal segments of the pattern matched, or null when the path does not fit it. */
function literalMatches(pattern: string[], segments: string[]): number | null {
  if (pattern.length !== segments.length) return null;
  let literals = 0;
  for (let i = 0; i < pattern.length; i += 1) {
    const expected = pattern[i] ?? '';
    const actual = segments[i] ?? '';
    if (expected.startsWith(':')) {
      if (actual === '') return null;
    } else if (expected === actual) {
      literals += 1;
    } else {
      return null;
    }
  }
  return literals;
}
