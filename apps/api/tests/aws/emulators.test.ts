import { describe, expect, it } from 'vitest';
import { startMotoServer } from './support/moto-server';

/** The emulator harness itself: each server is found at the port it bound, never at someone else's. */
describe('startMotoServer', () => {
  it('reports the port its own moto bound, so two at once never share one and stopping one leaves the other', async () => {
    // Arrange + Act: two servers started at the same moment, as two test runs on one machine would
    const [first, second] = await Promise.all([startMotoServer(), startMotoServer()]);
    try {
      await first.stop();

      // Assert
      expect(first.endpoint).not.toBe(second.endpoint);
      expect(first.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      await expect(fetch(`${first.endpoint}/moto-api/`)).rejects.toThrow();
      expect((await fetch(`${second.endpoint}/moto-api/`)).ok).toBe(true);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  });
});
