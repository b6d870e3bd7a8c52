import type { DocumentType, ParseResult, ReviewCheck, ReviewedHeader, SkuMapping } from '@invoice/contracts';
import type { JobRecord, SkuPair } from '../job-record';
import { invoiceChecks } from '../review/invoice-checks';
import { reviewedHeaderOf } from '../review/reviewed-header';
import { reviewLines, type LineUnderReview, type SkuMap } from '../review/reviewed-lines';
import { UNIT_PACK_SIZE } from '../pack-size';
import { identifySupplier, type SupplierIdentification } from '../suppliers/identify-supplier';
import { invoiceSupplierOf } from '../suppliers/supplier-identity';
import type { InventoryPorts } from './deps';
import { readParseResult } from './read-outputs';

export interface ReviewedInvoice {
  result: ParseResult;
  documentType: DocumentType;
  /** The supplier the directory files this invoice under (its VAT ID, IBAN, else the reviewed name). */
  supplierKey: string | null;
  /** How the supplier was identified: registering links its unknown identities. */
  supplier: SupplierIdentification;
  /** The header of the current revision: corrections over the parse. */
  header: ReviewedHeader;
  /** The lines of the job's current review revision: parsed ones (deleted ones flagged), then added ones. */
  lines: LineUnderReview[];
  /** The arithmetic of the reviewed invoice. */
  checks: ReviewCheck[];
  /** The supplier's mappings the lines were reviewed with (frozen ones for an applied job). */
  mappings: SkuMap;
}

/**
 * The job's parsed lines with its current corrections and its supplier's remembered mappings folded in:
 * the single definition of "what apply will use", shared by the review screen and apply itself.
 */
export async function reviewedInvoice(deps: Pick<InventoryPorts, 'blobs' | 'skuMappings' | 'suppliers'>, job: JobRecord): Promise<ReviewedInvoice> {
  const result = await readParseResult(deps.blobs, job.jobId, job.attempt);
  if (!result) throw new Error(`Job ${job.jobId} is ${job.status} but parsed output of attempt ${job.attempt} is missing`);
  return reviewedFrom(deps, job, result);
}

export async function reviewedFrom(
  deps: Pick<InventoryPorts, 'skuMappings' | 'suppliers'>,
  job: JobRecord,
  result: ParseResult,
): Promise<ReviewedInvoice> {
  const header = reviewedHeaderOf(result, job.review?.header);
  const supplier = await identifySupplier(deps.suppliers, invoiceSupplierOf(header));
  const { supplierKey } = supplier;
  const frozen = job.review?.appliedMappings;
  const mappings = frozen ?? (supplierKey === null ? [] : await deps.skuMappings.listBySupplier(supplierKey));
  const skuMap = skuMapOf(mappings);
  const lines = reviewLines(result.lines, job.review?.corrections ?? [], skuMap, job.review?.addedLines ?? []);
  return {
    result,
    documentType: result.invoice.documentType,
    supplierKey,
    supplier,
    header,
    lines,
    checks: invoiceChecks(lines, header),
    mappings: skuMap,
  };
}

/**
 * The mappings the reviewed lines took their SKU from, with the mapping's own pack size (a line's corrected
 * pack size stays in its correction): what apply freezes on the job and marks as used.
 */
export function mappingsUsed(lines: readonly LineUnderReview[], mappings: SkuMap): SkuPair[] {
  const used = new Map<string, SkuPair>();
  for (const line of lines) {
    if (line.deleted || line.mappedFrom === null || line.sku === null) continue;
    const supplierSku = line.mappedFrom.trim();
    const mapping = mappings.get(supplierSku);
    const packSize = typeof mapping === 'object' ? mapping.packSize : UNIT_PACK_SIZE;
    used.set(supplierSku, { supplierSku, inventorySku: line.sku, packSize });
  }
  return [...used.values()];
}

function skuMapOf(mappings: readonly Pick<SkuMapping, 'supplierSku' | 'inventorySku' | 'packSize'>[] | readonly SkuPair[]): SkuMap {
  return new Map(
    mappings.map((mapping) => [mapping.supplierSku, { inventorySku: mapping.inventorySku, packSize: mapping.packSize ?? UNIT_PACK_SIZE }]),
  );
}
