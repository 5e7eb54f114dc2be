import { describe, expect, test } from 'vitest';
import { EXTERNAL_SECRETS_COMPONENTS } from '../../charts/external-secrets/components.js';
import { teamNamespace } from '../../config/derive/cluster-names.js';
import { clusterAt, clusterWith, findObject, findObjects, type K8sObject, renderedClusters } from '../support/manifests.js';
import { configWith, platformConfig } from '../support/platform.js';

const spec = (o: K8sObject) => o.spec as Record<string, any>;
const prodEast = clusterAt('prod/us-east-1');
const org = platformConfig().organization.name;

describe('ClusterSecretStore', () => {
  test.each([['prod/us-east-1'], ['prod/us-west-2'], ['dev/us-east-1']])(
    '%s reads Secrets Manager in its own region, no static credentials',
    (dir) => {
      const cluster = clusterAt(dir);
      const store = spec(findObject(cluster, { kind: 'ClusterSecretStore', name: 'aws-secrets-manager' }));
      expect(store.provider).toEqual({ aws: { service: 'SecretsManager', region: cluster.view.region } });
      expect(JSON.stringify(store)).not.toMatch(/secretRef|accessKeyID|auth/);
    },
  );

  test('only team namespaces and the platform namespaces that read secrets may use it', () => {
    const store = spec(findObject(prodEast, { kind: 'ClusterSecretStore' }));
    const teams = [...new Set(platformConfig().services.map((s) => teamNamespace(s.team)))].sort();
    expect(store.conditions).toEqual([{ namespaces: [...teams, 'falco', 'monitoring'] }]);
  });

  test('every ExternalSecret of every cluster lives in a namespace the store admits', () => {
    for (const cluster of renderedClusters()) {
      const admitted = spec(findObject(cluster, { kind: 'ClusterSecretStore' })).conditions[0].namespaces as string[];
      for (const es of findObjects(cluster, { kind: 'ExternalSecret' })) {
        expect(admitted, `${cluster.dir} ${es.metadata.namespace}/${es.metadata.name}`).toContain(es.metadata.namespace);
      }
    }
  });

  test("every secret an ExternalSecret reads is one the cluster's External Secrets role may read", () => {
    for (const cluster of renderedClusters()) {
      const keys = findObjects(cluster, { kind: 'ExternalSecret' }).flatMap((es) => [
        ...(spec(es).data ?? []).map((d: any) => d.remoteRef.key),
        ...(spec(es).dataFrom ?? []).flatMap((d: any) => (d.extract ? [d.extract.key] : [])),
      ]);
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) {
        expect(
          cluster.view.facts.secretPrefixes.some((p) => key.startsWith(p)),
          `${cluster.dir}: ${key}`,
        ).toBe(true);
      }
    }
  });

  test('the operator runs as the service account bound to its Pod Identity role', () => {
    const values = spec(findObject(prodEast, { kind: 'Application', name: 'external-secrets' })).source.helm.valuesObject;
    expect(values.serviceAccount).toEqual({ create: true, name: prodEast.view.facts.podIdentities['external-secrets'].serviceAccount });
    expect(values.image.repository).toBe(`${prodEast.view.facts.ecrRegistry}/ghcr/external-secrets/external-secrets`);
    expect(EXTERNAL_SECRETS_COMPONENTS[0]?.providesCrds).toContain('external-secrets.io/ExternalSecret');
  });
});

describe('service secrets', () => {
  test('every service gets <service>-app from <env>/<service>/app, kept when the ExternalSecret goes', () => {
    const app = spec(findObject(prodEast, { kind: 'ExternalSecret', name: 'order-gateway-app', namespace: 'team-trading' }));
    expect(app).toMatchObject({
      secretStoreRef: { kind: 'ClusterSecretStore', name: 'aws-secrets-manager' },
      target: { name: 'order-gateway-app', creationPolicy: 'Owner', deletionPolicy: 'Retain' },
      dataFrom: [{ extract: { key: 'prod/order-gateway/app' } }],
      refreshInterval: '1h',
    });
    expect(findObjects(prodEast, { kind: 'ExternalSecret' }).filter((e) => e.metadata.name.endsWith('-app'))).toHaveLength(4);
  });

  test('stateful services read the RDS-managed secret by the writer ARN tag, split into keys', () => {
    const db = spec(findObject(prodEast, { kind: 'ExternalSecret', name: 'risk-engine-database', namespace: 'team-risk' }));
    const primary = prodEast.view.region;
    expect(prodEast.view.role).toBe('primary');
    expect(db.dataFrom).toEqual([
      {
        find: {
          name: { regexp: '^rds!db-' },
          tags: {
            'aws:rds:primaryDBInstanceArn': `arn:aws:rds:${primary}:${prodEast.view.facts.accountId}:db:${org}-prod-postgres-${primary}`,
          },
        },
        rewrite: [{ merge: { strategy: 'Extract', conflictPolicy: 'Error' } }],
      },
    ]);
    expect(findObjects(prodEast, { kind: 'ExternalSecret', name: 'order-gateway-database' })).toEqual([]);
  });

  test('the secondary region cannot read the RDS-managed secret, so renders none', () => {
    expect(findObjects(clusterAt('prod/us-west-2'), { kind: 'ExternalSecret', name: 'risk-engine-database' })).toEqual([]);
  });

  test('with Aurora Global Database both regions extract its replicated secret by name', () => {
    const config = configWith((i) => {
      const prod = i.data?.prod;
      if (!prod) throw new Error('no data.prod in config');
      Object.assign(prod.database, { engine: 'aurora-postgres-global', engineVersion: '16.6' });
    });
    for (const dir of ['prod/us-east-1', 'prod/us-west-2']) {
      const db = spec(findObject(clusterWith(config, dir), { kind: 'ExternalSecret', name: 'risk-engine-database' }));
      expect(db.dataFrom).toEqual([{ extract: { key: `${org}-prod-aurora/master` } }]);
    }
  });
});
