import path from 'node:path';
import { openSqliteDatabase } from '../../src/adapters/local/sqlite-database';
import { SqliteSkuMappingRepository } from '../../src/adapters/local/sqlite-sku-mapping-repository';
import { describeSkuMappingRepositoryContract } from '../contracts/sku-mapping-repository.contract';
import { makeDataDir } from '../support/test-server';

describeSkuMappingRepositoryContract('SqliteSkuMappingRepository', async () => {
  const dir = makeDataDir('mappings');
  const db = openSqliteDatabase(path.join(dir.dataDir, 'test.sqlite'));
  return {
    repository: new SqliteSkuMappingRepository(db),
    cleanup: async () => {
      db.close();
      dir.remove();
    },
  };
});
