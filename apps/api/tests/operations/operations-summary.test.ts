import path from 'node:path';
import { openSqliteDatabase } from '../../src/adapters/local/sqlite-database';
import { SqliteJobRepository } from '../../src/adapters/local/sqlite-job-repository';
import { makeDataDir } from '../support/test-server';
import { describeOperationsSummary } from './operations-summary.suite';

describeOperationsSummary('SQLite job store', async () => {
  const dir = makeDataDir('operations');
  const db = openSqliteDatabase(path.join(dir.dataDir, 'test.sqlite'));
  return {
    jobs: new SqliteJobRepository(db),
    cleanup: async () => {
      db.close();
      dir.remove();
    },
  };
});
