import type { LocalStack } from './local-stack';

/**
 * Puts SKUs in the item catalogue through the API (one CSV import), as an operator who keeps one would have:
 * apply refuses a SKU outside it (UNKNOWN_SKU).
 */
export async function catalogue(stack: Pick<LocalStack, 'baseUrl' | 'token'>, skus: readonly string[]): Promise<void> {
  const csv = ['sku,name,unit', ...skus.map((sku) => `${sku},${sku},pcs`)].join('\r\n');
  const response = await fetch(`${stack.baseUrl}/api/items/import`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', authorization: `Bearer ${stack.token}` },
    body: JSON.stringify({ csv }),
  });
  if (response.status !== 200) throw new Error(`catalogue import answered ${response.status}: ${await response.text()}`);
}
