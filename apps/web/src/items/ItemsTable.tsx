import type { CatalogueItem } from '@invoice/contracts';
import { routeHref } from '../app/routes';

/**
 * The catalogue with each item's stock: `onHand` is null while the stock is unknown (not loaded, or it failed),
 * and a SKU missing from it has never been moved by an invoice, so it has no history to link to.
 */
export function ItemsTable({
  items,
  onHand,
  editingSku,
  onEdit,
}: {
  items: readonly CatalogueItem[];
  onHand: ReadonlyMap<string, string> | null;
  editingSku: string | null;
  /** Absent for a user who may not edit the catalogue (below admin): no Edit buttons then. */
  onEdit?: (sku: string) => void;
}) {
  return (
    <div className="table-scroll" tabIndex={0} aria-labelledby="items-caption">
      <table>
        <caption id="items-caption">Catalogue items</caption>
        <thead>
          <tr>
            <th scope="col">SKU</th>
            <th scope="col">Name</th>
            <th scope="col">Unit</th>
            <th scope="col">GTIN</th>
            <th scope="col" className="num">
              On hand
            </th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const quantity = onHand?.get(item.sku);
            return (
              <tr key={item.sku} className={item.sku === editingSku ? 'row-selected' : undefined}>
                <th scope="row">{item.sku}</th>
                <td>{item.name}</td>
                <td>{item.unit}</td>
                <td>{item.gtin ?? ''}</td>
                <td className="num">{onHand === null ? '' : (quantity ?? <span className="muted">none</span>)}</td>
                <td className="actions">
                  {onEdit && (
                    <button type="button" className="secondary" onClick={() => onEdit(item.sku)} aria-label={`Edit ${item.sku}`}>
                      Edit
                    </button>
                  )}
                  {(onHand === null || quantity !== undefined) && (
                    <a href={routeHref({ screen: 'inventory', sku: item.sku })} aria-label={`History of ${item.sku}`}>
                      History
                    </a>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
