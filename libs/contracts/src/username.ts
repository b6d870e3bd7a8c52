import common from '../schemas/common.schema.json';

/** common.schema.json's Username pattern, the one definition every language checks a user name against. */
const USERNAME = new RegExp(common.$defs.Username.pattern);

/** Whether the value is a user name the contracts accept (letters, digits and . _ @ + -, starting with a letter or digit). */
export function isUsername(value: unknown): value is string {
  return typeof value === 'string' && USERNAME.test(value);
}
