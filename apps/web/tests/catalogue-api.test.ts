import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApiClient, itemsQuery } from '../src/api/api-client';

describe('itemsQuery', () => {
  it('leaves out an empty search and the first page, and encodes what it keeps', () => {
    expect(itemsQuery('  ', 100, null)).toBe('?limit=100');
    expect(itemsQuery(' bin & co ', 50, 'c/1=')).toBe('?q=bin+%26+co&limit=50&cursor=c%2F1%3D');
  });
});

describe('catalogue and mapping calls', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('sends a mapping to the path of its supplier and supplier SKU, and reads a 204 delete as done', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return init.method === 'DELETE' ? new Response(null, { status: 204 }) : new Response('{}', { status: 200 });
    });
    const api = createApiClient('');

    await api.putMapping('acme gmbh', 'A/1 #2', { inventorySku: 'BIN-40', packSize: '12' });
    const deleted = await api.deleteMapping('acme gmbh', 'A/1 #2');

    expect(calls.map((call) => [call.init.method, call.url, call.init.body])).toEqual([
      ['PUT', '/api/sku-mappings/acme%20gmbh/A%2F1%20%232', '{"inventorySku":"BIN-40","packSize":"12"}'],
      ['DELETE', '/api/sku-mappings/acme%20gmbh/A%2F1%20%232', '{}'],
    ]);
    expect(deleted).toBeUndefined();
  });

  it('posts an import as JSON {csv}, and links the export under the API base', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response('{"created":1,"updated":0}', { status: 200 });
    });
    const api = createApiClient('https://api.example/');

    expect(await api.importItems('sku,name,unit\nA,B,pcs\n')).toEqual({ created: 1, updated: 0 });
    expect(calls[0]).toMatchObject({ url: 'https://api.example/api/items/import', init: { body: '{"csv":"sku,name,unit\\nA,B,pcs\\n"}' } });
    expect(api.itemsExportUrl()).toBe('https://api.example/api/items/export.csv');
  });
});
