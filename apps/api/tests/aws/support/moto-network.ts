import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../../support/paths';

export interface MotoNetwork {
  subnetId: string;
  securityGroupId: string;
}

/**
 * moto's ECS checks that a Fargate task's subnet exists in its EC2; its default VPC has subnets and a
 * default security group. They are looked up with boto3 from the project's Python environment (the API has
 * no EC2 client, and needs none).
 */
export function motoDefaultNetwork(endpoint: string, region: string): Promise<MotoNetwork> {
  const script = [
    'import boto3, json, sys',
    `ec2 = boto3.client("ec2", endpoint_url=sys.argv[1], region_name=sys.argv[2], aws_access_key_id="test", aws_secret_access_key="test")`,
    'subnet = ec2.describe_subnets(Filters=[{"Name": "default-for-az", "Values": ["true"]}])["Subnets"][0]',
    'group = ec2.describe_security_groups(Filters=[{"Name": "group-name", "Values": ["default"]}, {"Name": "vpc-id", "Values": [subnet["VpcId"]]}])["SecurityGroups"][0]',
    'print(json.dumps({"subnetId": subnet["SubnetId"], "securityGroupId": group["GroupId"]}))',
  ].join('\n');
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(REPO_ROOT, '.venv', 'bin', 'python'), ['-c', script, endpoint, region], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(stdout) as MotoNetwork) : reject(new Error(`moto network lookup failed:\n${stderr}`))));
  });
}
