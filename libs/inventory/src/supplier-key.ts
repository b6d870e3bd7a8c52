/** The longest key the contracts accept (SupplierKey). */
const MAX_SUPPLIER_KEY_LENGTH = 512;

/**
 * The key SKU mappings are remembered under: the supplier's name with case, accents, punctuation and
 * spacing folded, because the same supplier prints "ACME GmbH" on one invoice and "Acme GmbH." on the
 * next. null when there is no name, or nothing but punctuation: such invoices share no memory.
 */
export function supplierKeyOf(name: string | null | undefined): string | null {
  if (!name) return null;
  const key = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '') // the accents NFKD split off: "Müller" -> "Muller"
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .slice(0, MAX_SUPPLIER_KEY_LENGTH)
    .trim();
  return key === '' ? null : key;
}
