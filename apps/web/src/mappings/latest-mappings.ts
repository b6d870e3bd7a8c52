import type { SkuMapping } from "@invoice/contracts";
import type { ApiClient } from "../api/api-client";

/** What a load hands back: the mappings, or word that a newer load (another supplier) has overtaken it. */
export type MappingsAnswer =
  { current: true; items: SkuMapping[] } | { current: false };

/**
 * Lists one supplier's mappings, unless a newer load began meanwhile: switching suppliers quickly must not
 * show supplier A's mappings under B (edit and delete would then act on B's key with A's SKUs).
 * A failure of a stale load is dropped too, so it cannot blame the newer supplier.
 */
export async function latestMappings(
  api: Pick<ApiClient, "listMappings">,
  supplier: string,
  isCurrent: () => boolean,
): Promise<MappingsAnswer> {
  try {
    const { items } = await api.listMappings(supplier);
    return isCurrent() ? { current: true, items } : { current: false };
  } catch (failure) {
    if (!isCurrent()) return { current: false };
    throw failure;
  }
}
