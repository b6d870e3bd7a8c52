// Starts DynamoDB Local and moto (S3, ECS, EC2) on loopback for a manual or scripted AWS-mode rehearsal,
// prints the variables that point the API (and aws-smoke.ts) at them, and stops both on SIGINT/SIGTERM.
//   npx tsx apps/api/scripts/start-emulators.ts > /tmp/emulators.env &   then: source /tmp/emulators.env
import { startDynamoDbLocal } from '../tests/aws/support/dynamodb-local';
import { motoDefaultNetwork } from '../tests/aws/support/moto-network';
import { startMotoServer } from '../tests/aws/support/moto-server';

const REGION = process.env.AWS_REGION ?? 'us-east-1';

const dynamodb = await startDynamoDbLocal();
const moto = await startMotoServer();
const network = await motoDefaultNetwork(moto.endpoint, REGION);
const variables = {
  AWS_REGION: REGION,
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpoint,
  AWS_ENDPOINT_URL_S3: moto.endpoint,
  AWS_ENDPOINT_URL_ECS: moto.endpoint,
  S3_FORCE_PATH_STYLE: 'true',
  PARSER_SUBNETS: network.subnetId,
  PARSER_SECURITY_GROUPS: network.securityGroupId,
};
process.stdout.write(`${Object.entries(variables).map(([name, value]) => `export ${name}=${value}`).join('\n')}\n# emulators ready\n`);

const stop = async (): Promise<void> => {
  await Promise.all([dynamodb.stop(), moto.stop()]);
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
