import { describe, expect, test } from 'vitest';
import { serviceSecretNames } from '../../charts/external-secrets/secret-paths.js';
import { DATABASE_CREDENTIALS_DIR, DATABASE_CREDENTIALS_ENV } from '../../charts/external-secrets/service-secret-refs.js';
import { teamNamespace } from '../../config/derive/cluster-names.js';
import { externalSecretsConsumed } from '../../policies/cluster-state/external-secrets-consumed.js';
import { platformStates, stateContext } from '../support/cluster-state.js';
import { clusterAt, findObject, findObjects, renderedClusters } from '../support/manifests.js';
import { platformConfig } from '../support/platform.js';

const podSpec = (dir: string, service: string) => {
  const cluster = clusterAt(dir);
  const team = platformConfig().services.find((s) => s.name === service)?.team ?? '';
  return (findObject(cluster, { kind: 'Rollout', name: service, namespace: teamNamespace(team) }).spec as any).template.spec;
};

describe('the Rollouts read the service secrets External Secrets syncs', () => {
  test.each(renderedClusters().map((c) => [c.dir, c] as const))(
    '%s: every service reads <service>-app into its environment',
    (_dir, cluster) => {
      for (const service of platformConfig().services) {
        const rollout = findObjects(cluster, { kind: 'Rollout', name: service.name });
        if (rollout.length === 0) continue;
        const [container] = (rollout[0]?.spec as any).template.spec.containers;
        expect(container.envFrom, service.name).toEqual([
          { secretRef: { name: serviceSecretNames(service, cluster.view.database?.secret !== undefined).app } },
        ]);
        expect(
          findObject(cluster, { kind: 'ExternalSecret', name: `${service.name}-app`, namespace: teamNamespace(service.team) }),
        ).toBeDefined();
      }
    },
  );

  test('a stateful service mounts its database login as files (refreshed in place when RDS rotates it) where the cluster syncs one', () => {
    const spec = podSpec('prod/us-east-1', 'risk-engine');
    expect(spec.volumes).toContainEqual({
      name: 'database-credentials',
      secret: { secretName: 'risk-engine-database', defaultMode: 0o440 },
    });
    expect(spec.containers[0].volumeMounts).toContainEqual({
      name: 'database-credentials',
      mountPath: DATABASE_CREDENTIALS_DIR,
      readOnly: true,
    });
    expect(spec.containers[0].env).toContainEqual({ name: DATABASE_CREDENTIALS_ENV, value: DATABASE_CREDENTIALS_DIR });
    // The secondary region cannot read the RDS-managed secret: no mount of a Secret that would never exist.
    expect(JSON.stringify(podSpec('prod/us-west-2', 'risk-engine'))).not.toContain('risk-engine-database');
    expect(JSON.stringify(podSpec('prod/us-east-1', 'order-gateway'))).not.toContain('-database');
  });

  test('no synced Secret is left unread in any cluster', async () => {
    for (const state of await platformStates()) {
      expect(externalSecretsConsumed.check(state, stateContext(state.dir)).map((v) => `${state.dir} ${v.where}`)).toEqual([]);
    }
  });
});
