import type { ListMovementsResponse } from '@invoice/contracts';
import { useEffect, useState } from 'react';
import { useApi } from '../app/api-context';
import { routeHref } from '../app/routes';
import { ErrorNotice } from '../shared/ErrorNotice';
import { signed } from '../shared/decimal-text';
import { formatTimestamp } from '../shared/format';

/** One SKU's stock movements from the ledger, newest first, each linked to the job that made it. */
export function SkuHistory({ sku }: { sku: string }) {
  const api = useApi();
  const [history, setHistory] = useState<ListMovementsResponse | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let cancelled = false;
    setHistory(null);
    setError(null);
    api.skuMovements(sku).then(
      (loaded) => !cancelled && setHistory(loaded),
      (failure: unknown) => !cancelled && setError(failure),
    );
    return () => {
      cancelled = true;
    };
  }, [api, sku]);

  return (
    <section className="panel sku-history">
      <div className="section-head">
        <h2 id="history-heading" tabIndex={-1}>
          History of {sku}
        </h2>
        <a href={routeHref({ screen: 'inventory', sku: null })}>Close history</a>
      </div>
      {error !== null && <ErrorNotice error={error} context={`The history of ${sku} could not be loaded`} />}
      {!history && error === null && <p>Loading history…</p>}
      {history && (
        <>
          <p>
            In stock now: <strong>{history.quantity}</strong>
          </p>
          {history.items.length === 0 ? (
            <p className="empty">No applied invoice has moved this SKU.</p>
          ) : (
            <div className="table-scroll" tabIndex={0}>
              <table>
                <caption id="history-caption">Stock movements of {sku}, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Applied</th>
                    <th scope="col" className="num">
                      Change
                    </th>
                    <th scope="col">Invoice</th>
                    <th scope="col">Supplier</th>
                    <th scope="col">Review revision</th>
                  </tr>
                </thead>
                <tbody>
                  {history.items.map((movement) => (
                    <tr key={`${movement.jobId}-${movement.appliedAt}-${movement.entry ?? 'apply'}`}>
                      <td>
                        {formatTimestamp(movement.appliedAt)}
                        {movement.entry === 'reversal' && <span className="tag"> reversal</span>}
                      </td>
                      <td className="num">{signed(movement.delta)}</td>
                      <td>
                        <a href={routeHref({ screen: 'review', jobId: movement.jobId })}>
                          {movement.invoiceNumber ? `Invoice ${movement.invoiceNumber}` : movement.fileName}
                        </a>
                        {movement.invoiceNumber && <span className="muted small"> {movement.fileName}</span>}
                      </td>
                      <td>{movement.supplierName ?? ''}</td>
                      <td>{movement.reviewRevision}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
