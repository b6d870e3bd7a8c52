import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref, type Route } from '../src/app/routes';

describe('parseRoute', () => {
  it('opens the jobs screen on an empty hash', () => {
    expect([parseRoute(''), parseRoute('#/'), parseRoute('#/jobs')]).toEqual([{ screen: 'jobs' }, { screen: 'jobs' }, { screen: 'jobs' }]);
  });

  it('reads a job id and a SKU, decoding what routeHref encoded', () => {
    const routes: Route[] = [
      { screen: 'review', jobId: '01JABCDEF' },
      { screen: 'inventory', sku: null },
      { screen: 'inventory', sku: 'BIN 40/B#2' },
      { screen: 'items' },
      { screen: 'mappings', supplier: null },
      { screen: 'mappings', supplier: 'müller gmbh/co #1' },
    ];
    expect(routes.map((route) => parseRoute(routeHref(route as never)))).toEqual(routes);
  });

  it('says not-found for anything else, including a broken escape', () => {
    expect([parseRoute('#/nope').screen, parseRoute('#/jobs/%E0%A4%A').screen, parseRoute('#/jobs/a/b').screen, parseRoute('#/items/x').screen, parseRoute('#/mappings/a/b').screen]).toEqual([
      'not-found',
      'not-found',
      'not-found',
      'not-found',
      'not-found',
    ]);
  });
});
