import type { InventoryItem } from '@invoice/contracts';

/** Case-insensitive match on any part of the SKU; several words must all match ("bin blue" finds BIN-40-BLUE). */
export function filterInventory(items: readonly InventoryItem[], query: string): InventoryItem[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...items];
  return items.filter((item) => {
    const sku = item.sku.toLowerCase();
    return words.every((word) => sku.includes(word));
  });
}
