import type { SkuMappingRepository, SkuMappingWrite, SupplierDirectory } from '@invoice/inventory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

export interface SupplierDirectoryFixture {
  directory: SupplierDirectory;
  /** The mappings of the same store: a merge moves them. */
  mappings: SkuMappingRepository;
  cleanup(): Promise<void>;
}

const MONDAY = '2026-05-04T08:00:00.000Z';
const TUESDAY = '2026-05-05T08:00:00.000Z';

const write = (supplierKey: string, supplierSku: string, inventorySku: string, packSize = '1'): SkuMappingWrite => ({
  supplierKey,
  supplierSku,
  inventorySku,
  packSize,
  updatedAt: MONDAY,
});

/** What every SupplierDirectory must do (SQLite now, DynamoDB in AWS mode). */
export function describeSupplierDirectoryContract(name: string, factory: () => Promise<SupplierDirectoryFixture>): void {
  describe(`${name} (SupplierDirectory contract)`, () => {
    let fixture: SupplierDirectoryFixture;
    let directory: SupplierDirectory;

    beforeEach(async () => {
      fixture = await factory();
      directory = fixture.directory;
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    describe('linkNew and findAll', () => {
      it('finds the supplier of each linked identity and leaves unknown ones out', async () => {
        // Arrange
        await directory.linkNew([
          { identity: 'vat:DE123456789', supplierKey: 'acme' },
          { identity: 'name:acme', supplierKey: 'acme' },
        ]);

        // Act
        const found = await directory.findAll(['vat:DE123456789', 'iban:DE89370400440532013000', 'name:acme', 'name:other']);

        // Assert
        expect([...found].sort()).toEqual([
          ['name:acme', 'acme'],
          ['vat:DE123456789', 'acme'],
        ]);
      });

      it('keeps the first supplier of an identity linked twice', async () => {
        await directory.linkNew([{ identity: 'vat:DE123456789', supplierKey: 'acme' }]);

        await directory.linkNew([
          { identity: 'vat:DE123456789', supplierKey: 'impostor' },
          { identity: 'name:impostor', supplierKey: 'impostor' },
        ]);

        expect(await directory.findAll(['vat:DE123456789', 'name:impostor'])).toEqual(
          new Map([
            ['vat:DE123456789', 'acme'],
            ['name:impostor', 'impostor'],
          ]),
        );
        expect(await directory.listIdentities('impostor')).toEqual(['name:impostor']);
      });

      it('answers an empty map for no identities and for an empty store', async () => {
        expect(await directory.findAll([])).toEqual(new Map());
        expect(await directory.findAll(['name:acme'])).toEqual(new Map());
      });

      it('finds more identities than one request of the store carries', async () => {
        const links = Array.from({ length: 130 }, (_, index) => ({ identity: `name:supplier ${index}`, supplierKey: `supplier ${index % 3}` }));
        await directory.linkNew(links);

        const found = await directory.findAll(links.map((link) => link.identity));

        expect(found.size).toBe(130);
        expect(found.get('name:supplier 128')).toBe('supplier 2');
      });
    });

    describe('listIdentities', () => {
      it("lists a supplier's identities in ascending order, and nothing for an unknown key", async () => {
        await directory.linkNew([
          { identity: 'vat:DE123456789', supplierKey: 'acme' },
          { identity: 'name:acme gmbh', supplierKey: 'acme' },
          { identity: 'iban:DE89370400440532013000', supplierKey: 'acme' },
          { identity: 'name:other', supplierKey: 'other' },
        ]);

        expect(await directory.listIdentities('acme')).toEqual(['iban:DE89370400440532013000', 'name:acme gmbh', 'vat:DE123456789']);
        expect(await directory.listIdentities('nobody')).toEqual([]);
      });

      it("keeps identities out of the supplier's SKU mappings", async () => {
        await fixture.mappings.saveAll([write('acme', 'A-1', 'BOLT')]);

        await directory.linkNew([{ identity: 'name:acme', supplierKey: 'acme' }]);

        expect((await fixture.mappings.listBySupplier('acme')).map((mapping) => mapping.supplierSku)).toEqual(['A-1']);
        expect((await fixture.mappings.search({})).map((mapping) => [mapping.supplierKey, mapping.supplierSku])).toEqual([['acme', 'A-1']]);
      });
    });

    describe('nameSupplier and displayNames', () => {
      it('answers the latest name each named supplier was seen under, leaving suppliers never named out', async () => {
        // Arrange
        await directory.nameSupplier({ supplierKey: 'acme', displayName: 'ACME GmbH', seenAt: MONDAY });
        await directory.nameSupplier({ supplierKey: 'acme', displayName: 'Acme Industrial GmbH', seenAt: TUESDAY });
        await directory.nameSupplier({ supplierKey: 'beta', displayName: 'Beta & Söhne', seenAt: MONDAY });

        // Act
        const names = await directory.displayNames(['acme', 'beta', 'nobody']);

        // Assert
        expect([...names].sort()).toEqual([
          ['acme', 'Acme Industrial GmbH'],
          ['beta', 'Beta & Söhne'],
        ]);
        expect(await directory.displayNames([])).toEqual(new Map());
      });

      it('keeps a later name when an earlier sighting is written after it, and takes the same time again', async () => {
        await directory.nameSupplier({ supplierKey: 'acme', displayName: 'Acme Tuesday', seenAt: TUESDAY });

        await directory.nameSupplier({ supplierKey: 'acme', displayName: 'Acme Monday', seenAt: MONDAY });
        const kept = await directory.displayNames(['acme']);
        await directory.nameSupplier({ supplierKey: 'acme', displayName: 'Acme Tuesday, corrected', seenAt: TUESDAY });

        expect(kept).toEqual(new Map([['acme', 'Acme Tuesday']]));
        expect(await directory.displayNames(['acme'])).toEqual(new Map([['acme', 'Acme Tuesday, corrected']]));
      });

      it('finds more names than one request of the store carries, and keeps names out of identities and mappings', async () => {
        const keys = Array.from({ length: 130 }, (_, index) => `supplier ${index}`);
        for (const key of keys) await directory.nameSupplier({ supplierKey: key, displayName: key.toUpperCase(), seenAt: MONDAY });
        await fixture.mappings.saveAll([write('supplier 1', 'A-1', 'BOLT')]);

        const names = await directory.displayNames(keys);

        expect(names.size).toBe(130);
        expect(names.get('supplier 129')).toBe('SUPPLIER 129');
        expect(await directory.listIdentities('supplier 1')).toEqual([]);
        expect((await fixture.mappings.search({})).map((mapping) => [mapping.supplierKey, mapping.supplierSku])).toEqual([['supplier 1', 'A-1']]);
      });
    });

    describe('long non-Latin names', () => {
      // The longest supplier key (512 characters) of a CJK name: 1,536 bytes of UTF-8, and its name identity
      // 517 characters; another one differs only in its last character.
      const longKey = '株'.repeat(511) + '式';
      const otherKey = '株'.repeat(511) + '社';

      it('links, finds, lists, names and merges them like any other', async () => {
        // Arrange
        await directory.linkNew([
          { identity: `name:${longKey}`, supplierKey: longKey },
          { identity: `name:${otherKey}`, supplierKey: otherKey },
        ]);
        await directory.nameSupplier({ supplierKey: longKey, displayName: longKey, seenAt: MONDAY });
        await fixture.mappings.saveAll([write(longKey, 'L-1', 'BOLT')]);

        // Act
        const found = await directory.findAll([`name:${longKey}`, `name:${otherKey}`]);
        const identities = await directory.listIdentities(longKey);
        const names = await directory.displayNames([longKey, otherKey]);
        await directory.writeMerge({ from: longKey, into: otherKey, repoint: [`name:${longKey}`], link: [], moveMappings: ['L-1'], dropMappings: [] });

        // Assert
        expect(found).toEqual(
          new Map([
            [`name:${longKey}`, longKey],
            [`name:${otherKey}`, otherKey],
          ]),
        );
        expect(identities).toEqual([`name:${longKey}`]);
        expect(names).toEqual(new Map([[longKey, longKey]]));
        expect(await directory.listIdentities(longKey)).toEqual([]);
        expect(await directory.listIdentities(otherKey)).toEqual([`name:${longKey}`, `name:${otherKey}`]);
        expect(await directory.findAll([`name:${longKey}`])).toEqual(new Map([[`name:${longKey}`, otherKey]]));
        expect((await fixture.mappings.listBySupplier(otherKey)).map((mapping) => [mapping.supplierKey, mapping.supplierSku])).toEqual([[otherKey, 'L-1']]);
      });
    });

    describe('writeMerge', () => {
      it('points the identities to the other supplier, links the new ones and moves and drops mappings as planned', async () => {
        // Arrange
        await directory.linkNew([
          { identity: 'vat:DE123456789', supplierKey: 'acme' },
          { identity: 'name:acme', supplierKey: 'acme' },
          { identity: 'name:acme corp', supplierKey: 'acme corp' },
        ]);
        await fixture.mappings.saveAll([write('acme', 'A-1', 'BOLT', '12'), write('acme', 'B-2', 'NUT'), write('acme corp', 'B-2', 'WASHER')]);
        await fixture.mappings.markUsed([{ supplierKey: 'acme', supplierSku: 'A-1' }], TUESDAY);

        // Act
        await directory.writeMerge({
          from: 'acme',
          into: 'acme corp',
          repoint: ['name:acme', 'vat:DE123456789'],
          link: ['name:acme legacy'],
          moveMappings: ['A-1'],
          dropMappings: ['B-2'],
        });

        // Assert
        expect(await directory.listIdentities('acme')).toEqual([]);
        expect(await directory.listIdentities('acme corp')).toEqual(['name:acme', 'name:acme corp', 'name:acme legacy', 'vat:DE123456789']);
        expect(await directory.findAll(['vat:DE123456789', 'name:acme'])).toEqual(
          new Map([
            ['vat:DE123456789', 'acme corp'],
            ['name:acme', 'acme corp'],
          ]),
        );
        expect(await fixture.mappings.listBySupplier('acme')).toEqual([]);
        // The moved mapping keeps every field, its pack size and last use included; into's own B-2 wins.
        expect(await fixture.mappings.listBySupplier('acme corp')).toEqual([
          { supplierKey: 'acme corp', supplierSku: 'A-1', inventorySku: 'BOLT', packSize: '12', updatedAt: MONDAY, lastUsedAt: TUESDAY },
          { supplierKey: 'acme corp', supplierSku: 'B-2', inventorySku: 'WASHER', packSize: '1', updatedAt: MONDAY, lastUsedAt: null },
        ]);
      });

      it('leaves the same state when written twice', async () => {
        await directory.linkNew([{ identity: 'name:acme', supplierKey: 'acme' }]);
        await fixture.mappings.saveAll([write('acme', 'A-1', 'BOLT'), write('beta', 'Z-9', 'ZED')]);
        const merge = { from: 'acme', into: 'beta', repoint: ['name:acme'], link: [], moveMappings: ['A-1'], dropMappings: [] };

        await directory.writeMerge(merge);
        await directory.writeMerge(merge);

        expect(await directory.listIdentities('beta')).toEqual(['name:acme']);
        expect((await fixture.mappings.listBySupplier('beta')).map((mapping) => mapping.supplierSku)).toEqual(['A-1', 'Z-9']);
        expect(await fixture.mappings.listBySupplier('acme')).toEqual([]);
      });

      it('does not take over an identity that points elsewhere by now, nor a mapping the target gained meanwhile', async () => {
        // Arrange: the plan was made when name:acme pointed to acme and beta had no A-1.
        await directory.linkNew([{ identity: 'name:acme', supplierKey: 'gamma' }]);
        await fixture.mappings.saveAll([write('acme', 'A-1', 'FROM-ACME'), write('acme', 'B-2', 'NUT'), write('beta', 'A-1', 'BETA-OWN')]);

        // Act
        await directory.writeMerge({ from: 'acme', into: 'beta', repoint: ['name:acme'], link: [], moveMappings: ['A-1', 'B-2'], dropMappings: [] });

        // Assert
        expect(await directory.findAll(['name:acme'])).toEqual(new Map([['name:acme', 'gamma']]));
        expect(await directory.listIdentities('beta')).toEqual([]);
        expect((await fixture.mappings.listBySupplier('beta')).map((mapping) => [mapping.supplierSku, mapping.inventorySku])).toEqual([
          ['A-1', 'BETA-OWN'],
          ['B-2', 'NUT'],
        ]);
        expect(await fixture.mappings.listBySupplier('acme')).toEqual([]);
      });

      it('moves more identities and mappings than one transaction of the store holds', async () => {
        // Arrange
        const identities = Array.from({ length: 45 }, (_, index) => `name:alias ${String(index).padStart(2, '0')}`);
        await directory.linkNew(identities.map((identity) => ({ identity, supplierKey: 'acme' })));
        const skus = Array.from({ length: 60 }, (_, index) => `S-${String(index).padStart(2, '0')}`);
        await fixture.mappings.saveAll(skus.map((sku) => write('acme', sku, `INV-${sku}`)));

        // Act
        await directory.writeMerge({ from: 'acme', into: 'beta', repoint: identities, link: ['name:acme'], moveMappings: skus, dropMappings: [] });

        // Assert
        expect(await directory.listIdentities('beta')).toEqual([...identities, 'name:acme'].sort());
        expect((await fixture.mappings.listBySupplier('beta')).map((mapping) => mapping.supplierSku)).toEqual(skus);
        expect(await directory.listIdentities('acme')).toEqual([]);
        expect(await fixture.mappings.listBySupplier('acme')).toEqual([]);
      });
    });
  });
}
