import { describe, expect, it } from 'vitest';
import { boundedKeyPart, MAX_SORT_KEY_BYTES } from '../../src/adapters/aws/dynamodb-key-part';

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** How a key part too long for DynamoDB is stored; the store itself is in the contract suites. */
describe('boundedKeyPart', () => {
  it('keeps a value that fits as it is', () => {
    const value = '株'.repeat(341); // 1,023 bytes
    expect(boundedKeyPart(value, MAX_SORT_KEY_BYTES)).toBe(value);
  });

  it('bounds a longer one to a prefix of whole characters and the sha256 of the whole, the same every time', () => {
    // Arrange: 517 characters, 3 and 4 bytes each, cut where no whole character fits
    const value = `name:${'株'.repeat(300)}${'𠀀'.repeat(212)}`;

    // Act
    const key = boundedKeyPart(value, MAX_SORT_KEY_BYTES);

    // Assert
    expect(bytes(key)).toBeLessThanOrEqual(MAX_SORT_KEY_BYTES);
    expect(key).toMatch(/^name:株+𠀀*#[0-9a-f]{64}$/u);
    expect(value.startsWith(key.slice(0, key.indexOf('#')))).toBe(true);
    expect(boundedKeyPart(value, MAX_SORT_KEY_BYTES)).toBe(key);
  });

  it('keeps two long values apart that differ only at their end', () => {
    const base = 'ж'.repeat(600);
    expect(boundedKeyPart(`${base}a`, MAX_SORT_KEY_BYTES)).not.toBe(boundedKeyPart(`${base}b`, MAX_SORT_KEY_BYTES));
  });
});
