import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal, type RunningEmulator } from './dynamodb-local';
import { motoDefaultNetwork, type MotoNetwork } from './moto-network';
import { startMotoServer } from './moto-server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** DynamoDB Local's endpoint (http://127.0.0.1:port). */
    dynamodbEndpoint: string;
    /** moto server's endpoint, serving S3 and ECS. */
    motoEndpoint: string;
    /** A subnet and security group that exist in moto's EC2, for Fargate RunTask. */
    motoNetwork: MotoNetwork;
  }
}

/**
 * Starts the emulators once for the whole AWS test run, on loopback, and stops them afterwards. Each test
 * file makes its own uniquely named tables, bucket and cluster, so files can run side by side.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const results = await Promise.allSettled([startDynamoDbLocal(), startMotoServer()]);
  const started = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failure = results.find((result) => result.status === 'rejected');
  if (failure) {
    await Promise.all(started.map((emulator) => emulator.stop()));
    throw failure.reason;
  }
  const [dynamodb, moto] = started as [RunningEmulator, RunningEmulator];
  project.provide('dynamodbEndpoint', dynamodb.endpoint);
  project.provide('motoEndpoint', moto.endpoint);
  try {
    project.provide('motoNetwork', await motoDefaultNetwork(moto.endpoint, 'us-east-1'));
  } catch (error) {
    await Promise.all(started.map((emulator) => emulator.stop()));
    throw error;
  }
  process.stderr.write(`\n[aws tests] DynamoDB Local ${dynamodb.endpoint}, moto ${moto.endpoint}\n`);
  return async () => {
    await Promise.all(started.map((emulator) => emulator.stop()));
  };
}
