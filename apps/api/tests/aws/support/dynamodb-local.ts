import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../support/paths';
import { run, stopProcess } from './child-process';

/** AWS's DynamoDB Local, fetched from Maven Central by the pom next to the loopback launcher. */
const FETCH_DIR = path.join(REPO_ROOT, 'tools', 'emulators', 'dynamodb-local');
const VERSION = '2.6.1';
const LAUNCHER = 'LoopbackDynamoDbLocal';
const START_LIMIT_MS = 60_000;
const READY_LINE = /DYNAMODB_LOCAL_PORT=(\d+)/;

export interface RunningEmulator {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * Where the jars live between runs: outside the clone (a fresh clone reuses them), per version.
 * DYNAMODB_LOCAL_DIR overrides it; Maven's own ~/.m2 cache sits behind it.
 */
export function dynamoDbLocalDir(): string {
  const cacheHome = process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache');
  return process.env.DYNAMODB_LOCAL_DIR ?? path.join(cacheHome, 'invoice-pipeline', `dynamodb-local-${VERSION}`);
}

/**
 * Fetches DynamoDB Local (jars and the sqlite4java native libraries) with the machine's Maven, and compiles
 * the launcher, unless a complete copy is already cached. Written to a temporary folder and renamed, so an
 * interrupted fetch never leaves a half-filled cache behind.
 */
export async function ensureDynamoDbLocal(): Promise<string> {
  const dir = dynamoDbLocalDir();
  if (existsSync(path.join(dir, '.complete'))) return dir;
  const staging = `${dir}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    await run('mvn', [
      '-q',
      '-B',
      '-f',
      path.join(FETCH_DIR, 'pom.xml'),
      'dependency:copy-dependencies',
      `-Ddynamodb-local.version=${VERSION}`,
      `-DoutputDirectory=${staging}`,
      '-DincludeScope=runtime',
    ]);
    await run('javac', ['-cp', path.join(staging, '*'), '-d', path.join(staging, 'launcher'), path.join(FETCH_DIR, `${LAUNCHER}.java`)]);
    writeFileSync(path.join(staging, '.complete'), `${VERSION}\n`);
    rmSync(dir, { recursive: true, force: true });
    renameSync(staging, dir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  return dir;
}

/** Starts DynamoDB Local in memory on 127.0.0.1 and an ephemeral port that the launcher reports. */
export async function startDynamoDbLocal(): Promise<RunningEmulator> {
  const dir = await ensureDynamoDbLocal();
  const child = spawn(
    'java',
    [
      // sqlite4java finds its native library (libsqlite4java-linux-amd64-<version>.so) on this path.
      `-Djava.library.path=${dir}`,
      '-XX:+UseSerialGC',
      '-Xmx512m',
      '-cp',
      `${path.join(dir, '*')}${path.delimiter}${path.join(dir, 'launcher')}`,
      LAUNCHER,
      '-inMemory',
      '-disableTelemetry',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const port = await readyPort(child);
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => stopProcess(child) };
}

function readyPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`DynamoDB Local did not start within ${START_LIMIT_MS} ms:\n${output}`)), START_LIMIT_MS);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = READY_LINE.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        // Keep draining the pipes so a chatty server never blocks on a full buffer.
        child.stdout?.resume();
        child.stderr?.resume();
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', (error) => fail(new Error(`java could not start (is a JDK 17+ installed?): ${error.message}`)));
    child.once('exit', (code) => fail(new Error(`DynamoDB Local exited with ${code} before it was ready:\n${output}`)));
  });
}
