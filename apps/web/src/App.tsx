import { useCallback, useEffect, useRef, useState } from 'react';
import type { InventoryItem, Job } from '@invoice/contracts';
import { ApiError, api, uploadInvoice } from './api-client';
import { isInFlight, nextPollDelayMs, statusLabel } from './job-status';

function describeError(error: unknown): string {
  if (error instanceof ApiError) return `${error.message} (${error.code})`;
  return error instanceof Error ? error.message : String(error);
}

export function App() {
  const [jobs, setJobs] = useState<Job[]>([]);
  const [inventory, setInventory] = useState<InventoryItem[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const pollDelay = useRef<number | null>(null);

  const refresh = useCallback(async () => {
    try {
      const [jobList, stock] = await Promise.all([api.listJobs(), api.listInventory()]);
      setJobs(jobList.items);
      setInventory(stock.items);
      return jobList.items.some((job) => isInFlight(job.status));
    } catch (error) {
      setMessage(describeError(error));
      return false;
    }
  }, []);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const tick = async () => {
      const busy = await refresh();
      if (stopped || !busy) {
        pollDelay.current = null;
        return;
      }
      pollDelay.current = nextPollDelayMs(pollDelay.current);
      timer = setTimeout(tick, pollDelay.current);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [refresh, jobs.length]);

  async function onFiles(files: FileList | null) {
    setMessage(null);
    for (const file of Array.from(files ?? [])) {
      try {
        const job = await uploadInvoice(file);
        setJobs((current) => [job, ...current]);
      } catch (error) {
        setMessage(`${file.name}: ${describeError(error)}`);
      }
    }
  }

  async function onApply(job: Job) {
    setMessage(null);
    try {
      const result = await api.apply(job.jobId);
      setMessage(result.outcome === 'APPLIED' ? `Applied ${job.fileName}.` : `${job.fileName} was already applied; nothing changed.`);
      await refresh();
    } catch (error) {
      setMessage(describeError(error));
    }
  }

  return (
    <main>
      <h1>Invoice intake</h1>
      <label>
        Upload invoices (PDF){' '}
        <input type="file" accept="application/pdf,.pdf" multiple onChange={(event) => void onFiles(event.target.files)} />
      </label>
      {message && <p role="status">{message}</p>}
      <h2>Jobs</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Status</th>
            <th scope="col">Supplier</th>
            <th scope="col">Invoice</th>
            <th scope="col">Total</th>
            <th scope="col">Lines</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => (
            <tr key={job.jobId}>
              <td>{job.fileName}</td>
              <td>
                {statusLabel(job.status)}
                {job.error && ` — ${job.error.message} (${job.error.code})`}
              </td>
              <td>{job.summary?.supplierName ?? ''}</td>
              <td>{job.summary?.invoiceNumber ?? ''}</td>
              <td>{job.summary?.total ? `${job.summary.total} ${job.summary.currency ?? ''}` : ''}</td>
              <td>{job.summary?.lineCount ?? ''}</td>
              <td>
                {job.status === 'PARSED' && (
                  <button type="button" onClick={() => void onApply(job)}>
                    Apply {job.fileName}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Inventory</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">SKU</th>
            <th scope="col">Quantity</th>
          </tr>
        </thead>
        <tbody>
          {inventory.map((item) => (
            <tr key={item.sku}>
              <td>{item.sku}</td>
              <td>{item.quantity}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
