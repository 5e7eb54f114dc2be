import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { environmentClusters, loadTestMatrix } from '../../../tools/drift/targets.js';
import { configWith, platformConfig } from '../../support/platform.js';

describe('CI targets from config', () => {
  it('lists the clusters of an environment for the post-deploy checks', () => {
    expect(environmentClusters(platformConfig(), 'prod')).toEqual([
      { region: 'us-east-1', cluster: 'tradesense-prod-us-east-1' },
      { region: 'us-west-2', cluster: 'tradesense-prod-us-west-2' },
    ]);
  });

  it('load-tests the services that have a script, in the staging cluster, in their team namespace', () => {
    const root = mkdtempSync(join(tmpdir(), 'load-tests-'));
    mkdirSync(join(root, 'load-tests'));
    writeFileSync(join(root, 'load-tests/order-gateway.js'), 'export default function () {}\n');
    expect(loadTestMatrix(platformConfig(), root)).toEqual([
      {
        environment: 'staging',
        region: 'us-east-1',
        role: 'arn:aws:iam::310987654321:role/github-actions-readonly',
        service: 'order-gateway',
        script: 'load-tests/order-gateway.js',
        namespace: 'team-trading',
        port: 8080,
        cluster: 'tradesense-staging-us-east-1',
      },
    ]);
  });

  it('needs a staging-tier environment for load tests', () => {
    const config = configWith((c) => {
      const staging = c.environments.staging;
      if (staging) staging.tier = 'development';
    });
    expect(() => loadTestMatrix(config, '.')).toThrow(/no staging-tier environment in config/);
  });
});
