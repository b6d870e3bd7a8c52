import { describe, expect, it } from 'vitest';
import { isUsername, validate } from '../src';

describe('isUsername', () => {
  it.each(['anna', 'Anna.K', 'ops+scanner@example.com', 'a', `a${'b'.repeat(127)}`])('accepts %s, as the Principal schema does', (name) => {
    expect(isUsername(name)).toBe(true);
    expect(validate('principal', { username: name, role: 'viewer', via: 'token', expiresAt: null }).ok).toBe(true);
  });

  it.each(['', '.anna', 'an na', 'anna/../x', `a${'b'.repeat(128)}`, 42])('refuses %s, as the Principal schema does', (name) => {
    expect(isUsername(name)).toBe(false);
    expect(validate('principal', { username: name, role: 'viewer', via: 'token', expiresAt: null }).ok).toBe(false);
  });
});
