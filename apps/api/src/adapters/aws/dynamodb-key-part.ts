import { createHash } from 'node:crypto';

/** DynamoDB's limits on the UTF-8 size of a partition key and of a sort key (ValidationException beyond). */
export const MAX_PARTITION_KEY_BYTES = 2048;
export const MAX_SORT_KEY_BYTES = 1024;

const SHA256_HEX_LENGTH = 64;

/**
 * `value` as a key part of at most `budget` UTF-8 bytes: the value itself when it fits, else its longest
 * prefix that leaves room for `#` and the sha256 hex of the whole value. It depends on the value alone, so
 * reads and writes find the same item, and a value that fits (every one that could be written before) keeps
 * its key. The prefix keeps keys readable and in roughly the value's order; the hash keeps them apart. Where
 * the value must be read back, the item keeps it whole as an attribute.
 */
export function boundedKeyPart(value: string, budget: number): string {
  if (Buffer.byteLength(value, 'utf8') <= budget) return value;
  const room = budget - 1 - SHA256_HEX_LENGTH;
  let prefix = '';
  let size = 0;
  // By code point, so that no character is cut in half.
  for (const char of value) {
    const bytes = Buffer.byteLength(char, 'utf8');
    if (size + bytes > room) break;
    prefix += char;
    size += bytes;
  }
  return `${prefix}#${createHash('sha256').update(value, 'utf8').digest('hex')}`;
}
