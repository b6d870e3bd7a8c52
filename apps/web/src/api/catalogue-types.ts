/**
 * The item catalogue and SKU-mapping bodies of issue 13, as the API routes being built answer them. Declared
 * here until their schemas land in @invoice/contracts; then these become re-exports of the generated types.
 */
export interface CatalogueItem {
  sku: string;
  name: string;
  unit: string;
  gtin: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface ListItemsResponse {
  items: CatalogueItem[];
  nextCursor: string | null;
}

export interface CreateItemRequest {
  sku: string;
  name: string;
  unit: string;
  gtin?: string;
}

export interface UpdateItemRequest {
  name: string;
  unit: string;
  gtin: string | null;
  expectedVersion: number;
}

export interface ImportItemsResponse {
  created: number;
  updated: number;
}

export interface SupplierSummary {
  supplierKey: string;
  mappingCount: number;
  lastUsedAt: string | null;
}

export interface ListSuppliersResponse {
  suppliers: SupplierSummary[];
}

/** A supplier's SKU translated into the inventory's, with how many inventory units one supplier unit is. */
export interface CatalogueSkuMapping {
  supplierKey: string;
  supplierSku: string;
  inventorySku: string;
  /** Decimal string; absent from mappings saved before pack sizes existed (taken as 1). */
  packSize?: string;
  updatedAt: string;
  lastUsedAt?: string | null;
}

export interface ListMappingsResponse {
  items: CatalogueSkuMapping[];
}

export interface PutSkuMappingRequest {
  inventorySku: string;
  packSize: string;
}

export interface MergeSuppliersRequest {
  from: string;
  into: string;
}

export interface MergeSuppliersResponse {
  supplierKey: string;
  moved: { identities: number; mappings: number };
}
