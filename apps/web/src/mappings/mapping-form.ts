import type { SkuMapping, PutSkuMappingRequest } from '@invoice/contracts';
import { formatTimestamp } from '../shared/format';
import { readPackSize } from '../shared/pack-size';

/** What the operator typed into the mapping form, untrimmed. */
export interface MappingDraft {
  supplierSku: string;
  inventorySku: string;
  packSize: string;
}
export type MappingField = keyof MappingDraft;
export type MappingProblems = Partial<Record<MappingField, string>>;

/** The contracts' Sku: 1 to 128 characters. */
const MAX_SKU_LENGTH = 128;

function skuProblem(sku: string, what: string): string | null {
  if (sku === '') return `Enter the ${what}.`;
  if (sku.length > MAX_SKU_LENGTH) return `A SKU has at most ${MAX_SKU_LENGTH} characters.`;
  return null;
}

/** The mapping to save (its supplier SKU the key of the path), or what is wrong with each field. */
export function checkMappingDraft(
  draft: MappingDraft,
  /** The supplier SKUs already mapped, when adding: saving one of them would silently replace it. */
  taken: ReadonlySet<string> = new Set(),
): { ok: true; supplierSku: string; value: PutSkuMappingRequest } | { ok: false; problems: MappingProblems } {
  const supplierSku = draft.supplierSku.trim();
  const inventorySku = draft.inventorySku.trim();
  const problems: MappingProblems = {};
  const supplierWrong = skuProblem(supplierSku, 'supplier’s SKU as printed on their invoices');
  if (supplierWrong) problems.supplierSku = supplierWrong;
  else if (taken.has(supplierSku)) problems.supplierSku = `${supplierSku} is already mapped; edit its mapping instead.`;
  const inventoryWrong = skuProblem(inventorySku, 'inventory SKU it stands for');
  if (inventoryWrong) problems.inventorySku = inventoryWrong;
  const pack = readPackSize(draft.packSize);
  if (!pack.ok) problems.packSize = pack.problem;
  if (!pack.ok || Object.keys(problems).length > 0) return { ok: false, problems };
  // An emptied pack size is left out: the API files the mapping with its default, "1".
  return { ok: true, supplierSku, value: pack.value === '' ? { inventorySku } : { inventorySku, packSize: pack.value } };
}

/** Case-insensitive match of every word on the supplier SKU or the inventory SKU ("m8 bolt" finds BOLT-M8). */
export function filterMappings(mappings: readonly SkuMapping[], query: string): SkuMapping[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...mappings];
  return mappings.filter((mapping) => {
    const text = `${mapping.supplierSku} ${mapping.inventorySku}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

export function lastUsedText(lastUsedAt: string | null | undefined): string {
  return lastUsedAt ? formatTimestamp(lastUsedAt) : 'never';
}
