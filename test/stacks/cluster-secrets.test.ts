import { describe, expect, test } from 'vitest';
import { operatorSecrets } from '../../config/derive/secrets.js';
import { platformStates } from '../support/cluster-state.js';
import { platformConfig, resourcesOf, stackJson } from '../support/platform.js';

describe('<env>-global-cluster-secrets', () => {
  test('creates every secret the clusters read by name, empty, in the primary region and replicated to the other', () => {
    const secrets = resourcesOf('prod-global-cluster-secrets', 'aws_secretsmanager_secret');
    expect(secrets.map((s) => s.name).sort()).toEqual(operatorSecrets(platformConfig(), 'prod').map((s) => s.name));
    for (const s of secrets) {
      expect(s.replica).toEqual([{ region: 'us-west-2', kms_key_id: expect.stringMatching(/aws_kms_key\.key-us-west-2_key_/) }]);
      expect(s.kms_key_id).toMatch(/aws_kms_key\.key-us-east-1_key_/);
      expect(s.recovery_window_in_days).toBe(30);
    }
    expect(stackJson('prod-global-cluster-secrets').resource.aws_secretsmanager_secret_version).toBeUndefined();
    // A single-region environment has nothing to replicate to.
    for (const s of resourcesOf('dev-global-cluster-secrets', 'aws_secretsmanager_secret')) expect(s.replica ?? []).toEqual([]);
  });

  test('covers every secret name an ExternalSecret of any cluster reads', async () => {
    for (const state of await platformStates()) {
      const created = new Set(operatorSecrets(platformConfig(), state.envName).map((s) => s.name));
      const named = state.objects
        .filter((o) => o.kind === 'ExternalSecret')
        .flatMap((o) => {
          const spec = o.body.spec as { data?: { remoteRef: { key: string } }[]; dataFrom?: { extract?: { key: string } }[] };
          return [
            ...(spec.data ?? []).map((d) => d.remoteRef.key),
            ...(spec.dataFrom ?? []).flatMap((d) => (d.extract ? [d.extract.key] : [])),
          ];
        })
        .filter((key) => !key.includes('-aurora/'));
      expect(named.filter((key) => !created.has(key))).toEqual([]);
    }
  });
});
