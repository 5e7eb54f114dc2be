import { ApiObject, Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { resolveLabels } from '../../config/derive/tags.js';
import type { ClusterContext } from '../cluster-context.js';
import { teamNamespace } from '../team-namespaces.js';
import { SECRET_STORE } from './cluster-secret-store.js';
import { appSecretName, databaseSecretLookup, serviceSecretNames, type DatabaseSecretLookup } from './secret-paths.js';

const EXTERNAL_SECRET = { apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret' };

/** Both secrets hold `{"username","password"}`; extracting gives the Secret those two keys. */
function databaseSource(lookup: DatabaseSecretLookup): Record<string, unknown> {
  if (lookup.by === 'name') return { extract: { key: lookup.key } };
  // RDS rotates the secret under a generated name: find it by tag, then split its JSON into keys.
  return {
    find: { name: { regexp: lookup.nameRegexp }, tags: lookup.tags },
    rewrite: [{ merge: { strategy: 'Extract', conflictPolicy: 'Error' } }],
  };
}

/**
 * The Kubernetes Secrets of the TradeSense services, synced from Secrets
 * Manager: `<service>-app` from `<env>/<service>/app`, and for stateful
 * services `<service>-database` with the environment database's master
 * credentials (keys `username` and `password`), from the RDS-managed secret
 * or Aurora's replicated one (secret-paths.ts).
 * Secrets are retained when an ExternalSecret goes, so a bad sync cannot
 * delete the credentials a running pod needs. The Rollouts read them
 * (service-secret-refs.ts).
 */
export class ServiceSecretsChart extends Chart {
  constructor(scope: Construct, id: string, ctx: ClusterContext) {
    super(scope, id);
    const { config, target } = ctx;
    const refreshInterval = config.gitops.secretRefreshInterval;
    const storeRef = { kind: 'ClusterSecretStore', name: SECRET_STORE };
    const database = databaseSecretLookup(ctx);
    for (const service of [...config.services].sort((a, b) => a.name.localeCompare(b.name))) {
      const metadata = (name: string) => ({
        name,
        namespace: teamNamespace(service.team),
        labels: resolveLabels(config, target.envName, { Team: service.team, Service: service.name }),
      });
      const names = serviceSecretNames(ctx, service);
      new ApiObject(this, `${service.name}-app`, {
        ...EXTERNAL_SECRET,
        metadata: metadata(names.app),
        spec: {
          refreshInterval,
          secretStoreRef: storeRef,
          target: { name: names.app, creationPolicy: 'Owner', deletionPolicy: 'Retain' },
          dataFrom: [{ extract: { key: appSecretName(target.envName, service.name) } }],
        },
      });
      if (!names.database || !database) continue;
      new ApiObject(this, `${service.name}-database`, {
        ...EXTERNAL_SECRET,
        metadata: metadata(names.database),
        spec: {
          refreshInterval,
          secretStoreRef: storeRef,
          target: { name: names.database, creationPolicy: 'Owner', deletionPolicy: 'Retain' },
          dataFrom: [databaseSource(database)],
        },
      });
    }
  }
}
