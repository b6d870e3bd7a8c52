import path from 'node:path';
import { openSqliteDatabase } from '../../src/adapters/local/sqlite-database';
import { SqliteSkuMappingRepository } from '../../src/adapters/local/sqlite-sku-mapping-repository';
import { SqliteSupplierDirectory } from '../../src/adapters/local/sqlite-supplier-directory';
import { describeSupplierDirectoryContract } from '../contracts/supplier-directory.contract';
import { makeDataDir } from '../support/test-server';

describeSupplierDirectoryContract('SqliteSupplierDirectory', async () => {
  const dir = makeDataDir('suppliers');
  const db = openSqliteDatabase(path.join(dir.dataDir, 'test.sqlite'));
  return {
    directory: new SqliteSupplierDirectory(db),
    mappings: new SqliteSkuMappingRepository(db),
    cleanup: async () => {
      db.close();
      dir.remove();
    },
  };
});
