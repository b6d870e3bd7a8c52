import { useState } from 'react';
import type { SupplierMappings } from '@invoice/contracts';

/**
 * Chooses the supplier whose mappings are shown: from the suppliers the API knows, or, where it cannot list
 * them (an older API), by typing the supplier's name or key.
 */
export function SupplierPicker({
  suppliers,
  selected,
  onPick,
}: {
  /** null while loading; 'typed' where the API offers no list. */
  suppliers: readonly SupplierMappings[] | 'typed' | null;
  selected: string | null;
  onPick: (supplier: string) => void;
}) {
  const [typed, setTyped] = useState(selected ?? '');
  if (suppliers === null) return <p>Loading suppliers…</p>;
  if (suppliers === 'typed') {
    return (
      <form
        className="supplier-picker"
        onSubmit={(event) => {
          event.preventDefault();
          if (typed.trim()) onPick(typed.trim());
        }}
      >
        <label className="search">
          Supplier
          <input type="text" value={typed} onChange={(event) => setTyped(event.target.value)} autoComplete="off" />
        </label>
        <button type="submit" disabled={!typed.trim()}>
          Show mappings
        </button>
      </form>
    );
  }
  if (suppliers.length === 0 && selected === null) {
    return <p className="empty">No supplier has SKU mappings yet: they are saved from a review, or added here for a supplier named in the address.</p>;
  }
  // A supplier named in the address but not (or no longer) listed stays choosable.
  const listed = selected !== null && !suppliers.some((supplier) => supplier.supplierKey === selected);
  return (
    <label className="search">
      Supplier
      <select value={selected ?? ''} onChange={(event) => event.target.value && onPick(event.target.value)}>
        <option value="">Choose a supplier</option>
        {listed && <option value={selected}>{selected}</option>}
        {suppliers.map((supplier) => (
          <option key={supplier.supplierKey} value={supplier.supplierKey}>
            {supplier.supplierKey} ({supplier.mappingCount} mapping{supplier.mappingCount === 1 ? '' : 's'})
          </option>
        ))}
      </select>
    </label>
  );
}
