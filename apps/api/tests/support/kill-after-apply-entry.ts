// A test-only local server (run as its own process by tests/faults/apply-kill.test.ts): the real composition and
// app, as main.ts builds them, except that the ledger SIGKILLs this very process the moment an apply's
// transaction has committed. It is the fault "the API dies between the ledger write and the response", made
// without any hook in the product: the wrapper is a port like any other, put in the app's context here.
import type { InventoryLedger } from '@invoice/inventory';
import { createApp } from '../../src/app';
import { compose } from '../../src/composition-root';
import { loadConfig } from '../../src/config';
import { AllowedHosts } from '../../src/http/allowed-hosts';

/** The real ledger; after an apply that moved stock, the process is killed before anyone hears of it. */
class KillAfterApplyLedger implements InventoryLedger {
  constructor(private readonly inner: InventoryLedger) {}

  async applyOnce(...args: Parameters<InventoryLedger['applyOnce']>): ReturnType<InventoryLedger['applyOnce']> {
    const outcome = await this.inner.applyOnce(...args);
    if (outcome.outcome === 'APPLIED') {
      process.stderr.write(`[kill-after-apply] ${args[0].ledger.jobId} committed; SIGKILL to ${process.pid}\n`);
      process.kill(process.pid, 'SIGKILL');
    }
    return outcome;
  }

  getLedgerRecord(...args: Parameters<InventoryLedger['getLedgerRecord']>) {
    return this.inner.getLedgerRecord(...args);
  }

  reverseOnce(...args: Parameters<InventoryLedger['reverseOnce']>) {
    return this.inner.reverseOnce(...args);
  }

  getReversal(...args: Parameters<InventoryLedger['getReversal']>) {
    return this.inner.getReversal(...args);
  }

  findClaimHolders(...args: Parameters<InventoryLedger['findClaimHolders']>) {
    return this.inner.findClaimHolders(...args);
  }

  listStock() {
    return this.inner.listStock();
  }

  getStock(...args: Parameters<InventoryLedger['getStock']>) {
    return this.inner.getStock(...args);
  }

  listMovements(...args: Parameters<InventoryLedger['listMovements']>) {
    return this.inner.listMovements(...args);
  }
}

const config = loadConfig();
const composition = compose(config);
const { ports } = composition.context;
const context = { ...composition.context, ports: { ...ports, ledger: new KillAfterApplyLedger(ports.ledger) } };
const app = createApp(context, { allowedHosts: AllowedHosts.of(config) });
const host = config.host ?? '127.0.0.1';
const server = app.listen(config.port, host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  // The line tests/support/server-process.ts waits for, as main.ts writes it.
  process.stderr.write(`[api] storage=${config.storage} data=${config.dataDir} listening on http://${host}:${port}\n`);
});
