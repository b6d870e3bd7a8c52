import { useState } from 'react';
import { useApi } from '../app/api-context';
import { authorisedDownload } from '../shared/authorised-download';
import { readCsvFile } from './csv-file';
import { RefusalNotice } from './RefusalNotice';

/** Export the catalogue as CSV, or import a CSV file (new SKUs created, known ones updated). */
/** `canImport` false (below admin): export only. */
export function ItemsImportExport({ onImported, canImport = true }: { onImported: () => void; canImport?: boolean }) {
  const api = useApi();
  const [importing, setImporting] = useState(false);
  const [outcome, setOutcome] = useState<string>('');
  const [error, setError] = useState<unknown>(null);

  const importFile = async (file: File) => {
    setOutcome('');
    setError(null);
    const read = await readCsvFile(file);
    if (!read.ok) {
      setError(new Error(read.problem));
      return;
    }
    setImporting(true);
    try {
      const { created, updated } = await api.importItems(read.csv);
      setOutcome(`Imported “${file.name}”: ${created} item${created === 1 ? '' : 's'} created, ${updated} updated.`);
      onImported();
    } catch (failure) {
      setError(failure);
    } finally {
      setImporting(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="items-csv-heading">
      <h2 id="items-csv-heading">{canImport ? 'Import and export' : 'Export'}</h2>
      <p className="muted small">
        CSV columns: sku, name, unit, gtin.
        {canImport ? ' Importing creates new SKUs and updates known ones.' : ''}
      </p>
      <div className="csv-actions">
        <a className="button-link" href={api.itemsExportUrl()} download="items.csv" onClick={authorisedDownload(api.authHeaders(), setError)}>
          Export CSV
        </a>
        {canImport && (
          <label className="file-picker-inline">
            Import CSV
            <input
              type="file"
              accept=".csv,text/csv"
              disabled={importing}
              onChange={(event) => {
                const file = event.target.files?.[0];
                // Reset, so picking the same file again (after fixing it) imports again.
                event.target.value = '';
                if (file) void importFile(file);
              }}
            />
          </label>
        )}
      </div>
      <p className="notice-line" role="status">
        {importing ? 'Importing…' : outcome}
      </p>
      {error !== null && <RefusalNotice error={error} context="Not imported" />}
    </section>
  );
}
