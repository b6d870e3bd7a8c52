import { describe, expect, it } from 'vitest';
import { isTransientStartFailure, stoppedForInfrastructure } from '../src/adapters/aws/ecs-failure-kinds';

describe('isTransientStartFailure', () => {
  it.each([
    [{ reason: 'RESOURCE:ENI' }],
    [{ reason: 'RESOURCE:MEMORY' }],
    [{ reason: 'AGENT' }],
    [{ reason: 'Capacity is unavailable at this time. Please try again later or in a different availability zone' }],
    [{ errorName: 'ThrottlingException' }],
    [{ errorName: 'ServerException' }],
  ])('takes %o as capacity or load, worth another attempt', (failure) => {
    expect(isTransientStartFailure(failure)).toBe(true);
  });

  it.each([
    [{ reason: 'MISSING' }],
    [{ reason: 'ATTRIBUTE' }],
    [{ errorName: 'ClientException' }],
    [{ errorName: 'InvalidParameterException' }],
    [{}],
  ])('takes %o as a wrong request, which another attempt would not mend', (failure) => {
    expect(isTransientStartFailure(failure)).toBe(false);
  });
});

describe('stoppedForInfrastructure', () => {
  it('retries a task that lost its Spot capacity, its host, or never got its image or network', () => {
    expect(stoppedForInfrastructure({ stopCode: 'SpotInterruption', stoppedReason: 'Your Spot Task was interrupted.' })).toBe(true);
    expect(
      stoppedForInfrastructure({
        stopCode: 'TaskFailedToStart',
        stoppedReason: 'CannotPullContainerError: pull image manifest has been retried 5 time(s)',
      }),
    ).toBe(true);
    expect(stoppedForInfrastructure({ stoppedReason: 'ResourceInitializationError: unable to pull secrets or registry auth' })).toBe(true);
    expect(stoppedForInfrastructure({ stoppedReason: 'Host EC2 (instance i-0abc) terminated.' })).toBe(true);
  });

  it('does not retry a parser that exited or ran out of memory on its document', () => {
    expect(
      stoppedForInfrastructure({
        stopCode: 'EssentialContainerExited',
        stoppedReason: 'Essential container in task exited',
        containers: [{ exitCode: 3 }],
      }),
    ).toBe(false);
    expect(
      stoppedForInfrastructure({
        stopCode: 'EssentialContainerExited',
        stoppedReason: 'Essential container in task exited',
        containers: [{ exitCode: 137, reason: 'OutOfMemoryError: Container killed due to memory usage' }],
      }),
    ).toBe(false);
    expect(
      stoppedForInfrastructure({ stopCode: 'UserInitiated', stoppedReason: 'Stopped by the API: still running after PARSE_TIMEOUT_SECONDS (300 s)' }),
    ).toBe(false);
  });
});
