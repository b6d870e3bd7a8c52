import { limitIssues, type AddedLine, type InvoiceLine, type LineCorrection, type SkuMappingInput, type ValidationIssue } from '@invoice/contracts';
import { DomainError } from '../errors';

/**
 * What the schema cannot know: that each correction names a line of this invoice, once. Returns the
 * corrections with SKUs trimmed; throws VALIDATION_FAILED listing the problems (at most MAX_REPORTED_ISSUES)
 * with their JSON Pointers.
 */
export function checkCorrections(corrections: readonly LineCorrection[], lines: readonly InvoiceLine[]): LineCorrection[] {
  const known = new Set(lines.map((line) => line.index));
  const seen = new Set<number>();
  const issues: ValidationIssue[] = [];
  let indexes: string | undefined; // described once, not once per unknown index of a 20 000-line review
  corrections.forEach((correction, position) => {
    const path = `/corrections/${position}/lineIndex`;
    if (!known.has(correction.lineIndex)) {
      indexes ??= describeIndexes(lines);
      issues.push({ path, message: `names no line of this invoice (line indexes are ${indexes})` });
    } else if (seen.has(correction.lineIndex)) {
      issues.push({ path, message: `corrects line ${correction.lineIndex} a second time` });
    }
    seen.add(correction.lineIndex);
  });
  if (issues.length > 0) throw invalid(issues);
  return corrections.map((correction) =>
    typeof correction.sku === 'string' ? { ...correction, sku: correction.sku.trim() } : { ...correction },
  );
}

/** The most lines a reviewed invoice holds, parsed and added together. */
export const MAX_REVIEWED_LINES = 5000;

/** Added lines with SKUs trimmed; VALIDATION_FAILED when they would take the invoice past MAX_REVIEWED_LINES lines. */
export function checkAddedLines(addedLines: readonly AddedLine[], parsedLineCount: number): AddedLine[] {
  if (parsedLineCount + addedLines.length > MAX_REVIEWED_LINES) {
    const count = parsedLineCount + addedLines.length;
    throw invalid([{ path: '/addedLines', message: `would make ${count} lines; an invoice holds at most ${MAX_REVIEWED_LINES}` }]);
  }
  return addedLines.map((line) => (typeof line.sku === 'string' ? { ...line, sku: line.sku.trim() } : { ...line }));
}

/** Mappings with SKUs trimmed; one per supplier SKU, and only for an invoice whose supplier is known. */
export function checkSkuMappings(mappings: readonly SkuMappingInput[], supplierKey: string | null): SkuMappingInput[] {
  if (mappings.length === 0) return [];
  if (supplierKey === null) {
    throw invalid([{ path: '/skuMappings', message: 'cannot be remembered: no supplier name was read from this invoice' }]);
  }
  const seen = new Set<string>();
  const issues: ValidationIssue[] = [];
  const trimmed = mappings.map((mapping, position) => {
    const supplierSku = mapping.supplierSku.trim();
    if (seen.has(supplierSku)) issues.push({ path: `/skuMappings/${position}/supplierSku`, message: `maps ${supplierSku} a second time` });
    seen.add(supplierSku);
    const checked: SkuMappingInput = { supplierSku, inventorySku: mapping.inventorySku.trim() };
    if (mapping.packSize !== undefined) checked.packSize = mapping.packSize;
    return checked;
  });
  if (issues.length > 0) throw invalid(issues);
  return trimmed;
}

function invalid(issues: ValidationIssue[]): DomainError {
  return new DomainError('VALIDATION_FAILED', 'The review does not fit this invoice.', { issues: limitIssues(issues) });
}

function describeIndexes(lines: readonly InvoiceLine[]): string {
  if (lines.length === 0) return 'none: it has no lines';
  const indexes = lines.map((line) => line.index);
  const first = Math.min(...indexes);
  const last = Math.max(...indexes);
  if (last - first + 1 === indexes.length) return `${first} to ${last}`;
  // Parsers number lines 0..n-1; should one not, a long list is cut rather than repeated in every issue.
  return indexes.length <= 20 ? indexes.join(', ') : `${indexes.slice(0, 20).join(', ')}, …`;
}
