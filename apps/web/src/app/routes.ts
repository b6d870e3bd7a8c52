/** The SPA's screens. Hash routes, so any static host (CloudFront, the local server) serves every route. */
export type Route =
  | { screen: 'jobs' }
  | { screen: 'review'; jobId: string }
  | { screen: 'inventory'; sku: string | null }
  | { screen: 'items' }
  | { screen: 'mappings'; supplier: string | null }
  | { screen: 'audit' }
  | { screen: 'operations' }
  | { screen: 'users' }
  | { screen: 'not-found'; path: string };

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  const parts = path.split('/').filter(Boolean);
  if (parts.length === 0 || (parts.length === 1 && parts[0] === 'jobs')) return { screen: 'jobs' };
  if (parts.length === 2 && parts[0] === 'jobs') {
    const jobId = decode(parts[1] ?? '');
    if (jobId) return { screen: 'review', jobId };
  }
  if (parts[0] === 'inventory' && parts.length <= 2) {
    if (parts.length === 1) return { screen: 'inventory', sku: null };
    const sku = decode(parts[1] ?? '');
    if (sku) return { screen: 'inventory', sku };
  }
  if (parts.length === 1 && parts[0] === 'items') return { screen: 'items' };
  if (parts.length === 1 && parts[0] === 'audit') return { screen: 'audit' };
  if (parts.length === 1 && parts[0] === 'operations') return { screen: 'operations' };
  if (parts.length === 1 && parts[0] === 'users') return { screen: 'users' };
  if (parts[0] === 'mappings' && parts.length <= 2) {
    if (parts.length === 1) return { screen: 'mappings', supplier: null };
    const supplier = decode(parts[1] ?? '');
    if (supplier) return { screen: 'mappings', supplier };
  }
  return { screen: 'not-found', path };
}

export function routeHref(route: Exclude<Route, { screen: 'not-found' }>): string {
  switch (route.screen) {
    case 'jobs':
      return '#/jobs';
    case 'review':
      return `#/jobs/${encodeURIComponent(route.jobId)}`;
    case 'inventory':
      return route.sku === null ? '#/inventory' : `#/inventory/${encodeURIComponent(route.sku)}`;
    case 'items':
      return '#/items';
    case 'audit':
      return '#/audit';
    case 'operations':
      return '#/operations';
    case 'users':
      return '#/users';
    case 'mappings':
      return route.supplier === null ? '#/mappings' : `#/mappings/${encodeURIComponent(route.supplier)}`;
  }
}
