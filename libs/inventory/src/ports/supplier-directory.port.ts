/** One identity (`vat:DE123456789`, `iban:DE89…`, `name:acme`) and the supplier key it points to. */
export interface SupplierLink {
  identity: string;
  supplierKey: string;
}

/** The name a supplier was seen under (as printed, or as the operator corrected it) and when. */
export interface SupplierName {
  supplierKey: string;
  displayName: string;
  seenAt: string;
}

/**
 * What a merge writes, decided by the domain (suppliers/merge-plan.ts); the store writes it as one unit
 * where it can. Writing the same plan twice leaves the same state.
 */
export interface SupplierMergeWrite {
  from: string;
  into: string;
  /** Identities now pointing to `from` that are to point to `into`. */
  repoint: readonly string[];
  /** Identities linked to no supplier yet that are to point to `into` (the merged supplier's own name). */
  link: readonly string[];
  /** Supplier SKUs of `from` whose mappings move to `into`, every field kept; `into` has none of them. */
  moveMappings: readonly string[];
  /** Supplier SKUs of `from` whose mappings are deleted, because `into` has its own for them. */
  dropMappings: readonly string[];
}

/**
 * Which supplier each known identity belongs to. The rules (priority, when an invoice's VAT ID is trusted,
 * what a merge moves) live in libs/inventory/src/suppliers; a store only reads and writes links.
 */
export interface SupplierDirectory {
  /** The supplier key of each identity that is linked; unknown identities are absent from the map. */
  findAll(identities: readonly string[]): Promise<Map<string, string>>;
  /** Links each identity that is linked to nothing yet; one already linked keeps its supplier (first link wins). */
  linkNew(links: readonly SupplierLink[]): Promise<void>;
  /** The identities pointing to this supplier key, in ascending order; empty for an unknown key. */
  listIdentities(supplierKey: string): Promise<string[]>;
  /** Moves identities and SKU mappings as the plan says (one transaction per store as far as its limits allow). */
  writeMerge(merge: SupplierMergeWrite): Promise<void>;
  /** Remembers the name the supplier was seen under, unless one seen later is remembered already (the latest wins). */
  nameSupplier(name: SupplierName): Promise<void>;
  /** The latest name remembered for each of these suppliers; a supplier never named is absent from the map. */
  displayNames(supplierKeys: readonly string[]): Promise<Map<string, string>>;
}
