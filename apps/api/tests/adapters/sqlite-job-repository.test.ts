import { SqliteAuditTrail } from '../../src/adapters/local/sqlite-audit-trail';
import { SqliteJobRepository } from '../../src/adapters/local/sqlite-job-repository';
import { openSqliteDatabase } from '../../src/adapters/local/sqlite-database';
import { describeJobRepositoryContract } from '../contracts/job-repository.contract';
import { makeDataDir } from '../support/test-server';
import path from 'node:path';

describeJobRepositoryContract('SqliteJobRepository', async () => {
  const dir = makeDataDir('jobs');
  const db = openSqliteDatabase(path.join(dir.dataDir, 'test.sqlite'));
  return {
    repository: new SqliteJobRepository(db),
    audit: new SqliteAuditTrail(db),
    cleanup: async () => {
      db.close();
      dir.remove();
    },
  };
});
