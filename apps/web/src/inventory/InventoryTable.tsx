import type { InventoryItem } from '@invoice/contracts';
import { routeHref } from '../app/routes';
import { formatTimestamp } from '../shared/format';

export function InventoryTable({ items, selectedSku }: { items: readonly InventoryItem[]; selectedSku: string | null }) {
  return (
    <div className="table-scroll" tabIndex={0}>
      <table>
        <caption id="stock-caption">Stock on hand</caption>
        <thead>
          <tr>
            <th scope="col">SKU</th>
            <th scope="col" className="num">
              Quantity
            </th>
            <th scope="col">Last change</th>
            <th scope="col">History</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.sku} className={item.sku === selectedSku ? 'row-selected' : undefined}>
              <th scope="row">{item.sku}</th>
              <td className="num">{item.quantity}</td>
              <td>{formatTimestamp(item.updatedAt)}</td>
              <td>
                <a
                  href={routeHref({ screen: 'inventory', sku: item.sku })}
                  aria-label={`History of ${item.sku}`}
                  aria-current={item.sku === selectedSku ? 'true' : undefined}
                >
                  History
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
