import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compose } from '../src/composition-root';
import { AWS_VARIABLES, ConfigError, loadConfig } from '../src/config';
import { makeDataDir } from './support/test-server';

describe('loadConfig', () => {
  it('uses the written-out local defaults', () => {
    // Act
    const config = loadConfig({}, '/srv/app');

    // Assert
    expect(config).toEqual({
      storage: 'local',
      port: 3000,
      host: null,
      dataDir: '/srv/app/.data',
      uploadMaxBytes: 25 * 1024 * 1024,
      uploadUrlTtlSeconds: 900,
      parserConcurrency: 2,
      parserWorkers: 2,
      parserWorkerMaxJobs: 200,
      parseTimeoutSeconds: 120,
      parseMaxAttempts: 3,
      parseDeadlineSeconds: 900,
      parseSweepSeconds: 30,
      parserCommand: ['/srv/app/.venv/bin/python', '-m', 'invoice_parser'],
      publicBaseUrl: null,
      allowedHosts: [],
      uploadSigningSecret: null,
      webDistDir: '/srv/app/dist/apps/web',
      requireSecondApprover: false,
      aws: Object.fromEntries(AWS_VARIABLES.map((name) => [name, undefined])),
    });
  });

  it('reads every variable', () => {
    const config = loadConfig(
      {
        STORAGE: 'local',
        PORT: '8080',
        HOST: '0.0.0.0',
        DATA_DIR: 'var/data',
        UPLOAD_MAX_BYTES: '1000',
        UPLOAD_URL_TTL_SECONDS: '60',
        PARSER_CONCURRENCY: '4',
        PARSE_TIMEOUT_SECONDS: '30',
        PARSER_PYTHON: '/usr/bin/python3',
        PUBLIC_BASE_URL: 'https://invoices.example/',
        ALLOWED_HOSTS: ' MyBox.lan, 192.168.1.20 ,[fe80::1],',
        UPLOAD_SIGNING_SECRET: 'k'.repeat(40),
        WEB_DIST_DIR: '/opt/web',
        REQUIRE_SECOND_APPROVER: 'true',
      },
      '/srv/app',
    );
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: path.resolve('/srv/app', 'var/data'),
      parserCommand: ['/usr/bin/python3', '-m', 'invoice_parser'],
      publicBaseUrl: 'https://invoices.example',
      allowedHosts: ['mybox.lan', '192.168.1.20', '[fe80::1]'],
      uploadSigningSecret: 'k'.repeat(40),
      webDistDir: '/opt/web',
      requireSecondApprover: true,
    });
  });

  it('wants a parse deadline longer than one run may take', () => {
    expect(() => loadConfig({ PARSE_TIMEOUT_SECONDS: '600', PARSE_DEADLINE_SECONDS: '600' })).toThrow(/PARSE_DEADLINE_SECONDS must be between 601/);
    expect(loadConfig({ PARSE_TIMEOUT_SECONDS: '600', PARSE_DEADLINE_SECONDS: '601', PARSE_MAX_ATTEMPTS: '5', PARSE_SWEEP_SECONDS: '0' })).toMatchObject({
      parseDeadlineSeconds: 601,
      parseMaxAttempts: 5,
      parseSweepSeconds: 0,
    });
  });

  it('takes PARSER_COMMAND as a JSON argv', () => {
    expect(loadConfig({ PARSER_COMMAND: '["docker","run","parser"]' }).parserCommand).toEqual(['docker', 'run', 'parser']);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['UPLOAD_MAX_BYTES', '-5'],
    ['PARSER_CONCURRENCY', '0'],
    ['PARSER_WORKERS', '-1'],
    ['PARSER_WORKERS', '65'],
    ['PARSER_WORKER_MAX_JOBS', '0'],
    ['PARSE_TIMEOUT_SECONDS', '1.5'],
    ['PARSE_MAX_ATTEMPTS', '0'],
    ['PARSE_DEADLINE_SECONDS', '120'],
    ['PARSE_SWEEP_SECONDS', '-1'],
    ['PUBLIC_BASE_URL', 'localhost:3000'],
    ['ALLOWED_HOSTS', 'mybox.lan:3000'],
    ['ALLOWED_HOSTS', 'http://mybox.lan'],
    ['ALLOWED_HOSTS', 'mybox.lan,evil.example/path'],
    ['ALLOWED_HOSTS', '::1'],
    ['UPLOAD_SIGNING_SECRET', 'short'],
    ['PARSER_COMMAND', 'python -m invoice_parser'],
    ['PARSER_COMMAND', '[]'],
    ['REQUIRE_SECOND_APPROVER', 'yes'],
  ])('throws naming %s when it is %j', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(variable);
  });
});

describe('compose', () => {
  it.each(['dynamo', 'LOCAL', 'AWS'])('throws naming STORAGE and the allowed values for %j', (storage) => {
    const dir = makeDataDir('compose');
    expect(() => compose(loadConfig({ STORAGE: storage, DATA_DIR: dir.dataDir }))).toThrow(/STORAGE must be one of: local, aws/);
    dir.remove();
  });
});
